import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, login, validProcurement, type Session, type TestContext } from '../../../../tests/support/factories.js';

/**
 * The register list cache (list-cache.ts, docs/decisions/0202) against a real database: it
 * answers repeated lists from memory, and every committed write — through the API or straight
 * into the database, as another server process or the CLI would — is visible at once.
 */
let ctx: TestContext;
let org: Awaited<ReturnType<typeof createOrganisation>>;
let other: Awaited<ReturnType<typeof createOrganisation>>;
let coordinator: Session;
let otherCoordinator: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  org = await createOrganisation(ctx.db);
  other = await createOrganisation(ctx.db);
  coordinator = await login(ctx.app, (await createUser(ctx.db, org.id, ['coordinator'])).email);
  otherCoordinator = await login(ctx.app, (await createUser(ctx.db, other.id, ['coordinator'])).email);
});
afterAll(() => ctx.close());

async function titles(session: Session, query = ''): Promise<string[]> {
  const response = await session.get(`/api/procurements?sort=referenceNumber${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { items: Array<{ title: string }> }).items.map((i) => i.title);
}

async function create(session: Session, unitId: string, overrides: Record<string, unknown>) {
  const response = await session.post('/api/procurements', validProcurement(unitId, overrides));
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; version: number };
}

const version = async (organisationId: string) => {
  const result = (await ctx.db.execute(sql`select version from register_versions where organisation_id = ${organisationId}`)) as unknown as { rows: unknown[] };
  return Number((result.rows[0] as { version: number | string } | undefined)?.version ?? 0);
};

describe('the register list cache', () => {
  it('serves a repeated list from memory: a write that bypasses the version triggers stays unseen', async () => {
    const p = await create(coordinator, org.unit.id, { referenceNumber: 'C-1', title: 'Lokalvård' });
    expect(await titles(coordinator)).toEqual(['Lokalvård']);
    // Only a cached answer can still show the old title after this.
    await ctx.db.execute(sql`alter table procurements disable trigger user`);
    try {
      await ctx.db.execute(sql`update procurements set title = 'Ändrad i smyg' where id = ${p.id}`);
      expect(await titles(coordinator)).toEqual(['Lokalvård']);
      // A different query is not answered from the first one's entry (it is cut from the register
      // snapshot of the same version, decision 0913).
      expect(await titles(coordinator, '&status=awarded')).toEqual([]);
    } finally {
      await ctx.db.execute(sql`alter table procurements enable trigger user`);
    }
  });

  it('shows a write made straight in the database, as another process would make it', async () => {
    const before = await version(org.id);
    await ctx.db.execute(sql`update procurements set title = 'Städning av skolor' where organisation_id = ${org.id} and reference_number = 'C-1'`);
    expect(await version(org.id)).toBe(before + 1);
    expect(await titles(coordinator)).toEqual(['Städning av skolor']);
  });

  it('shows writes through the API at once: create, edit, lots, unit names', async () => {
    await titles(coordinator);
    const p = await create(coordinator, org.unit.id, { referenceNumber: 'C-2', title: 'Parkskötsel' });
    expect(await titles(coordinator)).toEqual(['Städning av skolor', 'Parkskötsel']);

    const edited = await coordinator.patch(`/api/procurements/${p.id}`, { title: 'Park- och gatuskötsel', version: p.version });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(await titles(coordinator)).toEqual(['Städning av skolor', 'Park- och gatuskötsel']);

    const lots = async () =>
      ((await coordinator.get('/api/procurements?sort=referenceNumber')).json() as { items: Array<{ lotCount: number }> }).items.map((i) => i.lotCount);
    const before = await lots();
    await ctx.db.execute(
      sql`insert into procurement_lots (organisation_id, procurement_id, lot_number, title, main_cpv) values (${org.id}, ${p.id}, 9, 'Extra', '77310000')`,
    );
    expect(await lots()).toEqual([before[0], before[1]! + 1]);

    const unitName = async () => ((await coordinator.get('/api/procurements')).json() as { items: Array<{ unit: { name: string } }> }).items[0]!.unit.name;
    await unitName();
    await ctx.db.execute(sql`update units set name = 'Förvaltningen med nytt namn' where id = ${org.unit.id}`);
    expect(await unitName()).toBe('Förvaltningen med nytt namn');
  });

  it('shows a new screening and decision in the list columns', async () => {
    const listed = async () =>
      ((await coordinator.get('/api/procurements?sort=referenceNumber')).json() as { items: Array<{ screening: string | null; decision: string | null }> }).items[0]!;
    const first = await listed();
    await ctx.db.execute(sql`update screenings set is_current = false where organisation_id = ${org.id}`);
    expect((await listed()).screening).toBeNull();
    expect(first.screening).not.toBeNull();
    expect(first.decision).toBeNull();
  });

  it('keeps organisations apart and moves only the writing organisation forward', async () => {
    await create(otherCoordinator, other.unit.id, { referenceNumber: 'C-1', title: 'Annan organisation' });
    const mine = await version(org.id);
    expect(await titles(otherCoordinator)).toEqual(['Annan organisation']);
    await ctx.db.execute(sql`update procurements set title = 'Annan, ändrad' where organisation_id = ${other.id}`);
    expect(await version(org.id)).toBe(mine);
    expect(await titles(otherCoordinator)).toEqual(['Annan, ändrad']);
    expect(await titles(coordinator)).not.toContain('Annan, ändrad');
  });

  it('is off with HANSYN_LIST_CACHE_ENTRIES=0: every list reads the database', async () => {
    const uncached = await createTestApp({ HANSYN_LIST_CACHE_ENTRIES: '0' });
    try {
      const o = await createOrganisation(uncached.db);
      const s = await login(uncached.app, (await createUser(uncached.db, o.id, ['coordinator'])).email);
      const p = (await s.post('/api/procurements', validProcurement(o.unit.id, { referenceNumber: 'U-1', title: 'Före' }))).json() as { id: string };
      const list = async () => ((await s.get('/api/procurements')).json() as { items: Array<{ title: string }> }).items.map((i) => i.title);
      expect(await list()).toEqual(['Före']);
      await uncached.db.execute(sql`alter table procurements disable trigger user`);
      await uncached.db.execute(sql`update procurements set title = 'Efter' where id = ${p.id}`);
      await uncached.db.execute(sql`alter table procurements enable trigger user`);
      expect(await list()).toEqual(['Efter']);
    } finally {
      await uncached.close();
    }
  });
});
