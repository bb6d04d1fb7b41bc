import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import {
  appliedRequirements,
  auditEvents,
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
import { listTargetGroups } from '../requirements/requirement-repository.js';
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
