import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrganisation,
  createTestApp,
  createUser,
  login,
  validProcurement,
  type Session,
  type TestContext,
} from '../../../../tests/support/factories.js';

let ctx: TestContext;
let org: Awaited<ReturnType<typeof createOrganisation>>;
let coordinator: Session;
let procurer: Session;
let viewer: Session;
let admin: Session;
let procurerId: string;

beforeAll(async () => {
  ctx = await createTestApp();
  org = await createOrganisation(ctx.db);
  coordinator = await login(ctx.app, (await createUser(ctx.db, org.id, ['coordinator'])).email);
  const procurerUser = await createUser(ctx.db, org.id, [{ role: 'procurer', unitId: org.unit.id }]);
  procurerId = procurerUser.id;
  procurer = await login(ctx.app, procurerUser.email);
  viewer = await login(ctx.app, (await createUser(ctx.db, org.id, ['viewer'])).email);
  admin = await login(ctx.app, (await createUser(ctx.db, org.id, ['admin'])).email);
});
afterAll(() => ctx.close());

async function create(session: Session, overrides: Record<string, unknown> = {}) {
  const response = await session.post('/api/procurements', validProcurement(org.unit.id, overrides));
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

describe('creating a procurement', () => {
  it('stores every field, resolves CPV labels in both languages and starts as planned', async () => {
    const p = await create(coordinator, {
      responsibleUserId: procurerId,
      lots: [
        { lotNumber: 1, title: 'Norr', mainCpv: '90911200', estimatedValueOre: 5_000_000_00, durationMonths: 24 },
        { lotNumber: 2, title: 'Söder', mainCpv: '90911200', estimatedValueOre: 7_000_000_00, durationMonths: 24 },
      ],
    });
    expect(p).toMatchObject({
      title: 'Lokalvård i förskolor',
      status: 'planned',
      contractNature: 'services',
      mainCpv: { code: '90911200', sv: 'Städning av byggnader', en: expect.stringMatching(/cleaning/i) },
      additionalCpv: [{ code: '90919200' }],
      estimatedValueOre: 12_000_000_00,
      contractStart: '2026-04-01',
      labourNeedFte: 6.5,
      responsible: { id: procurerId },
      unit: { id: org.unit.id, code: 'U1' },
      allowedTransitions: ['in_preparation', 'cancelled'],
      isDeletable: true,
      version: 1,
    });
    expect(p.lots.map((l: { title: string }) => l.title)).toEqual(['Norr', 'Söder']);
  });

  it('answers problem+json naming every invalid field', async () => {
    const response = await coordinator.post('/api/procurements', validProcurement(org.unit.id, { additionalCpv: ['90911200'], title: '  ', lots: [{ lotNumber: 1, title: 'A', mainCpv: '12345678' }] }));
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const body = response.json();
    expect(body.code).toBe('validation_failed');
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/body/additionalCpv/0', '/body/lots/0/mainCpv', '/body/title']);
    expect((await coordinator.get('/api/procurements?q=12345678')).json().total).toBe(0);
  });

  it('names a parameter of the wrong type', async () => {
    const response = await coordinator.post(
      '/api/procurements',
      validProcurement(org.unit.id, { durationMonths: 'long', estimatedValueOre: -5, contractStart: '2026-02-30', procedureType: 'auction' }),
    );
    expect(response.statusCode).toBe(400);
    const paths = response.json().errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['/body/contractStart', '/body/durationMonths', '/body/estimatedValueOre', '/body/procedureType']);
  });

  it('refuses a reference number already used in the organisation', async () => {
    const first = await create(coordinator);
    const again = await coordinator.post('/api/procurements', validProcurement(org.unit.id, { referenceNumber: first.referenceNumber }));
    expect(again.statusCode).toBe(400);
    expect(again.json().errors).toContainEqual(expect.objectContaining({ path: '/body/referenceNumber', code: 'duplicate' }));
  });

  it('lets a unit-limited procurer register only for their own unit', async () => {
    await create(procurer);
    const other = await procurer.post('/api/procurements', validProcurement(org.otherUnit.id));
    expect(other.statusCode).toBe(400);
    expect(other.json().errors).toContainEqual(expect.objectContaining({ path: '/body/unitId', code: 'unit_not_yours' }));
  });

  it('refuses viewers and admins (who manage people, not procurements)', async () => {
    expect((await viewer.post('/api/procurements', validProcurement(org.unit.id))).statusCode).toBe(403);
    expect((await admin.post('/api/procurements', validProcurement(org.unit.id))).statusCode).toBe(403);
  });
});

describe('reading', () => {
  it('hides the responsible person from viewers (no personal data)', async () => {
    const p = await create(coordinator, { responsibleUserId: procurerId });
    expect((await coordinator.get(`/api/procurements/${p.id}`)).json().responsible).toMatchObject({ id: procurerId });
    const seen = (await viewer.get(`/api/procurements/${p.id}`)).json();
    expect(seen.responsible).toBeNull();
    expect(seen.allowedTransitions).toEqual([]);
    expect(seen.canEdit).toBe(false);
  });

  it('answers 404 problem+json for an unknown id and 400 for a malformed one', async () => {
    const missing = await coordinator.get('/api/procurements/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('not_found');
    expect((await coordinator.get('/api/procurements/not-a-uuid')).statusCode).toBe(400);
  });
});

describe('editing', () => {
  it('changes fields, bumps the version and audits before/after of what changed', async () => {
    const p = await create(coordinator);
    const response = await coordinator.patch(`/api/procurements/${p.id}`, { version: 1, title: 'Lokalvård i skolor', labourNeedFte: 8 });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ title: 'Lokalvård i skolor', labourNeedFte: 8, version: 2 });
    const audit = await coordinator.get(`/api/audit-events?entityType=procurement&entityId=${p.id}`);
    const update = audit.json().items.find((e: { action: string }) => e.action === 'procurement.updated');
    expect(update.before).toEqual({ title: 'Lokalvård i förskolor', labourNeedFte: 6.5 });
    expect(update.after).toEqual({ title: 'Lokalvård i skolor', labourNeedFte: 8 });
  });

  it('refuses a stale version with 409 and keeps the newer edit', async () => {
    const p = await create(coordinator);
    expect((await coordinator.patch(`/api/procurements/${p.id}`, { version: 1, title: 'Först' })).statusCode).toBe(200);
    const stale = await coordinator.patch(`/api/procurements/${p.id}`, { version: 1, title: 'Sist' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('stale_version');
    expect((await coordinator.get(`/api/procurements/${p.id}`)).json().title).toBe('Först');
  });

  it('validates an edit like a create, and keeps the record untouched when invalid', async () => {
    const p = await create(coordinator);
    const bad = await coordinator.patch(`/api/procurements/${p.id}`, { version: 1, mainCpv: '00000001' });
    expect(bad.statusCode).toBe(400);
    expect((await coordinator.get(`/api/procurements/${p.id}`)).json()).toMatchObject({ mainCpv: { code: '90911200' }, version: 1 });
  });

  it('lets a unit-limited procurer edit own-unit procurements but not others', async () => {
    const own = await create(coordinator);
    const others = await create(coordinator, { unitId: org.otherUnit.id });
    expect((await procurer.patch(`/api/procurements/${own.id}`, { version: 1, title: 'Ny' })).statusCode).toBe(200);
    expect((await procurer.patch(`/api/procurements/${others.id}`, { version: 1, title: 'Ny' })).statusCode).toBe(403);
    // ...and may not move their procurement to a unit that is not theirs.
    const move = await procurer.patch(`/api/procurements/${own.id}`, { version: 2, unitId: org.otherUnit.id });
    expect(move.statusCode).toBe(400);
  });
});

describe('status changes', () => {
  it('walks planned → in_preparation → published → evaluation → awarded, and then nothing', async () => {
    const p = await create(coordinator);
    for (const status of ['in_preparation', 'published', 'evaluation', 'awarded']) {
      const r = await coordinator.post(`/api/procurements/${p.id}/status`, { status });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().status).toBe(status);
    }
    const after = await coordinator.post(`/api/procurements/${p.id}/status`, { status: 'cancelled' });
    expect(after.statusCode).toBe(409);
    expect(after.json()).toMatchObject({ code: 'invalid_transition', from: 'awarded', to: 'cancelled', allowed: [] });
    const edit = await coordinator.patch(`/api/procurements/${p.id}`, { version: 5, title: 'x' });
    expect(edit.statusCode).toBe(409);
  });

  it('refuses skipping a step', async () => {
    const p = await create(coordinator);
    const r = await coordinator.post(`/api/procurements/${p.id}/status`, { status: 'awarded' });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('invalid_transition');
  });
});

describe('deleting', () => {
  it('deletes a planned procurement and audits it', async () => {
    const p = await create(coordinator);
    expect((await coordinator.delete(`/api/procurements/${p.id}`)).statusCode).toBe(204);
    expect((await coordinator.get(`/api/procurements/${p.id}`)).statusCode).toBe(404);
    const audit = await coordinator.get(`/api/audit-events?entityId=${p.id}`);
    expect(audit.json().items[0]).toMatchObject({ action: 'procurement.deleted', before: { referenceNumber: p.referenceNumber } });
  });

  it('refuses to delete once past planned', async () => {
    const p = await create(coordinator);
    await coordinator.post(`/api/procurements/${p.id}/status`, { status: 'in_preparation' });
    const r = await coordinator.delete(`/api/procurements/${p.id}`);
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('not_deletable');
  });
});

describe('the register list', () => {
  let listOrg: Awaited<ReturnType<typeof createOrganisation>>;
  let session: Session;

  beforeAll(async () => {
    listOrg = await createOrganisation(ctx.db);
    session = await login(ctx.app, (await createUser(ctx.db, listOrg.id, ['coordinator'])).email);
    const rows = [
      { referenceNumber: 'L-1', title: 'Städning av skolor', mainCpv: '90911200', contractStart: '2024-03-01', estimatedValueOre: 300, unitId: listOrg.unit.id },
      { referenceNumber: 'L-2', title: 'Parkskötsel Angered', mainCpv: '77313000', contractStart: '2025-05-01', estimatedValueOre: 100, unitId: listOrg.otherUnit.id },
      { referenceNumber: 'L-3', title: 'Nybyggnation av förskola', mainCpv: '45214200', contractNature: 'works', contractStart: '2025-09-01', estimatedValueOre: 900, unitId: listOrg.unit.id },
      { referenceNumber: 'L-4', title: 'Persondatorer', mainCpv: '30213000', contractNature: 'supplies', contractStart: null, estimatedValueOre: 200, unitId: listOrg.unit.id, labourNeedFte: null },
    ];
    for (const row of rows) {
      const r = await session.post('/api/procurements', { ...validProcurement(listOrg.unit.id, { additionalCpv: [], description: '' }), ...row });
      expect(r.statusCode, r.body).toBe(201);
    }
  });

  const refs = async (query: string) => {
    const r = await session.get(`/api/procurements?${query}`);
    expect(r.statusCode, r.body).toBe(200);
    return { refs: r.json().items.map((i: { referenceNumber: string }) => i.referenceNumber), total: r.json().total };
  };

  it('filters by unit, status, contract nature, year and CPV division', async () => {
    expect((await refs(`unitId=${listOrg.otherUnit.id}`)).refs).toEqual(['L-2']);
    expect((await refs('contractNature=works')).refs).toEqual(['L-3']);
    expect((await refs('year=2025&sort=referenceNumber')).refs).toEqual(['L-2', 'L-3']);
    expect((await refs('cpvDivision=90')).refs).toEqual(['L-1']);
    expect((await refs('status=planned')).total).toBe(4);
    expect((await refs('status=awarded')).total).toBe(0);
  });

  it('searches free text with Swedish stemming and word prefixes', async () => {
    expect((await refs('q=skola')).refs).toEqual(['L-1']); // "skolor" and "skola" share a stem
    expect((await refs(`q=${encodeURIComponent('förskol')}`)).refs).toEqual(['L-3']);
    expect((await refs('q=angered%20park')).refs).toEqual(['L-2']);
    expect((await refs(`q=${encodeURIComponent("'&|!():*")}`)).total).toBe(4); // nothing to search for: no filter, no error
  });

  it('sorts both ways with empty values last, and paginates with the total', async () => {
    expect((await refs('sort=estimatedValueOre')).refs).toEqual(['L-2', 'L-4', 'L-1', 'L-3']);
    expect((await refs('sort=-estimatedValueOre')).refs).toEqual(['L-3', 'L-1', 'L-4', 'L-2']);
    expect((await refs('sort=contractStart')).refs.at(-1)).toBe('L-4');
    expect(await refs('sort=referenceNumber&page=2&pageSize=3')).toEqual({ refs: ['L-4'], total: 4 });
    expect(await refs('sort=referenceNumber&page=3&pageSize=3')).toEqual({ refs: [], total: 4 });
  });

  it('refuses an unknown sort field and an oversized page', async () => {
    expect((await session.get('/api/procurements?sort=password')).statusCode).toBe(400);
    expect((await session.get('/api/procurements?pageSize=100000')).statusCode).toBe(400);
  });

  it('counts by status and unit on the overview', async () => {
    const overview = (await session.get('/api/overview')).json();
    expect(overview.total).toBe(4);
    expect(overview.byStatus).toEqual({ planned: 4 });
    expect(overview.byUnit.find((u: { unitId: string }) => u.unitId === listOrg.unit.id).total).toBe(3);
  });
});
