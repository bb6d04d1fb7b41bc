import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { auditEvents, organisations, procurementLots, procurements, units } from '../../../db/schema/index.js';
import type { NoticeFacts } from '../../../domain/ocds/notice-to-release.js';
import type { LotSocialFields, ProcurementForRelease } from '../../../domain/ocds/procurement-to-release.js';
import type { ProcedureType } from '../../../domain/procurement/procurement.js';

export interface PublishingOrganisation {
  id: string;
  slug: string;
  name: string;
  organisationNumber: string;
  openDataPublished: boolean;
}

const organisationColumns = {
  id: organisations.id,
  slug: organisations.slug,
  name: organisations.name,
  organisationNumber: organisations.organisationNumber,
  openDataPublished: organisations.openDataPublished,
};

export async function findOrganisationBySlug(db: Database, slug: string): Promise<PublishingOrganisation | null> {
  const [row] = await db.select(organisationColumns).from(organisations).where(eq(organisations.slug, slug));
  return row ?? null;
}

export async function findOrganisationById(db: Database, id: string): Promise<PublishingOrganisation | null> {
  const [row] = await db.select(organisationColumns).from(organisations).where(eq(organisations.id, id));
  return row ?? null;
}

export interface ExportedProcurement extends ProcurementForRelease {
  updatedAt: Date;
  /** The owning unit; a unit with its own organisation number (a bolag) is the buyer itself. */
  unit: { name: string; organisationNumber: string | null };
}

/**
 * Whether a cancelled procurement was public first: the audit trail shows it became published.
 * A procurement cancelled while still a plan was never public and stays internal.
 */
const wasPublished = (): SQL =>
  sql`exists (select 1 from ${auditEvents} where ${auditEvents.organisationId} = ${procurements.organisationId}
    and ${auditEvents.entityType} = 'procurement' and ${auditEvents.entityId} = ${procurements.id}::text
    and ${auditEvents.action} = 'procurement.status_changed' and ${auditEvents.after}->>'status' = 'published')`;

/**
 * The procurements of one organisation to export, with their lots. `publicOnly` keeps those that
 * have been made public: published, in evaluation, awarded, or cancelled after publication.
 * Planned and in-preparation procurements are internal.
 */
export async function listProcurementsForExport(db: Database, organisationId: string, options: { publicOnly: boolean }): Promise<ExportedProcurement[]> {
  const conditions = [eq(procurements.organisationId, organisationId)];
  if (options.publicOnly) {
    conditions.push(or(inArray(procurements.status, ['published', 'evaluation', 'awarded']), and(eq(procurements.status, 'cancelled'), wasPublished()))!);
  }
  const rows = await db
    .select({ p: procurements, unitName: units.name, unitOrganisationNumber: units.organisationNumber })
    .from(procurements)
    .innerJoin(units, eq(units.id, procurements.unitId))
    .where(and(...conditions))
    .orderBy(asc(procurements.createdAt), asc(procurements.id));
  if (rows.length === 0) return [];
  const lots = await db
    .select()
    .from(procurementLots)
    .where(and(eq(procurementLots.organisationId, organisationId), inArray(procurementLots.procurementId, rows.map((r) => r.p.id))))
    .orderBy(asc(procurementLots.lotNumber));
  return rows.map(({ p, unitName, unitOrganisationNumber }) => ({
    id: p.id,
    referenceNumber: p.referenceNumber,
    title: p.title,
    description: p.description,
    status: p.status,
    contractNature: p.contractNature,
    mainCpv: p.mainCpv,
    additionalCpv: p.additionalCpv,
    estimatedValueOre: p.estimatedValueOre,
    contractStart: p.contractStart,
    durationMonths: p.durationMonths,
    extensionMonths: p.extensionMonths,
    procedureType: p.procedureType as ProcedureType | null,
    lots: lots
      .filter((l) => l.procurementId === p.id)
      .map((l) => ({ lotNumber: l.lotNumber, title: l.title, mainCpv: l.mainCpv, estimatedValueOre: l.estimatedValueOre, durationMonths: l.durationMonths })),
    updatedAt: p.updatedAt,
    unit: { name: unitName, organisationNumber: unitOrganisationNumber },
  }));
}

/** The eForms social fields of a procurement's lots and when they last changed. */
export interface StoredSocialFields {
  fields: LotSocialFields[];
  updatedAt: Date;
}

/**
 * SEAM (social fields): screening and comply-or-explain decisions with their applied requirement
 * templates are not stored in this version. When they are, load the applied requirements of these
 * procurements here and derive each one's per-lot fields with `deriveEformsFields`
 * (src/domain/requirements/derive-eforms-fields.ts); the export puts them in the releases as is.
 * Until then every procurement is exported without social fields.
 */
export async function loadSocialFieldsSeam(_db: Database, _organisationId: string, _procurementIds: readonly string[]): Promise<Map<string, StoredSocialFields>> {
  return new Map();
}

/**
 * SEAM (stored notices): eForms notices are not stored in this version. When they are, return the
 * organisation's parsed notices (with the procurement each belongs to, when linked) here.
 * `available` tells the caller whether there is a notice store at all.
 */
export async function loadStoredNoticesSeam(
  _db: Database,
  _organisationId: string,
): Promise<{ available: boolean; notices: Array<{ notice: NoticeFacts; procurementId: string | null; receivedAt: Date }> }> {
  return { available: false, notices: [] };
}
