import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, login, validProcurement, type Session, type TestContext } from '../../../../tests/support/factories.js';

// The app's one clock, moved by the test. Sessions expire by the same clock, so the edit a year
// later signs in again.
let clock = new Date('2031-05-06T07:08:09.000Z');
let ctx: TestContext;
let org: Awaited<ReturnType<typeof createOrganisation>>;
let coordinator: Session;
let coordinatorEmail: string;

beforeAll(async () => {
  ctx = await createTestApp({}, { now: () => clock });
  org = await createOrganisation(ctx.db);
  coordinatorEmail = (await createUser(ctx.db, org.id, ['coordinator'])).email;
  coordinator = await login(ctx.app, coordinatorEmail);
});
afterAll(() => ctx.close());

describe('automatic screening reads the injected clock', () => {
  it('stamps the screening of a new procurement with deps.now, not the wall clock', async () => {
    clock = new Date('2031-05-06T07:08:09.000Z');
    const created = await coordinator.post('/api/procurements', validProcurement(org.unit.id));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().screening.screenedAt).toBe('2031-05-06T07:08:09.000Z');
  });

  it('stamps the re-screening after a screening-relevant edit with deps.now', async () => {
    clock = new Date('2031-05-06T07:08:09.000Z');
    const created = (await coordinator.post('/api/procurements', validProcurement(org.unit.id))).json();
    clock = new Date('2032-01-02T03:04:05.000Z');
    const later = await login(ctx.app, coordinatorEmail);
    const edited = await later.patch(`/api/procurements/${created.id}`, { version: created.version, labourNeedFte: 7 });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().screening.screenedAt).toBe('2032-01-02T03:04:05.000Z');
    const screening = (await later.get(`/api/procurements/${created.id}/screening`)).json();
    expect(screening).toMatchObject({ trigger: 'updated', screenedAt: '2032-01-02T03:04:05.000Z' });
  });
});
