import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { createServerDatabase } from '../support/test-database.js';
import type { NoticeSource } from '../../src/interop/eforms/read-notice-sources.js';
import { importNotices } from '../../src/server/features/notices/notice-import-service.js';
import type { BenchStage } from './eforms-bench.js';

/**
 * Import stages for `runEformsBench`: each buffers notices and imports them with `importNotices`
 * every `batchSize` files (one import run per batch, the same code path as the CLI). Each file
 * gets a fresh BT-701 so replicas are stored rather than skipped.
 */

const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();
const NOTICE_ID = /(<cbc:ID[^>]*schemeName="notice-id"[^>]*>)([^<]*)(<)/;

/**
 * One import run for the whole benchmark, as the CLI does it (one refresh of the market cells at the
 * end): the stage feeds `importNotices` through a queue and waits after each notice until the
 * importer asks for the next, so its parsing and every batch write are timed in this stage.
 */
function importStage(name: string, handle: DatabaseHandle, batchSize: number): BenchStage {
  const queue: NoticeSource[] = [];
  let closed = false;
  let wake: (() => void) | null = null;
  let hungry: (() => void) | null = null;
  let counter = 0;
  async function* sources(): AsyncGenerator<NoticeSource> {
    for (;;) {
      const next = queue.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      if (closed) return;
      hungry?.();
      await new Promise<void>((resolve) => (wake = resolve));
    }
  }
  let run: Promise<unknown> | null = null;
  const start = () =>
    (run ??= importNotices(handle.db, sources(), { now: () => new Date(), by: { operator: 'bench' }, source: 'bench', batchSize }).then((summary) => {
      if (summary.failed.length > 0) console.warn(`${name}: ${summary.failed.length} failed, e.g. ${summary.failed[0]!.error}`);
    }));
  return {
    name,
    run: async (bytes) => {
      start();
      counter += 1;
      const unique = `bench-${counter.toString(36)}-${randomBytes(4).toString('hex')}`;
      const xml = decoder.decode(bytes).replace(NOTICE_ID, `$1${unique}$3`);
      queue.push({ name: `bench/${counter}.xml`, bytes: encoder.encode(xml) });
      const waiting = wake;
      wake = null;
      waiting?.();
      // Wait until the importer has taken this notice (parsed it, and stored the batch when full)
      // and asks for the next, so all its work is timed here and not in another stage.
      await new Promise<void>((resolve) => (hungry = resolve));
      return true;
    },
    finish: async () => {
      closed = true;
      const waiting = wake;
      wake = null;
      waiting?.();
      await start();
    },
  };
}

export async function importStages(options: { pgliteDir: string; postgresUrl: string | undefined; batchSize?: number }) {
  const batchSize = options.batchSize ?? 200;
  mkdirSync(options.pgliteDir, { recursive: true });
  const handles: Array<{ name: string; handle: DatabaseHandle }> = [];
  const lite = await openDatabase({ kind: 'pglite', dataDir: options.pgliteDir });
  await lite.migrate();
  handles.push({ name: 'import → PGlite (disk)', handle: lite });
  let dropDatabase: (() => Promise<void>) | null = null;
  if (options.postgresUrl) {
    const database = await createServerDatabase(options.postgresUrl, 'hansyn_bench');
    const server = await openDatabase({ kind: 'postgres', url: database.url });
    await server.migrate();
    handles.push({ name: 'import → PostgreSQL', handle: server });
    dropDatabase = database.drop;
  }
  return {
    stages: handles.map(({ name, handle }) => importStage(`${name} (batch ${batchSize})`, handle, batchSize)),
    describe: async () => {
      const lines: string[] = [];
      for (const { name, handle } of handles) {
        const result = (await handle.db.execute(
          sql`select count(*)::int as n, pg_size_pretty(pg_total_relation_size('notices')) as notices, pg_size_pretty(pg_total_relation_size('notice_documents')) as documents from notices`,
        )) as unknown as { rows: Array<{ n: number; notices: string; documents: string }> };
        const row = result.rows[0]!;
        lines.push(`  ${name}: ${row.n} notices stored; notices ${row.notices}, notice_documents ${row.documents}`);
      }
      return lines.join('\n');
    },
    close: async () => {
      for (const { handle } of handles) await handle.close();
      await dropDatabase?.();
    },
  };
}
