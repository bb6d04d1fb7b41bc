/**
 * Results at national scale: `npm run bench:results [-- --postgres] [--duration 10] [--connections 32]`.
 *
 * Seeds the national demo data set (290 municipalities) into a fresh temporary database, then
 * 20,000 contracts with 200,000 placements (and answers on what became of the people after the
 * ended ones) in a few set-based statements; turns on open data for Göteborg. Starts the real
 * server as a separate process twice — with the results cache, then with every answer computed
 * (`HANSYN_LIST_CACHE_ENTRIES=0`, loaded by one connection: what one computed answer costs) — signs in as Göteborg's demo viewer and loads, one after the
 * other, GET /api/health (baseline), the dashboard and the public results with autocannon; then
 * times the annual report PDF with the cache off. Prints figures beside the baseline measured in
 * the same server run and the machine's load average; asserts nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, type Database, type DatabaseTarget } from '../../src/db/client.js';
import { organisations } from '../../src/db/schema/index.js';
import { DEMO_PASSWORD, seedDemo } from '../../src/db/seed/seed-demo.js';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { createJobRegistry, createJobRunner } from '../../src/server/features/jobs/job-service.js';
import { freePort, waitReady } from './bench-support.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({
  options: {
    postgres: { type: 'boolean', default: false },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    contracts: { type: 'string', default: '20000' },
    placements: { type: 'string', default: '10' },
    year: { type: 'string', default: '2025' },
    // PGlite only: seed into this folder and keep it; a later run with the same folder skips seeding.
    'data-dir': { type: 'string' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const CONTRACTS = Number(values.contracts);
const PLACEMENTS_PER_CONTRACT = Number(values.placements);
const YEAR = Number(values.year);

/**
 * Contracts, commitments, placements and after-end answers in five set-based statements (no
 * round trip per organisation or per batch): each organisation's first procurements get a
 * contract with one employment condition and `--placements` placements, spread by hashes of
 * the row ids so every run seeds the same data. Half the placements have ended; six in ten of
 * those have an answer six months after the end.
 */
async function seedContracts(db: Database, organisationCount: number): Promise<{ contracts: number; placements: number }> {
  const perOrg = Math.ceil(CONTRACTS / organisationCount);
  const h = (expr: string, salt: string) => sql.raw(`abs(hashtext(${expr}::text || '${salt}'))`);
  await db.execute(sql`insert into suppliers (country, national_id, name) select 'SE', 'BENCH-' || i, 'Bänkleverantör ' || i || ' (bench)' from generate_series(0, 499) i`);
  process.stderr.write('Seeding contracts…\n');
  await db.execute(sql`
    insert into contracts (organisation_id, procurement_id, unit_id, supplier_id, reference_number, signed_on, starts_on, ends_on, value_ore)
    select p.organisation_id, p.id, p.unit_id, s.id, 'BENCH-AVT-' || p.reference_number, p.starts - 30, p.starts,
           (p.starts + make_interval(months => 24 + ${h('p.id', 'e')} % 25))::date - 1, 100000000 + ${h('p.id', 'v')} % 5000000000
    from (select q.id, q.organisation_id, q.unit_id, q.reference_number,
                 row_number() over (partition by q.organisation_id order by q.id) as rn,
                 ('2023-01-01'::date + make_interval(months => ${h('q.id', 's')} % 42))::date as starts
          from procurements q) p
    join (select id, (row_number() over (order by national_id) - 1)::int as k from suppliers where national_id like 'BENCH-%') s on s.k = ${h('p.id', 'sup')} % 500
    where p.rn <= ${perOrg}
    order by p.organisation_id, p.rn
    limit ${CONTRACTS}`);
  await db.execute(sql`
    insert into commitments (organisation_id, contract_id, position, kind, template_key, title, text, parameters)
    select c.organisation_id, c.id, 0, 'employment_condition', 'employment-condition', '{"sv":"Sysselsättningsvillkor","en":"Employment condition"}'::jsonb,
           '{"sv":"Bänkdata.","en":"Bench data."}'::jsonb,
           jsonb_build_object('positions', 2 + ${h('c.id', 'k')} % 8, 'employment_months', 6, 'first_hire_within_months', 6, 'completion_percent', 75,
                              'reporting_interval_months', 3, 'correction_days', 30, 'penalty_ore', 5000000,
                              'target_groups', jsonb_build_array('newly_arrived', 'long_term_unemployed'), 'employment_form', 'las_employment')
    from contracts c where c.reference_number like 'BENCH-AVT-%'`);
  process.stderr.write('Seeding placements…\n');
  await db.execute(sql`
    insert into placements (organisation_id, contract_id, commitment_id, participant_ref, target_group, started_on, planned_end_on, ended_on, end_reason, extent_percent, employment_form, ssyk_code)
    select k.organisation_id, c.id, k.id, 'B-' || left(k.id::text, 8) || '-' || j,
           case when r.a % 2 = 0 then 'newly_arrived' else 'long_term_unemployed' end,
           r.st, r.st + 182,
           case when r.b % 2 = 0 then r.st + 60 + r.c % 300 end,
           case when r.b % 2 = 0 then case when r.c % 10 < 8 then 'completed' else 'resigned' end end,
           case when r.a % 10 < 7 then 100 else 50 end, 'las_employment', '9111'
    from commitments k
    join contracts c on c.id = k.contract_id
    cross join generate_series(0, ${PLACEMENTS_PER_CONTRACT - 1}) j
    cross join lateral (select abs(hashtext(k.id::text || j || 'a')) as a, abs(hashtext(k.id::text || j || 'b')) as b, abs(hashtext(k.id::text || j || 'c')) as c,
                               c.starts_on + abs(hashtext(k.id::text || j || 's')) % 600 as st) r
    where c.reference_number like 'BENCH-AVT-%'`);
  await db.execute(sql`
    insert into placement_outcomes (organisation_id, placement_id, months_after_end, status, source, recorded_on)
    select p.organisation_id, p.id, 6, (array['employed_by_supplier', 'employed_elsewhere', 'not_employed', 'unknown'])[1 + ${h('p.id', 'o')} % 4], 'officer', p.ended_on + 183
    from placements p
    where p.participant_ref like 'B-%' and p.ended_on is not null and ${h('p.id', 'k')} % 10 < 6`);
  await db.execute(sql`analyze`);
  const counted = (await db.execute(
    sql`select (select count(*)::int from contracts where reference_number like 'BENCH-AVT-%') as contracts, (select count(*)::int from placements where participant_ref like 'B-%') as placements`,
  )) as unknown as { rows: Array<{ contracts: number; placements: number }> };
  return { contracts: Number(counted.rows[0]!.contracts), placements: Number(counted.rows[0]!.placements) };
}

interface Figures {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
}

/**
 * The public endpoints allow 120 requests a minute per client address; the bench's server trusts
 * X-Forwarded-For from the loopback, and each request comes from its own made-up address, so the
 * figures are the endpoint's, not the rate limiter's 429s.
 */
let clientNumber = 0;
const nextClient = () => {
  clientNumber++;
  return `10.${(clientNumber >> 16) & 255}.${(clientNumber >> 8) & 255}.${clientNumber & 255}`;
};

async function load(name: string, url: string, headers: Record<string, string>, seconds: number, clients = connections): Promise<Figures> {
  const result = await autocannon({ url, connections: clients, duration: seconds, headers, requests: [{ setupRequest: (request) => ({ ...request, headers: { ...headers, 'x-forwarded-for': nextClient() } }) }] });
  return { name, requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx + result.errors + result.timeouts };
}

async function main(): Promise<void> {
  const keptDir = values['data-dir'] && !values.postgres ? values['data-dir'] : null;
  const reuse = keptDir !== null && existsSync(join(keptDir, 'pg', 'PG_VERSION'));
  const dataDir = keptDir ?? mkdtempSync(join(tmpdir(), 'hansyn-results-bench-'));
  let target: DatabaseTarget = { kind: 'pglite', dataDir };
  let dropDatabase: (() => Promise<void>) | null = null;
  if (values.postgres) {
    const base = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `hansyn_rbench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    target = { kind: 'postgres', url: url.toString() };
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  let server: ChildProcess | null = null;
  try {
    process.stderr.write(`Load average at start: ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
    const seedStarted = Date.now();
    const handle = await openDatabase(target);
    await handle.migrate();
    let seeded: { organisations: number };
    let contractSeed: { contracts: number; placements: number };
    if (reuse) {
      const counted = (await handle.db.execute(
        sql`select (select count(*)::int from organisations) as organisations, (select count(*)::int from contracts where reference_number like 'BENCH-AVT-%') as contracts, (select count(*)::int from placements where participant_ref like 'B-%') as placements`,
      )) as unknown as { rows: Array<{ organisations: number; contracts: number; placements: number }> };
      const row = counted.rows[0]!;
      seeded = { organisations: Number(row.organisations) };
      contractSeed = { contracts: Number(row.contracts), placements: Number(row.placements) };
      process.stderr.write(`Reusing the data in ${dataDir}\n`);
    } else {
      seeded = await seedDemo(handle.db, { now: new Date(), scale: 'national', onProgress: (done, total) => done % 50 === 0 && process.stderr.write(`\rSeeding organisations: ${done}/${total}`) });
      process.stderr.write('\n');
      contractSeed = await seedContracts(handle.db, seeded.organisations);
      await handle.db.update(organisations).set({ openDataPublished: true }).where(eq(organisations.slug, 'goteborg'));
    }
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    // The day's background runs before the load, as on a server that has been up since 06:00:
    // the bench's contracts have no reports, so the first daily check finds a deviation for most
    // of them (tens of thousands of deviations, reminders and e-mails). Measured apart.
    const jobsStarted = Date.now();
    const registry = createJobRegistry();
    const jobApp = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database: handle, jobs: registry });
    await jobApp.ready();
    const jobRuns = await createJobRunner({ db: handle.db, registry, now: () => new Date(), log: jobApp.log }).runOnce();
    await jobApp.close();
    const jobSeconds = (Date.now() - jobsStarted) / 1000;
    process.stderr.write(`The day's job runs: ${jobRuns} in ${jobSeconds.toFixed(1)} s\n`);
    await handle.close();

    const loads: string[] = [];
    const noteLoad = (when: string) => loads.push(`${when} ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    const figures: Figures[] = [];
    let pdfTimes: number[] = [];
    let pdfBytes = 0;
    // The same data, first with the results cache (default), then with every answer computed
    // (HANSYN_LIST_CACHE_ENTRIES=0): the health baseline is measured again in each run.
    for (const cacheMode of ['cached', 'uncached'] as const) {
      noteLoad(`${cacheMode} start:`);
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const child = spawn(process.execPath, [join(ROOT, 'bin', 'hansyn.js'), 'serve'], {
        cwd: ROOT,
        env: {
          ...process.env,
          HOST: '127.0.0.1',
          PORT: String(port),
          HANSYN_DATA_DIR: dataDir,
          HANSYN_DEMO: 'false',
          LOG_LEVEL: 'warn',
          HANSYN_LIST_CACHE_ENTRIES: cacheMode === 'cached' ? '500' : '0',
          HANSYN_TRUST_PROXY: '127.0.0.1',
          ...(target.kind === 'postgres' ? { DATABASE_URL: target.url } : { DATABASE_URL: '' }),
        },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      server = child;
      await waitReady(base, child);
      const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'viewer@goteborg.example', password: DEMO_PASSWORD }) });
      if (!login.ok) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
      const headers = { cookie: login.headers.getSetCookie().find((c) => c.startsWith('hansyn_session='))!.split(';')[0]! };
      const endpoints: Array<[string, string]> = [
        ['GET /api/health (baseline)', `${base}/api/health`],
        ['dashboard GET /api/results/dashboard', `${base}/api/results/dashboard?year=${YEAR}`],
        ['public GET /api/public/organisations/goteborg/results', `${base}/api/public/organisations/goteborg/results?year=${YEAR}`],
      ];
      for (const [name, url] of endpoints) {
        // One request first, as a user opening the page would make it (it fills the cache when on).
        await fetch(url, { headers });
        // Computed answers one at a time: the embedded database runs one statement at a time, so
        // 32 connections would only queue behind each other (each waits for all before it).
        const clients = cacheMode === 'cached' || name.startsWith('GET /api/health') ? connections : 1;
        await load(name, url, headers, 2, clients);
        figures.push({ ...(await load(name, url, headers, duration, clients)), name: `${name} — ${cacheMode}${clients === connections ? '' : `, ${clients} connection`}` });
      }
      if (cacheMode === 'uncached') {
        pdfTimes = [];
        for (let i = 0; i < 3; i++) {
          const started = Date.now();
          const response = await fetch(`${base}/api/results/annual-report.pdf?year=${YEAR}`, { headers });
          pdfBytes = (await response.arrayBuffer()).byteLength;
          if (!response.ok) throw new Error(`annual report failed: ${response.status}`);
          pdfTimes.push((Date.now() - started) / 1000);
        }
      }
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      server = null;
    }
    noteLoad('end:');
    const ratio = (f: Figures) => {
      const mode = f.name.includes('— uncached') ? '— uncached' : '— cached';
      const baseline = figures.find((b) => b.name.startsWith('GET /api/health') && b.name.includes(mode))!;
      return (f.requestsPerSecond / baseline.requestsPerSecond).toFixed(2);
    };
    const lines = [
      `Database: ${target.kind}; ${seeded.organisations} organisations, ${contractSeed.contracts} contracts, ${contractSeed.placements} placements; seeded in ${seedSeconds.toFixed(1)} s; the day's job runs (daily follow-up check of every organisation and the rest) before the load: ${jobRuns} runs in ${jobSeconds.toFixed(1)} s`,
      `Load: Göteborg's viewer, year ${YEAR}, ${connections} connections, ${duration} s per endpoint, server and load generator in separate processes on ${cpus().length} cores (a shared machine)`,
      `Load average (1/5/15 min): ${loads.join(' | ')}`,
      '',
      '| endpoint | req/s | p50 ms | p99 ms | req/s vs baseline of its run | non-2xx |',
      '|---|---:|---:|---:|---:|---:|',
      ...figures.map((f) => `| ${f.name} | ${f.requestsPerSecond.toFixed(0)} | ${f.p50} | ${f.p99} | ${ratio(f)} | ${f.non2xx} |`),
      '',
      `Annual report PDF, cache off (${(pdfBytes / 1024).toFixed(0)} kB): ${pdfTimes.map((t) => `${t.toFixed(2)} s`).join(', ')} (three requests one after the other)`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    const child = server as ChildProcess | null;
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    if (dropDatabase) await dropDatabase();
    if (keptDir === null) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
