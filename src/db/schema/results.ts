import { bigint, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { placements } from './contracts.js';
import { organisations, units, users } from './identity.js';

/**
 * Goals per organisation and year (and optionally per unit), with history: a change supersedes
 * the current row and inserts a new one, so earlier goals stay readable (issue 15).
 * `social_share_percent` extends `organisations.social_goal_percent`, which stays the default
 * for years without a goal of their own.
 */
export const organisationGoals = pgTable(
  'organisation_goals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    /** Null for the whole organisation. */
    unitId: uuid('unit_id').references(() => units.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    metric: text('metric', { enum: ['social_share_percent', 'people_employed', 'full_time_months'] }).notNull(),
    target: integer('target').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
  },
  (t) => [
    index('organisation_goals_org_year_idx').on(t.organisationId, t.year, t.metric),
    check('organisation_goals_target_check', sql`${t.target} >= 0 and ${t.target} <= 1000000`),
    check('organisation_goals_year_check', sql`${t.year} between 2000 and 2100`),
  ],
);

/** Open-data settings of the published results: the licence the organisation chose. */
export const resultsSettings = pgTable('results_settings', {
  organisationId: uuid('organisation_id')
    .primaryKey()
    .references(() => organisations.id, { onDelete: 'cascade' }),
  licence: text('licence', { enum: ['cc-by-4.0', 'cc0'] }).notNull().default('cc-by-4.0'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
});

/**
 * A per-organisation counter that moves forward in the same transaction as every write to what
 * the dashboard and the public results read (placements and their outcomes, contracts,
 * commitments, deviations, procurements, decisions and applied requirements, units, target
 * groups, goals, the licence, the organisation row and the names of suppliers with a contract
 * there); kept by statement-level triggers in migration 0015. The results answer cache is
 * checked against it, as the register's list cache is against register_versions
 * (docs/decisions/0805, 0202, 0911). No foreign key, for the same reason as register_versions.
 */
export const resultsVersions = pgTable('results_versions', {
  organisationId: uuid('organisation_id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});

/**
 * What became of a person after their placement ended, where known (issue 15: "still employed
 * after the placement ended"): one answer per placement and number of months after the end,
 * recorded by an officer (or, later, taken from the supplier's report). `unknown` records that
 * someone asked and got no answer; such answers count as not known in the results.
 */
export const placementOutcomes = pgTable(
  'placement_outcomes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    placementId: uuid('placement_id').notNull().references(() => placements.id, { onDelete: 'cascade' }),
    monthsAfterEnd: integer('months_after_end').notNull(),
    status: text('status', { enum: ['employed_by_supplier', 'employed_elsewhere', 'not_employed', 'unknown'] }).notNull(),
    source: text('source', { enum: ['officer', 'supplier'] }).notNull(),
    recordedOn: date('recorded_on', { mode: 'string' }).notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('placement_outcomes_placement_months_key').on(t.placementId, t.monthsAfterEnd),
    index('placement_outcomes_org_idx').on(t.organisationId),
    check('placement_outcomes_months_check', sql`${t.monthsAfterEnd} between 1 and 60`),
  ],
);
