import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from './identity.js';
import { commitments, contracts, placements, suppliers } from './contracts.js';

/*
 * Participants and matching (docs/matching.md, docs/privacy.md). The participant row is the
 * pseudonym and the profile; who the person is lives apart in `participant_identities`,
 * encrypted (AES-256-GCM) with a key that is never in the database.
 */

/**
 * A participant (deltagare) of the labour-market unit. `reference` is the stable random
 * pseudonym placements, reports and supplier views use; never derived from the identity number.
 * `profile` (validated by the service's schema) is null once the person is erased.
 */
export const participants = pgTable(
  'participants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    reference: text('reference').notNull(),
    profile: jsonb('profile'),
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    erasureReason: text('erasure_reason', { enum: ['request', 'retention'] }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('participants_reference_key').on(t.reference), index('participants_org_idx').on(t.organisationId, t.erasedAt)],
);

/**
 * Who the participant is: name, identity number and contact details as one AES-256-GCM
 * ciphertext (`v1.<keyId>.<iv>.<tag>.<data>`, base64url, bound to the participant id), and the
 * HMAC-SHA256 of the normalised identity number for lookups. Deleted on erasure.
 */
export const participantIdentities = pgTable(
  'participant_identities',
  {
    participantId: uuid('participant_id').primaryKey().references(() => participants.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    keyId: text('key_id').notNull(),
    ciphertext: text('ciphertext').notNull(),
    lookupKeyId: text('lookup_key_id').notNull(),
    lookupHash: text('lookup_hash').notNull(),
  },
  (t) => [uniqueIndex('participant_identities_lookup_key').on(t.organisationId, t.lookupHash), index('participant_identities_key_idx').on(t.keyId)],
);

/**
 * A consent (samtycke): what the participant agreed to share with whom, from when, until revoked.
 * `supplierId` null means any supplier the unit proposes the person to.
 */
export const participantConsents = pgTable(
  'participant_consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    participantId: uuid('participant_id').notNull().references(() => participants.id, { onDelete: 'cascade' }),
    scope: text('scope', { enum: ['share_profile', 'interview'] }).notNull(),
    supplierId: uuid('supplier_id').references(() => suppliers.id, { onDelete: 'restrict' }),
    givenOn: date('given_on', { mode: 'string' }).notNull(),
    revokedOn: date('revoked_on', { mode: 'string' }),
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('participant_consents_participant_idx').on(t.participantId), check('participant_consents_dates_check', sql`${t.revokedOn} is null or ${t.revokedOn} >= ${t.givenOn}`)],
);

/**
 * Every read of identifiable participant data (GDPR art. 5(2), accountability): who, when,
 * which participant, why. Kept after erasure; holds no identity itself.
 */
export const participantAccessLog = pgTable(
  'participant_access_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    participantId: uuid('participant_id').notNull().references(() => participants.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    actorLabel: text('actor_label').notNull(),
    purpose: text('purpose').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('participant_access_log_participant_idx').on(t.participantId, t.at), index('participant_access_log_org_idx').on(t.organisationId, t.at)],
);

/**
 * A recruitment need (rekryteringsbehov) of a supplier under a contract: what occupation, how
 * many, when, where, and the hard requirements matching filters on.
 */
export const recruitmentNeeds = pgTable(
  'recruitment_needs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    contractId: uuid('contract_id').notNull().references(() => contracts.id, { onDelete: 'cascade' }),
    commitmentId: uuid('commitment_id').references(() => commitments.id, { onDelete: 'set null' }),
    supplierId: uuid('supplier_id').notNull().references(() => suppliers.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    ssykCode: text('ssyk_code'),
    occupationNameId: text('occupation_name_id'),
    positions: integer('positions').notNull(),
    extentPercent: integer('extent_percent').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    municipalityCode: text('municipality_code'),
    districtCode: text('district_code'),
    skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
    requiredLanguages: text('required_languages').array().notNull().default(sql`'{}'::text[]`),
    requiredDrivingLicences: text('required_driving_licences').array().notNull().default(sql`'{}'::text[]`),
    status: text('status', { enum: ['open', 'filled', 'cancelled'] }).notNull().default('open'),
    openedOn: date('opened_on', { mode: 'string' }).notNull(),
    closedOn: date('closed_on', { mode: 'string' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('recruitment_needs_org_status_idx').on(t.organisationId, t.status),
    index('recruitment_needs_contract_idx').on(t.contractId),
    check('recruitment_needs_positions_check', sql`${t.positions} between 1 and 1000`),
    check('recruitment_needs_extent_check', sql`${t.extentPercent} between 1 and 100`),
    check('recruitment_needs_occupation_check', sql`${t.ssykCode} is not null or ${t.occupationNameId} is not null`),
  ],
);

/**
 * A proposal (förslag) of one participant for one need, and what came of it. `history` lists
 * each outcome with its date and who recorded it; `placementId` is the placement a hire created.
 */
export const proposals = pgTable(
  'proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    needId: uuid('need_id').notNull().references(() => recruitmentNeeds.id, { onDelete: 'cascade' }),
    participantId: uuid('participant_id').notNull().references(() => participants.id, { onDelete: 'cascade' }),
    score: integer('score').notNull(),
    reasons: jsonb('reasons').notNull(),
    status: text('status', { enum: ['proposed', 'interview', 'offer', 'hired', 'not_hired', 'withdrawn'] }).notNull().default('proposed'),
    notHiredReason: text('not_hired_reason'),
    history: jsonb('history').notNull().default(sql`'[]'::jsonb`),
    placementId: uuid('placement_id').references(() => placements.id, { onDelete: 'set null' }),
    proposedOn: date('proposed_on', { mode: 'string' }).notNull(),
    decidedOn: date('decided_on', { mode: 'string' }),
    proposedBy: uuid('proposed_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('proposals_need_participant_key').on(t.needId, t.participantId), index('proposals_org_status_idx').on(t.organisationId, t.status), index('proposals_participant_idx').on(t.participantId)],
);
