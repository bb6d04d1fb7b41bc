/**
 * API latency under load: `npm run bench:api [-- --postgres] [--duration 10] [--connections 32]`.
 *
 * Seeds the national-scale demo data set (≈100,000 procurements in 290 municipalities) into a
 * fresh temporary database (embedded PGlite, or with --postgres a new database on
 * postgres://postgres@127.0.0.1:5432, overridable with BENCH_POSTGRES_URL), starts the real
 * server as a separate process (`node bin/hansyn.js serve`), signs in as Göteborg's demo
 * coordinator and loads four endpoints of that one server with autocannon from this process,
 * one after the other: GET /api/health (baseline), the register list filtered by unit, a
 * free-text search and one procurement. Then it restarts the server with the register list
 * cache off (HANSYN_LIST_CACHE_ENTRIES=0) and loads the list and the search again, the figures
 * for a cache miss. Prints figures; asserts nothing.
 *
 * The realistic mix (tests/bench/api-mix.ts) runs on both servers too: many signed-in users of
 * several organisations and roles open random procurement pages, their home lists, filtered
 * lists and searches, while a writer edits procurements in between (`--writes-per-second`), so
 * the list cache answers what a day of use lets it answer; the hit rate is read from the
 * server's own metrics (hansyn_cache_lookups_total) and printed beside the figures, with the CPU
 * time per request of the server, a local PostgreSQL and this process (the load generator, whose
 * figure shows the machine's speed in that run) and the host's steal.
 *
 * `--root <dir>` serves from another checkout's build (figures before a change, same run conditions).
 * `--reuse <data directory | postgres URL>` loads an already seeded national database instead of
 * seeding a new one (seed one with `--keep`); the mix's writes stay in it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { openDatabase, type DatabaseTarget } from '../../src/db/client.js';
import { DEMO_PASSWORD, seedDemo } from '../../src/db/seed/seed-demo.js';
import { cacheLookups, prepareMix, runMix } from './api-mix.js';
import { createServerDatabase } from '../support/test-database.js';
import { cpuSeconds, figuresRow, machineTicks, freePort, loadUrl, waitReady, type LoadFigures } from './bench-support.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const { values } = parseArgs({
  options: {
    postgres: { type: 'boolean', default: false },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
    /** Another checkout (with its own dist/) to serve from, e.g. the code before a change. */
    root: { type: 'string' },
    'writes-per-second': { type: 'string', default: '5' },
    only: { type: 'string' },
  },
});
const writesPerSecond = Number(values['writes-per-second']);
/** `--only mix` skips the single-URL rows (the health baseline always runs). */
const only = values.only ?? 'all';
const duration = Number(values.duration);
const connections = Number(values.connections);

async function main(): Promise<void> {
  const reuse = values.reuse;
  const dataDir = reuse !== undefined && !reuse.startsWith('postgres') ? reuse : mkdtempSync(join(tmpdir(), 'hansyn-bench-'));
  let target: DatabaseTarget = { kind: 'pglite', dataDir };
  let dropDatabase: (() => Promise<void>) | null = null;
  if (reuse?.startsWith('postgres')) {
    target = { kind: 'postgres', url: reuse };
  } else if (values.postgres && reuse === undefined) {
    const base = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const server = await createServerDatabase(base, 'hansyn_bench');
    target = { kind: 'postgres', url: server.url };
    dropDatabase = server.drop;
  }

  let server: ChildProcess | null = null;
  try {
    const seedStarted = Date.now();
    let seeded = { organisations: 0, procurements: 0 };
    if (reuse === undefined) {
      const handle = await openDatabase(target);
      await handle.migrate();
      seeded = await seedDemo(handle.db, {
        now: new Date(),
        scale: 'national',
        onProgress: (done, total) => {
          if (done % 50 === 0 || done === total) process.stderr.write(`\rSeeding organisations: ${done}/${total}`);
        },
      });
      await handle.close();
      process.stderr.write('\n');
    }
    const seedSeconds = (Date.now() - seedStarted) / 1000;

    const startServer = async (extraEnv: Record<string, string>) => {
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const root = resolve(values.root ?? ROOT);
      const child = spawn(process.execPath, [join(root, 'bin', 'hansyn.js'), 'serve'], {
        cwd: root,
        env: {
          ...process.env,
          HOST: '127.0.0.1',
          PORT: String(port),
          HANSYN_DATA_DIR: dataDir,
          HANSYN_DEMO: 'false',
          LOG_LEVEL: 'warn',
          // The mix signs in dozens of users from one address.
          HANSYN_LOGIN_IP_RATE_LIMIT: '10000',
          ...(target.kind === 'postgres' ? { DATABASE_URL: target.url } : { DATABASE_URL: '' }),
          ...extraEnv,
        },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      server = child;
      await waitReady(base, child);
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'coordinator@goteborg.example', password: DEMO_PASSWORD }),
      });
      if (!login.ok) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
      const cookie = login.headers.getSetCookie().find((c) => c.startsWith('hansyn_session='))!.split(';')[0]!;
      return { base, headers: { cookie }, pid: child.pid! };
    };
    const stopServer = async () => {
      const child = server;
      if (!child || child.exitCode !== null) return;
      // Let the requests autocannon left in flight finish before shutting down.
      await new Promise((r) => setTimeout(r, 1_000));
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    };

    const loads: number[][] = [loadavg()];
    const { base, headers, pid } = await startServer({});
    const first = (await (await fetch(`${base}/api/procurements?pageSize=1`, { headers })).json()) as {
      items: Array<{ id: string; unit: { id: string } }>;
      total: number;
    };
    const procurement = first.items[0]!;
    const listPath = `/api/procurements?unitId=${procurement.unit.id}&pageSize=25`;
    const searchPath = `/api/procurements?q=${encodeURIComponent('städ')}&pageSize=25`;

    const endpoints: Array<[string, string]> = [
      ['GET /api/health (baseline)', `${base}/api/health`],
      ['list, unit filter (25/page)', `${base}${listPath}`],
      ['search q=städ', `${base}${searchPath}`],
      ['one procurement', `${base}/api/procurements/${procurement.id}`],
    ];
    const figures: LoadFigures[] = [];
    const load = (name: string, url: string, headers: Record<string, string>, seconds: number) => loadUrl(name, url, headers, { connections, seconds });
    for (const [name, url] of only === 'mix' ? endpoints.slice(0, 1) : endpoints) {
      await load(name, url, headers, 2); // warm-up, not counted
      figures.push(await load(name, url, headers, duration));
    }
    const mixFigures = async (label: string, server: { base: string; pid: number }) => {
      const mix = await prepareMix(server.base, DEMO_PASSWORD);
      const lookupsBefore = await cacheLookups(server.base);
      // CPU time per request, the figure this machine's speed moves least: the server process, the
      // PostgreSQL processes (a server on this machine only) and this process (the load generator).
      const serverPid = server.pid;
      const localPostgres = target.kind === 'postgres' && /@(127\.0\.0\.1|localhost)[:/]/.test(target.url);
      const cpuBefore = { server: cpuSeconds([serverPid]), postgres: localPostgres ? cpuSeconds('postgres') : null, bench: process.cpuUsage(), machine: machineTicks() };
      const result = await runMix(server.base, mix, { connections, seconds: duration, writesPerSecond });
      const requests = result.requestsPerSecond * duration;
      const perRequest = (after: number | null, before: number | null) => (after === null || before === null ? '–' : `${((1000 * (after - before)) / requests).toFixed(2)} ms`);
      const benchCpu = process.cpuUsage(cpuBefore.bench);
      const machine = machineTicks();
      const stolen = machine === null || cpuBefore.machine === null ? '' : `; stolen by the host: ${((100 * (machine.steal - cpuBefore.machine.steal)) / (machine.total - cpuBefore.machine.total)).toFixed(0)} % of the machine's CPU time`;
      const cpu = `CPU per request: server ${perRequest(cpuSeconds([serverPid]), cpuBefore.server)}, PostgreSQL ${perRequest(localPostgres ? cpuSeconds('postgres') : null, cpuBefore.postgres)}, load generator ${perRequest((benchCpu.user + benchCpu.system) / 1e6, 0)}${stolen}`;
      const lookupsAfter = await cacheLookups(server.base);
      // Each cache's lookups during the mix: hits, misses and both.
      const during = (cache: string) => {
        const hit = lookupsAfter(cache).hit - lookupsBefore(cache).hit;
        const miss = lookupsAfter(cache).miss - lookupsBefore(cache).miss;
        return { hit, miss, all: hit + miss };
      };
      // Procurement pages answered from the page cache (decision 0914).
      const pages = during('procurement_page');
      const pageRate = pages.all === 0 ? '' : `; page cache hit rate ${((100 * pages.hit) / pages.all).toFixed(0)} % of ${pages.all} pages`;
      // Misses cut from a register snapshot (decision 0913) and snapshots read for them; of their
      // searches, those that asked the database for their ids (decision 0916).
      const snapshotLookups = during('register_snapshot');
      const searches = during('register_search');
      const searched = searches.all === 0 ? '' : ` (${searches.miss} of their ${searches.all} searches asked the database)`;
      const snapshots = snapshotLookups.all === 0 ? '' : `, ${snapshotLookups.miss} register snapshots read for the ${snapshotLookups.all} misses${searched}`;
      const lists = during('register_list');
      const hitRate = lists.all === 0 ? 'no cache' : `list cache hit rate ${((100 * lists.hit) / lists.all).toFixed(0)} % of ${lists.all} lists${snapshots}${pageRate}`;
      figures.push({
        name: label,
        requestsPerSecond: result.requestsPerSecond,
        p50: result.p50,
        p99: result.p99,
        non2xx: result.non2xx,
        errors: result.errors,
        note: `${mix.users} users in ${mix.organisations} organisations; ${hitRate}; ${result.writes} writes (${result.writeFailures} refused); ${cpu}${result.statuses ? `; non-2xx: ${result.statuses}` : ''}${result.errors ? `; ${result.errors} errors or timeouts` : ''}`,
      });
    };
    await mixFigures('realistic mix', { base, pid });
    loads.push(loadavg());
    await stopServer();

    // The same list, search and page with the caches off (docs/decisions/0202, 0914): every
    // request runs its query, as a first visit or the first read after a write does.
    const uncached = await startServer({ HANSYN_LIST_CACHE_ENTRIES: '0' });
    for (const [name, path] of only === 'mix'
      ? []
      : ([
          ['list, unit filter, cache off', listPath],
          ['search q=städ, cache off', searchPath],
          ['one procurement, cache off', `/api/procurements/${procurement.id}`],
        ] as const)) {
      await load(name, `${uncached.base}${path}`, uncached.headers, 2);
      figures.push(await load(name, `${uncached.base}${path}`, uncached.headers, duration));
    }
    await mixFigures('realistic mix, cache off', uncached);
    loads.push(loadavg());
    await stopServer();

    const baseline = figures[0]!;
    const lines = [
      reuse === undefined
        ? `Database: ${target.kind}; ${seeded.organisations} organisations, ${seeded.procurements} procurements, seeded in ${seedSeconds.toFixed(1)} s`
        : `Database: ${target.kind}; the national data set seeded earlier (--reuse), with the writes of earlier runs`,
      `Load: ${connections} connections, ${duration} s per endpoint, server and load generator in separate processes on ${(await import('node:os')).cpus().length} cores`,
      `Load average (1, 5, 15 min) at start, after the cached server, at the end: ${loads.map((l) => l.map((x) => x.toFixed(1)).join(' ')).join(' | ')}`,
      '',
      '| endpoint | req/s | p50 ms | p99 ms | req/s vs baseline | non-2xx |',
      '|---|---:|---:|---:|---:|---:|',
      ...figures.map(
        (f) =>
          figuresRow(f, baseline),
      ),
      '',
      ...figures.filter((f) => f.note).map((f) => `${f.name}: ${f.note}`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    const child = server as ChildProcess | null;
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    if (dropDatabase && !values.keep) await dropDatabase();
    else if (target.kind === 'postgres' && reuse === undefined) process.stderr.write(`Kept ${target.url}\n`);
    // The data directory holds the database on PGlite only; on PostgreSQL it stayed empty.
    if (reuse !== undefined && target.kind === 'pglite') {
      /* the reused data directory stays */
    } else if (!values.keep || target.kind === 'postgres') rmSync(dataDir, { recursive: true, force: true });
    else process.stderr.write(`Kept ${dataDir}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
