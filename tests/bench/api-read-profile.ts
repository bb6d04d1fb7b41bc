/**
 * Service time of the register's reads, one request after the other in one process (no HTTP, no
 * concurrency): `tsx tests/bench/api-read-profile.ts --db <data directory | postgres URL>`.
 *
 * On the embedded database 32 connections queue on one thread, so what one request costs that
 * thread decides p99 (decision 0912). This loads a seeded national database (`npm run bench:api --
 * --keep`; copy a PGlite directory first, this opens it), builds the app with the register list
 * cache off and times, in rounds: GET /api/health with a session cookie, `findProcurement` alone,
 * GET /api/procurements/{id} through `app.inject` (auth hook, validation, serialisation) and the
 * mix's list filters (unit, status, year, nature, CPV division; four sorts; pages 1–3). Each
 * row's figure is ms per request. `--before <checkout>` times that checkout's app and
 * `findProcurement` on the same database, alternating with this one's, round by round. Run it under `node --cpu-prof --import tsx` for a profile. Prints; asserts nothing.
 */
import { parseArgs } from 'node:util';
import { and, eq } from 'drizzle-orm';
import { openDatabase, type DatabaseTarget } from '../../src/db/client.js';
import { procurements, organisations } from '../../src/db/schema/index.js';
import { DEMO_PASSWORD } from '../../src/db/seed/seed-demo.js';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { findProcurement } from '../../src/server/features/procurements/procurement-repository.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    pages: { type: 'string', default: '200' },
    only: { type: 'string' },
    /** Another checkout whose src/ to time alternately in the same process (the code before a change). */
    before: { type: 'string' },
  },
});

const SORTS = ['-updatedAt', 'referenceNumber', 'title', '-contractStart'];
const STATUSES = ['planned', 'in_preparation', 'published', 'evaluation', 'awarded'];
const NATURES = ['services', 'works', 'supplies'];

async function main(): Promise<void> {
  if (!values.db) throw new Error('--db <data directory | postgres URL>');
  const target: DatabaseTarget = values.db.startsWith('postgres') ? { kind: 'postgres', url: values.db } : { kind: 'pglite', dataDir: values.db };
  const database = await openDatabase(target);
  const config = loadConfig({ LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '3999', HANSYN_LIST_CACHE_ENTRIES: '0', HANSYN_LOGIN_IP_RATE_LIMIT: '10000' }, null);
  const app = await buildApp({ config, database });
  await app.ready();
  const signIn = async (target: typeof app) => {
    const login = await target.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'coordinator@goteborg.example', password: DEMO_PASSWORD } });
    if (login.statusCode !== 200) throw new Error(`sign-in: ${login.statusCode} ${login.body}`);
    return `hansyn_session=${login.cookies.find((c) => c.name === 'hansyn_session')!.value}`;
  };
  const cookie = await signIn(app);
  type Before = { app: typeof app; cookie: string; findProcurement: typeof findProcurement };
  let before: Before | null = null;
  if (values.before) {
    const root = values.before.replace(/\/$/, '');
    const appModule = (await import(`${root}/src/server/app.js`)) as { buildApp: typeof buildApp };
    const repository = (await import(`${root}/src/server/features/procurements/procurement-repository.js`)) as { findProcurement: typeof findProcurement };
    const beforeApp = await appModule.buildApp({ config, database });
    await beforeApp.ready();
    before = { app: beforeApp, cookie: await signIn(beforeApp), findProcurement: repository.findProcurement };
  }
  const [org] = await database.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, 'goteborg'));
  const organisationId = org!.id;
  const sample = await database.db
    .select({ id: procurements.id, unitId: procurements.unitId, mainCpv: procurements.mainCpv })
    .from(procurements)
    .where(and(eq(procurements.organisationId, organisationId)))
    .orderBy(procurements.referenceNumber)
    .limit(Number(values.pages));
  const ids = sample.map((s) => s.id);
  const units = [...new Set(sample.map((s) => s.unitId))];
  const divisions = [...new Set(sample.map((s) => s.mainCpv.slice(0, 2)))];
  // The mix's filtered lists, deterministic.
  const lists: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    const sort = SORTS[i % SORTS.length]!;
    const page = 1 + (i % 3);
    const filter = [
      `unitId=${units[i % units.length]}`,
      `status=${STATUSES[i % STATUSES.length]}`,
      `year=${2023 + (i % 4)}`,
      `contractNature=${NATURES[i % NATURES.length]}`,
      `cpvDivision=${divisions[i % divisions.length]}`,
    ][i % 5]!;
    lists.push(`/api/procurements?${filter}&sort=${encodeURIComponent(sort)}&page=${page}&pageSize=25`);
  }

  const rowsOf = (label: string, target: typeof app, cookie: string, find: typeof findProcurement): Array<[string, () => Promise<unknown>, number]> => {
    const inject = async (url: string) => {
      const response = await target.inject({ method: 'GET', url, headers: { cookie } });
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    };
    return [
      [`GET /api/health with a cookie${label}`, () => inject('/api/health'), ids.length],
      [`GET /api/me (session lookup)${label}`, () => inject('/api/me'), ids.length],
      [`findProcurement alone${label}`, async () => { for (const id of ids) await find(database.db, organisationId, id); }, ids.length],
      [`GET /api/procurements/{id}${label}`, async () => { for (const id of ids) await inject(`/api/procurements/${id}`); }, ids.length],
      [`mix list filters, cache off${label}`, async () => { for (const url of lists) await inject(url); }, lists.length],
    ];
  };
  const mine = rowsOf('', app, cookie, findProcurement);
  const theirs = before ? rowsOf(' (before)', before.app, before.cookie, before.findProcurement) : [];
  const rows = mine.flatMap((row, i) => (theirs[i] ? [theirs[i], row] : [row]));
  const selected = rows.filter(([name]) => values.only === undefined || name.includes(values.only));
  // The single-URL rows repeat their request as many times as there are pages.
  const run = async (name: string, work: () => Promise<unknown>, count: number): Promise<number> => {
    const started = performance.now();
    if (name.startsWith('GET /api/health') || name.startsWith('GET /api/me')) for (let i = 0; i < count; i++) await work();
    else await work();
    return (performance.now() - started) / count;
  };
  for (const [name, work, count] of selected) await run(name, work, Math.min(count, 20)); // warm-up
  const results = new Map<string, number[]>();
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const [name, work, count] of selected) {
      const ms = await run(name, work, count);
      results.set(name, [...(results.get(name) ?? []), ms]);
    }
  }
  process.stdout.write(`${target.kind}; ${ids.length} Göteborg procurements; ms per request, rounds: ${values.rounds}\n`);
  for (const [name, list] of results) process.stdout.write(`${name.padEnd(34)} ${list.map((ms) => ms.toFixed(2)).join(' / ')}\n`);
  await before?.app.close();
  await app.close();
  await database.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
