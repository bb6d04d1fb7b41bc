import type { Database } from '../../../db/client.js';
import { SUPPLIER_ORGANISATION_ROLES, type Actor, type Role } from '../../../domain/access/can.js';
import { normaliseEmail } from '../../../domain/access/normalise-email.js';
import { AppError, notFound, validationFailed } from '../../errors.js';
import { recordAudit } from '../audit/audit-service.js';
import type { AuthServiceDeps, Identity } from '../auth/auth-service.js';
import * as accounts from '../auth/auth-service.js';
import { randomToken, sha256 } from '../auth/auth-service.js';
import { existingUnitIds, findOrganisationById } from '../organisations/organisation-service.js';
import * as repo from './member-repository.js';
import type { Member, RoleGrant } from './member-repository.js';
import { assertCan } from '../../access.js';

/** Offered to the supplier portal, which invites a supplier's first user the same way (decision 0502). */
export { sendInvitation } from './invitation-mail.js';

/**
 * Memberships and invitations: what an organisation's admin controls. An admin never reads or
 * changes a person's account (e-mail, name, password, disabled); they invite an e-mail address,
 * change a member's roles or unit, suspend or remove the membership — in their own organisation
 * only. docs/decisions/0301-accounts-and-memberships.md.
 */
type SignedIn = { actor: Actor; label: string };

export interface MemberServiceDeps extends AuthServiceDeps {
  invitationTtlHours: number;
  /** Sends the invitation link (the mail outbox); the raw token never leaves the server otherwise. */
  sendInvitation: (db: Database, invitation: { email: string; organisationId: string; organisationName: string; role: Role; link: string }, now: Date) => Promise<void>;
  /** Builds the link a person opens to accept (the token is in the fragment, never sent to a server log). */
  invitationLink: (token: string) => string;
}

function dedupe(list: RoleGrant[]): RoleGrant[] {
  const seen = new Set<string>();
  return list.filter((m) => {
    const key = `${m.role}|${m.unitId ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function checkUnits(db: Database, organisationId: string, grants: RoleGrant[], path: (i: number) => string): Promise<void> {
  const ids = grants.map((g) => g.unitId).filter((u): u is string => u !== null);
  const known = await existingUnitIds(db, organisationId, ids);
  const errors = grants.flatMap((g, i) => (g.unitId && !known.has(g.unitId) ? [{ path: path(i), code: 'unknown_unit', message: 'No such unit.' }] : []));
  if (errors.length > 0) throw validationFailed(errors);
}

export async function listMembers(db: Database, actor: Actor): Promise<Member[]> {
  assertCan(actor, 'user:read', { organisationId: actor.organisationId });
  return repo.listMembers(db, actor.organisationId);
}

/** The organisation must keep an active admin: refuses a change that would leave it without one. */
async function assertAdminRemains(db: Database, organisationId: string, userId: string, keepsAdmin: boolean): Promise<void> {
  if (keepsAdmin) return;
  const admins = await repo.activeAdminIds(db, organisationId);
  if (admins.length === 1 && admins[0] === userId) throw new AppError('last_admin', 'The organisation would have no active admin left.');
}

/** Changes a member's roles or units, or suspends or resumes the membership. */
export async function updateMember(deps: MemberServiceDeps, who: SignedIn, userId: string, change: { memberships?: RoleGrant[] | undefined; suspended?: boolean | undefined }): Promise<Member> {
  const organisationId = who.actor.organisationId;
  assertCan(who.actor, 'user:manage', { organisationId });
  if (change.memberships) await checkUnits(deps.db, organisationId, change.memberships, (i) => `/body/memberships/${i}/unitId`);
  if (change.memberships && who.actor.organisationKind === 'supplier') {
    const wrong = change.memberships.findIndex((m) => !SUPPLIER_ORGANISATION_ROLES.includes(m.role) || m.unitId !== null);
    if (wrong >= 0) throw validationFailed([{ path: `/body/memberships/${wrong}/role`, code: 'role_not_for_suppliers', message: `A supplier organisation's members are ${SUPPLIER_ORGANISATION_ROLES.join(' or ')}, without a unit.` }]);
  }
  const self = userId === who.actor.userId;
  if (self && (change.suspended === true || (change.memberships && !change.memberships.some((m) => m.role === 'admin')))) {
    throw new AppError('conflict', 'You cannot remove your own admin role or suspend yourself.');
  }
  const result = await deps.db.transaction(async (tx) => {
    const [before] = await repo.listMembers(tx, organisationId, [userId]);
    if (!before) throw notFound('The member');
    const keepsAdmin =
      change.suspended === true ? false : change.memberships ? change.memberships.some((m) => m.role === 'admin') : true;
    if (before.memberships.some((m) => m.role === 'admin')) await assertAdminRemains(tx, organisationId, userId, keepsAdmin);
    const suspendedAt = change.suspended === undefined ? undefined : change.suspended ? deps.now() : null;
    if (change.memberships) {
      const [current] = await repo.listMembers(tx, organisationId, [userId]);
      await repo.replaceGrants(tx, organisationId, userId, dedupe(change.memberships), suspendedAt !== undefined ? suspendedAt : current!.suspended ? deps.now() : null);
    } else if (suspendedAt !== undefined) {
      await repo.setSuspended(tx, organisationId, userId, suspendedAt);
    }
    const [after] = await repo.listMembers(tx, organisationId, [userId]);
    const action = change.suspended === true && !before.suspended ? 'membership.suspended' : change.suspended === false && before.suspended ? 'membership.resumed' : 'membership.updated';
    await recordAudit(tx, who, {
      action,
      entityType: 'user',
      entityId: userId,
      before: { suspended: before.suspended, memberships: before.memberships },
      after: { suspended: after!.suspended, memberships: after!.memberships },
    });
    return after!;
  });
  // The person's sessions resolve their roles afresh on the next request.
  await accounts.membershipChanged(deps, deps.db, userId);
  return result;
}

/** Removes a person from the organisation: their roles, sessions and tokens here end; their account stays theirs. */
export async function removeMember(deps: MemberServiceDeps, who: SignedIn, userId: string): Promise<void> {
  const organisationId = who.actor.organisationId;
  assertCan(who.actor, 'user:manage', { organisationId });
  if (userId === who.actor.userId) throw new AppError('conflict', 'You cannot remove yourself.');
  await deps.db.transaction(async (tx) => {
    const [before] = await repo.listMembers(tx, organisationId, [userId]);
    if (!before) throw notFound('The member');
    if (before.memberships.some((m) => m.role === 'admin')) await assertAdminRemains(tx, organisationId, userId, false);
    await repo.deleteGrants(tx, organisationId, userId);
    await accounts.membershipChanged(deps, tx, userId, organisationId);
    await recordAudit(tx, who, { action: 'membership.removed', entityType: 'user', entityId: userId, before: { memberships: before.memberships } });
  });
  await accounts.membershipChanged(deps, deps.db, userId);
}

const presentInvitation = (i: repo.InvitationRecord) => ({
  id: i.id,
  email: i.email,
  role: i.role,
  unitId: i.unitId,
  createdAt: i.createdAt.toISOString(),
  expiresAt: i.expiresAt.toISOString(),
});

export async function listInvitations(db: Database, actor: Actor) {
  assertCan(actor, 'user:manage', { organisationId: actor.organisationId });
  return (await repo.listOpenInvitations(db, actor.organisationId)).map(presentInvitation);
}

/**
 * Invites an e-mail address to a membership. The answer is the same whether or not an account
 * with that address exists (nothing about an account is read, let alone changed); an earlier open
 * invitation of the same address is replaced. The link is sent by mail; the raw token is returned
 * to the caller for tests and never put in an HTTP answer.
 */
export async function invite(
  deps: MemberServiceDeps,
  who: SignedIn,
  input: { email: string; role: Role; unitId?: string | null | undefined },
): Promise<{ invitation: ReturnType<typeof presentInvitation>; token: string }> {
  const organisationId = who.actor.organisationId;
  assertCan(who.actor, 'user:manage', { organisationId });
  return createInvitation(deps, who, organisationId, input);
}

/**
 * Creates an invitation to `organisationId` and sends its link; the caller has checked the right
 * to invite (an admin of that organisation, or a buyer inviting a supplier's contact to the
 * supplier's own organisation: supplier-portal-service.ts). A supplier organisation admits only
 * the roles of the supplier portal.
 */
export async function createInvitation(
  deps: MemberServiceDeps,
  who: SignedIn,
  organisationId: string,
  input: { email: string; role: Role; unitId?: string | null | undefined },
): Promise<{ invitation: ReturnType<typeof presentInvitation>; token: string }> {
  const email = normaliseEmail(input.email);
  const unitId = input.unitId ?? null;
  const organisation = await findOrganisationById(deps.db, organisationId);
  if (organisation?.kind === 'supplier' && (!SUPPLIER_ORGANISATION_ROLES.includes(input.role) || unitId !== null)) {
    throw validationFailed([{ path: '/body/role', code: 'role_not_for_suppliers', message: `A supplier organisation's members are ${SUPPLIER_ORGANISATION_ROLES.join(' or ')}, without a unit.` }]);
  }
  await checkUnits(deps.db, organisationId, [{ role: input.role, unitId }], () => '/body/unitId');
  const token = randomToken(32);
  const now = deps.now();
  const invitation = await deps.db.transaction(async (tx) => {
    // Only membership here is looked at: the admin sees their own members anyway.
    if (await repo.isMemberByEmail(tx, organisationId, email)) throw new AppError('already_member', 'That person is already a member; change their roles instead.');
    await repo.revokeOpenInvitations(tx, organisationId, email, now);
    const row = await repo.insertInvitation(tx, {
      organisationId,
      email,
      role: input.role,
      unitId,
      tokenHash: sha256(token),
      invitedByUserId: who.actor.userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + deps.invitationTtlHours * 3_600_000),
    });
    // The audit event belongs to the organisation invited to (a buyer inviting a supplier's contact is named as the actor).
    const auditWho = organisationId === who.actor.organisationId ? who : { system: `${who.label} (${who.actor.organisationId})`, organisationId };
    await recordAudit(tx, auditWho, { action: 'invitation.created', entityType: 'invitation', entityId: row.id, after: { email, role: input.role, unitId } });
    const organisationName = (await findOrganisationById(tx, organisationId))?.name ?? '';
    await deps.sendInvitation(tx, { email, organisationId, organisationName, role: input.role, link: deps.invitationLink(token) }, now);
    return row;
  });
  return { invitation: presentInvitation(invitation), token };
}

export async function revokeInvitation(deps: MemberServiceDeps, who: SignedIn, id: string): Promise<void> {
  const organisationId = who.actor.organisationId;
  assertCan(who.actor, 'user:manage', { organisationId });
  await deps.db.transaction(async (tx) => {
    if (!(await repo.revokeInvitation(tx, organisationId, id, deps.now()))) throw notFound('The invitation');
    await recordAudit(tx, who, { action: 'invitation.revoked', entityType: 'invitation', entityId: id });
  });
}

/** Open invitations addressed to the signed-in person's e-mail. */
export async function myInvitations(db: Database, identity: Identity, now: Date) {
  const rows = await repo.listInvitationsForEmail(db, normaliseEmail(identity.user.email), now);
  return rows.map((i) => ({ id: i.id, organisation: { slug: i.organisationSlug, name: i.organisationName }, role: i.role, expiresAt: i.expiresAt.toISOString() }));
}

async function joinByInvitation(db: Database, invitation: NonNullable<Awaited<ReturnType<typeof repo.findUsableInvitation>>>, userId: string, email: string, now: Date): Promise<void> {
  if (!(await repo.markInvitationAccepted(db, invitation.id, userId, now))) throw new AppError('invitation_invalid', 'The invitation is unknown, used, revoked or expired.');
  await repo.addGrants(db, invitation.organisationId, userId, [{ role: invitation.role, unitId: invitation.unitId }]);
  await recordAudit(db, { actor: { userId, organisationId: invitation.organisationId, memberships: [] }, label: email }, {
    action: 'invitation.accepted',
    entityType: 'invitation',
    entityId: invitation.id,
    after: { userId, role: invitation.role, unitId: invitation.unitId },
  });
}

/** The signed-in person accepts an invitation addressed to their e-mail. */
export async function acceptInvitation(deps: AuthServiceDeps, identity: Identity, id: string): Promise<{ organisationSlug: string }> {
  const now = deps.now();
  const slug = await deps.db.transaction(async (tx) => {
    const invitation = await repo.findUsableInvitation(tx, { id }, now);
    if (!invitation || invitation.email !== normaliseEmail(identity.user.email)) throw new AppError('invitation_invalid', 'The invitation is unknown, used, revoked or expired.');
    await joinByInvitation(tx, invitation, identity.user.id, identity.user.email, now);
    return invitation.organisationSlug;
  });
  deps.sessionCache.forgetUser(identity.user.id);
  return { organisationSlug: slug };
}

/** What the link shows before the person sets a password. */
export async function previewInvitation(db: Database, token: string, now: Date) {
  const invitation = await repo.findUsableInvitation(db, { tokenHash: sha256(token) }, now);
  if (!invitation) throw new AppError('invitation_invalid', 'The invitation is unknown, used, revoked or expired.');
  return {
    organisation: { name: invitation.organisationName },
    email: invitation.email,
    role: invitation.role,
    expiresAt: invitation.expiresAt.toISOString(),
    signInRequired: (await accounts.findAccountByEmail(db, invitation.email)) !== null,
  };
}

/**
 * Accepts an invitation by its link: creates the account of a person who has none, with the name
 * and password they choose, and their membership. An address that already has an account is never
 * changed through a link: its owner signs in and accepts there.
 */
export async function acceptInvitationByLink(
  deps: AuthServiceDeps,
  input: { token: string; displayName: string; password: string },
): Promise<{ userId: string; organisationId: string }> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const invitation = await repo.findUsableInvitation(tx, { tokenHash: sha256(input.token) }, now);
    if (!invitation) throw new AppError('invitation_invalid', 'The invitation is unknown, used, revoked or expired.');
    if (await accounts.findAccountByEmail(tx, invitation.email)) {
      throw new AppError('invitation_sign_in_required', 'This address already has an account: sign in and accept the invitation under My account.');
    }
    const userId = await accounts.createAccount(tx, { email: invitation.email, displayName: input.displayName, password: input.password, now });
    await joinByInvitation(tx, invitation, userId, invitation.email, now);
    return { userId, organisationId: invitation.organisationId };
  });
}

/** The operator (CLI) or the demo seed gives an account roles in an organisation directly. */
export async function addMembershipByOperator(db: Database, organisationId: string, userId: string, grants: RoleGrant[], system: string): Promise<void> {
  await db.transaction(async (tx) => {
    await repo.addGrants(tx, organisationId, userId, dedupe(grants));
    await recordAudit(tx, { system, organisationId }, { action: 'membership.added', entityType: 'user', entityId: userId, after: { memberships: grants } });
  });
}
