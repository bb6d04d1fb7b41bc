import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, login, type TestContext } from '../../../tests/support/factories.js';

/**
 * Operations routes (`anonymous`) never read credentials (decision 0912): a browser's session
 * cookie or a monitoring probe's header costs them no session lookup. Every other route still does.
 */
let ctx: TestContext;
let cookie: string;
beforeAll(async () => {
  ctx = await createTestApp();
  const org = await createOrganisation(ctx.db);
  const session = await login(ctx.app, (await createUser(ctx.db, org.id, ['coordinator'])).email);
  cookie = `hansyn_session=${session.cookie}`;
});
afterAll(() => ctx.close());

describe('credentials on anonymous routes', () => {
  it.each(['/api/health', '/api/ready', '/metrics', '/api/openapi.json'])('%s answers 200 whatever credentials are sent', async (url) => {
    for (const headers of [{}, { cookie }, { authorization: 'Bearer not-a-token' }, { authorization: 'Basic xyz' }]) {
      const response = await ctx.app.inject({ method: 'GET', url, headers });
      expect(response.statusCode, `${url} ${JSON.stringify(headers)}`).toBe(200);
    }
  });

  it('other public routes still read them: a malformed Authorization header is refused', async () => {
    const response = await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { authorization: 'Basic xyz' } });
    expect(response.statusCode).toBe(401);
  });

  it('signed-in routes still resolve the session cookie', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: 'Bearer not-a-token' } })).statusCode).toBe(401);
  });
});
