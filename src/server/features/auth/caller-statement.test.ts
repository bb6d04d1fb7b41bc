import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { units } from '../../../db/schema/index.js';
import { createOrganisation, createTestApp, createUser, login, validProcurement, type Session, type TestContext } from '../../../../tests/support/factories.js';

/**
 * The caller's statement (auth-repository.ts, decisions 0303 and 0202 addendum 2026-12-07): a
 * cookie request resolves session, person, memberships with their unit scopes and the register
 * version in one statement. The scope must be what the unit tree says; on a PostgreSQL server the
 * round trips per request are counted on the driver itself.
 */
let ctx: TestContext;
let org: Awaited<ReturnType<typeof createOrganisation>>;
let parentProcurer: Session;
let coordinator: Session;
type Place = 'parent' | 'child' | 'grandchild' | 'sibling';
/** Procurement ids and unit ids by place in the unit tree. */
const ids: Record<Place, string> = { parent: '', child: '', grandchild: '', sibling: '' };
const unitIds: Record<Place, string> = { parent: '', child: '', grandchild: '', sibling: '' };

beforeAll(async () => {
  // Register snapshots off: the list here is the SQL one (snapshots are counted below).
  ctx = await createTestApp({ HANSYN_REGISTER_SNAPSHOT_ROWS: '0' });
  org = await createOrganisation(ctx.db);
  const [child] = await ctx.db.insert(units).values({ organisationId: org.id, parentId: org.unit.id, code: 'U1.1', name: 'Underenhet' }).returning();
  const [grandchild] = await ctx.db.insert(units).values({ organisationId: org.id, parentId: child!.id, code: 'U1.1.1', name: 'Under-underenhet' }).returning();
  coordinator = await login(ctx.app, (await createUser(ctx.db, org.id, ['coordinator'])).email);
  parentProcurer = await login(ctx.app, (await createUser(ctx.db, org.id, [{ role: 'procurer', unitId: org.unit.id }])).email);
  Object.assign(unitIds, { parent: org.unit.id, child: child!.id, grandchild: grandchild!.id, sibling: org.otherUnit.id });
  for (const [name, unitId] of Object.entries(unitIds) as Array<[Place, string]>) {
    const response = await coordinator.post('/api/procurements', validProcurement(unitId, { title: `Upphandling ${name}` }));
    expect(response.statusCode, response.body).toBe(201);
    ids[name] = (response.json() as { id: string }).id;
  }
});
afterAll(() => ctx.close());

describe('a unit membership read with the session', () => {
  it('reaches the unit and every unit below it, and no other', async () => {
    const me = (await parentProcurer.get('/api/me')).json() as { memberships: Array<{ role: string; unitIds: string[] | null }> };
    expect(me.memberships).toHaveLength(1);
    expect(new Set(me.memberships[0]!.unitIds)).toEqual(new Set([unitIds.parent, unitIds.child, unitIds.grandchild]));
    // A procurer may edit what their units own (and read the whole register).
    const rename = async (place: Place) => {
      const current = (await parentProcurer.get(`/api/procurements/${ids[place]}`)).json() as { version: number };
      return (await parentProcurer.patch(`/api/procurements/${ids[place]}`, { version: current.version, title: `Upphandling ${place}, ändrad` })).statusCode;
    };
    expect(await rename('grandchild')).toBe(200);
    expect(await rename('child')).toBe(200);
    expect(await rename('sibling')).toBe(403);
  });
});

describe('the register list with its total in one statement', () => {
  it('counts every match of a screening filter, also when the page is full', async () => {
    const totals: number[] = [];
    for (const screening of ['recommended', 'needs_assessment', 'not_recommended', 'none']) {
      const all = (await coordinator.get(`/api/procurements?screening=${screening}&pageSize=100`)).json() as { total: number; items: unknown[] };
      const first = (await coordinator.get(`/api/procurements?screening=${screening}&pageSize=1`)).json() as { total: number; items: unknown[] };
      expect(first.total).toBe(all.items.length);
      expect(all.total).toBe(all.items.length);
      totals.push(all.total);
    }
    expect(totals.reduce((a, b) => a + b, 0)).toBe(4);
    const past = (await coordinator.get('/api/procurements?pageSize=2&page=9')).json() as { total: number; items: unknown[] };
    expect(past).toEqual({ total: 4, items: [] });
  });
});

/** Statements sent on the pg driver from `counting()` until the real query is put back. */
const realQuery = pg.Client.prototype.query;
let sent = 0;
const counting = () => {
  sent = 0;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    sent += 1;
    return (realQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof realQuery;
};
afterEach(() => {
  pg.Client.prototype.query = realQuery;
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('round trips per request on a PostgreSQL server', () => {

  it('answers a register list from the cache with one statement: the caller and the version together', async () => {
    expect((await coordinator.get('/api/procurements?sort=referenceNumber&pageSize=10')).statusCode).toBe(200);
    counting();
    const again = await coordinator.get('/api/procurements?sort=referenceNumber&pageSize=10');
    pg.Client.prototype.query = realQuery;
    expect(again.statusCode, again.body).toBe(200);
    expect(sent).toBe(1);
  });

  it('computes a register list the cache does not hold with two statements: the caller, and the page with its total', async () => {
    counting();
    const page = await coordinator.get('/api/procurements?sort=title&pageSize=2&page=2');
    pg.Client.prototype.query = realQuery;
    expect(page.statusCode, page.body).toBe(200);
    const body = page.json() as { total: number; items: Array<{ title: string }> };
    expect(body.items.map((i) => i.title)).toEqual(['Upphandling parent', 'Upphandling sibling']);
    expect(body.total).toBe(4);
    expect(sent).toBe(2);
  });

  it('opens a procurement for a unit-limited procurer with one statement: the page rides with the caller and its unit scope (decision 0915)', async () => {
    counting();
    const page = await parentProcurer.get(`/api/procurements/${ids.child}`);
    pg.Client.prototype.query = realQuery;
    expect(page.statusCode, page.body).toBe(200);
    expect((page.json() as { title: string; canEdit: boolean })).toMatchObject({ title: expect.stringMatching(/^Upphandling child/), canEdit: true });
    expect(sent).toBe(1);
  });

  it('opens a procurement page it holds at this register version with one statement, which then skips reading the page (decisions 0914, 0915)', async () => {
    expect((await coordinator.get(`/api/procurements/${ids.parent}`)).statusCode).toBe(200);
    counting();
    const again = await coordinator.get(`/api/procurements/${ids.parent}`);
    pg.Client.prototype.query = realQuery;
    expect(again.statusCode, again.body).toBe(200);
    expect(sent).toBe(1);
  });

  it('serves a write made straight into the database (as another process would) at once: the version is read in each request, never kept', async () => {
    const titles = async () => ((await coordinator.get('/api/procurements?sort=referenceNumber&pageSize=10')).json() as { items: Array<{ title: string }> }).items.map((i) => i.title);
    expect(await titles()).toContain('Upphandling sibling');
    await ctx.db.execute(sql`update procurements set title = 'Upphandling omdöpt' where id = ${ids.sibling}`);
    expect(await titles()).toContain('Upphandling omdöpt');
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('round trips of a register list cut from a register snapshot (decision 0913)', () => {
  let snap: TestContext;
  let user: Session;
  const count = async (url: string) => {
    counting();
    try {
      const response = await user.get(url);
      expect(response.statusCode, response.body).toBe(200);
      return { sent, body: response.json() as { total: number; items: Array<{ title: string }> } };
    } finally {
      pg.Client.prototype.query = realQuery;
    }
  };
  beforeAll(async () => {
    snap = await createTestApp();
    const organisation = await createOrganisation(snap.db);
    user = await login(snap.app, (await createUser(snap.db, organisation.id, ['coordinator'])).email);
    for (const title of ['Skolstädning', 'Parkskötsel', 'Skolmåltider']) {
      expect((await user.post('/api/procurements', validProcurement(organisation.unit.id, { title }))).statusCode).toBe(201);
    }
  });
  afterAll(() => snap.close());

  it('reads the snapshot once per register version; other filters, sorts and pages then cost the caller statement alone', async () => {
    expect(await count('/api/procurements?sort=title')).toMatchObject({ sent: 2, body: { total: 3 } });
    const other = await count('/api/procurements?sort=-title&pageSize=1&page=2');
    expect(other).toEqual({ sent: 1, body: expect.objectContaining({ total: 3 }) });
    expect(other.body.items.map((i) => i.title)).toEqual(['Skolmåltider']);
    // A search asks the database for its matching ids once per snapshot.
    const search = await count('/api/procurements?q=skol&sort=title');
    expect(search.sent).toBe(2);
    expect(search.body.items.map((i) => i.title)).toEqual(['Skolmåltider', 'Skolstädning']);
    expect((await count('/api/procurements?q=skol&sort=-title')).sent).toBe(1);
  });
});
