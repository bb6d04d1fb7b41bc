import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import {
  memberships,
  organisations,
  supplierEvidence,
  supplierOrganisations,
  supplierReportComments,
  supplierReports,
  suppliers,
  users,
  type SupplierReportEnding,
  type SupplierReportHire,
} from '../../../db/schema/index.js';

/* ---------------- supplier organisations ---------------- */

/** The supplier record a supplier organisation speaks for; null for any other organisation. */
export async function supplierIdOfOrganisation(db: Database, organisationId: string): Promise<string | null> {
  const [row] = await db.select({ supplierId: supplierOrganisations.supplierId }).from(supplierOrganisations).where(eq(supplierOrganisations.organisationId, organisationId));
  return row?.supplierId ?? null;
}

export async function findSupplierOrganisation(db: Database, supplierId: string): Promise<{ id: string; slug: string; name: string } | null> {
  const [row] = await db
    .select({ id: organisations.id, slug: organisations.slug, name: organisations.name })
    .from(supplierOrganisations)
    .innerJoin(organisations, eq(organisations.id, supplierOrganisations.organisationId))
    .where(eq(supplierOrganisations.supplierId, supplierId));
  return row ?? null;
}

/**
 * The supplier's organisation, created on first need (the first invitation of its contact). Safe
 * when two buyers invite at once: the loser of the race reads the winner's row.
 */
export async function ensureSupplierOrganisation(
  db: Database,
  supplier: { id: string; country: string; nationalId: string; name: string },
  isDemo: boolean,
): Promise<{ id: string; slug: string; name: string; created: boolean }> {
  const existing = await findSupplierOrganisation(db, supplier.id);
  if (existing) return { ...existing, created: false };
  const slug = `leverantor-${supplier.country === 'SE' ? '' : `${supplier.country.toLowerCase()}-`}${supplier.nationalId.toLowerCase().replace(/[^a-z0-9]/g, '')}`.slice(0, 100);
  const [org] = await db
    .insert(organisations)
    .values({ slug, name: supplier.name, organisationNumber: supplier.nationalId, kind: 'supplier', isDemo })
    .onConflictDoNothing()
    .returning({ id: organisations.id, slug: organisations.slug, name: organisations.name });
  if (!org) {
    const again = await findSupplierOrganisation(db, supplier.id);
    if (again) return { ...again, created: false };
    throw new Error(`The slug ${slug} is taken by an organisation that is not this supplier's.`);
  }
  const [link] = await db.insert(supplierOrganisations).values({ organisationId: org.id, supplierId: supplier.id }).onConflictDoNothing().returning({ id: supplierOrganisations.organisationId });
  if (!link) throw new Error('The supplier got an organisation concurrently.');
  return { ...org, created: true };
}

export async function countMembers(db: Database, organisationId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(distinct ${memberships.userId})::int` }).from(memberships).where(eq(memberships.organisationId, organisationId));
  return row?.n ?? 0;
}

/** Active members of an organisation (their e-mail), for reminders. */
export async function activeMemberIds(db: Database, organisationId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), isNull(memberships.suspendedAt), isNull(users.disabledAt)));
  return rows.map((r) => r.id);
}

/* ---------------- reports ---------------- */

export type SupplierReportRecord = typeof supplierReports.$inferSelect;

export async function listReportsOfContract(db: Database, contractId: string, filter: { organisationId?: string; supplierOrganisationId?: string }): Promise<SupplierReportRecord[]> {
  return db
    .select()
    .from(supplierReports)
    .where(
      and(
        eq(supplierReports.contractId, contractId),
        filter.organisationId ? eq(supplierReports.organisationId, filter.organisationId) : undefined,
        filter.supplierOrganisationId ? eq(supplierReports.supplierOrganisationId, filter.supplierOrganisationId) : undefined,
      ),
    )
    .orderBy(asc(supplierReports.periodSequence));
}

export async function findReport(db: Database, contractId: string, id: string, filter: { organisationId?: string; supplierOrganisationId?: string }): Promise<SupplierReportRecord | null> {
  const rows = await listReportsOfContract(db, contractId, filter);
  return rows.find((r) => r.id === id) ?? null;
}

export async function insertReport(
  db: Database,
  r: {
    organisationId: string;
    contractId: string;
    supplierOrganisationId: string;
    periodSequence: number;
    noChange: boolean;
    hires: SupplierReportHire[];
    endings: SupplierReportEnding[];
    note: string;
    attestedBy: string;
    submittedBy: string;
    submittedAt: Date;
  },
): Promise<string | null> {
  const [row] = await db.insert(supplierReports).values(r).onConflictDoNothing().returning({ id: supplierReports.id });
  return row?.id ?? null;
}

/** Replaces the content of a report the buyer asked a question about; it is pending again. */
export async function resubmitReport(
  db: Database,
  id: string,
  expectedVersion: number,
  r: { noChange: boolean; hires: SupplierReportHire[]; endings: SupplierReportEnding[]; note: string; attestedBy: string; submittedBy: string; submittedAt: Date },
): Promise<boolean> {
  const rows = await db
    .update(supplierReports)
    .set({ ...r, status: 'pending', version: expectedVersion + 1 })
    .where(and(eq(supplierReports.id, id), eq(supplierReports.version, expectedVersion), eq(supplierReports.status, 'question')))
    .returning({ id: supplierReports.id });
  return rows.length === 1;
}

export async function setReportStatus(db: Database, id: string, expectedVersion: number, status: 'pending' | 'question' | 'approved', review: { by: string; at: Date } | null): Promise<boolean> {
  const rows = await db
    .update(supplierReports)
    .set({ status, version: expectedVersion + 1, ...(review ? { reviewedBy: review.by, reviewedAt: review.at } : {}) })
    .where(and(eq(supplierReports.id, id), eq(supplierReports.version, expectedVersion)))
    .returning({ id: supplierReports.id });
  return rows.length === 1;
}

/* ---------------- comments ---------------- */

export async function listComments(db: Database, reportIds: readonly string[]) {
  if (reportIds.length === 0) return [];
  return db
    .select({ id: supplierReportComments.id, reportId: supplierReportComments.reportId, side: supplierReportComments.side, authorName: supplierReportComments.authorName, body: supplierReportComments.body, createdAt: supplierReportComments.createdAt })
    .from(supplierReportComments)
    .where(inArray(supplierReportComments.reportId, [...reportIds]))
    .orderBy(asc(supplierReportComments.seq));
}

export async function insertComment(db: Database, c: { organisationId: string; reportId: string; side: 'buyer' | 'supplier'; authorUserId: string; authorName: string; body: string; createdAt: Date }): Promise<string> {
  const [row] = await db.insert(supplierReportComments).values(c).returning({ id: supplierReportComments.id });
  return row!.id;
}

/* ---------------- evidence ---------------- */

const evidenceMeta = {
  id: supplierEvidence.id,
  reportId: supplierEvidence.reportId,
  fileName: supplierEvidence.fileName,
  contentType: supplierEvidence.contentType,
  sizeBytes: supplierEvidence.sizeBytes,
  sha256: supplierEvidence.sha256,
  createdAt: supplierEvidence.createdAt,
};

export async function listEvidence(db: Database, reportIds: readonly string[]) {
  if (reportIds.length === 0) return [];
  return db.select(evidenceMeta).from(supplierEvidence).where(inArray(supplierEvidence.reportId, [...reportIds])).orderBy(asc(supplierEvidence.createdAt));
}

export async function insertEvidence(
  db: Database,
  e: { organisationId: string; reportId: string; supplierOrganisationId: string; fileName: string; contentType: 'application/pdf' | 'image/jpeg' | 'image/png'; sizeBytes: number; sha256: string; content: Buffer; uploadedBy: string; createdAt: Date },
): Promise<string> {
  const [row] = await db.insert(supplierEvidence).values(e).returning({ id: supplierEvidence.id });
  return row!.id;
}

/** One evidence file with its bytes, only through its report. */
export async function findEvidence(db: Database, reportId: string, id: string) {
  const [row] = await db
    .select({ ...evidenceMeta, content: supplierEvidence.content })
    .from(supplierEvidence)
    .where(and(eq(supplierEvidence.reportId, reportId), eq(supplierEvidence.id, id)));
  return row ?? null;
}

export async function listReportsOfSupplierOrganisation(db: Database, supplierOrganisationId: string): Promise<SupplierReportRecord[]> {
  return db.select().from(supplierReports).where(eq(supplierReports.supplierOrganisationId, supplierOrganisationId)).orderBy(asc(supplierReports.periodSequence));
}

export async function supplierRecord(db: Database, supplierId: string): Promise<Array<{ name: string; nationalId: string }>> {
  return db.select({ name: suppliers.name, nationalId: suppliers.nationalId }).from(suppliers).where(eq(suppliers.id, supplierId));
}
