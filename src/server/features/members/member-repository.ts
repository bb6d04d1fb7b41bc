import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { invitations, memberships, organisations, users } from '../../../db/schema/index.js';
import type { Role } from '../../../domain/access/can.js';

export interface RoleGrant {
  role: Role;
  unitId: string | null;
}

export interface Member {
  id: string;
  email: string;
  displayName: string;
  /** The account is disabled by the operator (not something the organisation decides). */
  disabled: boolean;
  /** The organisation suspended this person's membership. */
  suspended: boolean;
  memberships: RoleGrant[];
}

/** The people holding a membership in an organisation (optionally only `userIds`), by name. */
export async function listMembers(db: Database, organisationId: string, userIds?: string[]): Promise<Member[]> {
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      disabledAt: users.disabledAt,
      suspendedAt: memberships.suspendedAt,
      role: memberships.role,
      unitId: memberships.unitId,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), userIds ? inArray(users.id, userIds) : sql`true`))
    .orderBy(asc(users.displayName), asc(users.id), asc(memberships.role));
  const byId = new Map<string, Member>();
  for (const r of rows) {
    const member = byId.get(r.id) ?? { id: r.id, email: r.email, displayName: r.displayName, disabled: r.disabledAt !== null, suspended: r.suspendedAt !== null, memberships: [] };
    member.memberships.push({ role: r.role, unitId: r.unitId });
    byId.set(r.id, member);
  }
  return [...byId.values()];
}

/** Replaces a person's role grants in an organisation, keeping the suspension as it was. */
export async function replaceGrants(db: Database, organisationId: string, userId: string, grants: RoleGrant[], suspendedAt: Date | null): Promise<void> {
  await db.delete(memberships).where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)));
  await db.insert(memberships).values(grants.map((g) => ({ ...g, userId, organisationId, suspendedAt })));
}

/** Adds role grants (existing ones are kept); they take the current suspension of the person there. */
export async function addGrants(db: Database, organisationId: string, userId: string, grants: RoleGrant[]): Promise<void> {
  const [current] = await db
    .select({ suspendedAt: memberships.suspendedAt })
    .from(memberships)
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)))
    .limit(1);
  for (const g of grants) {
    await db.insert(memberships).values({ ...g, userId, organisationId, suspendedAt: current?.suspendedAt ?? null }).onConflictDoNothing();
  }
}

export async function setSuspended(db: Database, organisationId: string, userId: string, at: Date | null): Promise<void> {
  await db.update(memberships).set({ suspendedAt: at }).where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)));
}

export async function deleteGrants(db: Database, organisationId: string, userId: string): Promise<void> {
  await db.delete(memberships).where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)));
}

/** People with an active admin membership on an account that is not disabled. */
export async function activeAdminIds(db: Database, organisationId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.role, 'admin'), isNull(memberships.suspendedAt), isNull(users.disabledAt)));
  return rows.map((r) => r.id);
}

/** Whether the account with this normalised e-mail is a member of the organisation. */
export async function isMemberByEmail(db: Database, organisationId: string, normalisedEmail: string): Promise<boolean> {
  const rows = await db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), sql`lower(${users.email}) = ${normalisedEmail}`))
    .limit(1);
  return rows.length > 0;
}

export interface InvitationRecord {
  id: string;
  organisationId: string;
  email: string;
  role: Role;
  unitId: string | null;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

const invitationColumns = {
  id: invitations.id,
  organisationId: invitations.organisationId,
  email: invitations.email,
  role: invitations.role,
  unitId: invitations.unitId,
  createdAt: invitations.createdAt,
  expiresAt: invitations.expiresAt,
  acceptedAt: invitations.acceptedAt,
  revokedAt: invitations.revokedAt,
};

export async function insertInvitation(
  db: Database,
  invitation: { organisationId: string; email: string; role: Role; unitId: string | null; tokenHash: string; invitedByUserId: string | null; createdAt: Date; expiresAt: Date },
): Promise<InvitationRecord> {
  const [row] = await db.insert(invitations).values(invitation).returning(invitationColumns);
  return row!;
}

/** Revokes the open invitations of an e-mail to an organisation (a new one replaces them). */
export async function revokeOpenInvitations(db: Database, organisationId: string, email: string, now: Date): Promise<void> {
  await db
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(eq(invitations.organisationId, organisationId), eq(invitations.email, email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
}

export async function revokeInvitation(db: Database, organisationId: string, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(eq(invitations.organisationId, organisationId), eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id });
  return rows.length > 0;
}

/** Invitations of an organisation that are neither accepted nor revoked (expired ones included). */
export async function listOpenInvitations(db: Database, organisationId: string): Promise<InvitationRecord[]> {
  return db
    .select(invitationColumns)
    .from(invitations)
    .where(and(eq(invitations.organisationId, organisationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .orderBy(asc(invitations.email), asc(invitations.createdAt));
}

/** Open, unexpired invitations addressed to an e-mail, with the organisation's name. */
export async function listInvitationsForEmail(db: Database, email: string, now: Date) {
  return db
    .select({ ...invitationColumns, organisationName: organisations.name, organisationSlug: organisations.slug })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
    .where(and(eq(invitations.email, email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
    .orderBy(asc(organisations.name));
}

/** An open, unexpired invitation by the hash of its link token (locked for update inside a transaction). */
export async function findUsableInvitation(db: Database, by: { tokenHash: string } | { id: string }, now: Date) {
  const rows = await db
    .select({ ...invitationColumns, organisationName: organisations.name, organisationSlug: organisations.slug })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
    .where(
      and(
        'tokenHash' in by ? eq(invitations.tokenHash, by.tokenHash) : eq(invitations.id, by.id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .for('update', { of: invitations })
    .limit(1);
  return rows[0] ?? null;
}

/** Marks an invitation used; false when another request used it first. */
export async function markInvitationAccepted(db: Database, id: string, userId: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(invitations)
    .set({ acceptedAt: now, acceptedByUserId: userId })
    .where(and(eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id });
  return rows.length > 0;
}
