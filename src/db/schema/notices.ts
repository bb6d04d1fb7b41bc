import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations, users } from './identity.js';
import { procurements } from './procurement.js';

/**
 * eForms notices from TED: public data, not tenant-owned (no organisation_id).
 * One row per notice id (BT-701) holding only its latest version (BT-757); a newer version
 * replaces the row in place. The row is deliberately narrow: it carries only what the market
 * aggregates and the drill-down list read, denormalised at import, so a year of TED
 * (~800,000 notices) scans quickly. The parsed notice itself lives in `notice_documents`.
 * See docs/decisions/0104-notice-storage-and-market-aggregates.md.
 */
export const notices = pgTable(
  'notices',
  {
    /** BT-701 Notice Identifier. */
    noticeId: text('notice_id').primaryKey(),
    /** BT-757 Notice Version as written (e.g. `01`). */
    version: text('version'),
    /** BT-757 as a number for comparison; 0 when absent. */
    versionNumber: integer('version_number').notNull(),
    /** OPP-010 Notice Publication Number. */
    publicationId: text('publication_id'),
    /** BT-04 Procedure Identifier. */
    procedureId: text('procedure_id'),
    /** The XML root: ContractNotice, ContractAwardNotice, PriorInformationNotice. */
    root: text('root').notNull(),
    /** BT-02 Notice Type. */
    noticeType: text('notice_type').notNull(),
    /** OPP-070 Notice Subtype. */
    noticeSubtype: text('notice_subtype'),
    /** BT-03 Form Type (planning, competition, result …). */
    formType: text('form_type'),
    sdkVersion: text('sdk_version').notNull(),
    /** BT-702(a). */
    language: text('language'),
    /** BT-05(a) Notice Dispatch Date. */
    issueDate: date('issue_date', { mode: 'string' }),
    /** Year of the issue date, denormalised for grouping. */
    year: smallint('year'),
    /** BT-514 of the first buyer (ISO 3166-1 alpha-3). */
    buyerCountry: text('buyer_country'),
    /** BT-500 of every buyer. */
    buyerNames: text('buyer_names').array().notNull().default(sql`'{}'::text[]`),
    /** BT-501 of every buyer, normalised (only letters and digits). */
    buyerOrgIds: text('buyer_org_ids').array().notNull().default(sql`'{}'::text[]`),
    /** Grouping key of the first buyer: its normalised BT-501, else its lower-cased name, else ''. */
    buyerKey: text('buyer_key').notNull(),
    /** Display name of the first buyer. */
    buyerName: text('buyer_name'),
    /** BT-21 of the procedure, shortened to 300 characters for lists. */
    title: text('title'),
    /** BT-262 of the procedure (or of the first lot). */
    mainCpv: text('main_cpv'),
    /** First two digits of the main CPV. */
    cpvDivision: text('cpv_division'),
    /** BT-23 Main Nature (services, supplies, works). */
    mainNature: text('main_nature'),
    /** BT-27 of the procedure, or the sum of the lots' BT-27 when they share one currency. */
    estimatedValueAmount: numeric('estimated_value_amount', { precision: 20, scale: 2, mode: 'number' }),
    estimatedValueCurrency: text('estimated_value_currency'),
    /** The part of the estimated value in lots that declare social considerations (same currency). */
    socialValueAmount: numeric('social_value_amount', { precision: 20, scale: 2, mode: 'number' }),
    hasSocial: boolean('has_social').notNull(),
    hasEmployment: boolean('has_employment').notNull(),
    /** Structured social codes as `FIELD:code` (`BT-775:opp`, `BT-71:res-ws` …), plus `text` for textual signals. */
    socialCodes: text('social_codes').array().notNull().default(sql`'{}'::text[]`),
    lotCount: integer('lot_count').notNull().default(0),
    /** The file (or archive entry) the stored version came from. */
    sourceFile: text('source_file').notNull(),
    /**
     * Where the stored version came from: `ted` (the operator's bulk import from TED, the trusted
     * source) or `upload` (an organisation's upload, unverified). An unverified notice is seen only by
     * `uploadedByOrganisationId` until the same notice arrives from TED (decision 0311).
     */
    provenance: text('provenance').$type<NoticeProvenance>().notNull().default('ted'),
    /** The uploading organisation of an `upload` notice; null for `ted`. */
    uploadedByOrganisationId: uuid('uploaded_by_organisation_id').references(() => organisations.id, { onDelete: 'cascade' }),
    importId: uuid('import_id').references(() => noticeImports.id, { onDelete: 'set null' }),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notices_year_idx').on(t.year, t.buyerCountry),
    index('notices_country_year_idx').on(t.buyerCountry, t.year),
    index('notices_cpv_division_idx').on(t.cpvDivision, t.year),
    index('notices_buyer_key_idx').on(t.buyerKey),
    index('notices_buyer_org_ids_idx').using('gin', t.buyerOrgIds),
    index('notices_social_codes_idx').using('gin', t.socialCodes),
    index('notices_issue_date_idx').on(t.issueDate.desc(), t.noticeId),
    index('notices_procedure_idx').on(t.procedureId),
    index('notices_uploaded_by_idx').on(t.uploadedByOrganisationId).where(sql`${t.uploadedByOrganisationId} is not null`),
    check('notices_provenance_check', sql`(${t.provenance} = 'ted' and ${t.uploadedByOrganisationId} is null) or (${t.provenance} = 'upload' and ${t.uploadedByOrganisationId} is not null)`),
  ],
);

export type NoticeProvenance = 'ted' | 'upload';

/** The measures every market aggregate carries (fresh column builders for each table). */
const marketMeasures = () => ({
  notices: integer('notices').notNull(),
  noticesWithSocial: integer('notices_with_social').notNull(),
  noticesWithEmployment: integer('notices_with_employment').notNull(),
  estimatedValue: numeric('estimated_value', { precision: 24, scale: 2, mode: 'number' }).notNull(),
  valueWithSocial: numeric('value_with_social', { precision: 24, scale: 2, mode: 'number' }).notNull(),
});

/**
 * Pre-aggregated market figures, refreshed by the importer for the (year, country) slices it
 * touched. One row per year, buyer country, contract nature, CPV division and currency; with
 * `social_code = ''` the row counts every notice of the cell once, otherwise only notices carrying
 * that code (`none` for notices without any). Unknown values are '' (year 0). The market view reads
 * it whenever no buyer filter or buyer grouping needs the notice rows themselves.
 */
export const noticeMarketCells = pgTable(
  'notice_market_cells',
  {
    year: smallint('year').notNull(),
    country: text('country').notNull(),
    contractNature: text('contract_nature').notNull(),
    cpvDivision: text('cpv_division').notNull(),
    socialCode: text('social_code').notNull(),
    currency: text('currency').notNull(),
    ...marketMeasures(),
  },
  (t) => [
    primaryKey({ name: 'notice_market_cells_pkey', columns: [t.year, t.country, t.contractNature, t.cpvDivision, t.socialCode, t.currency] }),
    index('notice_market_cells_code_idx').on(t.socialCode, t.year, t.country),
  ],
);

/**
 * Pre-aggregated buyer directory, refreshed by the importer for the buyer keys it touched (old and
 * new key of a replaced notice), like `notice_market_cells`. One row per buyer key (`notices.buyer_key`)
 * with the buyer's display name, every distinct buyer-name text of its notices for the name search,
 * and its notice counts. The unfiltered buyer ranking reads the `limit` biggest rows through
 * `notice_market_buyers_rank_idx`; a name search finds the candidate keys here and then reads only
 * their notices. See docs/decisions/0106-buyer-directory.md.
 */
export const noticeMarketBuyers = pgTable(
  'notice_market_buyers',
  {
    buyerKey: text('buyer_key').primaryKey(),
    /** The smallest first-buyer name (BT-500) of the key's notices, as the market view labels a buyer. */
    label: text('label'),
    /**
     * Every distinct `array_to_string(buyer_names, ' ')` of the key's notices, one per line: a
     * notice whose names match a search pattern always has its key's `names` match too.
     */
    names: text('names').notNull(),
    notices: integer('notices').notNull(),
    noticesWithSocial: integer('notices_with_social').notNull(),
    noticesWithEmployment: integer('notices_with_employment').notNull(),
  },
  (t) => [index('notice_market_buyers_rank_idx').on(t.notices.desc(), t.buyerKey)],
);

/**
 * The measures of each buyer key per currency ('' for notices without a value), refreshed together
 * with `notice_market_buyers`; the buyer ranking reads them for the buyers it lists.
 */
export const noticeMarketBuyerCells = pgTable(
  'notice_market_buyer_cells',
  {
    buyerKey: text('buyer_key').notNull(),
    currency: text('currency').notNull(),
    ...marketMeasures(),
  },
  (t) => [primaryKey({ name: 'notice_market_buyer_cells_pkey', columns: [t.buyerKey, t.currency] })],
);

/** The parsed notice (validated `Notice`) and its social summary, one row per `notices` row. */
export const noticeDocuments = pgTable('notice_documents', {
  noticeId: text('notice_id')
    .primaryKey()
    .references(() => notices.noticeId, { onDelete: 'cascade' }),
  notice: jsonb('notice').notNull(),
  social: jsonb('social').notNull(),
});

/** One run of the importer (CLI or upload): who, when, and what came of it. */
export const noticeImports = pgTable(
  'notice_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The uploading organisation; null for operator imports from the command line. */
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'cascade' }),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    actorLabel: text('actor_label').notNull(),
    /** File names given (shortened), for the list of imports. */
    source: text('source').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /**
     * `running` while an importer works on it (it renews `heartbeatAt` after every batch), then
     * `finished`, or `failed` when it stopped early: cut short by a crash (found by an expired
     * heartbeat or at the next start) or by an error. The counts are what was stored until then.
     */
    status: text('status').$type<NoticeImportStatus>().notNull().default('finished'),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    /** Why a failed import stopped. */
    error: text('error'),
    readCount: integer('read_count').notNull().default(0),
    storedCount: integer('stored_count').notNull().default(0),
    updatedCount: integer('updated_count').notNull().default(0),
    skippedCount: integer('skipped_count').notNull().default(0),
    failedCount: integer('failed_count').notNull().default(0),
    matchedCount: integer('matched_count').notNull().default(0),
    /** The first failures `[{ file, error }]` (capped). */
    failures: jsonb('failures').notNull().default(sql`'[]'::jsonb`),
  },
  (t) => [
    index('notice_imports_org_idx').on(t.organisationId, t.startedAt),
    index('notice_imports_running_idx').on(t.organisationId).where(sql`${t.status} = 'running'`),
    check('notice_imports_status_check', sql`${t.status} in ('running', 'finished', 'failed')`),
  ],
);

export type NoticeImportStatus = 'running' | 'finished' | 'failed';

/**
 * Tenant-owned: a notice matched to a procurement of an organisation (by BT-501 against the
 * organisation's or a unit's organisation number). Several notices (contract notice, award
 * notice) may link to one procurement.
 */
export const noticeProcurementLinks = pgTable(
  'notice_procurement_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    procurementId: uuid('procurement_id').notNull().references(() => procurements.id, { onDelete: 'cascade' }),
    noticeId: text('notice_id').notNull().references(() => notices.noticeId, { onDelete: 'cascade' }),
    /** The notice version last applied to the procurement. */
    noticeVersion: text('notice_version'),
    /** What the import could not carry over (unknown CPV codes, foreign currency …). */
    notes: text('notes').array().notNull().default(sql`'{}'::text[]`),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('notice_links_org_notice_key').on(t.organisationId, t.noticeId),
    index('notice_links_procurement_idx').on(t.organisationId, t.procurementId),
  ],
);
