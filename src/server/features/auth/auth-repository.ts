import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { apiTokens, memberships, organisations, sessions, units, users } from '../../../db/schema/index.js';
import type { Actor, Membership, Role } from '../../../domain/access/can.js';
import { forgetSession, forgetUserSessions } from '../../plugins/session-cache.js';

export interface UserRecord {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string | null;
  disabledAt: Date | null;
}

export async function findUserByEmail(db: Database, email: string): Promise<UserRecord | null> {
  const rows = await db
    .select({ id: users.id, email: users.email, displayName: users.displayName, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return rows[0] ?? null;
}

export async function findUserById(db: Database, id: string): Promise<UserRecord | null> {
  const rows = await db
    .select({ id: users.id, email: users.email, displayName: users.displayName, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  return rows[0] ?? null;
}

/** The organisations a user belongs to, by name. */
export async function listUserOrganisations(db: Database, userId: string): Promise<Array<{ id: string; slug: string; name: string }>> {
  return db
    .selectDistinct({ id: organisations.id, slug: organisations.slug, name: organisations.name })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, userId))
    .orderBy(organisations.name);
}

/**
 * Builds the actor for a user in an organisation: each membership limited to a unit is
 * expanded to that unit and all units below it.
 */
export async function loadActor(db: Database, userId: string, organisationId: string): Promise<Actor | null> {
  const rows = await db
    .select({ role: memberships.role, unitId: memberships.unitId })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, organisationId)));
  if (rows.length === 0) return null;
  const needsTree = rows.some((r) => r.unitId !== null);
  const tree = needsTree
    ? await db.select({ id: units.id, parentId: units.parentId }).from(units).where(eq(units.organisationId, organisationId))
    : [];
  const children = new Map<string, string[]>();
  for (const u of tree) {
    if (u.parentId === null) continue;
    children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  }
  const subtree = (root: string): string[] => {
    const out: string[] = [];
    const stack = [root];
    while (stack.length > 0) {
      const id = stack.pop()!;
      out.push(id);
      stack.push(...(children.get(id) ?? []));
    }
    return out;
  };
  const byRole = new Map<Role, Membership>();
  for (const row of rows) {
    const existing = byRole.get(row.role);
    const scope = row.unitId === null ? null : subtree(row.unitId);
    if (existing === undefined) byRole.set(row.role, { role: row.role, unitIds: scope });
    else if (existing.unitIds !== null) {
      byRole.set(row.role, { role: row.role, unitIds: scope === null ? null : [...new Set([...existing.unitIds, ...scope])] });
    }
  }
  return { userId, organisationId, memberships: [...byRole.values()] };
}

export async function insertSession(
  db: Database,
  session: { tokenHash: string; userId: string; organisationId: string; csrfToken: string; expiresAt: Date },
): Promise<void> {
  await db.insert(sessions).values(session);
}

export async function findSession(db: Database, tokenHash: string, now: Date) {
  const rows = await db
    .select({
      userId: sessions.userId,
      organisationId: sessions.organisationId,
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
      email: users.email,
      displayName: users.displayName,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), isNull(users.disabledAt)))
    .limit(1);
  return rows[0] ?? null;
}

export async function deleteSession(db: Database, tokenHash: string): Promise<void> {
  forgetSession(tokenHash);
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteOtherSessions(db: Database, userId: string, keepTokenHash: string | null): Promise<void> {
  forgetUserSessions(userId);
  await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), keepTokenHash === null ? sql`true` : sql`${sessions.tokenHash} <> ${keepTokenHash}`));
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

export async function updatePasswordHash(db: Database, userId: string, passwordHash: string, now: Date): Promise<void> {
  forgetUserSessions(userId);
  await db.update(users).set({ passwordHash, passwordChangedAt: now }).where(eq(users.id, userId));
}
