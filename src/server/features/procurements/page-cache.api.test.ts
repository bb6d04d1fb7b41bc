import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, login, validProcurement, type Session, type TestContext } from '../../../../tests/support/factories.js';

/**
 * The procurement page cache (procurement-read-service.ts, docs/decisions/0914 and 0915) against a
 * real database: a repeated page is answered from memory at the same register version (on
 * PostgreSQL the page rides in the caller's statement, which skips it when the copy held here is
 * current: the write below that bypasses the triggers would otherwise show), and every
 * committed change to what the page shows — through the API or straight into the database, as
 * another server process would — is on the next page at once. What the caller may see is decided
 * per request, after the cache.
 */
let ctx: TestContext;
let org: Awaited<ReturnType<typeof createOrganisation>>;
let coordinator: Session;
let viewer: Session;
let otherCoordinator: Session;
let responsibleId: string;

beforeAll(async () => {
  ctx = await createTestApp();
  org = await createOrganisation(ctx.db);
  const other = await createOrganisation(ctx.db);
  const responsible = await createUser(ctx.db, org.id, ['coordinator']);
  responsibleId = responsible.id;
  coordinator = await login(ctx.app, responsible.email);
  viewer = await login(ctx.app, (await createUser(ctx.db, org.id, ['viewer'])).email);
  otherCoordinator = await login(ctx.app, (await createUser(ctx.db, other.id, ['coordinator'])).email);
});
afterAll(() => ctx.close());

interface Page {
  title: string;
  version: number;
  responsible: { id: string; displayName: string } | null;
  lots: Array<{ lotNumber: number; title: string }>;
  canEdit: boolean;
}

async function page(session: Session, id: string): Promise<Page> {
  const response = await session.get(`/api/procurements/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Page;
}

async function create(overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await coordinator.post('/api/procurements', validProcurement(org.unit.id, { responsibleUserId: responsibleId, ...overrides }));
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { id: string }).id;
}

const pageLookups = async () => {
  const metrics = (await ctx.app.inject({ method: 'GET', url: '/metrics' })).body;
  const count = (result: string) => Number(new RegExp(`hansyn_cache_lookups_total\\{cache="procurement_page",result="${result}"\\} (\\d+)`).exec(metrics)?.[1] ?? 0);
  return { hit: count('hit'), miss: count('miss') };
};

describe('the procurement page cache', () => {
  it('answers a repeated page from memory: a write that bypasses the version triggers stays unseen, and is counted as a hit', async () => {
    const id = await create({ title: 'Lokalvård' });
    expect((await page(coordinator, id)).title).toBe('Lokalvård');
    const before = await pageLookups();
    await ctx.db.execute(sql`alter table procurements disable trigger user`);
    try {
      await ctx.db.execute(sql`update procurements set title = 'Ändrad i smyg' where id = ${id}`);
      expect((await page(coordinator, id)).title).toBe('Lokalvård');
    } finally {
      await ctx.db.execute(sql`alter table procurements enable trigger user`);
    }
    const after = await pageLookups();
    expect(after.hit - before.hit).toBe(1);
    expect(after.miss - before.miss).toBe(0);
  });

  it('shows every committed change at once: an edit through the API, a write straight into the database, a new lot', async () => {
    const id = await create({ title: 'Skolmåltider' });
    const first = await page(coordinator, id);
    expect(first.title).toBe('Skolmåltider');

    const patched = await coordinator.patch(`/api/procurements/${id}`, { version: first.version, title: 'Skolmåltider, ändrad' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((patched.json() as Page).title).toBe('Skolmåltider, ändrad');
    expect((await page(coordinator, id)).title).toBe('Skolmåltider, ändrad');

    await ctx.db.execute(sql`update procurements set title = 'Skolmåltider, från en annan process' where id = ${id}`);
    expect((await page(coordinator, id)).title).toBe('Skolmåltider, från en annan process');

    await ctx.db.execute(
      sql`insert into procurement_lots (organisation_id, procurement_id, lot_number, title, main_cpv) values (${org.id}, ${id}, 1, 'Delområde norr', '55524000')`,
    );
    expect((await page(coordinator, id)).lots.map((l) => l.title)).toEqual(['Delområde norr']);
  });

  it('shows the responsible person’s new name at once, and a change that leaves every name alone moves no register version', async () => {
    const id = await create();
    expect((await page(coordinator, id)).responsible?.displayName).toBe('Test Testsson');
    const version = async () => {
      const result = (await ctx.db.execute(sql`select version from register_versions where organisation_id = ${org.id}`)) as unknown as { rows: Array<{ version: number | string }> };
      return Number(result.rows[0]?.version ?? 0);
    };
    const before = await version();
    await ctx.db.execute(sql`update users set disabled_at = null where id = ${responsibleId}`);
    expect(await version()).toBe(before);
    await ctx.db.execute(sql`update users set display_name = 'Testa Nynamn' where id = ${responsibleId}`);
    expect(await version()).toBe(before + 1);
    expect((await page(coordinator, id)).responsible?.displayName).toBe('Testa Nynamn');
  });

  it('decides per caller what a cached page shows: a viewer gets no personal data and no edit, another organisation gets 404', async () => {
    const id = await create();
    const seen = await page(coordinator, id);
    expect(seen.responsible?.id).toBe(responsibleId);
    expect(seen.canEdit).toBe(true);
    const before = await pageLookups();
    const asViewer = await page(viewer, id);
    expect((await pageLookups()).hit - before.hit).toBe(1);
    expect(asViewer.responsible).toBeNull();
    expect(asViewer.canEdit).toBe(false);
    const foreign = await otherCoordinator.get(`/api/procurements/${id}`);
    expect(foreign.statusCode).toBe(404);
  });

  it('is off with the list cache: every page is read from the database', async () => {
    const off = await createTestApp({ HANSYN_LIST_CACHE_ENTRIES: '0' });
    try {
      const organisation = await createOrganisation(off.db);
      const user = await login(off.app, (await createUser(off.db, organisation.id, ['coordinator'])).email);
      const created = await user.post('/api/procurements', validProcurement(organisation.unit.id, { title: 'Utan cache' }));
      const id = (created.json() as { id: string }).id;
      expect(((await user.get(`/api/procurements/${id}`)).json() as Page).title).toBe('Utan cache');
      await off.db.execute(sql`alter table procurements disable trigger user`);
      try {
        await off.db.execute(sql`update procurements set title = 'Ändrad i smyg' where id = ${id}`);
        expect(((await user.get(`/api/procurements/${id}`)).json() as Page).title).toBe('Ändrad i smyg');
      } finally {
        await off.db.execute(sql`alter table procurements enable trigger user`);
      }
    } finally {
      await off.close();
    }
  });
});
