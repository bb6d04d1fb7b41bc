import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { queryRows } from '../../../db/raw-sql.js';
import { participantAccessLog, participantConsents, participantIdentities, participants, placements, proposals, suppliers } from '../../../db/schema/index.js';
import type { Profile } from './matching-schemas.js';

export interface ParticipantRecord {
  id: string;
  organisationId: string;
  reference: string;
  profile: Profile | null;
  erasedAt: Date | null;
  erasureReason: 'request' | 'retention' | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface IdentityRecord {
  participantId: string;
  keyId: string;
  ciphertext: string;
  lookupKeyId: string;
  lookupHash: string;
}

export interface ConsentRecord {
  id: string;
  participantId: string;
  scope: 'share_profile' | 'interview';
  supplierId: string | null;
  supplierName: string | null;
  givenOn: string;
  revokedOn: string | null;
}

const participantColumns = {
  id: participants.id,
  organisationId: participants.organisationId,
  reference: participants.reference,
  profile: participants.profile,
  erasedAt: participants.erasedAt,
  erasureReason: participants.erasureReason,
  createdAt: participants.createdAt,
  updatedAt: participants.updatedAt,
};

export async function insertParticipant(db: Database, row: { organisationId: string; reference: string; profile: Profile; now: Date }): Promise<string> {
  const [created] = await db
    .insert(participants)
    .values({ organisationId: row.organisationId, reference: row.reference, profile: row.profile, createdAt: row.now, updatedAt: row.now })
    .returning({ id: participants.id });
  return created!.id;
}

export async function upsertIdentity(db: Database, organisationId: string, identity: IdentityRecord): Promise<void> {
  await db
    .insert(participantIdentities)
    .values({ ...identity, organisationId })
    .onConflictDoUpdate({
      target: participantIdentities.participantId,
      set: { keyId: identity.keyId, ciphertext: identity.ciphertext, lookupKeyId: identity.lookupKeyId, lookupHash: identity.lookupHash },
    });
}

export async function findParticipant(db: Database, organisationId: string, id: string): Promise<ParticipantRecord | undefined> {
  const [row] = await db.select(participantColumns).from(participants).where(and(eq(participants.organisationId, organisationId), eq(participants.id, id)));
  return row as ParticipantRecord | undefined;
}

export async function listParticipantRows(db: Database, organisationId: string, options: { ids?: readonly string[]; includeErased?: boolean } = {}): Promise<ParticipantRecord[]> {
  const conditions = [eq(participants.organisationId, organisationId)];
  if (options.ids) conditions.push(options.ids.length === 0 ? sql`false` : inArray(participants.id, [...options.ids]));
  if (!options.includeErased) conditions.push(isNull(participants.erasedAt));
  return (await db.select(participantColumns).from(participants).where(and(...conditions)).orderBy(asc(participants.reference))) as ParticipantRecord[];
}

export async function listIdentities(db: Database, organisationId: string, participantIds?: readonly string[]): Promise<IdentityRecord[]> {
  const conditions = [eq(participantIdentities.organisationId, organisationId)];
  if (participantIds) conditions.push(participantIds.length === 0 ? sql`false` : inArray(participantIdentities.participantId, [...participantIds]));
  return db
    .select({ participantId: participantIdentities.participantId, keyId: participantIdentities.keyId, ciphertext: participantIdentities.ciphertext, lookupKeyId: participantIdentities.lookupKeyId, lookupHash: participantIdentities.lookupHash })
    .from(participantIdentities)
    .where(and(...conditions));
}

/**
 * The next `limit` identities, in every organisation, whose ciphertext or lookup hash is not yet
 * under `keyId`, locked until the transaction ends (key rotation, `hansyn participants rekey`).
 */
export async function listIdentitiesNotUnder(db: Database, keyId: string, limit: number): Promise<Array<IdentityRecord & { organisationId: string }>> {
  return db
    .select({
      participantId: participantIdentities.participantId,
      organisationId: participantIdentities.organisationId,
      keyId: participantIdentities.keyId,
      ciphertext: participantIdentities.ciphertext,
      lookupKeyId: participantIdentities.lookupKeyId,
      lookupHash: participantIdentities.lookupHash,
    })
    .from(participantIdentities)
    .where(sql`${participantIdentities.keyId} <> ${keyId} or ${participantIdentities.lookupKeyId} <> ${keyId}`)
    .orderBy(asc(participantIdentities.participantId))
    .limit(limit)
    .for('update');
}

/** How many identities, in every organisation, are not yet wholly under `keyId`. */
export async function countIdentitiesNotUnder(db: Database, keyId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(participantIdentities)
    .where(sql`${participantIdentities.keyId} <> ${keyId} or ${participantIdentities.lookupKeyId} <> ${keyId}`);
  return Number(row?.n ?? 0);
}

/** Participants whose identity hashes to one of `hashes` (one per key still in the keyring). */
export async function findByLookupHashes(db: Database, organisationId: string, hashes: readonly string[]): Promise<string[]> {
  if (hashes.length === 0) return [];
  const rows = await db
    .select({ participantId: participantIdentities.participantId })
    .from(participantIdentities)
    .where(and(eq(participantIdentities.organisationId, organisationId), inArray(participantIdentities.lookupHash, [...hashes])));
  return rows.map((r) => r.participantId);
}

export async function updateProfile(db: Database, organisationId: string, id: string, profile: Profile, now: Date): Promise<void> {
  await db.update(participants).set({ profile, updatedAt: now }).where(and(eq(participants.organisationId, organisationId), eq(participants.id, id)));
}

export async function touchParticipant(db: Database, organisationId: string, id: string, now: Date): Promise<void> {
  await db.update(participants).set({ updatedAt: now }).where(and(eq(participants.organisationId, organisationId), eq(participants.id, id)));
}

export async function listConsents(db: Database, organisationId: string, participantIds: readonly string[]): Promise<ConsentRecord[]> {
  if (participantIds.length === 0) return [];
  return (await db
    .select({
      id: participantConsents.id,
      participantId: participantConsents.participantId,
      scope: participantConsents.scope,
      supplierId: participantConsents.supplierId,
      supplierName: suppliers.name,
      givenOn: participantConsents.givenOn,
      revokedOn: participantConsents.revokedOn,
    })
    .from(participantConsents)
    .leftJoin(suppliers, eq(suppliers.id, participantConsents.supplierId))
    .where(and(eq(participantConsents.organisationId, organisationId), inArray(participantConsents.participantId, [...participantIds])))
    .orderBy(asc(participantConsents.givenOn), asc(participantConsents.createdAt))) as ConsentRecord[];
}

/** Every unrevoked consent of the organisation (matching reads them in one query). */
export async function listActiveConsents(db: Database, organisationId: string, asOf: string): Promise<Array<{ participantId: string; scope: string; supplierId: string | null }>> {
  return db
    .select({ participantId: participantConsents.participantId, scope: participantConsents.scope, supplierId: participantConsents.supplierId })
    .from(participantConsents)
    .where(and(eq(participantConsents.organisationId, organisationId), sql`${participantConsents.givenOn} <= ${asOf}`, sql`(${participantConsents.revokedOn} is null or ${participantConsents.revokedOn} > ${asOf})`));
}

/** Every participant ranking may consider (not erased, with a profile): pseudonymous columns only. */
export async function listRankableRows(db: Database, organisationId: string): Promise<Array<{ id: string; reference: string; profile: Profile }>> {
  return (await db
    .select({ id: participants.id, reference: participants.reference, profile: participants.profile })
    .from(participants)
    .where(and(eq(participants.organisationId, organisationId), isNull(participants.erasedAt), sql`${participants.profile} is not null`))) as Array<{ id: string; reference: string; profile: Profile }>;
}

/** Every consent to share a profile in the organisation, revoked or not: the candidate pool works out which hold on a given day. */
export async function listShareConsents(db: Database, organisationId: string): Promise<Array<{ participantId: string; scope: string; supplierId: string | null; givenOn: string; revokedOn: string | null }>> {
  return db
    .select({ participantId: participantConsents.participantId, scope: participantConsents.scope, supplierId: participantConsents.supplierId, givenOn: participantConsents.givenOn, revokedOn: participantConsents.revokedOn })
    .from(participantConsents)
    .where(and(eq(participantConsents.organisationId, organisationId), eq(participantConsents.scope, 'share_profile')));
}

export async function insertConsent(db: Database, row: { organisationId: string; participantId: string; scope: 'share_profile' | 'interview'; supplierId: string | null; givenOn: string; recordedBy: string | null }): Promise<string> {
  const [created] = await db.insert(participantConsents).values(row).returning({ id: participantConsents.id });
  return created!.id;
}

export async function revokeConsentRow(db: Database, organisationId: string, participantId: string, consentId: string, revokedOn: string): Promise<boolean> {
  const rows = await db
    .update(participantConsents)
    .set({ revokedOn })
    .where(and(eq(participantConsents.organisationId, organisationId), eq(participantConsents.participantId, participantId), eq(participantConsents.id, consentId), isNull(participantConsents.revokedOn)))
    .returning({ id: participantConsents.id });
  return rows.length > 0;
}

export async function supplierExists(db: Database, supplierId: string): Promise<boolean> {
  const [row] = await db.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.id, supplierId));
  return row !== undefined;
}

export async function logAccess(db: Database, rows: Array<{ organisationId: string; participantId: string; userId: string | null; actorLabel: string; purpose: string; at: Date }>): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insert(participantAccessLog).values(rows.slice(i, i + 500));
}

export async function listAccessLog(db: Database, organisationId: string, participantId: string) {
  return db
    .select({ at: participantAccessLog.at, actorLabel: participantAccessLog.actorLabel, purpose: participantAccessLog.purpose })
    .from(participantAccessLog)
    .where(and(eq(participantAccessLog.organisationId, organisationId), eq(participantAccessLog.participantId, participantId)))
    .orderBy(desc(participantAccessLog.at));
}

/** The placements made under a participant's reference (read for the person's own export and retention). */
export async function listPlacementsOfReference(db: Database, organisationId: string, reference: string) {
  return db
    .select({ id: placements.id, contractId: placements.contractId, startedOn: placements.startedOn, endedOn: placements.endedOn, endReason: placements.endReason, extentPercent: placements.extentPercent, employmentForm: placements.employmentForm, ssykCode: placements.ssykCode })
    .from(placements)
    .where(and(eq(placements.organisationId, organisationId), eq(placements.participantRef, reference)))
    .orderBy(asc(placements.startedOn));
}

export async function listProposalsOfParticipant(db: Database, organisationId: string, participantId: string) {
  return db
    .select({ id: proposals.id, needId: proposals.needId, status: proposals.status, proposedOn: proposals.proposedOn, decidedOn: proposals.decidedOn, notHiredReason: proposals.notHiredReason })
    .from(proposals)
    .where(and(eq(proposals.organisationId, organisationId), eq(proposals.participantId, participantId)))
    .orderBy(asc(proposals.proposedOn));
}

/** Removes identity, profile and consents; the row, its reference and its proposals stay (pseudonymous). */
export async function eraseParticipantRow(db: Database, organisationId: string, id: string, reason: 'request' | 'retention', now: Date): Promise<void> {
  await db.delete(participantIdentities).where(and(eq(participantIdentities.organisationId, organisationId), eq(participantIdentities.participantId, id)));
  await db.delete(participantConsents).where(and(eq(participantConsents.organisationId, organisationId), eq(participantConsents.participantId, id)));
  await db.update(participants).set({ profile: null, erasedAt: now, erasureReason: reason, updatedAt: now }).where(and(eq(participants.organisationId, organisationId), eq(participants.id, id)));
}

/**
 * Participants due for erasure by retention, in every organisation: every placement under
 * their reference has ended and the last ended more than `months` ago; or they never had a
 * placement and nothing has changed for `months` (docs/privacy.md).
 */
export async function listDueForRetention(db: Database, asOf: string, months: number): Promise<Array<{ id: string; organisationId: string }>> {
  return queryRows<{ id: string; organisationId: string }>(db, sql`
    select p.id, p.organisation_id as "organisationId"
    from participants p
    left join lateral (
      select count(*) as n, count(*) filter (where pl.ended_on is null) as ongoing, max(pl.ended_on) as last_end
      from placements pl where pl.organisation_id = p.organisation_id and pl.participant_ref = p.reference
    ) pl on true
    where p.erased_at is null
      and (
        (pl.n > 0 and pl.ongoing = 0 and pl.last_end < (${asOf}::date - make_interval(months => ${months})))
        or (pl.n = 0 and p.updated_at < (${asOf}::date - make_interval(months => ${months})))
      )`);
}

export async function lastPlacementEnd(db: Database, organisationId: string, reference: string): Promise<string | null> {
  const rows = await listPlacementsOfReference(db, organisationId, reference);
  if (rows.length === 0 || rows.some((r) => r.endedOn === null)) return null;
  return rows.map((r) => r.endedOn!).sort().at(-1) ?? null;
}
