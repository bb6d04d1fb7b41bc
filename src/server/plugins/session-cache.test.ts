import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, login, type TestContext } from '../../../tests/support/factories.js';

let ctx: TestContext;
let org: Awaited<ReturnType<typeof createOrganisation>>;

beforeAll(async () => {
  ctx = await createTestApp();
  org = await createOrganisation(ctx.db);
});
afterAll(() => ctx.close());

describe('the session cache', () => {
  it('takes a role change into account on the very next request', async () => {
    const admin = await login(ctx.app, (await createUser(ctx.db, org.id, ['admin'])).email);
    const user = await createUser(ctx.db, org.id, ['viewer']);
    const session = await login(ctx.app, user.email);
    expect((await session.get('/api/me')).json().roles).toEqual(['viewer']);
    const changed = await admin.patch(`/api/users/${user.id}`, { memberships: [{ role: 'coordinator', unitId: null }] });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await session.get('/api/me')).json().roles).toEqual(['coordinator']);
  });

  it('refuses a suspended member on the very next request', async () => {
    const admin = await login(ctx.app, (await createUser(ctx.db, org.id, ['admin'])).email);
    const user = await createUser(ctx.db, org.id, ['viewer']);
    const session = await login(ctx.app, user.email);
    expect((await session.get('/api/me')).statusCode).toBe(200);
    expect((await admin.patch(`/api/users/${user.id}`, { suspended: true })).statusCode).toBe(200);
    expect((await session.get('/api/units')).statusCode).toBe(403);
    expect((await session.get('/api/me')).json().organisation).toBeNull();
  });
});
