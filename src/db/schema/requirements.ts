import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { SCREENING_RECOMMENDATIONS } from '../../domain/screening/screen-procurement.js';
import { organisations, users } from './identity.js';
import { procurements } from './procurement.js';

/*
 * Screening, comply-or-explain decisions and the requirement library. Every row carries
 * `organisation_id`; JSON columns hold values that the domain schemas validate
 * (ScreeningPolicySchema, ScreeningResult, RequirementTemplateSchema, ParameterValues).
 */

/** An organisation's screening policy. Append-only: every change is a new version; the highest is current. */
export const screeningPolicies = pgTable(
  'screening_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    policy: jsonb('policy').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('screening_policies_org_version_key').on(t.organisationId, t.version)],
);

/**
 * One screening of a procurement against a policy version. Append-only history; exactly one
 * row per procurement is current (`is_current`), which the register and the work queue join.
 */
export const screenings = pgTable(
  'screenings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    procurementId: uuid('procurement_id').notNull().references(() => procurements.id, { onDelete: 'cascade' }),
    policyVersion: integer('policy_version').notNull(),
    recommendation: text('recommendation', { enum: SCREENING_RECOMMENDATIONS }).notNull(),
    /** The whole ScreeningResult, per-lot results included. */
    result: jsonb('result').notNull(),
    /** SHA-256 of the screened facts and policy version: an edit that changes neither does not re-screen. */
    factsHash: text('facts_hash').notNull(),
    trigger: text('trigger', { enum: ['created', 'updated', 'manual', 'seed', 'decision'] }).notNull(),
    isCurrent: boolean('is_current').notNull().default(true),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('screenings_current_key').on(t.procurementId).where(sql`${t.isCurrent}`),
    index('screenings_queue_idx').on(t.organisationId, t.recommendation).where(sql`${t.isCurrent}`),
    index('screenings_procurement_idx').on(t.procurementId, t.createdAt),
  ],
);

/** The organisation's target groups (målgrupper); codes are never deleted, only deactivated. */
export const targetGroups = pgTable(
  'target_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    labelSv: text('label_sv').notNull(),
    labelEn: text('label_en').notNull(),
    active: boolean('active').notNull().default(true),
    position: integer('position').notNull().default(0),
  },
  (t) => [uniqueIndex('target_groups_org_code_key').on(t.organisationId, t.code)],
);

/** A requirement template (kravmall) owned by an organisation; its texts live in versions. */
export const requirementTemplates = pgTable(
  'requirement_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    /** The content key, fixed for the life of the template. */
    key: text('key').notNull(),
    origin: text('origin', { enum: ['starter', 'own', 'copy'] }).notNull(),
    /** Published to the shared library: other organisations see its published versions and may copy them. */
    shared: boolean('shared').notNull().default(false),
    sharedAt: timestamp('shared_at', { withTimezone: true }),
    copiedFromTemplateId: uuid('copied_from_template_id').references((): AnyPgColumn => requirementTemplates.id, { onDelete: 'set null' }),
    copiedFromVersionId: uuid('copied_from_version_id'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('requirement_templates_org_key').on(t.organisationId, t.key), index('requirement_templates_shared_idx').on(t.shared)],
);

/**
 * A version of a template. Drafts are edited in place; published versions are frozen (the
 * service refuses, the update statement only matches drafts, and a trigger in the migration
 * rejects any change to a published row). At most one draft per template.
 */
export const requirementTemplateVersions = pgTable(
  'requirement_template_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    templateId: uuid('template_id').notNull().references(() => requirementTemplates.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    status: text('status', { enum: ['draft', 'published'] }).notNull(),
    content: jsonb('content').notNull(),
    basedOnVersionId: uuid('based_on_version_id').references((): AnyPgColumn => requirementTemplateVersions.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('requirement_template_versions_number_key').on(t.templateId, t.version),
    uniqueIndex('requirement_template_versions_one_draft_key').on(t.templateId).where(sql`${t.status} = 'draft'`),
    index('requirement_template_versions_org_idx').on(t.organisationId),
    check('requirement_template_versions_published_at_check', sql`(${t.status} = 'published') = (${t.publishedAt} is not null)`),
  ],
);

/** The buyer's decision on social considerations for a procurement (comply or explain); one per procurement, revised in place. */
export const procurementDecisions = pgTable(
  'procurement_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    procurementId: uuid('procurement_id').notNull().references(() => procurements.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['apply', 'none'] }).notNull(),
    justification: text('justification').notNull().default(''),
    recommendation: text('recommendation', { enum: SCREENING_RECOMMENDATIONS }).notNull(),
    screeningId: uuid('screening_id').references(() => screenings.id, { onDelete: 'set null' }),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
    revision: integer('revision').notNull().default(1),
  },
  (t) => [uniqueIndex('procurement_decisions_procurement_key').on(t.procurementId), index('procurement_decisions_org_idx').on(t.organisationId, t.kind)],
);

/** A requirement applied by a decision: a published template version, lots (null = all) and parameter values. */
export const appliedRequirements = pgTable(
  'applied_requirements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    decisionId: uuid('decision_id').notNull().references(() => procurementDecisions.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    templateVersionId: uuid('template_version_id').notNull().references(() => requirementTemplateVersions.id, { onDelete: 'restrict' }),
    lotNumbers: integer('lot_numbers').array(),
    parameters: jsonb('parameters').notNull(),
  },
  (t) => [index('applied_requirements_decision_idx').on(t.decisionId, t.position), index('applied_requirements_version_idx').on(t.templateVersionId)],
);
