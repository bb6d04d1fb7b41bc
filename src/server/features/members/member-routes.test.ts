import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitations, memberships, users } from '../../../db/schema/index.js';
import {
  createOrganisation,
  createTestApp,
  createUser,
  invitationTokenFor,
  login,
  TEST_PASSWORD,
  type Session,
  type TestContext,
} from '../../../../tests/support/factories.js';

let ctx: TestContext;
let goteborg: Awaited<ReturnType<typeof createOrganisation>>;
let boras: Awaited<ReturnType<typeof createOrganisation>>;
let goteborgAdmin: Awaited<ReturnType<typeof createUser>>;
let borasAdmin: Session;
let gbgAdmin: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  // Names chosen so that name order would put Borås first.
  boras = await createOrganisation(ctx.db, { slug: 'boras', name: 'Borås Stad' });
  goteborg = await createOrganisation(ctx.db, { slug: 'goteborg', name: 'Göteborgs Stad' });
  goteborgAdmin = await createUser(ctx.db, goteborg.id, ['admin'], 'admin@goteborg.example');
  gbgAdmin = await login(ctx.app, 'admin@goteborg.example');
  borasAdmin = await login(ctx.app, (await createUser(ctx.db, boras.id, ['admin'], 'admin@boras.example')).email);
});
afterAll(() => ctx.close());

const accountOf = async (id: string) => (await ctx.db.select().from(users).where(eq(users.id, id)))[0]!;

describe('issue 8 item 1: the Borås admin against the Göteborg admin', () => {
  it('cannot learn, rename, disable or move the Göteborg admin, whose session and token keep working', async () => {
    const token = (await gbgAdmin.post('/api/me/tokens', { name: 'Integration' })).json().token as string;
    const before = await accountOf(goteborgAdmin.id);

    // The old attack: "adding" an existing e-mail answered its id and real name.
    const add = await borasAdmin.post('/api/users', { email: 'admin@goteborg.example', displayName: 'x', memberships: [{ role: 'viewer', unitId: null }] });
    expect(add.statusCode).toBe(404);
    const invited = await borasAdmin.post('/api/invitations', { email: 'admin@goteborg.example', role: 'viewer' });
    expect(invited.statusCode, invited.body).toBe(201);
    expect(invited.body).not.toContain(goteborgAdmin.id);
    expect(invited.body).not.toContain(before.displayName);

    // The Göteborg admin is not a member of Borås: Borås can neither see nor change them.
    expect((await borasAdmin.get('/api/users')).json().map((u: { id: string }) => u.id)).not.toContain(goteborgAdmin.id);
    for (const body of [{ disabled: true }, { displayName: 'Kapad' }]) {
      expect([400, 404]).toContain((await borasAdmin.patch(`/api/users/${goteborgAdmin.id}`, body)).statusCode);
    }
    expect((await borasAdmin.patch(`/api/users/${goteborgAdmin.id}`, { suspended: true })).statusCode).toBe(404);
    expect((await borasAdmin.delete(`/api/users/${goteborgAdmin.id}`)).statusCode).toBe(404);

    const after = await accountOf(goteborgAdmin.id);
    expect(after).toEqual(before);
    expect((await gbgAdmin.get('/api/me')).json()).toMatchObject({ organisation: { slug: 'goteborg' }, roles: ['admin'], user: { displayName: before.displayName } });
    const viaToken = await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(viaToken.statusCode).toBe(200);

    // Signing in without choosing still lands in Göteborg (the pending Borås invitation is no membership).
    const again = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'admin@goteborg.example', password: TEST_PASSWORD } });
    expect(again.json().organisation.slug).toBe('goteborg');
  });

  it('once the Göteborg admin accepts the Borås invitation, Borås suspends only its own membership', async () => {
    const mine = (await gbgAdmin.get('/api/me/invitations')).json();
    const fromBoras = mine.find((i: { organisation: { slug: string } }) => i.organisation.slug === 'boras');
    expect(fromBoras).toBeTruthy();
    expect((await gbgAdmin.post(`/api/me/invitations/${fromBoras.id}/accept`)).json()).toEqual({ organisation: 'boras' });
    const token = (await gbgAdmin.post('/api/me/tokens', { name: 'Göteborg token' })).json().token as string;

    // Signing in now asks for a choice: no silent default, no name order.
    const login2 = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'admin@goteborg.example', password: TEST_PASSWORD } });
    expect(login2.json()).toMatchObject({ organisation: null, roles: [] });
    expect(login2.json().organisations.map((o: { slug: string }) => o.slug)).toEqual(['boras', 'goteborg']);

    const member = (await borasAdmin.get('/api/users')).json().find((u: { id: string }) => u.id === goteborgAdmin.id);
    expect(member).toMatchObject({ memberships: [{ role: 'viewer', unitId: null }], suspended: false });
    expect((await borasAdmin.patch(`/api/users/${goteborgAdmin.id}`, { suspended: true })).json().suspended).toBe(true);
    // The Göteborg session and token are untouched; Borås is no longer offered.
    expect((await gbgAdmin.get('/api/me')).json()).toMatchObject({ organisation: { slug: 'goteborg' }, roles: ['admin'] });
    expect((await ctx.app.inject({ method: 'GET', url: '/api/units', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    expect((await gbgAdmin.get('/api/me')).json().organisations.map((o: { slug: string }) => o.slug)).toEqual(['goteborg']);
    expect((await gbgAdmin.post('/api/auth/organisation', { organisation: 'boras' })).statusCode).toBe(404);
    expect((await accountOf(goteborgAdmin.id)).disabledAt).toBeNull();
  });
});

describe('invitations', () => {
  it('answer the same status and shape whether or not the address has an account, and change no account', async () => {
    const existing = await createUser(ctx.db, goteborg.id, ['viewer'], 'finns@test.example');
    const before = await accountOf(existing.id);
    const a = await borasAdmin.post('/api/invitations', { email: 'finns@test.example', role: 'procurer', unitId: boras.unit.id });
    const b = await borasAdmin.post('/api/invitations', { email: 'finns-inte@test.example', role: 'procurer', unitId: boras.unit.id });
    expect(a.statusCode).toBe(b.statusCode);
    expect(Object.keys(a.json()).sort()).toEqual(Object.keys(b.json()).sort());
    expect(a.json()).toMatchObject({ email: 'finns@test.example', role: 'procurer', unitId: boras.unit.id });
    expect(a.body).not.toContain(existing.id);
    expect(a.body).not.toContain(before.displayName);
    expect(await accountOf(existing.id)).toEqual(before);
    // Neither answer carries the link's secret.
    const token = await invitationTokenFor(ctx.db, 'finns-inte@test.example');
    expect(b.body).not.toContain(token);
    expect((await borasAdmin.get('/api/invitations')).body).not.toContain(token);
  });

  it('normalise the address, replace an open invitation of the same address and refuse a member', async () => {
    const first = (await borasAdmin.post('/api/invitations', { email: 'Ny.Person@Test.Example', role: 'viewer' })).json();
    expect(first.email).toBe('ny.person@test.example');
    const second = (await borasAdmin.post('/api/invitations', { email: 'ny.person@test.example', role: 'coordinator' })).json();
    const open = (await borasAdmin.get('/api/invitations')).json().filter((i: { email: string }) => i.email === 'ny.person@test.example');
    expect(open.map((i: { id: string }) => i.id)).toEqual([second.id]);
    const already = await borasAdmin.post('/api/invitations', { email: 'admin@boras.example', role: 'viewer' });
    expect(already.statusCode).toBe(409);
    expect(already.json().code).toBe('already_member');
  });

  it('by link: the new person sets name and password, is signed in, and the link works once', async () => {
    await borasAdmin.post('/api/invitations', { email: 'lanken@test.example', role: 'procurer', unitId: boras.unit.id });
    const token = await invitationTokenFor(ctx.db, 'lanken@test.example');
    const preview = await ctx.app.inject({ method: 'GET', url: `/api/invitation-links/${token}` });
    expect(preview.json()).toMatchObject({ organisation: { name: 'Borås Stad' }, email: 'lanken@test.example', role: 'procurer', signInRequired: false });
    const weak = await ctx.app.inject({ method: 'POST', url: '/api/invitation-links/accept', payload: { token, displayName: 'Lina Länk', password: 'password1234' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0]).toMatchObject({ path: '/body/password', code: 'too_common' });
    const accepted = await ctx.app.inject({ method: 'POST', url: '/api/invitation-links/accept', payload: { token, displayName: 'Lina Länk', password: 'blåbär i skogen varje höst' } });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ user: { email: 'lanken@test.example', displayName: 'Lina Länk' }, organisation: { slug: 'boras' }, roles: ['procurer'] });
    expect(accepted.cookies.some((c) => c.name === 'hansyn_session')).toBe(true);
    const reused = await ctx.app.inject({ method: 'POST', url: '/api/invitation-links/accept', payload: { token, displayName: 'Någon Annan', password: 'ett annat bra lösenord' } });
    expect(reused.statusCode).toBe(404);
    expect(reused.json().code).toBe('invitation_invalid');
    await expect(login(ctx.app, 'lanken@test.example', 'blåbär i skogen varje höst')).resolves.toBeTruthy();
  });

  it('by link: an expired or revoked link is refused, and an existing account is never changed through one', async () => {
    await borasAdmin.post('/api/invitations', { email: 'gammal@test.example', role: 'viewer' });
    const expiredToken = await invitationTokenFor(ctx.db, 'gammal@test.example');
    await ctx.db.update(invitations).set({ expiresAt: new Date('2000-01-01T00:00:00Z') }).where(eq(invitations.email, 'gammal@test.example'));
    const expired = await ctx.app.inject({ method: 'POST', url: '/api/invitation-links/accept', payload: { token: expiredToken, displayName: 'G', password: 'blåbär i skogen varje höst' } });
    expect(expired.json().code).toBe('invitation_invalid');

    const revokedId = (await borasAdmin.post('/api/invitations', { email: 'indragen@test.example', role: 'viewer' })).json().id;
    const revokedToken = await invitationTokenFor(ctx.db, 'indragen@test.example');
    expect((await borasAdmin.delete(`/api/invitations/${revokedId}`)).statusCode).toBe(204);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/invitation-links/${revokedToken}` })).statusCode).toBe(404);

    const owner = await createUser(ctx.db, goteborg.id, ['viewer'], 'agare@test.example');
    const before = await accountOf(owner.id);
    await borasAdmin.post('/api/invitations', { email: 'agare@test.example', role: 'admin' });
    const token = await invitationTokenFor(ctx.db, 'agare@test.example');
    const takeover = await ctx.app.inject({ method: 'POST', url: '/api/invitation-links/accept', payload: { token, displayName: 'Kapare', password: 'angriparens eget lösenord' } });
    expect(takeover.statusCode).toBe(409);
    expect(takeover.json().code).toBe('invitation_sign_in_required');
    expect(await accountOf(owner.id)).toEqual(before);
    const rows = await ctx.db.select().from(memberships).where(eq(memberships.userId, owner.id));
    expect(rows.map((r) => r.organisationId)).toEqual([goteborg.id]);
  });

  it('cannot be accepted signed in by someone else', async () => {
    const id = (await borasAdmin.post('/api/invitations', { email: 'mottagare@test.example', role: 'viewer' })).json().id;
    const other = await login(ctx.app, (await createUser(ctx.db, goteborg.id, ['viewer'])).email);
    expect((await other.post(`/api/me/invitations/${id}/accept`)).statusCode).toBe(404);
  });
});

describe('memberships', () => {
  it('a person with several memberships chooses the organisation, can switch, and nothing works before choosing', async () => {
    const person = await createUser(ctx.db, goteborg.id, ['coordinator'], 'konsult@test.example');
    await ctx.db.insert(memberships).values({ userId: person.id, organisationId: boras.id, role: 'viewer', unitId: null });
    const session = await login(ctx.app, 'konsult@test.example');
    expect((await session.get('/api/me')).json()).toMatchObject({ organisation: null, roles: [] });
    const before = await session.get('/api/procurements');
    expect(before.statusCode).toBe(403);
    expect(before.json().code).toBe('organisation_required');
    expect((await session.post('/api/auth/organisation', { organisation: 'goteborg' })).json()).toMatchObject({ organisation: { slug: 'goteborg' }, roles: ['coordinator'] });
    expect((await session.get('/api/procurements')).statusCode).toBe(200);
    expect((await session.post('/api/auth/organisation', { organisation: 'boras' })).json()).toMatchObject({ organisation: { slug: 'boras' }, roles: ['viewer'] });
    expect((await session.get('/api/organisation')).json().slug).toBe('boras');
    expect((await session.post('/api/auth/organisation', { organisation: 'nowhere' })).statusCode).toBe(404);
  });

  it('a role change applies to the next request; suspension stops session and token at once, resuming restores them', async () => {
    const person = await createUser(ctx.db, boras.id, ['viewer']);
    const session = await login(ctx.app, person.email);
    const token = (await session.post('/api/me/tokens', { name: 't' })).json().token as string;
    const changed = await borasAdmin.patch(`/api/users/${person.id}`, { memberships: [{ role: 'procurer', unitId: boras.unit.id }] });
    expect(changed.json().memberships).toEqual([{ role: 'procurer', unitId: boras.unit.id }]);
    expect((await session.get('/api/me')).json().roles).toEqual(['procurer']);
    await borasAdmin.patch(`/api/users/${person.id}`, { suspended: true });
    expect((await session.get('/api/units')).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/units', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    // A role change keeps the suspension.
    await borasAdmin.patch(`/api/users/${person.id}`, { memberships: [{ role: 'viewer', unitId: null }] });
    expect((await session.get('/api/units')).statusCode).toBe(403);
    await borasAdmin.patch(`/api/users/${person.id}`, { suspended: false });
    expect((await session.get('/api/units')).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/units', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
  });

  it('removing a member ends their sessions and tokens there and leaves the account', async () => {
    const person = await createUser(ctx.db, boras.id, ['viewer']);
    const session = await login(ctx.app, person.email);
    const token = (await session.post('/api/me/tokens', { name: 't' })).json().token as string;
    expect((await borasAdmin.delete(`/api/users/${person.id}`)).statusCode).toBe(204);
    expect((await session.get('/api/me')).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    expect((await accountOf(person.id)).disabledAt).toBeNull();
    expect((await borasAdmin.get('/api/users')).json().map((u: { id: string }) => u.id)).not.toContain(person.id);
  });

  it('keeps an active admin: an admin can neither demote nor suspend themselves', async () => {
    const org = await createOrganisation(ctx.db);
    const admin = await createUser(ctx.db, org.id, ['admin']);
    const adminSession = await login(ctx.app, admin.email);
    expect((await adminSession.patch(`/api/users/${admin.id}`, { memberships: [{ role: 'viewer', unitId: null }] })).statusCode).toBe(409);
    expect((await adminSession.patch(`/api/users/${admin.id}`, { suspended: true })).statusCode).toBe(409);
    const second = await createUser(ctx.db, org.id, ['admin']);
    const secondSession = await login(ctx.app, second.email);
    expect((await secondSession.patch(`/api/users/${admin.id}`, { suspended: true })).statusCode).toBe(200);
    const last = await adminSession.request({ method: 'GET', url: '/api/me' });
    expect(last.json().organisation).toBeNull();
    // The only active admin left cannot step down.
    expect((await secondSession.patch(`/api/users/${second.id}`, { memberships: [{ role: 'viewer', unitId: null }] })).statusCode).toBe(409);
  });

  it('refuses unknown units and non-admins', async () => {
    const person = await createUser(ctx.db, boras.id, ['viewer']);
    const bad = await borasAdmin.patch(`/api/users/${person.id}`, { memberships: [{ role: 'procurer', unitId: goteborg.unit.id }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ path: '/body/memberships/0/unitId', code: 'unknown_unit' });
    const coordinator = await login(ctx.app, (await createUser(ctx.db, boras.id, ['coordinator'])).email);
    expect((await coordinator.post('/api/invitations', { email: 'x@test.example', role: 'viewer' })).statusCode).toBe(403);
    expect((await coordinator.patch(`/api/users/${person.id}`, { suspended: true })).statusCode).toBe(403);
    expect((await coordinator.get('/api/users')).statusCode).toBe(200);
  });

  it('audits membership administration', async () => {
    const events = (await borasAdmin.get('/api/audit-events?entityType=user')).json().items.map((e: { action: string }) => e.action);
    expect(events).toEqual(expect.arrayContaining(['membership.suspended', 'membership.updated', 'membership.removed']));
    const invites = (await borasAdmin.get('/api/audit-events?entityType=invitation')).json().items.map((e: { action: string }) => e.action);
    expect(invites).toEqual(expect.arrayContaining(['invitation.created', 'invitation.accepted', 'invitation.revoked']));
  });
});
