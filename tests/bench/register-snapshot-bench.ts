/**
 * What one register list costs when it is cut from register snapshots (decision 0913), in one
 * process, no HTTP: `tsx tests/bench/register-snapshot-bench.ts --db <data directory | postgres URL>
 * [--organisations 32] [--root <checkout>]`.
 *
 * Loads a seeded national database (`npm run bench:api -- --keep`), reads the snapshots of
 * `--organisations` organisations once and then times the mix's list filters (unit, status, year,
 * nature, CPV division, none; six sorts; pages 1–3) taken round-robin over those organisations, as
 * a server sees them. The baseline row is the same lists over one organisation's snapshot: the
 * fastest a list can be cut, since every row the filters read then came from one statement.
 * `--root <checkout>` times that checkout's snapshots instead (the code before a change): run
 * the two one after the other, alternating, each in its own process, since two versions in one
 * process share V8's inline caches and slow each other. Decision 0916 came from the gap between the
 * two rows. Prints µs per list; asserts nothing.
 */
import { parseArgs } from 'node:util';
import { asc, eq, sql } from 'drizzle-orm';
import { openDatabase, type DatabaseTarget } from '../../src/db/client.js';
import { procurements } from '../../src/db/schema/index.js';
import type { ListOptions } from '../../src/server/features/procurements/procurement-repository.js';
import { createRegisterSnapshots, type RegisterSnapshots } from '../../src/server/features/procurements/register-snapshot.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    organisations: { type: 'string', default: '32' },
    rounds: { type: 'string', default: '5' },
    /** Another checkout whose src/ to time instead of this one's (the code before a change). */
    root: { type: 'string' },
  },
});

const SORTS = ['-updatedAt', 'referenceNumber', 'title', '-contractStart', '-estimatedValueOre', '-title'];
const STATUSES = ['planned', 'in_preparation', 'published', 'evaluation', 'awarded'] as const;
const NATURES = ['services', 'works', 'supplies'] as const;
const DIVISIONS = ['45', '90', '55', '60', '79', '72'];

type Organisation = { id: string; units: string[] };

/** The mix's filtered lists for one organisation, deterministic in `i`. */
function listOptions(organisation: Organisation, i: number): ListOptions {
  const options: ListOptions = { sort: SORTS[i % SORTS.length]!, offset: 25 * (i % 3), limit: 25 };
  switch (i % 6) {
    case 0:
      return { ...options, unitIds: [organisation.units[i % organisation.units.length]!] };
    case 1:
      return { ...options, statuses: [STATUSES[i % STATUSES.length]!] };
    case 2:
      return { ...options, year: new Date().getFullYear() - (i % 3) };
    case 3:
      return { ...options, contractNature: NATURES[i % NATURES.length]! };
    case 4:
      return { ...options, cpvDivision: DIVISIONS[i % DIVISIONS.length]! };
    default:
      return options;
  }
}

async function main(): Promise<void> {
  if (!values.db) throw new Error('--db <data directory | postgres URL>');
  const target: DatabaseTarget = values.db.startsWith('postgres') ? { kind: 'postgres', url: values.db } : { kind: 'pglite', dataDir: values.db };
  const database = await openDatabase(target);
  const db = database.db;
  const count = Number(values.organisations);
  const organisations: Organisation[] = (
    await db
      .select({ id: procurements.organisationId, units: sql<string[]>`array_agg(distinct ${procurements.unitId})` })
      .from(procurements)
      .groupBy(procurements.organisationId)
      .orderBy(asc(procurements.organisationId))
      .limit(count)
  ).map((o) => ({ id: o.id, units: o.units }));
  if (organisations.length === 0) throw new Error('no procurements: seed the national set first');
  const [rows] = await db.select({ n: sql<number>`count(*)::int` }).from(procurements).where(eq(procurements.organisationId, organisations[0]!.id));

  const limits = { maxRows: 10_000, maxTotalRows: 10_000_000 };
  let create = createRegisterSnapshots;
  if (values.root) {
    const root = values.root.replace(/\/$/, '');
    create = ((await import(`${root}/src/server/features/procurements/register-snapshot.js`)) as { createRegisterSnapshots: typeof createRegisterSnapshots }).createRegisterSnapshots;
  }
  const snapshots: RegisterSnapshots = create(limits, () => new Date());

  const lists = 6 * 3 * 20; // every filter with every page, twenty times over
  const time = async (snapshots: RegisterSnapshots, over: Organisation[]): Promise<number> => {
    const started = performance.now();
    for (let i = 0; i < lists; i++) {
      const organisation = over[i % over.length]!;
      await snapshots.list(db, organisation.id, 0, listOptions(organisation, i));
    }
    return ((performance.now() - started) * 1000) / lists;
  };
  // Warm-up: read every snapshot and build every sort order once, as a running server has.
  for (let k = 0; k < 3; k++) await time(snapshots, organisations);

  const figures = new Map<string, number[]>();
  const record = (row: string, us: number) => figures.set(row, [...(figures.get(row) ?? []), us]);
  for (let round = 0; round < Number(values.rounds); round++) {
    record('one organisation (baseline)', await time(snapshots, organisations.slice(0, 1)));
    record(`${organisations.length} organisations`, await time(snapshots, organisations));
  }
  await database.close();

  console.log(`${values.root ?? 'this checkout'} on ${target.kind}; ${organisations.length} organisations, ≈${rows!.n} procurements each; ${lists} lists per figure, ${values.rounds} rounds`);
  console.log('\n| lists cut from | median µs per list | each round |\n|---|---:|---|');
  for (const [row, us] of figures) {
    const sorted = [...us].sort((a, b) => a - b);
    console.log(`| ${row} | ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} | ${us.map((u) => u.toFixed(0)).join(', ')} |`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
