/**
 * Import throughput with and without parse workers (decision 0903), in one run:
 * `npm run bench:eforms-import-workers -- [--notices N] [--rounds R] [--workers 0,1,2] [--batch N] [--dist]`
 * (and on PostgreSQL 15 too when BENCH_DATABASE_URL or TEST_DATABASE_URL is set; `--no-pglite`
 * skips the embedded database).
 *
 * The fixture notices (SDK examples and real TED notices) are replicated in memory to N notices,
 * each with its own BT-701, once; every run imports exactly those bytes with `importNotices`, as
 * the CLI does (operator import, batches of 200, market refresh and statistics at the end), into
 * a fresh database: an on-disk PGlite data directory, or a new PostgreSQL database (dropped
 * after). Creating and migrating the database is not timed. The configurations alternate within
 * each round (0,1 then 1,0 …) so a change in the machine's load falls on both; the load average
 * is printed at the start and end of every run. Compare only figures of the same run.
 *
 * Beside wall time it prints the CPU time the import used, in all and on its main thread (Linux),
 * and the rate the busiest thread allows (notices ÷ the larger of main-thread and other CPU
 * seconds): what two free cores would give if the threads overlapped perfectly. On PGlite the
 * database runs on the main thread, so this bound covers the whole import; on PostgreSQL the
 * server's own CPU is not counted and shares the same two cores.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type * as DbClient from '../../src/db/client.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import type { NoticeSource } from '../../src/interop/eforms/read-notice-sources.js';
import type * as ImportService from '../../src/server/features/notices/notice-import-service.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
// `--dist`: the compiled build (`npm run build:server` first), as `hansyn import eforms` and the
// server run it; otherwise the TypeScript sources through tsx (the worker then loads tsx too).
const from = args.includes('--dist') ? '../../dist' : '../../src';
const { openDatabase } = (await import(`${from}/db/client.js`)) as typeof DbClient;
const { importNotices } = (await import(`${from}/server/features/notices/notice-import-service.js`)) as typeof ImportService;
const FIXTURES = fileURLToPath(new URL('../fixtures/eforms/', import.meta.url));
const NOTICE_ID = /(<cbc:ID[^>]*schemeName="notice-id"[^>]*>)([^<]*)(<)/;

function replicate(count: number): Array<{ name: string; bytes: Uint8Array }> {
  const files = ['sdk-examples', 'real-notices'].flatMap((folder) =>
    readdirSync(join(FIXTURES, folder))
      .filter((name) => name.endsWith('.xml') && !name.startsWith('INVALID_') && !/^X0\d_/.test(name))
      .map((name) => ({ name, xml: readFileSync(join(FIXTURES, folder, name), 'utf8') })),
  );
  const encoder = new TextEncoder();
  const out: Array<{ name: string; bytes: Uint8Array }> = [];
  for (let n = 0; out.length < count; n += 1) {
    const file = files[n % files.length]!;
    const xml = file.xml.replace(NOTICE_ID, `$1bench-${n.toString(36)}-${randomBytes(3).toString('hex')}$3`);
    out.push({ name: `${Math.floor(n / files.length)}/${file.name}`, bytes: encoder.encode(xml) });
  }
  return out;
}

async function* feed(notices: ReadonlyArray<{ name: string; bytes: Uint8Array }>): AsyncGenerator<NoticeSource> {
  for (const notice of notices) yield notice;
}

interface Target {
  name: string;
  open: () => Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }>;
}

function pgliteTarget(root: string): Target {
  return {
    name: 'PGlite (disk)',
    open: async () => {
      const dataDir = join(root, `pglite-${randomBytes(3).toString('hex')}`);
      mkdirSync(dataDir, { recursive: true });
      const handle = await openDatabase({ kind: 'pglite', dataDir });
      await handle.migrate();
      return { handle, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
    },
  };
}

function postgresTarget(serverUrl: string): Target {
  return {
    name: 'PostgreSQL',
    open: async () => {
      const name = `hansyn_bench_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      const handle = await openDatabase({ kind: 'postgres', url: url.toString() });
      await handle.migrate();
      return {
        handle,
        drop: async () => {
          const cleanup = new pg.Client({ connectionString: serverUrl });
          await cleanup.connect();
          await cleanup.query(`drop database if exists ${name} with (force)`);
          await cleanup.end();
        },
      };
    },
  };
}

/**
 * CPU seconds of this process and of its main thread (Linux: the main thread's task has the
 * process id). On a loaded machine wall time mostly measures the other jobs; CPU time is what the
 * import itself used, and the main thread's share is what a second core cannot take over.
 */
function cpuSeconds(): { process: number; main: number } {
  const usage = process.cpuUsage();
  let main = Number.NaN;
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    main = (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks (USER_HZ 100)
  } catch {
    // not Linux: main-thread time unknown
  }
  return { process: (usage.user + usage.system) / 1e6, main };
}

const load = () => loadavg().map((value) => value.toFixed(1)).join(' ');
const uptime = () => {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return `load average ${load()}`;
  }
};

async function main(): Promise<void> {
  const count = Number(option('notices') ?? 3000);
  const rounds = Number(option('rounds') ?? 2);
  const batchSize = Number(option('batch') ?? 200);
  const configurations = (option('workers') ?? '0,1').split(',').map(Number);
  const root = mkdtempSync(join(tmpdir(), 'hansyn-import-workers-'));
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const targets = [...(args.includes('--no-pglite') ? [] : [pgliteTarget(root)]), ...(serverUrl ? [postgresTarget(serverUrl)] : [])];
  const notices = replicate(count);
  const megabytes = notices.reduce((sum, n) => sum + n.bytes.length, 0) / 1e6;
  console.log(
    `eForms import, parse workers vs in-thread: ${count} notices (${megabytes.toFixed(1)} MB), batches of ${batchSize}, ${rounds} round(s), code from ${from.slice(6)}`,
  );
  console.log(`start: ${uptime()}`);
  const rates = new Map<string, number[]>();
  const bounds = new Map<string, number[]>();
  try {
    for (let round = 0; round < rounds; round += 1) {
      const order = round % 2 === 0 ? configurations : [...configurations].reverse();
      for (const target of targets) {
        for (const parseWorkers of order) {
          const { handle, drop } = await target.open();
          try {
            const before = load();
            const cpuBefore = cpuSeconds();
            const start = process.hrtime.bigint();
            const summary = await importNotices(handle.db, feed(notices), { now: () => new Date(), by: { operator: 'bench' }, source: 'bench', batchSize, parseWorkers });
            const seconds = Number(process.hrtime.bigint() - start) / 1e9;
            const cpuAfter = cpuSeconds();
            const cpu = cpuAfter.process - cpuBefore.process;
            const mainCpu = cpuAfter.main - cpuBefore.main;
            // On two free cores the import can go no faster than its busiest thread (the main one, or
            // the rest: the parse worker(s), GC helpers). PostgreSQL's own work is in its server, not here.
            const bound = count / Math.max(mainCpu, cpu - mainCpu);
            const key2 = `${target.name}|${parseWorkers}`;
            bounds.set(key2, [...(bounds.get(key2) ?? []), bound]);
            if (summary.stored !== count) console.warn(`  ${summary.stored} of ${count} stored, ${summary.failed.length} failed`);
            const rate = count / seconds;
            const key = `${target.name}|${parseWorkers}`;
            rates.set(key, [...(rates.get(key) ?? []), rate]);
            console.log(
              `  round ${round + 1} ${target.name.padEnd(14)} ${parseWorkers === 0 ? 'in-thread' : `${parseWorkers} worker(s)`}: ` +
                `${seconds.toFixed(1)} s, ${rate.toFixed(0)} notices/s; CPU ${cpu.toFixed(1)} s, main thread ${mainCpu.toFixed(1)} s → ` +
                `${bound.toFixed(0)} notices/s CPU-bound on 2 free cores (load ${before} → ${load()})`,
            );
          } finally {
            await handle.close();
            await drop();
          }
        }
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  console.log(`end: ${uptime()}`);
  console.log(
    '\n| database | parsing | wall notices/s per round | mean | × in-thread | CPU-bound notices/s (2 free cores) | mean | × in-thread |\n|---|---|---|---:|---:|---|---:|---:|',
  );
  for (const target of targets) {
    const base = mean(rates.get(`${target.name}|0`) ?? []);
    const baseBound = mean(bounds.get(`${target.name}|0`) ?? []);
    for (const parseWorkers of configurations) {
      const list = rates.get(`${target.name}|${parseWorkers}`) ?? [];
      const boundList = bounds.get(`${target.name}|${parseWorkers}`) ?? [];
      const m = mean(list);
      const b = mean(boundList);
      console.log(
        `| ${target.name} | ${parseWorkers === 0 ? 'in-thread' : `${parseWorkers} worker(s)`} | ${list.map((r) => r.toFixed(0)).join(', ')} | ${m.toFixed(0)} | ` +
          `${base > 0 ? `×${(m / base).toFixed(2)}` : '–'} | ${boundList.map((r) => r.toFixed(0)).join(', ')} | ${b.toFixed(0)} | ${baseBound > 0 ? `×${(b / baseBound).toFixed(2)}` : '–'} |`,
      );
    }
  }
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

await main();
