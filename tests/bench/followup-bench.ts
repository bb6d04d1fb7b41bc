/**
 * Follow-up at national scale: `npm run bench:followup [-- --postgres] [--duration 10] [--connections 32]`.
 *
 * Seeds the national demo data set (290 municipalities) into a fresh temporary database, then
 * 20,000 contracts with an employment condition each, 200,000 placements and the quarterly
 * reports (about 5 % missing), in bulk. Times the daily follow-up check in this process
 * (runDailyFollowUpCheck over every organisation, as the job queue runs it), then starts the
 * real server as a separate process, signs in as Göteborg's demo coordinator and loads, one
 * after the other, GET /api/health (baseline), one contract page (GET /api/contracts/{id}),
 * its fulfilment, and the follow-up queue, with autocannon. Prints figures; asserts nothing.
 * Answers with a status other than 2xx and the load generator's timeouts are counted apart.
 *
 * `--scale 0.1` seeds contracts in only the first tenth of the organisations (Göteborg first),
 * each with the same number as at full scale (≈69), so the pages loaded have the national shape
 * while seeding takes a tenth of the time; the printed header says which scale ran.
 * `--keep` keeps the database, `--reuse <data directory | postgres URL>` loads one kept earlier
 * (no seeding), `--root <dir>` serves from another checkout's build (figures before a change).
 * The follow-up caches (decisions 0911, 0432) are on unless HANSYN_LIST_CACHE_ENTRIES=0; the server is
 * then restarted with it off and the three pages loaded again (what a page costs after a write).
 * `--profile <n>` loads nothing over HTTP: it times, in this process and one request after the
 * other, n contract pages and n fulfilments phase by phase (the one statement, the whole service
 * call, the request through `app.inject` with auth and serialisation), with the cache off and on,
 * and the daily check; the time one request holds the server's thread decides p99 at 32
 * connections on the embedded database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database, type DatabaseTarget } from '../../src/db/client.js';
import { contracts, organisations, periodReports, placements } from '../../src/db/schema/index.js';
import { createRandom } from '../../src/db/seed/generate-demo-data.js';
import { DEMO_PASSWORD, seedDemo } from '../../src/db/seed/seed-demo.js';
import { reportingPeriods } from '../../src/domain/follow-up/reporting-periods.js';
import { runDailyFollowUpCheck } from '../../src/server/features/contracts/follow-up-service.js';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { findContractWith } from '../../src/server/features/contracts/contract-repository.js';
import { fulfilmentOf, getContract } from '../../src/server/features/contracts/contract-service.js';
import { createServerDatabase } from '../support/test-database.js';
import { freePort, loadUrl, type LoadFigures, insertAll, seedBenchContracts, waitReady } from './bench-support.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({
  options: {
    postgres: { type: 'boolean', default: false },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    contracts: { type: 'string', default: '20000' },
    placements: { type: 'string', default: '10' },
    scale: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
    root: { type: 'string' },
    profile: { type: 'string' },
  },
});
const SCALE = Number(values.scale);
const duration = Number(values.duration);
const connections = Number(values.connections);
const CONTRACTS = Number(values.contracts);
const PLACEMENTS_PER_CONTRACT = Number(values.placements);
const AS_OF = '2026-06-15';

/** 20,000 contracts spread over the organisations' procurements, 10 placements each, reports. */
async function seedContracts(db: Database): Promise<{ contracts: number; placements: number; reports: number }> {
  const random = createRandom(1234);
  const allOrgs = await db.select({ id: organisations.id, slug: organisations.slug }).from(organisations).orderBy(organisations.createdAt);
  const perOrg = Math.ceil(CONTRACTS / allOrgs.length);
  // Göteborg first, then in seeding order; a smaller scale keeps the first organisations only.
  const orgs = [...allOrgs.filter((o) => o.slug === 'goteborg'), ...allOrgs.filter((o) => o.slug !== 'goteborg')].slice(0, Math.max(1, Math.ceil(allOrgs.length * SCALE)));
  let reportCount = 0;
  const seeded = await seedBenchContracts(db, {
    organisations: orgs,
    contractsPerOrganisation: perOrg,
    contractsInAll: Math.min(CONTRACTS, perOrg * orgs.length),
    placementsPerContract: PLACEMENTS_PER_CONTRACT,
    random,
    afterOrganisation: async (organisationId, inserted) => {
      const reportValues = inserted.flatMap((c) =>
        reportingPeriods(c, 3)
          .filter((p) => p.dueOn < AS_OF && random() > 0.05)
          .map((p) => ({ organisationId, contractId: c.id, periodSequence: p.sequence, periodStartsOn: p.startsOn, periodEndsOn: p.endsOn, reportedOn: p.dueOn, summary: {} })),
      );
      await insertAll(reportValues, (batch) => db.insert(periodReports).values(batch));
      reportCount += reportValues.length;
    },
  });
  await db.execute(sql`analyze`);
  return { ...seeded, reports: reportCount };
}

/** Milliseconds per call of `run`, n calls one after the other: mean, p50 and p99 (wall clock), mean CPU. */
async function timeCalls(n: number, run: () => Promise<unknown>): Promise<string> {
  const times: number[] = [];
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < n; i += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  const cpu = process.cpuUsage(cpuStart);
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  const mean = times.reduce((a, b) => a + b, 0) / n;
  return `${mean.toFixed(2)} | ${at(0.5).toFixed(2)} | ${at(0.99).toFixed(2)} | ${((cpu.user + cpu.system) / 1000 / n).toFixed(2)}`;
}

/** In-process service time of the contract page and its fulfilment, phase by phase (`--profile`). */
async function profile(target: DatabaseTarget, rounds: number): Promise<string[]> {
  const lines = [`In-process service time, ${rounds} requests one after the other, Göteborg's coordinator, one running contract (ms per request):`, '', '| phase | mean | p50 | p99 | CPU mean |', '|---|---:|---:|---:|---:|'];
  for (const cacheEntries of ['0', '500']) {
    const handle = await openDatabase(target);
    const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', HANSYN_LOGIN_RATE_LIMIT: '1000', HANSYN_LIST_CACHE_ENTRIES: cacheEntries }), database: handle });
    try {
      await app.ready();
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'coordinator@goteborg.example', password: DEMO_PASSWORD } });
      if (login.statusCode !== 200) throw new Error(`sign-in failed: ${login.statusCode} ${login.body}`);
      const cookie = login.headers['set-cookie'];
      const headers = { cookie: (Array.isArray(cookie) ? cookie : [cookie!]).find((c) => c.startsWith('hansyn_session='))!.split(';')[0]! };
      const list = (await app.inject({ method: 'GET', url: `/api/contracts?pageSize=1&active=true&asOf=${AS_OF}`, headers })).json() as { items: Array<{ id: string }> };
      const contractId = list.items[0]!.id;
      const organisationId = (await handle.db.select({ id: organisations.id }).from(organisations).where(sql`slug = 'goteborg'`))[0]!.id;
      const [user] = (await handle.db.execute(sql`select id from users where email = 'coordinator@goteborg.example'`) as unknown as { rows: Array<{ id: string }> }).rows;
      const actor = { userId: user!.id, organisationId, memberships: [{ role: 'coordinator' as const, unitIds: null }] };
      const suffix = cacheEntries === '0' ? ', cache off' : ', cache on';
      const phases: Array<[string, () => Promise<unknown>]> = [
        ['GET /api/health (inject, baseline)', () => app.inject({ method: 'GET', url: '/api/health' })],
        ['contract page: findContractWith (the one statement)', () => findContractWith(handle.db, organisationId, contractId, ['commitments', 'placements', 'deviations', 'amendments'])],
        ['contract page: getContract (service, no HTTP)', () => getContract(handle.db, actor, contractId)],
        ['contract page: GET /api/contracts/{id} (inject)', () => app.inject({ method: 'GET', url: `/api/contracts/${contractId}`, headers })],
        ['fulfilment: findContractWith (the one statement)', () => findContractWith(handle.db, organisationId, contractId, ['commitments', 'placements', 'reports', 'sanctionSteps'])],
        ['fulfilment: fulfilmentOf (service, no HTTP)', () => fulfilmentOf(handle.db, actor, contractId, AS_OF)],
        ['fulfilment: GET …/fulfilment (inject)', () => app.inject({ method: 'GET', url: `/api/contracts/${contractId}/fulfilment?asOf=${AS_OF}`, headers })],
      ];
      for (const [name, run] of phases) {
        if (cacheEntries !== '0' && !name.includes('inject')) continue;
        await timeCalls(Math.max(5, Math.floor(rounds / 10)), run); // warm up
        lines.push(`| ${name}${suffix} | ${await timeCalls(rounds, run)} |`);
      }
    } finally {
      await app.close();
      await handle.close();
    }
  }
  return lines;
}

async function main(): Promise<void> {
  const reuse = values.reuse;
  const dataDir = reuse !== undefined && !reuse.startsWith('postgres') ? reuse : mkdtempSync(join(tmpdir(), 'hansyn-followup-bench-'));
  let target: DatabaseTarget = { kind: 'pglite', dataDir };
  let dropDatabase: (() => Promise<void>) | null = null;
  if (reuse?.startsWith('postgres')) {
    target = { kind: 'postgres', url: reuse };
  } else if (values.postgres && reuse === undefined) {
    const base = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const server = await createServerDatabase(base, 'hansyn_fbench');
    target = { kind: 'postgres', url: server.url };
    dropDatabase = server.drop;
  }
  let server: ChildProcess | null = null;
  try {
    const seedStarted = Date.now();
    const handle = await openDatabase(target);
    await handle.migrate();
    let seeded = { organisations: 0 };
    let contractSeed = { contracts: 0, placements: 0, reports: 0 };
    if (reuse === undefined) {
      seeded = await seedDemo(handle.db, { now: new Date(), scale: 'national', onProgress: (done, total) => done % 50 === 0 && process.stderr.write(`\rSeeding organisations: ${done}/${total}`) });
      process.stderr.write('\n');
      contractSeed = await seedContracts(handle.db);
    } else {
      const count = async (table: typeof contracts | typeof placements | typeof periodReports | typeof organisations) => Number((await handle.db.select({ n: sql<number>`count(*)` }).from(table))[0]!.n);
      seeded = { organisations: await count(organisations) };
      contractSeed = { contracts: await count(contracts), placements: await count(placements), reports: await count(periodReports) };
    }
    const seedSeconds = (Date.now() - seedStarted) / 1000;

    const checkStarted = Date.now();
    const first = await runDailyFollowUpCheck(handle.db, AS_OF, new Date(`${AS_OF}T04:00:00Z`));
    const checkSeconds = (Date.now() - checkStarted) / 1000;
    const againStarted = Date.now();
    const second = await runDailyFollowUpCheck(handle.db, AS_OF, new Date(`${AS_OF}T04:00:00Z`));
    const againSeconds = (Date.now() - againStarted) / 1000;
    await handle.close();
    if (values.profile !== undefined) {
      const lines = [
        `Database: ${target.kind}; ${seeded.organisations} organisations, ${contractSeed.contracts} contracts, ${contractSeed.placements} placements, ${contractSeed.reports} reports; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`,
        `Daily check (all organisations, as of ${AS_OF}): ${checkSeconds.toFixed(1)} s for ${first.contractsChecked} contracts, ${first.deviationsFound.length} deviations; a second run the same day ${againSeconds.toFixed(1)} s`,
        ...(await profile(target, Number(values.profile))),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
      return;
    }

    const loads: number[][] = [loadavg()];
    const startServer = async (extraEnv: Record<string, string>) => {
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const root = resolve(values.root ?? ROOT);
      const child = spawn(process.execPath, [join(root, 'bin', 'hansyn.js'), 'serve'], {
        cwd: root,
        env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), HANSYN_DATA_DIR: dataDir, HANSYN_DEMO: 'false', LOG_LEVEL: 'warn', ...(target.kind === 'postgres' ? { DATABASE_URL: target.url } : { DATABASE_URL: '' }), ...extraEnv },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      server = child;
      await waitReady(base, child);
      const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'coordinator@goteborg.example', password: DEMO_PASSWORD }) });
      if (!login.ok) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
      return { base, headers: { cookie: login.headers.getSetCookie().find((c) => c.startsWith('hansyn_session='))!.split(';')[0]! } };
    };
    const stopServer = async () => {
      const child = server;
      if (!child || child.exitCode !== null) return;
      await new Promise((r) => setTimeout(r, 1_000));
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    };
    const figures: LoadFigures[] = [];
    const load = (name: string, url: string, headers: Record<string, string>, seconds: number) => loadUrl(name, url, headers, { connections, seconds });
    let list = { items: [] as Array<{ id: string }>, total: 0 };
    for (const [suffix, env] of [['', {}], [', cache off', { HANSYN_LIST_CACHE_ENTRIES: '0' }]] as const) {
      const { base, headers } = await startServer(env);
      list = (await (await fetch(`${base}/api/contracts?pageSize=1&active=true&asOf=${AS_OF}`, { headers })).json()) as { items: Array<{ id: string }>; total: number };
      const contractId = list.items[0]!.id;
      const endpoints: Array<[string, string]> = [
        ['GET /api/health (baseline)', `${base}/api/health`],
        ['contract page GET /api/contracts/{id}', `${base}/api/contracts/${contractId}`],
        ['fulfilment GET /api/contracts/{id}/fulfilment', `${base}/api/contracts/${contractId}/fulfilment?asOf=${AS_OF}`],
        ['follow-up queue GET /api/follow-up/queue', `${base}/api/follow-up/queue?asOf=${AS_OF}`],
      ];
      for (const [name, url] of suffix === '' ? endpoints : endpoints.slice(1)) {
        await load(name + suffix, url, headers, 2);
        figures.push(await load(name + suffix, url, headers, duration));
      }
      await stopServer();
      loads.push(loadavg());
    }
    const baseline = figures[0]!;
    const lines = [
      `Database: ${target.kind}; ${seeded.organisations} organisations, ${contractSeed.contracts} contracts, ${contractSeed.placements} placements, ${contractSeed.reports} reports; ${reuse === undefined ? `scale ${SCALE}, seeded in ${seedSeconds.toFixed(1)} s` : 'seeded earlier (--reuse)'}`,
      `Load average (1, 5, 15 min) at start, between the servers, at the end: ${loads.map((l) => l.map((x) => x.toFixed(1)).join(' ')).join(' | ')}`,
      `Daily check (all organisations, as of ${AS_OF}): ${checkSeconds.toFixed(1)} s for ${first.contractsChecked} contracts, ${first.deviationsFound.length} deviations and ${first.remindersDue.length} reminders; a second run the same day ${againSeconds.toFixed(1)} s, ${second.deviationsFound.length} new deviations`,
      `Göteborg: ${list.total} contracts running; load: ${connections} connections, ${duration} s per endpoint, server and load generator in separate processes on ${cpus().length} cores (a shared machine)`,
      '',
      // Answers with another status apart from the load generator's 10 s timeouts and connection
      // errors: the uncached queue's "non-2xx" were all timeouts (decision 0432).
      '| endpoint | req/s | p50 ms | p99 ms | req/s vs baseline | non-2xx answers | timeouts and errors |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...figures.map((f) => `| ${f.name} | ${f.requestsPerSecond.toFixed(0)} | ${f.p50} | ${f.p99} | ${(f.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)} | ${f.non2xx} | ${f.errors} |`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    const child = server as ChildProcess | null;
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    if (values.keep || reuse !== undefined) process.stderr.write(`Kept ${target.kind === 'postgres' ? target.url : dataDir}\n`);
    else {
      if (dropDatabase) await dropDatabase();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
