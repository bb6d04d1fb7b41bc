import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { NoticeSource } from '../../../interop/eforms/read-notice-sources.js';
import type { PreparedNotice } from './notice-repository.js';
import { prepareNotice, type ImportFailure } from './prepare-notice.js';

/**
 * Parsing an import's notices in worker threads beside the thread that writes them (decision 0903).
 *
 * `prepareAhead` turns sources into prepared notices in the order read, whether it parses them
 * itself (no pool) or a pool does; the importer consumes both the same way. Memory stays bounded:
 * at most `aheadNotices` notices and, past the first, `aheadBytes` of notice XML are read and not
 * yet consumed, and nothing more is read until the importer takes the next one (it stops taking
 * while a full batch waits for the one being written).
 */

type Prepared = PreparedNotice | ImportFailure;

interface Pending {
  resolve: (prepared: Prepared) => void;
  reject: (error: Error) => void;
}

type WorkerAnswer = { id: number; prepared: Prepared } | { id: number; thrown: string };

/**
 * Where the worker's code is: next to this module, compiled (`.js` in dist) or as TypeScript
 * (tests, benches and `npm run dev` run the sources through tsx, which a worker must load itself).
 */
function startWorker(): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const entry = new URL('./notice-parse-worker.ts', here).href;
    const tsx = tsxEsmApi(here);
    const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); })`;
    return new Worker(boot, { eval: true });
  }
  return new Worker(new URL('./notice-parse-worker.js', here));
}

/** tsx's ESM register API, resolved from here (a bare specifier in the worker would resolve from the working directory). */
function tsxEsmApi(from: string): string {
  const manifestPath = createRequire(from).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(manifestPath), manifest.exports['./esm/api']!.import.default)).href;
}

export class NoticeParsePool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private nextWorker = 0;
  private broken: Error | null = null;
  private closed = false;

  constructor(size: number) {
    for (let i = 0; i < size; i += 1) {
      const worker = startWorker();
      worker.on('message', (answer: WorkerAnswer) => this.answer(answer));
      worker.on('error', (error) => this.fail(error instanceof Error ? error : new Error(String(error))));
      worker.on('exit', (code) => {
        if (!this.closed) this.fail(new Error(`A notice parse worker stopped (exit code ${code}).`));
      });
      this.workers.push(worker);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** Parses one notice in a worker; answers in the order asked per worker (round robin). */
  prepare(name: string, bytes: Uint8Array): Promise<Prepared> {
    if (this.broken !== null) return Promise.reject(this.broken);
    const id = this.nextId++;
    const worker = this.workers[this.nextWorker]!;
    this.nextWorker = (this.nextWorker + 1) % this.workers.length;
    // A copy of just this notice's bytes, handed over without a second copy (the source may be a
    // view into a larger buffer, which structured cloning would copy whole).
    const copy = new Uint8Array(bytes);
    return new Promise<Prepared>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, name, bytes: copy }, [copy.buffer]);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.fail(new Error('The notice parse pool was closed.'));
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private answer(answer: WorkerAnswer): void {
    const waiting = this.pending.get(answer.id);
    if (waiting === undefined) return;
    this.pending.delete(answer.id);
    if ('thrown' in answer) waiting.reject(new Error(answer.thrown));
    else waiting.resolve(answer.prepared);
  }

  private fail(error: Error): void {
    this.broken ??= error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

interface AheadLimits {
  /** Notices read but not yet consumed (default 32 per worker). */
  aheadNotices?: number;
  /** Bytes of notice XML read but not yet consumed, past the first notice (default 8 MiB). */
  aheadBytes?: number;
}

const DEFAULT_AHEAD_PER_WORKER = 32;
const DEFAULT_AHEAD_BYTES = 8 * 1024 * 1024;

/**
 * Prepared notices in the order their sources were read, with their size in bytes. Without a pool
 * each is parsed here when asked for, exactly as before; with one, up to the limits are parsed
 * ahead in the workers. A source that fails to read is reported in its place, and an error of the
 * source iterator (a broken archive) is thrown only after the notices read before it, as without
 * a pool.
 */
export async function* prepareAhead(
  sources: AsyncIterable<NoticeSource>,
  pool: NoticeParsePool | null,
  limits: AheadLimits = {},
): AsyncGenerator<{ prepared: Prepared; size: number }> {
  if (pool === null) {
    for await (const source of sources) yield { prepared: prepareNotice(source), size: 'bytes' in source ? source.bytes.length : 0 };
    return;
  }
  const maxNotices = Math.max(1, limits.aheadNotices ?? DEFAULT_AHEAD_PER_WORKER * pool.size);
  const maxBytes = limits.aheadBytes ?? DEFAULT_AHEAD_BYTES;
  const queue: Array<{ prepared: Promise<Prepared>; size: number }> = [];
  let bytesAhead = 0;
  let readError: { error: unknown } | null = null;
  let exhausted = false;
  const iterator = sources[Symbol.asyncIterator]();
  try {
    for (;;) {
      while (!exhausted && queue.length < maxNotices && (queue.length === 0 || bytesAhead < maxBytes)) {
        let next: IteratorResult<NoticeSource>;
        try {
          next = await iterator.next();
        } catch (error) {
          readError = { error };
          exhausted = true;
          break;
        }
        if (next.done === true) {
          exhausted = true;
          break;
        }
        const source = next.value;
        const size = 'bytes' in source ? source.bytes.length : 0;
        const prepared = 'bytes' in source ? pool.prepare(source.name, source.bytes) : Promise.resolve(prepareNotice(source));
        // Observed at once so a failure while it waits its turn is not "unhandled"; awaited below.
        prepared.catch(() => undefined);
        queue.push({ prepared, size });
        bytesAhead += size;
      }
      const head = queue.shift();
      if (head === undefined) break;
      bytesAhead -= head.size;
      yield { prepared: await head.prepared, size: head.size };
    }
    if (readError !== null) throw readError.error;
  } finally {
    if (!exhausted) await iterator.return?.();
  }
}
