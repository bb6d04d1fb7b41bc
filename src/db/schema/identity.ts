import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

/** A tenant: a municipality, region or municipal company group. */
export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  organisationNumber: text('organisation_number').notNull(),
  kind: text('kind', { enum: ['municipality', 'region', 'company_group', 'supplier'] }).notNull(),
  municipalityCode: text('municipality_code'),
  /** The council's goal for the share of service procurements with social considerations. */
  socialGoalPercent: integer('social_goal_percent').notNull().default(50),
  isDemo: boolean('is_demo').notNull().default(false),
  /**
   * The organisation publishes its register as open data (OCDS): procurements from publication on
   * are then served without sign-in at GET /api/ocds/release-package?org=SLUG. Off until an admin
   * turns it on.
   */
  openDataPublished: boolean('open_data_published').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A förvaltning or bolag inside an organisation; units form a tree. */
export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id').references((): AnyPgColumn => units.id, { onDelete: 'restrict' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    organisationNumber: text('organisation_number'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('units_org_code_key').on(t.organisationId, t.code), index('units_parent_idx').on(t.parentId)],
);

/**
 * A person who signs in. Credentials live beside the user (password now; an OIDC identity
 * table can be added later without reshaping this one).
 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash'),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`)],
);

/** A role a user holds in an organisation, optionally limited to one unit (and its subtree). */
export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    role: text('role', {
      enum: ['admin', 'coordinator', 'procurer', 'labour_market', 'supplier', 'viewer'],
    }).notNull(),
    unitId: uuid('unit_id').references(() => units.id, { onDelete: 'cascade' }),
    /**
     * Set when the organisation's admin suspends the person's membership: every role row of the
     * person in this organisation carries the same value; their sessions and tokens in this
     * organisation stop at once, nothing else of the account changes.
     */
    suspendedAt: timestamp('suspended_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('memberships_unique_key').on(t.userId, t.organisationId, t.role, sql`coalesce(${t.unitId}, '00000000-0000-0000-0000-000000000000'::uuid)`),
    index('memberships_org_idx').on(t.organisationId),
  ],
);

/**
 * A signed-in browser session; only the SHA-256 of the cookie value is stored. The organisation
 * is the one the person chose; null until a person with several memberships has chosen.
 */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** A personal API token for integrations; shown once, stored as SHA-256, revocable. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** The first characters of the token, so a user can tell tokens apart. */
    prefix: text('prefix').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
);

/**
 * An organisation's invitation of an e-mail address to a membership. It never touches an account:
 * the person accepts it signed in, or through the single-use link (only the SHA-256 of its token is
 * stored) by creating their account. docs/decisions/0301-accounts-and-memberships.md.
 */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    /** Normalised (trimmed, lower-case, NFC). */
    email: text('email').notNull(),
    role: text('role', {
      enum: ['admin', 'coordinator', 'procurer', 'labour_market', 'supplier', 'viewer'],
    }).notNull(),
    unitId: uuid('unit_id').references(() => units.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    invitedByUserId: uuid('invited_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedByUserId: uuid('accepted_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('invitations_org_idx').on(t.organisationId), index('invitations_email_idx').on(t.email)],
);

/**
 * Failed sign-ins, kept in the database so every server process counts the same ones: one row per
 * failure and key (`email:<normalised>` or `ip:<address>`); successes are never recorded.
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    key: text('key').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('login_failures_key_at_idx').on(t.key, t.at), index('login_failures_at_idx').on(t.at)],
);
