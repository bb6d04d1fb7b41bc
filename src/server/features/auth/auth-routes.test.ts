import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../../db/schema/index.js';
import { createOrganisation, createTestApp, createUser, login, TEST_PASSWORD, type TestContext } from '../../../../tests/support/factories.js';

let ctx: TestContext;
let org: Awaited<ReturnType<typeof createOrganisation>>;
let email: string;

beforeAll(async () => {
  ctx = await createTestApp();
  org = await createOrganisation(ctx.db, { slug: 'goteborg' });
  email = (await createUser(ctx.db, org.id, ['coordinator'])).email;
});
afterAll(() => ctx.close());

describe('sign-in', () => {
  it('signs in, sets an HttpOnly SameSite cookie and answers the user, roles and CSRF token', async () => {
    const response = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: TEST_PASSWORD } });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'hansyn_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.secure).toBeFalsy();
    expect(response.json()).toMatchObject({ user: { email }, organisation: { slug: 'goteborg' }, roles: ['coordinator'], csrfToken: expect.any(String) });
  });

  it('answers the same non-revealing problem for a wrong password and an unknown e-mail', async () => {
    const wrong = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'nope' } });
    const unknown = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'nobody@test.example', password: 'nope' } });
    for (const r of [wrong, unknown]) {
      expect(r.statusCode).toBe(401);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json()).toMatchObject({ code: 'invalid_credentials', status: 401 });
    }
    expect(wrong.json().detail).toBe(unknown.json().detail);
  });

  it('refuses /api/me without a session', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/me' });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('unauthenticated');
  });

  it('refuses a state-changing request without the CSRF header, and from another origin', async () => {
    const session = await login(ctx.app, email);
    const noToken = await ctx.app.inject({ method: 'POST', url: '/api/me/tokens', payload: { name: 'x' }, headers: { cookie: `hansyn_session=${session.cookie}` } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().code).toBe('csrf_failed');
    const crossSite = await session.request({ method: 'POST', url: '/api/me/tokens', payload: { name: 'x' }, headers: { origin: 'https://evil.example' } });
    expect(crossSite.statusCode).toBe(403);
    const ok = await session.post('/api/me/tokens', { name: 'x' });
    expect(ok.statusCode).toBe(201);
  });

  it('logs out: the old cookie no longer works', async () => {
    const session = await login(ctx.app, email);
    expect((await session.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await session.get('/api/me')).statusCode).toBe(401);
  });

  it('changes the password: the old one stops working, other sessions end', async () => {
    const user = await createUser(ctx.db, org.id, ['viewer']);
    const other = await login(ctx.app, user.email);
    const session = await login(ctx.app, user.email);
    const tooShort = await session.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().errors[0].path).toBe('/body/newPassword');
    const changed = await session.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'a much longer new passphrase' });
    expect(changed.statusCode).toBe(204);
    expect((await other.get('/api/me')).statusCode).toBe(401);
    expect((await session.get('/api/me')).statusCode).toBe(200);
    await expect(login(ctx.app, user.email)).rejects.toThrow(/401/);
    await expect(login(ctx.app, user.email, 'a much longer new passphrase')).resolves.toBeTruthy();
  });

  it('rate-limits repeated failed logins for the same e-mail', async () => {
    const limited = await createTestApp({ HANSYN_LOGIN_RATE_LIMIT: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await limited.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'x@test.example', password: 'wrong' } });
        statuses.push(r.statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('personal API tokens', () => {
  it('are shown once, work as Bearer, and stop working when revoked', async () => {
    const session = await login(ctx.app, email);
    const created = await session.post('/api/me/tokens', { name: 'Integration' });
    const { token, id } = created.json();
    expect(token).toMatch(/^hsn_/);
    const list = await session.get('/api/me/tokens');
    expect(JSON.stringify(list.json())).not.toContain(token);
    const viaToken = await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(viaToken.statusCode).toBe(200);
    expect(viaToken.json().via).toBe('token');
    // A token needs no CSRF header: it is not a cookie a browser sends on its own.
    const write = await ctx.app.inject({ method: 'POST', url: '/api/me/tokens', headers: { authorization: `Bearer ${token}` }, payload: { name: 'second' } });
    expect(write.statusCode).toBe(201);
    expect((await session.delete(`/api/me/tokens/${id}`)).statusCode).toBe(204);
    const revoked = await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(revoked.statusCode).toBe(401);
  });
});

describe('issue 8 item 3: the sign-in limit', () => {
  const attempt = (c: TestContext, email: string, password = 'wrong', ip = '10.0.0.1') =>
    c.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress: ip });

  it('counts spaces, tabs, case and Unicode forms of one e-mail as one key, even with the right password', async () => {
    const limited = await createTestApp({ HANSYN_LOGIN_RATE_LIMIT: '3' });
    try {
      const o = await createOrganisation(limited.db);
      const target = (await createUser(limited.db, o.id, ['viewer'], 'måns@test.example')).email;
      const variants = [` ${target}`, `${target} `, `\t${target}`, target.toUpperCase(), target.normalize('NFD')];
      const statuses = [];
      for (const v of variants) statuses.push((await attempt(limited, v)).statusCode);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      const sneaky = await attempt(limited, `       ${target}`, TEST_PASSWORD);
      expect(sneaky.statusCode).toBe(429);
      expect(Number(sneaky.headers['retry-after'])).toBeGreaterThan(0);
      expect(sneaky.json().code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });

  it('does not count successful sign-ins, so colleagues behind one proxy do not lock each other out', async () => {
    const limited = await createTestApp({ HANSYN_LOGIN_RATE_LIMIT: '3', HANSYN_LOGIN_IP_RATE_LIMIT: '3' });
    try {
      const o = await createOrganisation(limited.db);
      const colleagues = [];
      for (let i = 0; i < 5; i++) colleagues.push((await createUser(limited.db, o.id, ['viewer'])).email);
      for (const email of colleagues) expect((await attempt(limited, email, TEST_PASSWORD)).statusCode).toBe(200);
      for (const email of colleagues) expect((await attempt(limited, email, TEST_PASSWORD)).statusCode).toBe(200);
      // The failures, not the successes, fill the address's allowance.
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await attempt(limited, `nobody${i}@test.example`)).statusCode);
      expect(statuses).toEqual([401, 401, 401, 429]);
      // Another address is not affected.
      expect((await attempt(limited, colleagues[0]!, TEST_PASSWORD, '10.0.0.2')).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('limits one address trying many e-mails', async () => {
    const limited = await createTestApp({ HANSYN_LOGIN_RATE_LIMIT: '100', HANSYN_LOGIN_IP_RATE_LIMIT: '4' });
    try {
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await attempt(limited, `spray${i}@test.example`, 'wrong', '10.9.9.9')).statusCode);
      expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('issue 8 item 3: the password policy on change', () => {
  it.each([
    ['too short', 'kort lösen', 'too_short'],
    ['a breached password', 'password1234', 'too_common'],
    ['a sequence', '123456789012', 'too_common'],
    ['a repeat', 'aaaaaaaaaaaa', 'too_common'],
    ['the e-mail address', 'EMAIL', 'matches_account'],
    ['the name', 'Test Testsson Testsson', 'matches_account'],
    ['the current password', TEST_PASSWORD, 'same_as_current'],
  ])('refuses %s', async (_name, newPassword, code) => {
    const user = await createUser(ctx.db, org.id, ['viewer']);
    if (_name === 'the name') await ctx.db.update(users).set({ displayName: 'Test Testsson Testsson' }).where(eq(users.id, user.id));
    const session = await login(ctx.app, user.email);
    const r = await session.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: newPassword === 'EMAIL' ? user.email : newPassword });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0]).toMatchObject({ path: '/body/newPassword', code });
  });

  it('keeps API tokens and the current session, ends other sessions (decision 0302)', async () => {
    const user = await createUser(ctx.db, org.id, ['viewer']);
    const session = await login(ctx.app, user.email);
    const other = await login(ctx.app, user.email);
    const token = (await session.post('/api/me/tokens', { name: 'integration' })).json().token as string;
    expect((await session.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'tre gröna äpplen i korgen' })).statusCode).toBe(204);
    expect((await other.get('/api/me')).statusCode).toBe(401);
    expect((await session.get('/api/me')).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
  });
});

describe('my account', () => {
  it('I rename myself; the change is audited in my organisation', async () => {
    const user = await createUser(ctx.db, org.id, ['admin']);
    const session = await login(ctx.app, user.email);
    const r = await session.patch('/api/me/account', { displayName: '  Anna Andersson ' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().user.displayName).toBe('Anna Andersson');
    const events = (await session.get('/api/audit-events?entityType=user')).json().items;
    expect(events.some((e: { action: string; entityId: string }) => e.action === 'user.renamed' && e.entityId === user.id)).toBe(true);
  });
});
