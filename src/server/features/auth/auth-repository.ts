import { and, desc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { CallerRider, RiderUse } from './auth-context.js';
import { preparedStatement, type Database } from '../../../db/client.js';
import { apiTokens, loginFailures, memberships, organisations, registerVersions, sessions, units, users } from '../../../db/schema/index.js';
import type { Actor, Membership, Role } from '../../../domain/access/can.js';

/** A person's global account. */
export interface AccountRecord {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string | null;
  disabledAt: Date | null;
}

const accountColumns = { id: users.id, email: users.email, displayName: users.displayName, passwordHash: users.passwordHash, disabledAt: users.disabledAt };

/** The account whose e-mail, normalised, is `normalisedEmail` (already trimmed, NFC, lower case). */
export async function findAccountByEmail(db: Database, normalisedEmail: string): Promise<AccountRecord | null> {
  const rows = await db.select(accountColumns).from(users).where(sql`lower(${users.email}) = ${normalisedEmail}`).limit(1);
  return rows[0] ?? null;
}

export async function findAccountById(db: Database, id: string): Promise<AccountRecord | null> {
  const rows = await db.select(accountColumns).from(users).where(eq(users.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function insertAccount(db: Database, account: { email: string; displayName: string; passwordHash: string | null; now: Date }): Promise<string> {
  const [row] = await db
    .insert(users)
    .values({ email: account.email, displayName: account.displayName, passwordHash: account.passwordHash, passwordChangedAt: account.passwordHash ? account.now : null })
    .returning({ id: users.id });
  return row!.id;
}

export async function updateAccount(db: Database, id: string, change: { displayName?: string; disabledAt?: Date | null }): Promise<void> {
  await db.update(users).set(change).where(eq(users.id, id));
}

export async function updatePasswordHash(db: Database, userId: string, passwordHash: string, now: Date): Promise<void> {
  await db.update(users).set({ passwordHash, passwordChangedAt: now }).where(eq(users.id, userId));
}

/** The organisations in which a person holds at least one membership that is not suspended, by name. */
export async function listActiveOrganisations(db: Database, userId: string): Promise<Array<{ id: string; slug: string; name: string; kind: 'buyer' | 'supplier' }>> {
  const rows = await db
    .selectDistinct({ id: organisations.id, slug: organisations.slug, name: organisations.name, kind: organisations.kind })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.userId, userId), isNull(memberships.suspendedAt)))
    .orderBy(organisations.name);
  return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, kind: r.kind === 'supplier' ? ('supplier' as const) : ('buyer' as const) }));
}

/**
 * A unit membership's scope: the unit and every unit below it, as a JSON array of ids, computed in
 * the statement that reads the membership (null for a membership of the whole organisation), so
 * resolving a unit-limited caller costs no second round trip. `union` (not `union all`) stops at a
 * unit already reached; the organisation condition lets the planner read only that organisation's
 * units (by the index that leads with it) instead of every organisation's.
 */
const unitScope = sql<string[] | null>`(case when ${memberships.unitId} is null then null else (with recursive scope(id) as (select ${memberships.unitId} union select child.id from ${units} child join scope on child.parent_id = scope.id where child.organisation_id = ${memberships.organisationId}) select json_agg(scope.id) from scope) end)`;

/** A person's active memberships in one organisation: on every API-token request and sign-in, so prepared by name (0912). */
const membershipStatement = preparedStatement('auth_memberships', (db) =>
  db
    .select({ role: memberships.role, unitScope, kind: organisations.kind })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.userId, sql.placeholder('userId')), eq(memberships.organisationId, sql.placeholder('organisationId')), isNull(memberships.suspendedAt))),
);

/**
 * Builds the actor for a person in an organisation from their memberships that are not
 * suspended: each membership limited to a unit is expanded to that unit and all units below it.
 * Null when the person holds no active membership there.
 */
export async function loadActor(db: Database, userId: string, organisationId: string): Promise<Actor | null> {
  return actorFromMemberships(userId, organisationId, await membershipStatement(db).execute({ userId, organisationId }));
}

/** The actor built from a person's active membership rows in one organisation, each with its unit scope (as `loadActor`). */
function actorFromMemberships(
  userId: string,
  organisationId: string,
  rows: ReadonlyArray<{ role: Role; unitScope: string[] | null; kind: string }>,
): Actor | null {
  if (rows.length === 0) return null;
  const byRole = new Map<Role, Membership>();
  for (const row of rows) {
    const existing = byRole.get(row.role);
    const scope = row.unitScope;
    if (existing === undefined) byRole.set(row.role, { role: row.role, unitIds: scope });
    else if (existing.unitIds !== null) {
      byRole.set(row.role, { role: row.role, unitIds: scope === null ? null : [...new Set([...existing.unitIds, ...scope])] });
    }
  }
  // A supplier company's organisation reads the permission matrix of the supplier portal (decision 0601).
  return { userId, organisationId, memberships: [...byRole.values()], ...(rows[0]!.kind === 'supplier' ? { organisationKind: 'supplier' as const } : {}) };
}

export async function insertSession(
  db: Database,
  session: { tokenHash: string; userId: string; organisationId: string | null; csrfToken: string; expiresAt: Date },
): Promise<void> {
  await db.insert(sessions).values(session);
}

/**
 * A session, its person, their active memberships in the session's organisation (with each unit
 * membership's scope) and that organisation's register version in one statement: every cookie
 * request on PostgreSQL resolves its caller with this (decision 0303), so one round trip instead
 * of two or three, and a register list answered from the cache needs no other (decision 0202,
 * addendum 2026-12-07), nor does a procurement page, which rides along (decision 0915). One row
 * per membership, or one row with no role when the session has no organisation or no active
 * membership there.
 */
function sessionWithMemberships(db: Database, rider: CallerRider | null) {
  return db
    .select({
      userId: sessions.userId,
      organisationId: sessions.organisationId,
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
      email: users.email,
      displayName: users.displayName,
      role: memberships.role,
      unitScope,
      kind: organisations.kind,
      registerVersion: sql<number | null>`(select ${registerVersions.version} from ${registerVersions} where ${registerVersions.organisationId} = ${sessions.organisationId})`,
      // A route's rider (decision 0915), of the session's organisation; null without one.
      rider: rider === null ? sql<unknown>`null` : rider.value(sessions.organisationId),
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(memberships, and(eq(memberships.userId, sessions.userId), eq(memberships.organisationId, sessions.organisationId), isNull(memberships.suspendedAt)))
    .leftJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), gt(sessions.expiresAt, sql.placeholder('now')), isNull(users.disabledAt)));
}
const sessionWithMembershipsStatement = preparedStatement('auth_session_memberships', (db) => sessionWithMemberships(db, null));
/** The caller's statement with a route's rider, one prepared statement per rider. */
const riddenStatements = new Map<string, typeof sessionWithMembershipsStatement>();
function riddenStatement(rider: CallerRider): typeof sessionWithMembershipsStatement {
  let statement = riddenStatements.get(rider.name);
  if (statement === undefined) {
    statement = preparedStatement(`auth_session_memberships+${rider.name}`, (db) => sessionWithMemberships(db, rider));
    riddenStatements.set(rider.name, statement);
  }
  return statement;
}

/**
 * A live session of an account that is not disabled, with its person and actor (null without an
 * organisation or an active membership), and the rider's value when a route sent one.
 */
export async function findSessionWithActor(db: Database, tokenHash: string, now: Date, rider?: RiderUse) {
  const rows =
    rider === undefined
      ? await sessionWithMembershipsStatement(db).execute({ tokenHash, now })
      : await riddenStatement(rider.rider)(db).execute({ ...rider.params, tokenHash, now });
  const first = rows[0];
  if (first === undefined) return null;
  const { role: _role, unitScope: _unitScope, kind: _kind, registerVersion, rider: ridden, ...session } = first;
  const held = rows.flatMap((r) => (r.role === null || r.kind === null ? [] : [{ role: r.role, unitScope: r.unitScope, kind: r.kind }]));
  const actor = session.organisationId === null ? null : actorFromMemberships(session.userId, session.organisationId, held);
  // The version as read in this statement, for this request only (0 before the organisation's first write).
  return {
    session,
    actor,
    registerVersion: session.organisationId === null ? null : Number(registerVersion ?? 0),
    ...(rider === undefined || session.organisationId === null ? {} : { ridden: { value: ridden } }),
  };
}

export async function setSessionOrganisation(db: Database, tokenHash: string, organisationId: string): Promise<void> {
  await db.update(sessions).set({ organisationId }).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSession(db: Database, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Ends a person's sessions except `keepTokenHash`. */
export async function deleteOtherSessions(db: Database, userId: string, keepTokenHash: string | null): Promise<void> {
  await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), keepTokenHash === null ? sql`true` : sql`${sessions.tokenHash} <> ${keepTokenHash}`));
}

/** Ends a person's sessions in one organisation (membership removed). */
export async function deleteSessionsIn(db: Database, userId: string, organisationId: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.userId, userId), eq(sessions.organisationId, organisationId)));
}

export async function deleteExpiredSessions(db: Database, now: Date): Promise<void> {
  await db.delete(sessions).where(sql`${sessions.expiresAt} <= ${now.toISOString()}`);
}

export async function findActiveToken(db: Database, tokenHash: string) {
  const rows = await db
    .select({
      id: apiTokens.id,
      userId: apiTokens.userId,
      organisationId: apiTokens.organisationId,
      email: users.email,
      displayName: users.displayName,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), isNull(users.disabledAt)))
    .limit(1);
  return rows[0] ?? null;
}

export async function touchToken(db: Database, id: string, now: Date): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, id));
}

export async function listActiveTokens(db: Database, userId: string, organisationId: string) {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), eq(apiTokens.organisationId, organisationId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
}

export async function insertToken(db: Database, token: { userId: string; organisationId: string; name: string; tokenHash: string; prefix: string }): Promise<string> {
  const [row] = await db.insert(apiTokens).values(token).returning({ id: apiTokens.id });
  return row!.id;
}

/** Revokes one of a person's tokens; false when there was no such live token. */
export async function revokeToken(db: Database, id: string, userId: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

/** Revokes a person's tokens in one organisation (membership removed). */
export async function revokeTokensIn(db: Database, userId: string, organisationId: string, now: Date): Promise<void> {
  await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.userId, userId), eq(apiTokens.organisationId, organisationId), isNull(apiTokens.revokedAt)));
}

/** Records one failed sign-in under each key. */
export async function insertLoginFailures(db: Database, keys: string[], at: Date): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await db.insert(loginFailures).values(keys.map((key) => ({ key, at }))).returning({ id: loginFailures.id });
  return rows.map((r) => r.id);
}

export async function deleteLoginFailures(db: Database, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.delete(loginFailures).where(inArray(loginFailures.id, ids));
}

/** Failures per key since `since`. */
export async function countLoginFailures(db: Database, keys: string[], since: Date): Promise<Map<string, number>> {
  const rows = await db
    .select({ key: loginFailures.key, n: sql<number>`count(*)`.mapWith(Number) })
    .from(loginFailures)
    .where(and(inArray(loginFailures.key, keys), gt(loginFailures.at, since)))
    .groupBy(loginFailures.key);
  return new Map(rows.map((r) => [r.key, r.n]));
}

/** The oldest failure per key since `since`, to tell when a locked key frees up. */
export async function oldestLoginFailure(db: Database, key: string, since: Date): Promise<Date | null> {
  const rows = await db
    .select({ at: sql<Date>`min(${loginFailures.at})`.mapWith(loginFailures.at) })
    .from(loginFailures)
    .where(and(eq(loginFailures.key, key), gt(loginFailures.at, since)));
  return rows[0]?.at ?? null;
}

export async function deleteOldLoginFailures(db: Database, before: Date): Promise<void> {
  await db.delete(loginFailures).where(lt(loginFailures.at, before));
}
