import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, validProcurement, type Session, type TestContext } from '../../../../tests/support/factories.js';
import { organisations, units } from '../../../db/schema/index.js';
import { DEMO_PASSWORD, seedDemo } from '../../../db/seed/seed-demo.js';
import { LIST_SORT_KEYS, listProcurements, registerVersion, type ListOptions } from './procurement-repository.js';
import { createRegisterSnapshots } from './register-snapshot.js';

/**
 * Register snapshots (decision 0913) answer exactly what the list's SQL answers: every filter,
 * every sort in both directions (the database's collation, nulls last, ties by id) and pages
 * including past the end, on the demo register plus rows made to be awkward to sort.
 */
let ctx: TestContext;
let organisationId: string;
let unitIds: string[];
let coordinator: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  await seedDemo(ctx.db, { now: new Date(), scale: 'demo' });
  const [gbg] = await ctx.db.select().from(organisations).where(eq(organisations.slug, 'goteborg'));
  organisationId = gbg!.id;
  unitIds = (await ctx.db.select({ id: units.id }).from(units).where(eq(units.organisationId, organisationId))).map((u) => u.id);
  coordinator = await login(ctx.app, 'coordinator@goteborg.example', DEMO_PASSWORD);
  // Same titles in different case and with Swedish letters, no start date, no value, equal values.
  const awkward = [
    { title: 'Åkeritjänster', contractStart: null, estimatedValueOre: null },
    { title: 'åkeritjänster', contractStart: null, estimatedValueOre: null },
    { title: 'Akeritjänster', contractStart: '2025-01-01', estimatedValueOre: 1_00 },
    { title: 'Ärendehantering', contractStart: '2025-01-01', estimatedValueOre: 1_00 },
    { title: 'Öppen förskola städ', contractStart: '2024-12-31', estimatedValueOre: 1_00 },
    { title: 'zebra', contractStart: '2026-01-01', estimatedValueOre: null, mainCpv: '45000000', contractNature: 'works' },
  ];
  for (const overrides of awkward) {
    const response = await coordinator.post('/api/procurements', validProcurement(unitIds[0]!, overrides));
    expect(response.statusCode, response.body).toBe(201);
  }
}, 180_000);
afterAll(() => ctx.close());

const FILTERS: Array<Partial<ListOptions>> = [
  {},
  { statuses: ['planned', 'in_preparation'] },
  { statuses: ['awarded'] },
  { contractNature: 'works' },
  { year: 2025 },
  { year: 2026, statuses: ['published', 'evaluation'] },
  { cpvDivision: '90' },
  { cpvDivision: '45' },
  { q: 'städ' },
  { q: 'skol städ' },
  { q: 'åkeri' },
  { q: '!!' },
  { screening: 'recommended' },
  { screening: 'needs_assessment' },
  { screening: 'not_recommended' },
  { screening: 'none' },
  { queue: 'undecided' },
];

describe('register snapshots', () => {
  it('list exactly what the SQL lists for every filter, sort and page', async () => {
    const snapshots = createRegisterSnapshots({ maxRows: 10_000, maxTotalRows: 100_000 }, () => new Date());
    const version = await registerVersion(ctx.db, organisationId);
    const filters = [...FILTERS, { unitIds: [unitIds[0]!] }, { unitIds: unitIds.slice(0, 2), statuses: ['planned' as const] }];
    const sorts = LIST_SORT_KEYS.flatMap((key) => [key, `-${key}`]).concat(['unknown']);
    let compared = 0;
    let nonEmpty = 0;
    for (const filter of filters) {
      for (const sort of sorts) {
        for (const offset of [0, 25, 10_000]) {
          const options: ListOptions = { ...filter, sort, limit: 25, offset };
          const fromSnapshot = await snapshots.list(ctx.db, organisationId, version, options);
          const fromSql = await listProcurements(ctx.db, organisationId, options);
          expect(fromSnapshot, JSON.stringify(options)).toEqual(fromSql);
          compared += 1;
          if (fromSql.rows.length > 0) nonEmpty += 1;
        }
      }
    }
    // The comparisons are about real pages, not empty ones (a third ask past the end).
    expect(nonEmpty).toBeGreaterThan(compared / 2.5);
    expect(snapshots.held).toEqual({ organisations: 1, rows: (await listProcurements(ctx.db, organisationId, { sort: 'title', limit: 1, offset: 0 })).total });
  });

  it('are read again when the register version moves past them, and serve an older version as they are', async () => {
    const lookups: boolean[] = [];
    const snapshots = createRegisterSnapshots({ maxRows: 10_000, maxTotalRows: 100_000 }, () => new Date(), (built) => lookups.push(built));
    const options: ListOptions = { sort: '-updatedAt', limit: 5, offset: 0, q: 'snapshotprov' };
    const before = await registerVersion(ctx.db, organisationId);
    expect((await snapshots.list(ctx.db, organisationId, before, options))!.total).toBe(0);
    // A write straight into the database, as another server process would make it.
    await ctx.db.execute(sql`update procurements set title = 'Snapshotprov av städning' where id = (select id from procurements where organisation_id = ${organisationId} order by id limit 1)`);
    const after = await registerVersion(ctx.db, organisationId);
    expect(after).toBeGreaterThan(before);
    // A caller that read the version before the write may be served the snapshot it read then.
    expect((await snapshots.list(ctx.db, organisationId, before, options))!.total).toBe(0);
    const fresh = await snapshots.list(ctx.db, organisationId, after, options);
    expect(fresh).toEqual(await listProcurements(ctx.db, organisationId, options));
    expect(fresh!.rows.map((r) => r.title)).toEqual(['Snapshotprov av städning']);
    // And the newer snapshot serves the older version too: never older than asked for.
    expect((await snapshots.list(ctx.db, organisationId, before, options))!.total).toBe(1);
    expect(lookups).toEqual([true, false, true, false]);
  });

  it('take over remembered searches when no search vector changed, and ask again when one did (decision 0916)', async () => {
    const searches: boolean[] = [];
    const snapshots = createRegisterSnapshots({ maxRows: 10_000, maxTotalRows: 100_000 }, () => new Date(), undefined, (queried) => searches.push(queried));
    const options: ListOptions = { sort: 'title', limit: 25, offset: 0, q: 'städ' };
    const expectSql = async (version: number, list: ListOptions) => {
      const page = await snapshots.list(ctx.db, organisationId, version, list);
      expect(page, JSON.stringify(list)).toEqual(await listProcurements(ctx.db, organisationId, list));
      return page!;
    };
    // Writes straight into the database, as another server process would make them.
    const write = async (statement: ReturnType<typeof sql>) => {
      const before = await registerVersion(ctx.db, organisationId);
      await ctx.db.execute(statement);
      const after = await registerVersion(ctx.db, organisationId);
      expect(after).toBeGreaterThan(before);
      return after;
    };
    const labourNeed = sql`update procurements set labour_need_fte = coalesce(labour_need_fte, 0) + 1 where id = (select id from procurements where organisation_id = ${organisationId} order by id limit 1)`;

    const first = await expectSql(await registerVersion(ctx.db, organisationId), options);
    expect(first.total).toBeGreaterThan(0);
    // No searchable text changed: the new snapshot answers the search without asking.
    const second = await expectSql(await write(labourNeed), options);
    expect(second.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(searches).toEqual([true, false]);
    // A title changed: asked again, and the new title is found.
    const retitled = await write(
      sql`update procurements set title = 'Städning av broar (sökprov)' where id = (select id from procurements where organisation_id = ${organisationId} and not (search_vector @@ to_tsquery('swedish', 'städ:*')) order by id limit 1)`,
    );
    const third = await expectSql(retitled, options);
    expect(third.total).toBe(second.total + 1);
    expect(searches).toEqual([true, false, true]);
    // A search the database answered after a later write than the snapshot's rows is not taken over.
    const other: ListOptions = { ...options, q: 'skol' };
    const later = await write(labourNeed);
    await snapshots.list(ctx.db, organisationId, retitled, other);
    await expectSql(later, other);
    await expectSql(later, options);
    expect(searches).toEqual([true, false, true, true, true, false]);
  });

  it('leave an organisation larger than the row limit to SQL, and drop the least recently used beyond the total', async () => {
    const total = (await listProcurements(ctx.db, organisationId, { sort: 'title', limit: 1, offset: 0 })).total;
    let clock = Date.now();
    const reads: boolean[] = [];
    const small = createRegisterSnapshots({ maxRows: total - 1, maxTotalRows: 100_000 }, () => new Date(clock), (built) => reads.push(built));
    const version = await registerVersion(ctx.db, organisationId);
    const first: ListOptions = { sort: 'title', limit: 25, offset: 0 };
    expect(await small.list(ctx.db, organisationId, version, first)).toBeNull();
    expect(small.held).toEqual({ organisations: 0, rows: 0 });
    // Not measured again on every list; ten minutes later it is.
    expect(await small.list(ctx.db, organisationId, version + 1, first)).toBeNull();
    expect(reads).toEqual([true]);
    clock += 10 * 60_000 + 1;
    expect(await small.list(ctx.db, organisationId, version + 1, first)).toBeNull();
    expect(reads).toEqual([true, true]);

    const [boras] = await ctx.db.select().from(organisations).where(eq(organisations.slug, 'boras'));
    const borasTotal = (await listProcurements(ctx.db, boras!.id, { sort: 'title', limit: 1, offset: 0 })).total;
    const bounded = createRegisterSnapshots({ maxRows: 10_000, maxTotalRows: Math.max(total, borasTotal) }, () => new Date());
    await bounded.list(ctx.db, organisationId, version, { sort: 'title', limit: 25, offset: 0 });
    expect(bounded.held).toEqual({ organisations: 1, rows: total });
    const page = await bounded.list(ctx.db, boras!.id, await registerVersion(ctx.db, boras!.id), { sort: 'title', limit: 25, offset: 0 });
    expect(page).toEqual(await listProcurements(ctx.db, boras!.id, { sort: 'title', limit: 25, offset: 0 }));
    expect(bounded.held).toEqual({ organisations: 1, rows: borasTotal });
  });

  it('answer the register list through the API with the cache on, and count their reads', async () => {
    const response = await coordinator.get('/api/procurements?sort=title&pageSize=10&page=2&status=planned');
    expect(response.statusCode, response.body).toBe(200);
    const sqlPage = await listProcurements(ctx.db, organisationId, { sort: 'title', limit: 10, offset: 10, statuses: ['planned'] });
    expect((response.json() as { items: Array<{ id: string }>; total: number }).items.map((i) => i.id)).toEqual(sqlPage.rows.map((r) => r.id));
    expect((response.json() as { total: number }).total).toBe(sqlPage.total);
    const metrics = (await ctx.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/hansyn_cache_lookups_total\{cache="register_snapshot",result="miss"\} [1-9]/);
  });
});
