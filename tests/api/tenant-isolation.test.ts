import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, login, validProcurement, type Session, type TestContext } from '../support/factories.js';

/**
 * Tenant isolation, for every endpoint in the OpenAPI document: a user of organisation B
 * (holding every role) gets 404 for organisation A's records and never sees them in lists.
 * A new endpoint with a path parameter fails this test until it is added to RESOURCES.
 */
let ctx: TestContext;
let a: Session;
let b: Session;
const ids: Record<string, string> = {};

/** Which record of organisation A each path parameter points at, by path prefix. */
const RESOURCES: Array<{ prefix: string; id: () => string; body?: Record<string, unknown> }> = [
  { prefix: '/api/procurements/{id}/status', id: () => ids.procurement!, body: { POST: { status: 'cancelled' } } },
  { prefix: '/api/procurements/{id}', id: () => ids.procurement!, body: { PATCH: { version: 1, title: 'Kapad' } } },
  { prefix: '/api/units/{id}', id: () => ids.unit!, body: { PATCH: { name: 'Kapad' } } },
  { prefix: '/api/users/{id}', id: () => ids.user!, body: { PATCH: { displayName: 'Kapad' } } },
  { prefix: '/api/me/tokens/{id}', id: () => ids.token! },
];

/** Paths with parameters that are not tenant-owned records. */
const NOT_TENANT_OWNED = ['/api/reference/cpv/{code}'];


beforeAll(async () => {
  ctx = await createTestApp();
  const orgA = await createOrganisation(ctx.db);
  const orgB = await createOrganisation(ctx.db);
  const userA = await createUser(ctx.db, orgA.id, ['admin', 'coordinator']);
  a = await login(ctx.app, userA.email);
  b = await login(ctx.app, (await createUser(ctx.db, orgB.id, ['admin', 'coordinator', 'procurer', 'labour_market', 'viewer'])).email);
  const p = await a.post('/api/procurements', validProcurement(orgA.unit.id));
  expect(p.statusCode).toBe(201);
  ids.procurement = p.json().id;
  ids.unit = orgA.otherUnit.id;
  ids.user = userA.id;
  ids.token = (await a.post('/api/me/tokens', { name: 'A' })).json().id;
});
afterAll(() => ctx.close());

async function operations(): Promise<Array<{ method: string; path: string }>> {
  const spec = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })));
}

describe('tenant isolation', () => {
  it('every parameterised endpoint answers 404 for another organisation’s record', async () => {
    const ops = (await operations()).filter((o) => o.path.includes('{') && !NOT_TENANT_OWNED.includes(o.path));
    expect(ops.length).toBeGreaterThan(5);
    for (const op of ops) {
      const resource = RESOURCES.find((r) => op.path.startsWith(r.prefix));
      expect(resource, `${op.method} ${op.path} is not covered by the tenant-isolation test`).toBeDefined();
      const url = op.path.replace('{id}', resource!.id());
      const body = resource!.body?.[op.method];
      const response = await b.request({ method: op.method as 'GET', url, ...(body ? { payload: body as object } : {}) });
      expect(response.statusCode, `${op.method} ${url}: ${response.body}`).toBe(404);
    }
    // ...and nothing was changed by those attempts.
    const still = await a.get(`/api/procurements/${ids.procurement}`);
    expect(still.json()).toMatchObject({ status: 'planned', version: 1, title: 'Lokalvård i förskolor' });
    expect((await a.get('/api/me/tokens')).json()).toHaveLength(1);
  });

  it('lists never show another organisation’s records', async () => {
    const ops = (await operations()).filter((o) => o.method === 'GET' && !o.path.includes('{') && o.path.startsWith('/api/') && !o.path.startsWith('/api/reference'));
    const secrets = Object.values(ids);
    for (const op of ops) {
      const response = await b.get(op.path);
      for (const secret of secrets) expect(response.body, `${op.path} leaks ${secret}`).not.toContain(secret);
    }
    expect((await b.get('/api/procurements')).json().total).toBe(0);
  });
});
