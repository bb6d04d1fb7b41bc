import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
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
