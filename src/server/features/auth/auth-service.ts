import type { Database } from '../../../db/client.js';
import { rolesOf } from '../../../domain/access/can.js';
import { normaliseEmail } from '../../../domain/access/normalise-email.js';
import { AppError, validationFailed } from '../../errors.js';
import type { SessionCache } from '../../plugins/session-cache.js';
import { recordAudit, recordAudits, type AuditActor } from '../audit/audit-service.js';
import type { AuthContext, Identity, RiderUse } from './auth-context.js';
import { API_TOKEN_PREFIX, hashPassword, randomToken, sha256, verifyPassword } from './auth-crypto.js';
import * as repo from './auth-repository.js';
import { checkPassword } from './password-policy.js';

/**
 * Offered to other callers (decision 0502): members' invitation tokens (`randomToken`, `sha256`),
 * the CLI's generated password and the demo seed's password hashes.
 */
export { generatePassword, hashPassword, randomToken, sha256 } from './auth-crypto.js';

/**
 * Sign-in, sessions, the organisation a session acts in, personal API tokens and a person's own
 * account (name, password). The account is the person's: only they (here) and the operator
 * (`hansyn user …`, also here) change it; organisations manage memberships only (members feature).
 * docs/decisions/0301-accounts-and-memberships.md, 0302-password-policy.md, 0303-auth-across-processes.md.
 */
export type { AuthContext, CallerRider, Identity, RiderUse } from './auth-context.js';

export interface AuthServiceDeps {
  db: Database;
  now: () => Date;
  sessionCache: SessionCache<Identity & { actor: AuthContext['actor'] | null }>;
}

export interface SignInLimits {
  /** Failed attempts per normalised e-mail per window. */
  perEmail: number;
  /** Failed attempts per client address per window (several colleagues may share one proxy). */
  perIp: number;
  windowMs: number;
}

export const LOGIN_WINDOW_MS = 15 * 60_000;

/** What /api/me answers. */
export interface MeView {
  user: { id: string; email: string; displayName: string };
  organisation: { id: string; slug: string; name: string; kind: 'buyer' | 'supplier' } | null;
  organisations: Array<{ id: string; slug: string; name: string; kind: 'buyer' | 'supplier' }>;
  roles: string[];
  memberships: Array<{ role: string; unitIds: string[] | null }>;
  csrfToken: string | null;
  via: 'session' | 'token';
}

export async function buildMe(db: Database, identity: Identity, actor: AuthContext['actor'] | null): Promise<MeView> {
  const account = await repo.findAccountById(db, identity.user.id);
  if (!account) throw new AppError('unauthenticated', 'Sign in first.');
  const organisations = await repo.listActiveOrganisations(db, account.id);
  const organisation = actor ? (organisations.find((o) => o.id === actor.organisationId) ?? null) : null;
  return {
    user: { id: account.id, email: account.email, displayName: account.displayName },
    organisation,
    organisations,
    roles: actor && organisation ? rolesOf(actor) : [],
    memberships: actor && organisation ? actor.memberships.map((m) => ({ role: m.role, unitIds: m.unitIds ? [...m.unitIds] : null })) : [],
    csrfToken: identity.session?.csrfToken ?? null,
    via: identity.via,
  };
}

/**
 * Resolves the caller of a request: a personal API token, a session cookie, or nobody. A route's
 * rider is read with a session read from the database (`ridden`, decision 0915); a caller answered
 * from the in-process session cache or by an API token comes without it.
 */
export async function resolveCaller(
  deps: AuthServiceDeps,
  credentials: { bearer: string | null; cookie: string | null },
  rider?: RiderUse,
): Promise<(Identity & { actor: AuthContext['actor'] | null; registerVersion?: number; ridden?: { value: unknown } }) | null> {
  const { db } = deps;
  const now = deps.now();
  if (credentials.bearer !== null) {
    if (!credentials.bearer.startsWith(API_TOKEN_PREFIX)) throw new AppError('unauthenticated', 'The Authorization header must be "Bearer hsn_…".');
    const token = await repo.findActiveToken(db, sha256(credentials.bearer));
    if (token === null) throw new AppError('unauthenticated', 'The API token is unknown or revoked.');
    const actor = await repo.loadActor(db, token.userId, token.organisationId);
    // A token belongs to one organisation; a suspended or removed membership ends it there.
    if (actor === null) throw new AppError('unauthenticated', 'The API token no longer has any role.');
    await repo.touchToken(db, token.id, now);
    return { actor, user: { id: token.userId, email: token.email, displayName: token.displayName }, via: 'token', organisationId: token.organisationId };
  }
  if (credentials.cookie === null || credentials.cookie === '') return null;
  const tokenHash = sha256(credentials.cookie);
  const cached = deps.sessionCache.get(tokenHash, now.getTime());
  if (cached !== null) return cached;
  const found = await repo.findSessionWithActor(db, tokenHash, now, rider);
  if (found === null) return null;
  const { session, actor, registerVersion, ridden } = found;
  const caller = {
    actor,
    user: { id: session.userId, email: session.email, displayName: session.displayName },
    via: 'session' as const,
    session: { tokenHash, csrfToken: session.csrfToken },
    organisationId: actor === null ? null : session.organisationId,
  };
  deps.sessionCache.set(tokenHash, caller, session.expiresAt, now.getTime());
  // The version and the rider belong to this request only: never cached with the caller.
  return { ...caller, ...(registerVersion === null ? {} : { registerVersion }), ...(ridden === undefined ? {} : { ridden }) };
}

function limitedError(retryAfterSeconds: number): AppError {
  return new AppError('rate_limited', 'Too many failed sign-ins. Wait a while and try again.', { retryAfterSeconds });
}

/**
 * Signs in. The sign-in limit counts failures only, in the database (so every server process
 * counts the same), keyed on the normalised e-mail and on the client address. An attempt is
 * counted before the password is checked, so concurrent guesses cannot slip past the limit, and
 * the count is taken back when the password was right: a success never uses up the limit.
 * A person with one organisation acts in it; with several, the session starts without one until
 * they choose (there is no default). Errors never tell whether the e-mail exists.
 */
export async function signIn(
  deps: AuthServiceDeps & { sessionTtlHours: number; limits: SignInLimits },
  input: { email: string; password: string; organisation?: string | undefined; ip: string },
): Promise<{ token: string; expiresAt: Date; me: MeView }> {
  const { db, limits } = deps;
  const now = deps.now();
  const email = normaliseEmail(input.email);
  const emailKey = `email:${email}`;
  const ipKey = `ip:${input.ip}`;
  const since = new Date(now.getTime() - limits.windowMs);
  await repo.deleteOldLoginFailures(db, since);
  const attempt = await repo.insertLoginFailures(db, [emailKey, ipKey], now);
  const counts = await repo.countLoginFailures(db, [emailKey, ipKey], since);
  const overEmail = (counts.get(emailKey) ?? 0) > limits.perEmail;
  const overIp = (counts.get(ipKey) ?? 0) > limits.perIp;
  if (overEmail || overIp) {
    await repo.deleteLoginFailures(db, attempt);
    const oldest = await repo.oldestLoginFailure(db, overEmail ? emailKey : ipKey, since);
    const freeAt = (oldest ?? now).getTime() + limits.windowMs;
    throw limitedError(Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000)));
  }
  const account = await repo.findAccountByEmail(db, email);
  const ok = await verifyPassword(account?.disabledAt ? null : (account?.passwordHash ?? null), input.password);
  if (!account || !ok) throw new AppError('invalid_credentials', 'The e-mail address or password is wrong.');
  await repo.deleteLoginFailures(db, attempt);
  const organisations = await repo.listActiveOrganisations(db, account.id);
  let chosen: string | null = null;
  if (input.organisation !== undefined) {
    const match = organisations.find((o) => o.slug === input.organisation);
    if (!match) throw new AppError('invalid_credentials', 'The e-mail address or password is wrong.');
    chosen = match.id;
  } else if (organisations.length === 1) {
    chosen = organisations[0]!.id;
  }
  const token = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = new Date(now.getTime() + deps.sessionTtlHours * 3_600_000);
  await repo.deleteExpiredSessions(db, now);
  await repo.insertSession(db, { tokenHash: sha256(token), userId: account.id, organisationId: chosen, csrfToken, expiresAt });
  const actor = chosen === null ? null : await repo.loadActor(db, account.id, chosen);
  const identity: Identity = {
    user: { id: account.id, email: account.email, displayName: account.displayName },
    via: 'session',
    session: { tokenHash: sha256(token), csrfToken },
    organisationId: chosen,
  };
  return { token, expiresAt, me: await buildMe(db, identity, actor) };
}

/** Starts a session for a person who just created their account (accepting an invitation). */
export async function startSession(
  deps: AuthServiceDeps & { sessionTtlHours: number },
  userId: string,
  organisationId: string,
): Promise<{ token: string; expiresAt: Date; me: MeView }> {
  const now = deps.now();
  const account = await repo.findAccountById(deps.db, userId);
  if (!account) throw new AppError('unauthenticated', 'Sign in first.');
  const token = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = new Date(now.getTime() + deps.sessionTtlHours * 3_600_000);
  await repo.insertSession(deps.db, { tokenHash: sha256(token), userId, organisationId, csrfToken, expiresAt });
  const actor = await repo.loadActor(deps.db, userId, organisationId);
  const identity: Identity = { user: { id: account.id, email: account.email, displayName: account.displayName }, via: 'session', session: { tokenHash: sha256(token), csrfToken }, organisationId };
  return { token, expiresAt, me: await buildMe(deps.db, identity, actor) };
}

export async function signOut(deps: AuthServiceDeps, identity: Identity | null): Promise<void> {
  if (!identity?.session) return;
  deps.sessionCache.forgetSession(identity.session.tokenHash);
  await repo.deleteSession(deps.db, identity.session.tokenHash);
  deps.sessionCache.forgetSession(identity.session.tokenHash);
}

/** Switches a cookie session to another organisation the person is an active member of. */
export async function chooseOrganisation(deps: AuthServiceDeps, identity: Identity, slug: string): Promise<MeView> {
  if (!identity.session) throw new AppError('bad_request', 'An API token belongs to one organisation; create one there instead.');
  const organisations = await repo.listActiveOrganisations(deps.db, identity.user.id);
  const target = organisations.find((o) => o.slug === slug);
  if (!target) throw new AppError('not_found', 'You are not a member of that organisation.');
  await repo.setSessionOrganisation(deps.db, identity.session.tokenHash, target.id);
  deps.sessionCache.forgetSession(identity.session.tokenHash);
  const actor = await repo.loadActor(deps.db, identity.user.id, target.id);
  return buildMe(deps.db, { ...identity, organisationId: target.id }, actor);
}

/** Audit trail entries for a change to a person's own account: one in each organisation they belong to. */
async function auditAccountChange(db: Database, identity: Identity, action: string, after?: unknown): Promise<void> {
  const organisations = await repo.listActiveOrganisations(db, identity.user.id);
  for (const org of organisations) {
    await recordAudits(db, { actor: { userId: identity.user.id, organisationId: org.id, memberships: [] }, label: identity.user.email }, [
      { action, entityType: 'user', entityId: identity.user.id, ...(after === undefined ? {} : { after }) },
    ]);
  }
}

/** The person renames their own account (it is theirs; no organisation may). */
export async function renameOwnAccount(deps: AuthServiceDeps, identity: Identity, displayName: string): Promise<void> {
  const name = displayName.trim();
  if (name.length === 0) throw validationFailed([{ path: '/body/displayName', code: 'required', message: 'Give a name.' }]);
  await deps.db.transaction(async (tx) => {
    await repo.updateAccount(tx, identity.user.id, { displayName: name });
    await auditAccountChange(tx, identity, 'user.renamed', { displayName: name });
  });
  deps.sessionCache.forgetUser(identity.user.id);
}

/**
 * The person changes their own password (policy: password-policy.ts). Their other sessions end;
 * their personal API tokens stay valid (integrations keep running; each is listed and revocable
 * on the same page), as decided in docs/decisions/0302-password-policy.md.
 */
export async function changeOwnPassword(deps: AuthServiceDeps, identity: Identity, currentPassword: string, newPassword: string): Promise<void> {
  const account = await repo.findAccountById(deps.db, identity.user.id);
  if (!account || !(await verifyPassword(account.passwordHash, currentPassword))) {
    throw validationFailed([{ path: '/body/currentPassword', code: 'wrong_password', message: 'The current password is wrong.' }]);
  }
  const problems = await checkPassword(newPassword, { email: account.email, displayName: account.displayName, currentHash: account.passwordHash }, '/body/newPassword');
  if (problems.length > 0) throw validationFailed(problems);
  const hash = await hashPassword(newPassword);
  deps.sessionCache.forgetUser(account.id);
  await deps.db.transaction(async (tx) => {
    await repo.updatePasswordHash(tx, account.id, hash, deps.now());
    await repo.deleteOtherSessions(tx, account.id, identity.session?.tokenHash ?? null);
    await auditAccountChange(tx, identity, 'user.password_changed');
  });
  // Again after the commit, so no request in between cached a session just ended.
  deps.sessionCache.forgetUser(account.id);
}

export async function listTokens(db: Database, auth: AuthContext) {
  const rows = await repo.listActiveTokens(db, auth.user.id, auth.actor.organisationId);
  return rows.map((t) => ({ id: t.id, name: t.name, prefix: t.prefix, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null }));
}

/** Creates a personal API token for one organisation and returns its secret once. Used by the API and the CLI. */
export async function createApiToken(
  db: Database,
  userId: string,
  organisationId: string,
  name: string,
  who: AuditActor,
): Promise<{ token: string; id: string; name: string; prefix: string }> {
  const token = `${API_TOKEN_PREFIX}${randomToken(32)}`;
  const prefix = token.slice(0, 10);
  return db.transaction(async (tx) => {
    const id = await repo.insertToken(tx, { userId, organisationId, name, tokenHash: sha256(token), prefix });
    await recordAudit(tx, who, { action: 'api_token.created', entityType: 'api_token', entityId: id, after: { name, prefix } });
    return { token, id, name, prefix };
  });
}

export async function revokeOwnToken(deps: AuthServiceDeps, auth: AuthContext, id: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    if (!(await repo.revokeToken(tx, id, auth.user.id, deps.now()))) throw new AppError('not_found', 'The token was not found.');
    await recordAudit(tx, { actor: auth.actor, label: auth.user.email }, { action: 'api_token.revoked', entityType: 'api_token', entityId: id });
  });
}

// ---- What other features and the operator may do with accounts and sessions ----

/** An account by normalised e-mail, for the members feature (invitations) and the CLI. */
export const findAccountByEmail = (db: Database, email: string) => repo.findAccountByEmail(db, normaliseEmail(email));
export const listActiveOrganisations = repo.listActiveOrganisations;

/**
 * Creates an account (the operator's CLI, the demo seed, or a person accepting an invitation by
 * link). The password is checked against the policy unless `trusted` (the demo seed's shared
 * demo password); without a password the account cannot sign in until one is set.
 */
export async function createAccount(
  db: Database,
  input: { email: string; displayName: string; password: string | null; now: Date; trusted?: boolean; passwordPath?: string },
): Promise<string> {
  const email = normaliseEmail(input.email);
  if (input.password !== null && !input.trusted) {
    const problems = await checkPassword(input.password, { email, displayName: input.displayName }, input.passwordPath ?? '/body/password');
    if (problems.length > 0) throw validationFailed(problems);
  }
  return repo.insertAccount(db, { email, displayName: input.displayName.trim(), passwordHash: input.password === null ? null : await hashPassword(input.password), now: input.now });
}

/** The operator disables or enables an account: every session and token of it stops or works again. */
export async function setAccountDisabled(db: Database, userId: string, disabled: boolean, now: Date): Promise<void> {
  await repo.updateAccount(db, userId, { disabledAt: disabled ? now : null });
  if (disabled) await repo.deleteOtherSessions(db, userId, null);
}

/** The operator sets a password (policy-checked); every session of the account ends. */
export async function setAccountPassword(db: Database, userId: string, password: string, now: Date): Promise<void> {
  const account = await repo.findAccountById(db, userId);
  if (!account) throw new AppError('not_found', 'No such account.');
  const problems = await checkPassword(password, { email: account.email, displayName: account.displayName }, 'password');
  if (problems.length > 0) throw validationFailed(problems);
  await repo.updatePasswordHash(db, userId, await hashPassword(password), now);
  await repo.deleteOtherSessions(db, userId, null);
}

/**
 * A membership was suspended, changed or removed: forget the person's cached sessions, and when
 * `endIn` is given, end their sessions and revoke their tokens in that organisation.
 */
export async function membershipChanged(deps: AuthServiceDeps, db: Database, userId: string, endIn?: string): Promise<void> {
  deps.sessionCache.forgetUser(userId);
  if (endIn !== undefined) {
    await repo.deleteSessionsIn(db, userId, endIn);
    await repo.revokeTokensIn(db, userId, endIn, deps.now());
  }
}

/** The signed-in person's answer schema, for features whose routes answer with it (members). */
export { Me } from './auth-schemas.js';
