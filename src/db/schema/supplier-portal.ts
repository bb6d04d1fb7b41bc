import { sql } from 'drizzle-orm';
import { bigserial, boolean, customType, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { contracts, suppliers } from './contracts.js';
import { organisations, users } from './identity.js';

/*
 * The supplier portal (docs/supplier-portal.md). A supplier company's organisation is linked to
 * its one platform-wide `suppliers` row; its reports, their comments and evidence belong to the
 * buyer's organisation (`organisation_id`, the tenant that follows the contract up) and name the
 * supplier organisation that wrote them.
 */

/** Bytes kept in the database (decision 0603): PGlite hands back a Uint8Array, node-postgres a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** A supplier organisation (organisations.kind = 'supplier') and the supplier record it speaks for. */
export const supplierOrganisations = pgTable('supplier_organisations', {
  organisationId: uuid('organisation_id')
    .primaryKey()
    .references(() => organisations.id, { onDelete: 'cascade' }),
  supplierId: uuid('supplier_id')
    .notNull()
    .unique()
    .references(() => suppliers.id, { onDelete: 'restrict' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A hire the supplier reports: what the coordinator needs to record the placement once approved. */
export interface SupplierReportHire {
  commitmentId: string;
  participantRef: string;
  startedOn: string;
  extentPercent: number;
  employmentForm: string;
  ssykCode: string | null;
}

/** An ended placement the supplier reports. */
export interface SupplierReportEnding {
  placementId: string;
  endedOn: string;
  endReason: 'completed' | 'resigned' | 'dismissed_with_cause' | 'ended_by_supplier' | 'other';
}

/**
 * A period's report as the supplier submitted it: pending until the buyer's coordinator approves
 * it (then the placements and the period's report are recorded) or asks a question.
 */
export const supplierReports = pgTable(
  'supplier_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The buyer: the tenant that owns the contract. */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
    supplierOrganisationId: uuid('supplier_organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    periodSequence: integer('period_sequence').notNull(),
    status: text('status', { enum: ['pending', 'question', 'approved'] }).notNull().default('pending'),
    noChange: boolean('no_change').notNull(),
    hires: jsonb('hires').$type<SupplierReportHire[]>().notNull().default(sql`'[]'::jsonb`),
    endings: jsonb('endings').$type<SupplierReportEnding[]>().notNull().default(sql`'[]'::jsonb`),
    note: text('note').notNull().default(''),
    /** The name the person typed when attesting that the report is correct. */
    attestedBy: text('attested_by').notNull(),
    submittedBy: uuid('submitted_by').references(() => users.id, { onDelete: 'set null' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('supplier_reports_period_key').on(t.contractId, t.periodSequence),
    index('supplier_reports_org_status_idx').on(t.organisationId, t.status),
    index('supplier_reports_supplier_org_idx').on(t.supplierOrganisationId),
  ],
);

/** The comment thread of a report: the coordinator's questions and the supplier's answers. */
export const supplierReportComments = pgTable(
  'supplier_report_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    reportId: uuid('report_id')
      .notNull()
      .references(() => supplierReports.id, { onDelete: 'cascade' }),
    side: text('side', { enum: ['buyer', 'supplier'] }).notNull(),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Insertion order: the thread reads in the order it was written, even within one instant. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
  },
  (t) => [index('supplier_report_comments_report_idx').on(t.reportId, t.seq)],
);

/**
 * Evidence for a report (an employment contract as PDF, JPEG or PNG), kept in the database: outside
 * the web root, shared by every server process, removed with its report. Served only as an
 * attachment to the buyer's coordinators and the uploading supplier; each view is audited.
 */
export const supplierEvidence = pgTable(
  'supplier_evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    reportId: uuid('report_id')
      .notNull()
      .references(() => supplierReports.id, { onDelete: 'cascade' }),
    supplierOrganisationId: uuid('supplier_organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    /** Decided from the content's magic bytes, never from the name or the browser's claim. */
    contentType: text('content_type', { enum: ['application/pdf', 'image/jpeg', 'image/png'] }).notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('supplier_evidence_report_idx').on(t.reportId)],
);
