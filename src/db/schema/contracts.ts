import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, units, users } from './identity.js';
import { procurements } from './procurement.js';
import { requirementTemplateVersions } from './requirements.js';

/*
 * Contracts and their follow-up (docs/follow-up.md). Suppliers are shared by the whole
 * platform; everything else carries `organisation_id`. JSON columns hold values the domain
 * validates (ParameterValues, CommitmentTerms details, deviation numbers).
 */

/**
 * A supplier (leverantör): one record on the platform, shared by every buyer, identified by
 * country and national id — for Swedish companies the organisation number in its separated
 * form `NNNNNN-NNNN`.
 */
export const suppliers = pgTable(
  'suppliers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    country: text('country').notNull().default('SE'),
    nationalId: text('national_id').notNull(),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('suppliers_country_national_id_key').on(t.country, t.nationalId), check('suppliers_country_check', sql`${t.country} ~ '^[A-Z]{2}$'`)],
);

/** A contract (avtal) awarded under a procurement, or some of its lots, to one supplier. */
export const contracts = pgTable(
  'contracts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    procurementId: uuid('procurement_id').notNull().references(() => procurements.id, { onDelete: 'restrict' }),
    /** The procurement's unit when the contract was recorded: procurers see their own units' contracts. */
    unitId: uuid('unit_id').notNull().references(() => units.id, { onDelete: 'restrict' }),
    supplierId: uuid('supplier_id').notNull().references(() => suppliers.id, { onDelete: 'restrict' }),
    referenceNumber: text('reference_number').notNull(),
    /** Lots covered; null = the whole procurement. */
    lotNumbers: integer('lot_numbers').array(),
    signedOn: date('signed_on', { mode: 'string' }).notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    /** Extension options: `[{ months, exercisedOn | null }]`. */
    extensionOptions: jsonb('extension_options').notNull().default(sql`'[]'::jsonb`),
    valueOre: bigint('value_ore', { mode: 'number' }),
    /** Framework agreements: value called off so far, which sets the framework variant's positions. */
    calledOffValueOre: bigint('called_off_value_ore', { mode: 'number' }),
    /** Amendments (ändringsavtal) bump it; optimistic locking for edits. */
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('contracts_org_reference_key').on(t.organisationId, t.referenceNumber),
    index('contracts_org_unit_idx').on(t.organisationId, t.unitId),
    index('contracts_org_procurement_idx').on(t.organisationId, t.procurementId),
    index('contracts_supplier_idx').on(t.supplierId),
    index('contracts_org_ends_idx').on(t.organisationId, t.endsOn),
    check('contracts_dates_check', sql`${t.endsOn} >= ${t.startsOn}`),
  ],
);

/**
 * A commitment (åtagande): a frozen snapshot of one applied requirement of the decision, as
 * agreed in the contract. Later template edits never touch it; an amendment changes
 * `parameters` and bumps `version`, keeping the earlier one in `commitment_versions`.
 */
export const commitments = pgTable(
  'commitments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    contractId: uuid('contract_id').notNull().references(() => contracts.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: text('kind', { enum: ['dialogue_clause', 'employment_condition', 'apprenticeship', 'hiring_bonus', 'reserved_contract', 'social_award_criterion'] }).notNull(),
    templateKey: text('template_key').notNull(),
    templateVersionId: uuid('template_version_id').references(() => requirementTemplateVersions.id, { onDelete: 'set null' }),
    /** The template title `{ sv, en }` as agreed. */
    title: jsonb('title').notNull(),
    /** The contract text in both languages as agreed. */
    text: jsonb('text').notNull(),
    measure: text('measure', { enum: ['per_position', 'summed_months'] }).notNull().default('per_position'),
    parameters: jsonb('parameters').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('commitments_contract_idx').on(t.contractId, t.position), index('commitments_org_idx').on(t.organisationId)],
);

/** Earlier versions of a commitment, each with the amendment's reason. Append-only. */
export const commitmentVersions = pgTable(
  'commitment_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    commitmentId: uuid('commitment_id').notNull().references(() => commitments.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    measure: text('measure').notNull(),
    parameters: jsonb('parameters').notNull(),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('commitment_versions_key').on(t.commitmentId, t.version)],
);

/** An amendment (ändringsavtal): a new contract version with a reason and what changed. Append-only. */
export const contractAmendments = pgTable(
  'contract_amendments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    contractId: uuid('contract_id').notNull().references(() => contracts.id, { onDelete: 'cascade' }),
    /** The contract version this amendment created. */
    version: integer('version').notNull(),
    reason: text('reason').notNull(),
    signedOn: date('signed_on', { mode: 'string' }).notNull(),
    before: jsonb('before').notNull(),
    after: jsonb('after').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('contract_amendments_version_key').on(t.contractId, t.version)],
);

/**
 * A placement (anställning) under a commitment. Only a pseudonymous participant reference:
 * no names or personal identity numbers (the participant registry comes with matching).
 */
export const placements = pgTable(
  'placements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    contractId: uuid('contract_id').notNull().references(() => contracts.id, { onDelete: 'cascade' }),
    commitmentId: uuid('commitment_id').notNull().references(() => commitments.id, { onDelete: 'cascade' }),
    participantRef: text('participant_ref').notNull(),
    targetGroup: text('target_group').notNull(),
    offeredOn: date('offered_on', { mode: 'string' }),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    plannedEndOn: date('planned_end_on', { mode: 'string' }),
    endedOn: date('ended_on', { mode: 'string' }),
    endReason: text('end_reason', { enum: ['completed', 'resigned', 'dismissed_with_cause', 'ended_by_supplier', 'other'] }),
    extentPercent: integer('extent_percent').notNull(),
    employmentForm: text('employment_form').notNull(),
    ssykCode: text('ssyk_code'),
    wageSubsidy: text('wage_subsidy', { enum: ['nystartsjobb', 'lonebidrag', 'introduktionsjobb', 'none'] }).notNull().default('none'),
    /**
     * Recorded by the supplier without a verified target-group judgment (decision 0604): the
     * placement exists but counts toward nothing until the labour-market unit confirms its target
     * group (then `target_group` is set and this is cleared).
     */
    targetGroupPending: boolean('target_group_pending').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('placements_contract_idx').on(t.contractId, t.startedOn),
    index('placements_commitment_idx').on(t.commitmentId),
    index('placements_org_started_idx').on(t.organisationId, t.startedOn),
    check('placements_extent_check', sql`${t.extentPercent} between 1 and 100`),
    check('placements_end_check', sql`${t.endedOn} is null or ${t.endedOn} >= ${t.startedOn}`),
  ],
);

/**
 * A period's report (rapport). Periods follow from the reporting interval and contract start
 * (reportingPeriods) and are not stored; a report is keyed by the period's sequence.
 */
export const periodReports = pgTable(
  'period_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    contractId: uuid('contract_id').notNull().references(() => contracts.id, { onDelete: 'cascade' }),
    periodSequence: integer('period_sequence').notNull(),
    periodStartsOn: date('period_starts_on', { mode: 'string' }).notNull(),
    periodEndsOn: date('period_ends_on', { mode: 'string' }).notNull(),
    reportedOn: date('reported_on', { mode: 'string' }).notNull(),
    /** Dialogue clause: meetings with the coordinator held in the period. */
    meetingsHeldOn: date('meetings_held_on', { mode: 'string' }).array().notNull().default(sql`'{}'::date[]`),
    /** Reserved contracts: the share reported for the period. */
    sharePercent: integer('share_percent'),
    /** What the report lists: placement ids and their state on the period end, without participant references. */
    summary: jsonb('summary').notNull(),
    note: text('note').notNull().default(''),
    enteredBy: uuid('entered_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('period_reports_key').on(t.contractId, t.periodSequence), index('period_reports_org_contract_idx').on(t.organisationId, t.contractId, t.periodSequence)],
);

/** A deviation (avvikelse) found by the daily check; stored once per key. */
export const deviations = pgTable(
  'deviations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    contractId: uuid('contract_id').notNull().references(() => contracts.id, { onDelete: 'cascade' }),
    commitmentId: uuid('commitment_id').references(() => commitments.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['report_overdue', 'first_hire_missed', 'at_risk', 'shortfall'] }).notNull(),
    key: text('key').notNull(),
    periodSequence: integer('period_sequence'),
    detectedOn: date('detected_on', { mode: 'string' }).notNull(),
    details: jsonb('details').notNull(),
    status: text('status', { enum: ['open', 'resolved'] }).notNull().default('open'),
    resolvedOn: date('resolved_on', { mode: 'string' }),
    resolvedBy: uuid('resolved_by').references(() => users.id, { onDelete: 'set null' }),
    resolution: text('resolution'),
  },
  (t) => [uniqueIndex('deviations_key').on(t.contractId, t.key), index('deviations_org_status_idx').on(t.organisationId, t.status, t.detectedOn)],
);

/** A step of the sanction ladder: who, when, why, evidence. Append-only except a notice's correction date. */
export const sanctionSteps = pgTable(
  'sanction_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    contractId: uuid('contract_id').notNull().references(() => contracts.id, { onDelete: 'cascade' }),
    commitmentId: uuid('commitment_id').notNull().references(() => commitments.id, { onDelete: 'cascade' }),
    deviationId: uuid('deviation_id').references(() => deviations.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: ['dialogue_note', 'correction_notice', 'penalty_decision', 'exclusion', 'termination_recommendation', 'resolved'] }).notNull(),
    takenOn: date('taken_on', { mode: 'string' }).notNull(),
    deadline: date('deadline', { mode: 'string' }),
    correctedOn: date('corrected_on', { mode: 'string' }),
    amountOre: bigint('amount_ore', { mode: 'number' }),
    reason: text('reason').notNull(),
    evidence: text('evidence').notNull().default(''),
    takenBy: uuid('taken_by').references(() => users.id, { onDelete: 'set null' }),
    takenByLabel: text('taken_by_label').notNull(),
    /** Penalty decisions: the coordinator who approved the amount. */
    approvedBy: uuid('approved_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sanction_steps_commitment_idx').on(t.commitmentId, t.takenOn, t.createdAt),
    index('sanction_steps_org_idx').on(t.organisationId, t.kind, t.deadline),
    index('sanction_steps_contract_idx').on(t.contractId, t.takenOn, t.createdAt),
  ],
);
