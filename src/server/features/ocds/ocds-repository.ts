import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import {
  appliedRequirements,
  auditEvents,
  noticeDocuments,
  noticeProcurementLinks,
  notices,
  organisations,
  procurementDecisions,
  procurementLots,
  procurements,
  requirementTemplateVersions,
  units,
} from '../../../db/schema/index.js';
import { deriveEformsFields } from '../../../domain/requirements/derive-eforms-fields.js';
import type { ParameterValues, RequirementTemplate } from '../../../domain/requirements/requirement-template.js';
import { targetGroupLabels } from '../../../domain/requirements/target-groups.js';
// The same organisation numbers the market view counts as "own" notices (matching as the import does).
import { ownOrganisationNumbers } from '../market/market-service.js';
import { listTargetGroups } from '../requirements/requirement-service.js';
import type { LotSocialFields, ProcurementForRelease } from '../../../domain/ocds/procurement-to-release.js';
import type { ProcedureType } from '../../../domain/procurement/procurement.js';
import type { Notice } from '../../../interop/eforms/notice-schema.js';

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
 * The eForms social fields of each procurement whose comply-or-explain decision applies
 * requirements: the applied template versions and their parameters, derived per lot with
 * `deriveEformsFields` exactly as the procurement's own eForms-fields endpoint does.
 */
export async function loadSocialFields(db: Database, organisationId: string, procurementIds: readonly string[]): Promise<Map<string, StoredSocialFields>> {
  const result = new Map<string, StoredSocialFields>();
  if (procurementIds.length === 0) return result;
  const ids = [...procurementIds];
  const applied = await db
    .select({
      procurementId: procurementDecisions.procurementId,
      decidedAt: procurementDecisions.decidedAt,
      lotNumbers: appliedRequirements.lotNumbers,
      parameters: appliedRequirements.parameters,
      content: requirementTemplateVersions.content,
    })
    .from(procurementDecisions)
    .innerJoin(appliedRequirements, eq(appliedRequirements.decisionId, procurementDecisions.id))
    .innerJoin(requirementTemplateVersions, eq(requirementTemplateVersions.id, appliedRequirements.templateVersionId))
    .where(and(eq(procurementDecisions.organisationId, organisationId), eq(procurementDecisions.kind, 'apply'), inArray(procurementDecisions.procurementId, ids)))
    .orderBy(asc(procurementDecisions.procurementId), asc(appliedRequirements.position));
  if (applied.length === 0) return result;
  const decided = [...new Set(applied.map((a) => a.procurementId))];
  const lots = await db
    .select({ procurementId: procurementLots.procurementId, lotNumber: procurementLots.lotNumber })
    .from(procurementLots)
    .where(and(eq(procurementLots.organisationId, organisationId), inArray(procurementLots.procurementId, decided)))
    .orderBy(asc(procurementLots.lotNumber));
  const labels = targetGroupLabels(await listTargetGroups(db, organisationId));
  for (const procurementId of decided) {
    const mine = applied.filter((a) => a.procurementId === procurementId);
    const fields = deriveEformsFields({
      lotNumbers: lots.filter((l) => l.procurementId === procurementId).map((l) => l.lotNumber),
      requirements: mine.map((a) => ({ template: a.content as RequirementTemplate, values: a.parameters as ParameterValues, lotNumbers: a.lotNumbers })),
      targetGroupLabels: labels,
    });
    result.set(procurementId, {
      fields: fields.map((f) => ({
        lotNumber: f.lotNumber,
        strategicProcurement: f.strategicProcurement,
        socialObjectives: f.socialObjectives,
        reservedParticipation: f.reservedParticipation,
        reservedExecution: f.reservedExecution,
        performanceTerms: f.performanceTerms,
      })),
      updatedAt: mine[0]!.decidedAt,
    });
  }
  return result;
}

/** A stored eForms notice of the organisation, and the procurement of its register it is linked to. */
export interface StoredNotice {
  notice: Notice;
  procurementId: string | null;
  /** When the stored version was imported: the release date of a notice without BT-05. */
  importedAt: Date;
}

/**
 * The stored eForms notices that are the organisation's: those the import linked to one of its
 * procurements, and those whose buyer (any BT-501) is the organisation's or one of its units'
 * organisation number, the rule the import matches by. Notices are public data; the links are the
 * tenant-owned part and only this organisation's are read. Oldest first (BT-05, then BT-701).
 */
export async function listOrganisationNotices(db: Database, organisationId: string): Promise<StoredNotice[]> {
  const numbers = await ownOrganisationNumbers(db, organisationId);
  const linked = db.select({ noticeId: noticeProcurementLinks.noticeId }).from(noticeProcurementLinks).where(eq(noticeProcurementLinks.organisationId, organisationId));
  const ours =
    numbers.length === 0
      ? linked
      : linked.union(db.select({ noticeId: notices.noticeId }).from(notices).where(sql`${notices.buyerOrgIds} && array[${sql.join(numbers.map((n) => sql`${n}`), sql`, `)}]::text[]`));
  const rows = await db
    .select({ notice: noticeDocuments.notice, importedAt: notices.importedAt, procurementId: procurements.id })
    .from(notices)
    .innerJoin(noticeDocuments, eq(noticeDocuments.noticeId, notices.noticeId))
    .leftJoin(noticeProcurementLinks, and(eq(noticeProcurementLinks.noticeId, notices.noticeId), eq(noticeProcurementLinks.organisationId, organisationId)))
    .leftJoin(procurements, and(eq(procurements.id, noticeProcurementLinks.procurementId), eq(procurements.organisationId, organisationId)))
    // Only notices from TED: an organisation's unverified upload is never published (decision 0311).
    .where(and(inArray(notices.noticeId, ours), eq(notices.provenance, 'ted')))
    .orderBy(sql`${notices.issueDate} asc nulls last`, asc(notices.noticeId));
  // The document is the parsed notice as validated by the import (`NoticeSchema`).
  return rows.map((row) => ({ notice: row.notice as Notice, procurementId: row.procurementId, importedAt: row.importedAt }));
}
