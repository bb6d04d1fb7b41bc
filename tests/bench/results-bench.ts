/**
 * Results at national scale: `npm run bench:results [-- --postgres] [--duration 10] [--connections 32]`.
 *
 * Seeds the national demo data set (290 municipalities) into a fresh temporary database and
 * 20,000 contracts with 200,000 placements the way bench:followup does, turns on open data for
 * Göteborg, starts the real server as a separate process, signs in as Göteborg's demo viewer and
 * loads, one after the other, GET /api/health (baseline), the dashboard and the public results
 * with autocannon; then times the annual report PDF (a few sequential requests). Prints figures
 * beside the baseline measured in the same run; asserts nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { openDatabase, type Database, type DatabaseTarget } from '../../src/db/client.js';
import { organisations } from '../../src/db/schema/index.js';
import { createRandom } from '../../src/db/seed/generate-demo-data.js';
import { DEMO_PASSWORD, seedDemo } from '../../src/db/seed/seed-demo.js';
import { createServerDatabase } from '../support/test-database.js';
import { figuresRow, freePort, loadUrl, type LoadFigures, seedBenchContracts, waitReady } from './bench-support.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({
  options: {
    postgres: { type: 'boolean', default: false },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    contracts: { type: 'string', default: '20000' },
    placements: { type: 'string', default: '10' },
    year: { type: 'string', default: '2025' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const CONTRACTS = Number(values.contracts);
const PLACEMENTS_PER_CONTRACT = Number(values.placements);
const YEAR = Number(values.year);

/** Contracts spread over the organisations' procurements with placements, as bench:followup seeds them (reports left out). */
async function seedContracts(db: Database): Promise<{ contracts: number; placements: number }> {
  const orgs = await db.select({ id: organisations.id }).from(organisations);
  const seeded = await seedBenchContracts(db, {
    organisations: orgs,
    contractsPerOrganisation: Math.ceil(CONTRACTS / orgs.length),
    contractsInAll: CONTRACTS,
    placementsPerContract: PLACEMENTS_PER_CONTRACT,
    random: createRandom(1234),
  });
  await db.execute(sql`analyze`);
  return seeded;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hansyn-results-bench-'));
  let target: DatabaseTarget = { kind: 'pglite', dataDir };
  let dropDatabase: (() => Promise<void>) | null = null;
  if (values.postgres) {
    const base = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const server = await createServerDatabase(base, 'hansyn_rbench');
    target = { kind: 'postgres', url: server.url };
    dropDatabase = server.drop;
  }
  let server: ChildProcess | null = null;
  try {
    const seedStarted = Date.now();
    const handle = await openDatabase(target);
    await handle.migrate();
    const seeded = await seedDemo(handle.db, { scale: 'national', onProgress: (done, total) => done % 50 === 0 && process.stderr.write(`\rSeeding organisations: ${done}/${total}`) });
    process.stderr.write('\n');
    const contractSeed = await seedContracts(handle.db);
    await handle.db.update(organisations).set({ openDataPublished: true }).where(eq(organisations.slug, 'goteborg'));
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    await handle.close();

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'hansyn.js'), 'serve'], {
      cwd: ROOT,
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), HANSYN_DATA_DIR: dataDir, HANSYN_DEMO: 'false', LOG_LEVEL: 'warn', ...(target.kind === 'postgres' ? { DATABASE_URL: target.url } : { DATABASE_URL: '' }) },
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
    const figures: LoadFigures[] = [];
    const load = (name: string, url: string, headers: Record<string, string>, seconds: number) => loadUrl(name, url, headers, { connections, seconds });
    for (const [name, url] of endpoints) {
      await load(name, url, headers, 2);
      figures.push(await load(name, url, headers, duration));
    }
    const pdfTimes: number[] = [];
    let pdfBytes = 0;
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      const response = await fetch(`${base}/api/results/annual-report.pdf?year=${YEAR}`, { headers });
      pdfBytes = (await response.arrayBuffer()).byteLength;
      if (!response.ok) throw new Error(`annual report failed: ${response.status}`);
      pdfTimes.push((Date.now() - started) / 1000);
    }
    const baseline = figures[0]!;
    const lines = [
      `Database: ${target.kind}; ${seeded.organisations} organisations, ${contractSeed.contracts} contracts, ${contractSeed.placements} placements; seeded in ${seedSeconds.toFixed(1)} s`,
      `Load: Göteborg's viewer, year ${YEAR}, ${connections} connections, ${duration} s per endpoint, server and load generator in separate processes on ${cpus().length} cores (a shared machine)`,
      '',
      '| endpoint | req/s | p50 ms | p99 ms | req/s vs baseline | non-2xx |',
      '|---|---:|---:|---:|---:|---:|',
      ...figures.map((f) => figuresRow(f, baseline)),
      '',
      `Annual report PDF (${(pdfBytes / 1024).toFixed(0)} kB): ${pdfTimes.map((t) => `${t.toFixed(2)} s`).join(', ')} (three requests one after the other)`,
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
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
