import { readTogether, type Database } from '../../../db/client.js';
import type { Actor } from '../../../domain/access/can.js';
import { formatIdentityNumber, parseIdentityNumber } from '../../../domain/participants/personal-identity-number.js';
import { assertCan, type Who } from '../../access.js';
import { AppError, notFound, validationFailed, type FieldError } from '../../errors.js';
import { recordAudit } from '../audit/audit-service.js';
import { swedishDate } from '../contracts/contract-service.js';
import { getTargetGroups } from '../requirements/requirement-service.js';
import type { ConsentCreate, IdentityInput, ParticipantCreate, ParticipantListQuery, ParticipantPatch, ParticipantView, Profile, PURPOSES } from './matching-schemas.js';
import { decryptIdentity, encryptIdentity, lookupHash, newParticipantReference, type ParticipantKeyring } from './participant-crypto.js';
import {
  countIdentitiesNotUnder,
  eraseParticipantRow,
  findByLookupHashes,
  findParticipant,
  insertConsent,
  insertParticipant,
  lastPlacementEnd,
  listAccessLog,
  listConsents,
  listDueForRetention,
  listIdentities,
  listIdentitiesNotUnder,
  listParticipantRows,
  listPlacementsOfReference,
  listProposalsOfParticipant,
  logAccess,
  revokeConsentRow,
  supplierExists,
  touchParticipant,
  updateProfile,
  upsertIdentity,
  type ConsentRecord,
  type IdentityRecord,
  type ParticipantRecord,
} from './participant-repository.js';

/** Offered to the demo seed, which seals its invented identities the same way (decision 0504). */
export { encryptIdentity, lookupHash, type ParticipantKeyring } from './participant-crypto.js';

export type Purpose = (typeof PURPOSES)[number] | 'erasure' | 'supplier_interview';

/** Who the person is, as encrypted in `participant_identities`. */
interface IdentityPlain {
  givenName: string;
  familyName: string;
  personalIdentityNumber: string;
  identityNumberKind: 'personal_identity_number' | 'coordination_number';
  email: string | null;
  phone: string | null;
  address: string | null;
}

/**
 * The participant feature needs its keyring; on a PostgreSQL server without
 * HANSYN_PARTICIPANT_KEYS it has none and answers 503, so nothing is ever written under a key
 * that would be lost (decision 0701).
 */
export function requireKeys(keys: ParticipantKeyring | null): ParticipantKeyring {
  if (!keys) throw new AppError('not_ready', 'Participants are unavailable: set HANSYN_PARTICIPANT_KEYS (docs/privacy.md).');
  return keys;
}

function mayRead(actor: Actor): void {
  assertCan(actor, 'participant:read', { organisationId: actor.organisationId });
}

export function decryptRecord(keys: ParticipantKeyring, record: IdentityRecord): IdentityPlain {
  return JSON.parse(decryptIdentity(keys, record.ciphertext, record.participantId)) as IdentityPlain;
}

function encryptRecord(keys: ParticipantKeyring, participantId: string, plain: IdentityPlain): IdentityRecord {
  const { keyId, ciphertext } = encryptIdentity(keys, JSON.stringify(plain), participantId);
  return { participantId, keyId, ciphertext, lookupKeyId: keys.active.id, lookupHash: lookupHash(keys, plain.personalIdentityNumber) };
}

/** Hashes of a normalised number under every key of the keyring, so rotation never hides a match. */
function allLookupHashes(keys: ParticipantKeyring, normalised: string): string[] {
  return [...keys.byId.keys()].map((id) => lookupHash(keys, normalised, id));
}

function checkIdentity(input: IdentityInput, today: string, path: string): { plain: IdentityPlain } | { errors: FieldError[] } {
  const parsed = parseIdentityNumber(input.personalIdentityNumber, today);
  if (!parsed.valid) {
    return { errors: [{ path: `${path}/personalIdentityNumber`, code: `identity_number_${parsed.reason}`, message: 'Not a valid personal identity or coordination number.' }] };
  }
  return {
    plain: {
      givenName: input.givenName.trim(),
      familyName: input.familyName.trim(),
      personalIdentityNumber: parsed.normalised,
      identityNumberKind: parsed.kind,
      email: input.email,
      phone: input.phone,
      address: input.address,
    },
  };
}

async function checkProfile(db: Database, actor: Actor, profile: Profile, now: Date): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const groups = new Set((await getTargetGroups(db, actor, now)).map((g) => g.code));
  profile.targetGroups.forEach((g, i) => {
    if (!groups.has(g.code)) errors.push({ path: `/body/profile/targetGroups/${i}/code`, code: 'unknown_target_group', message: `Unknown target group ${g.code}.` });
  });
  profile.occupations.forEach((o, i) => {
    if (o.ssykCode === null && o.occupationNameId === null) errors.push({ path: `/body/profile/occupations/${i}`, code: 'occupation_required', message: 'Give an SSYK group or a JobTech occupation name.' });
  });
  return errors;
}

async function access(db: Database, who: Who, ids: readonly string[], purpose: Purpose, now: Date): Promise<void> {
  await logAccess(
    db,
    ids.map((participantId) => ({ organisationId: who.actor.organisationId, participantId, userId: who.actor.userId, actorLabel: who.label, purpose, at: now })),
  );
}

function present(record: ParticipantRecord, identity: IdentityPlain | null, consents: ConsentRecord[], lastEnded: string | null): ParticipantView {
  return {
    id: record.id,
    reference: record.reference,
    givenName: identity?.givenName ?? null,
    familyName: identity?.familyName ?? null,
    personalIdentityNumber: identity ? formatIdentityNumber(identity.personalIdentityNumber) : null,
    identityNumberKind: identity?.identityNumberKind ?? null,
    email: identity?.email ?? null,
    phone: identity?.phone ?? null,
    address: identity?.address ?? null,
    profile: record.profile,
    consents: consents.map((c) => ({ id: c.id, scope: c.scope, supplierId: c.supplierId, supplierName: c.supplierName, givenOn: c.givenOn, revokedOn: c.revokedOn })),
    lastPlacementEndedOn: lastEnded,
    erasedAt: record.erasedAt?.toISOString() ?? null,
    erasureReason: record.erasureReason,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

async function readableParticipant(db: Database, actor: Actor, id: string): Promise<ParticipantRecord> {
  mayRead(actor);
  const record = await findParticipant(db, actor.organisationId, id);
  if (!record) throw notFound('The participant');
  return record;
}

/** One participant with identity (decrypted, and the read logged with its purpose), profile and consents. */
export async function getParticipant(db: Database, keyring: ParticipantKeyring | null, who: Who, id: string, purpose: Purpose, now: Date): Promise<ParticipantView> {
  const keys = requireKeys(keyring);
  return db.transaction(async (tx) => {
    const record = await readableParticipant(tx, who.actor, id);
    const [identity] = await listIdentities(tx, who.actor.organisationId, [id]);
    if (identity) await access(tx, who, [id], purpose, now);
    return present(record, identity ? decryptRecord(keys, identity) : null, await listConsents(tx, who.actor.organisationId, [id]), await lastPlacementEnd(tx, who.actor.organisationId, record.reference));
  });
}

/**
 * The participant list: search by identity number (keyed hash, exact), by reference, or by
 * name (decrypted here, never in SQL). Every participant on the answered page is logged as read.
 */
export async function listParticipants(db: Database, keyring: ParticipantKeyring | null, who: Who, query: ParticipantListQuery, now: Date) {
  const keys = requireKeys(keyring);
  mayRead(who.actor);
  const organisationId = who.actor.organisationId;
  return db.transaction(async (tx) => {
    const q = query.q?.trim() ?? '';
    const asNumber = q ? parseIdentityNumber(q, swedishDate(now)) : null;
    let rows: ParticipantRecord[];
    let identities: IdentityRecord[];
    if (asNumber?.valid) {
      const ids = await findByLookupHashes(tx, organisationId, allLookupHashes(keys, asNumber.normalised));
      rows = await listParticipantRows(tx, organisationId, { ids, includeErased: true });
      identities = await listIdentities(tx, organisationId, ids);
    } else {
      rows = await listParticipantRows(tx, organisationId, { includeErased: true });
      identities = await listIdentities(tx, organisationId);
    }
    const plain = new Map(identities.map((i) => [i.participantId, decryptRecord(keys, i)]));
    const needle = q.toLocaleLowerCase('sv');
    const matching = asNumber?.valid || !needle
      ? rows
      : rows.filter((r) => {
          const p = plain.get(r.id);
          return r.reference.toLocaleLowerCase('sv').includes(needle) || (p !== undefined && `${p.givenName} ${p.familyName}`.toLocaleLowerCase('sv').includes(needle));
        });
    matching.sort((a, b) => Number(a.erasedAt !== null) - Number(b.erasedAt !== null) || (plain.get(a.id)?.familyName ?? '').localeCompare(plain.get(b.id)?.familyName ?? '', 'sv') || a.reference.localeCompare(b.reference));
    const page = matching.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
    const consents = await listConsents(tx, organisationId, page.map((r) => r.id));
    const today = swedishDate(now);
    await access(tx, who, page.filter((r) => plain.has(r.id)).map((r) => r.id), query.purpose, now);
    return {
      total: matching.length,
      items: page.map((r) => {
        const p = plain.get(r.id);
        return {
          id: r.id,
          reference: r.reference,
          givenName: p?.givenName ?? null,
          familyName: p?.familyName ?? null,
          personalIdentityNumber: p ? formatIdentityNumber(p.personalIdentityNumber) : null,
          districtCode: r.profile?.districtCode ?? null,
          unemployedSince: r.profile?.unemployedSince ?? null,
          targetGroups: r.profile?.targetGroups.map((g) => g.code) ?? [],
          sharesProfile: consents.some((c) => c.participantId === r.id && c.scope === 'share_profile' && c.givenOn <= today && (c.revokedOn === null || c.revokedOn > today)),
          erased: r.erasedAt !== null,
        };
      }),
    };
  });
}

/** Registers a participant: a new random reference, the identity encrypted, the profile as given. */
export async function createParticipant(db: Database, keyring: ParticipantKeyring | null, who: Who, body: ParticipantCreate, now: Date): Promise<ParticipantView> {
  const keys = requireKeys(keyring);
  assertCan(who.actor, 'participant:manage', { organisationId: who.actor.organisationId });
  return db.transaction(async (tx) => {
    const checked = checkIdentity(body.identity, swedishDate(now), '/body/identity');
    const errors = [...('errors' in checked ? checked.errors : []), ...(await checkProfile(tx, who.actor, body.profile, now))];
    if (errors.length > 0 || 'errors' in checked) throw validationFailed(errors);
    const existing = await findByLookupHashes(tx, who.actor.organisationId, allLookupHashes(keys, checked.plain.personalIdentityNumber));
    if (existing.length > 0) throw new AppError('duplicate', 'A participant with this identity number is already registered.', { errors: [{ path: '/body/identity/personalIdentityNumber', code: 'duplicate', message: 'Already registered.' }], participantId: existing[0] });
    const id = await insertParticipant(tx, { organisationId: who.actor.organisationId, reference: newParticipantReference(), profile: body.profile, now });
    await upsertIdentity(tx, who.actor.organisationId, encryptRecord(keys, id, checked.plain));
    await recordAudit(tx, who, { action: 'participant.created', entityType: 'participant', entityId: id });
    await access(tx, who, [id], 'case_work', now);
    const record = (await findParticipant(tx, who.actor.organisationId, id))!;
    return present(record, checked.plain, [], null);
  });
}

/** Changes identity and/or profile; an erased participant cannot be changed. */
export async function updateParticipant(db: Database, keyring: ParticipantKeyring | null, who: Who, id: string, patch: ParticipantPatch, now: Date): Promise<ParticipantView> {
  const keys = requireKeys(keyring);
  assertCan(who.actor, 'participant:manage', { organisationId: who.actor.organisationId });
  await db.transaction(async (tx) => {
    const record = await readableParticipant(tx, who.actor, id);
    if (record.erasedAt) throw new AppError('conflict', 'The participant has been erased.');
    const errors: FieldError[] = [];
    let plain: IdentityPlain | null = null;
    if (patch.identity) {
      const checked = checkIdentity(patch.identity, swedishDate(now), '/body/identity');
      if ('errors' in checked) errors.push(...checked.errors);
      else plain = checked.plain;
    }
    if (patch.profile) errors.push(...(await checkProfile(tx, who.actor, patch.profile, now)));
    if (errors.length > 0) throw validationFailed(errors);
    if (plain) {
      const others = (await findByLookupHashes(tx, who.actor.organisationId, allLookupHashes(keys, plain.personalIdentityNumber))).filter((p) => p !== id);
      if (others.length > 0) throw new AppError('duplicate', 'Another participant has this identity number.', { errors: [{ path: '/body/identity/personalIdentityNumber', code: 'duplicate', message: 'Already registered.' }] });
      await upsertIdentity(tx, who.actor.organisationId, encryptRecord(keys, id, plain));
    }
    if (patch.profile) await updateProfile(tx, who.actor.organisationId, id, patch.profile, now);
    else await touchParticipant(tx, who.actor.organisationId, id, now);
    await recordAudit(tx, who, { action: 'participant.updated', entityType: 'participant', entityId: id, after: { identity: patch.identity !== undefined, profile: patch.profile !== undefined } });
  });
  return getParticipant(db, keys, who, id, 'case_work', now);
}

export async function addConsent(db: Database, keyring: ParticipantKeyring | null, who: Who, id: string, body: ConsentCreate, now: Date): Promise<ParticipantView> {
  assertCan(who.actor, 'participant:manage', { organisationId: who.actor.organisationId });
  await db.transaction(async (tx) => {
    const record = await readableParticipant(tx, who.actor, id);
    if (record.erasedAt) throw new AppError('conflict', 'The participant has been erased.');
    if (body.supplierId !== null && !(await supplierExists(tx, body.supplierId))) {
      throw validationFailed([{ path: '/body/supplierId', code: 'unknown_supplier', message: 'No such supplier.' }]);
    }
    if (body.givenOn > swedishDate(now)) throw validationFailed([{ path: '/body/givenOn', code: 'in_future', message: 'A consent is recorded once given.' }]);
    const consentId = await insertConsent(tx, { organisationId: who.actor.organisationId, participantId: id, scope: body.scope, supplierId: body.supplierId, givenOn: body.givenOn, recordedBy: who.actor.userId });
    await touchParticipant(tx, who.actor.organisationId, id, now);
    await recordAudit(tx, who, { action: 'participant.consent_given', entityType: 'participant', entityId: id, after: { consentId, ...body } });
  });
  return getParticipant(db, keyring, who, id, 'case_work', now);
}

export async function revokeConsent(db: Database, keyring: ParticipantKeyring | null, who: Who, id: string, consentId: string, revokedOn: string, now: Date): Promise<ParticipantView> {
  assertCan(who.actor, 'participant:manage', { organisationId: who.actor.organisationId });
  await db.transaction(async (tx) => {
    await readableParticipant(tx, who.actor, id);
    const consents = await listConsents(tx, who.actor.organisationId, [id]);
    const consent = consents.find((c) => c.id === consentId);
    if (!consent) throw notFound('The consent');
    if (revokedOn < consent.givenOn) throw validationFailed([{ path: '/body/revokedOn', code: 'before_given', message: 'A consent is revoked after it was given.' }]);
    if (!(await revokeConsentRow(tx, who.actor.organisationId, id, consentId, revokedOn))) throw new AppError('conflict', 'The consent is already revoked.');
    await touchParticipant(tx, who.actor.organisationId, id, now);
    await recordAudit(tx, who, { action: 'participant.consent_revoked', entityType: 'participant', entityId: id, after: { consentId, revokedOn } });
  });
  return getParticipant(db, keyring, who, id, 'case_work', now);
}

/**
 * Everything held about one person (GDPR art. 15): identity, profile, consents, proposals,
 * placements under the reference and who read the data when. The export is itself logged.
 */
export async function exportParticipant(db: Database, keyring: ParticipantKeyring | null, who: Who, id: string, now: Date) {
  const participant = await getParticipant(db, keyring, who, id, 'access_request', now);
  const organisationId = who.actor.organisationId;
  const [proposalRows, placementRows, accessRows] = await readTogether(db, [
    () => listProposalsOfParticipant(db, organisationId, id),
    () => listPlacementsOfReference(db, organisationId, participant.reference),
    () => listAccessLog(db, organisationId, id)]);
  await db.transaction((tx) => recordAudit(tx, who, { action: 'participant.exported', entityType: 'participant', entityId: id }));
  return {
    exportedAt: now.toISOString(),
    controller: 'The organisation’s labour-market unit (docs/privacy.md)',
    participant,
    proposals: proposalRows,
    placements: placementRows,
    accessLog: accessRows.map((a) => ({ at: a.at.toISOString(), by: a.actorLabel, purpose: a.purpose })),
  };
}

/** Erasure on request (GDPR art. 17): identity, profile and consents go; the pseudonymous rest stays. */
export async function eraseParticipant(db: Database, who: Who, id: string, now: Date): Promise<void> {
  assertCan(who.actor, 'participant:manage', { organisationId: who.actor.organisationId });
  await db.transaction(async (tx) => {
    const record = await readableParticipant(tx, who.actor, id);
    if (record.erasedAt) throw new AppError('conflict', 'The participant has already been erased.');
    await eraseParticipantRow(tx, who.actor.organisationId, id, 'request', now);
    await recordAudit(tx, who, { action: 'participant.erased', entityType: 'participant', entityId: id, after: { reason: 'request' } });
  });
}


/**
 * The daily retention run (docs/privacy.md): erases every participant whose last placement
 * ended more than `months` before `asOf`, or who never had one and has not changed for that
 * long. Each erasure is audited by the system; the pseudonymous rows and aggregates stay.
 */
export async function runParticipantRetention(db: Database, asOf: string, months: number, now: Date): Promise<number> {
  const due = await listDueForRetention(db, asOf, months);
  for (const p of due) {
    await db.transaction(async (tx) => {
      await eraseParticipantRow(tx, p.organisationId, p.id, 'retention', now);
      await recordAudit(tx, { system: 'participant-retention', organisationId: p.organisationId }, { action: 'participant.erased', entityType: 'participant', entityId: p.id, after: { reason: 'retention', months } });
    });
  }
  return due.length;
}

/** What one run of the key rotation did. */
export interface RekeyResult {
  keyId: string;
  reencrypted: number;
  batches: number;
  /** Identities still under an older key (when stopped after `maxBatches`). */
  remaining: number;
}

/**
 * Key rotation (decision 0701, docs/privacy.md): re-encrypts and re-hashes every identity not yet
 * under the keyring's active key, `batchSize` at a time, each batch in its own transaction with
 * its rows locked. Only rows still under an older key are picked, so a run that stops (or is
 * stopped after `maxBatches`) is resumed by running it again, and a run with nothing left does
 * nothing. Each batch writes one audit event per organisation it touched (the count and the key
 * ids, no identity data). The old key must still be in the keyring to decrypt.
 */
export async function reencryptIdentities(
  db: Database,
  keys: ParticipantKeyring,
  options: { batchSize: number; maxBatches?: number; onBatch?: (done: number) => void },
): Promise<RekeyResult> {
  const keyId = keys.active.id;
  let reencrypted = 0;
  let batches = 0;
  for (;;) {
    if (options.maxBatches !== undefined && batches >= options.maxBatches) break;
    const done = await db.transaction(async (tx) => {
      const rows = await listIdentitiesNotUnder(tx, keyId, options.batchSize);
      const perOrganisation = new Map<string, { count: number; fromKeyIds: Set<string> }>();
      for (const row of rows) {
        await upsertIdentity(tx, row.organisationId, encryptRecord(keys, row.participantId, decryptRecord(keys, row)));
        const entry = perOrganisation.get(row.organisationId) ?? { count: 0, fromKeyIds: new Set<string>() };
        entry.count++;
        entry.fromKeyIds.add(row.keyId).add(row.lookupKeyId);
        perOrganisation.set(row.organisationId, entry);
      }
      for (const [organisationId, entry] of perOrganisation) {
        await recordAudit(tx, { system: 'hansyn participants rekey', organisationId }, {
          action: 'participant_identities.reencrypted',
          entityType: 'organisation',
          entityId: organisationId,
          after: { keyId, fromKeyIds: [...entry.fromKeyIds].filter((id) => id !== keyId).sort(), count: entry.count },
        });
      }
      return rows.length;
    });
    if (done === 0) break;
    reencrypted += done;
    batches++;
    options.onBatch?.(reencrypted);
    if (done < options.batchSize) break;
  }
  const remaining = await countIdentitiesNotUnder(db, keyId);
  return { keyId, reencrypted, batches, remaining };
}
