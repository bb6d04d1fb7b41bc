import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, login, validProcurement, type Session, type TestContext } from '../../../../tests/support/factories.js';

let ctx: TestContext;
let org: Awaited<ReturnType<typeof createOrganisation>>;
let admin: Session;
let coordinator: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  org = await createOrganisation(ctx.db);
  const adminUser = await createUser(ctx.db, org.id, ['admin']);
  admin = await login(ctx.app, adminUser.email);
  coordinator = await login(ctx.app, (await createUser(ctx.db, org.id, ['coordinator'])).email);
});
afterAll(() => ctx.close());

describe('units', () => {
  it('an admin adds a unit below another, with a validated organisation number', async () => {
    const created = await admin.post('/api/units', { code: 'PARK', name: 'Park- och naturförvaltningen', parentId: org.unit.id, organisationNumber: '2120001355' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ code: 'PARK', parentId: org.unit.id, organisationNumber: '212000-1355' });
    const bad = await admin.post('/api/units', { code: 'X', name: 'X', organisationNumber: '212000-1356' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ path: '/body/organisationNumber', code: 'invalid_organisation_number' });
  });

  it('refuses a duplicate code and a move below itself', async () => {
    expect((await admin.post('/api/units', { code: 'U1', name: 'Dubblett' })).statusCode).toBe(400);
    const parent = (await admin.post('/api/units', { code: 'P', name: 'Förälder' })).json();
    const child = (await admin.post('/api/units', { code: 'C', name: 'Barn', parentId: parent.id })).json();
    const cycle = await admin.patch(`/api/units/${parent.id}`, { parentId: child.id });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().errors[0].code).toBe('cycle');
  });

  it('removes only an empty unit', async () => {
    await coordinator.post('/api/procurements', validProcurement(org.otherUnit.id));
    expect((await admin.delete(`/api/units/${org.otherUnit.id}`)).statusCode).toBe(409);
    const empty = (await admin.post('/api/units', { code: 'TOM', name: 'Tom enhet' })).json();
    expect((await admin.delete(`/api/units/${empty.id}`)).statusCode).toBe(204);
  });

  it('is refused to coordinators, who may only read units', async () => {
    expect((await coordinator.post('/api/units', { code: 'NO', name: 'Nej' })).statusCode).toBe(403);
    expect((await coordinator.get('/api/units')).statusCode).toBe(200);
  });
});

describe('organisation', () => {
  it('admins change the social-considerations goal; others may not', async () => {
    const r = await admin.patch('/api/organisation', { socialGoalPercent: 60 });
    expect(r.json().socialGoalPercent).toBe(60);
    expect((await coordinator.patch('/api/organisation', { socialGoalPercent: 10 })).statusCode).toBe(403);
    expect((await admin.patch('/api/organisation', { socialGoalPercent: 101 })).statusCode).toBe(400);
  });
});
