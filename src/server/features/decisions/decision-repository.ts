import { and, asc, eq, gte, lt, ne, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { appliedRequirements, organisations, procurementDecisions, procurements, units, users } from '../../../db/schema/index.js';
import type { ContractNature } from '../../../domain/procurement/procurement.js';
import type { ParameterValues } from '../../../domain/requirements/requirement-template.js';
import type { ScreeningRecommendation } from '../../../domain/screening/screen-procurement.js';

export interface StoredRequirement {
  templateVersionId: string;
  lotNumbers: number[] | null;
  parameters: ParameterValues;
}

export interface DecisionRecord {
  id: string;
  procurementId: string;
  kind: 'apply' | 'none';
  justification: string;
  recommendation: ScreeningRecommendation;
  screeningId: string | null;
  decidedBy: { id: string; displayName: string } | null;
  decidedAt: Date;
  revision: number;
  requirements: StoredRequirement[];
}

export async function findDecision(db: Database, organisationId: string, procurementId: string): Promise<DecisionRecord | null> {
  const [row] = await db
    .select({ d: procurementDecisions, displayName: users.displayName })
    .from(procurementDecisions)
    .leftJoin(users, eq(users.id, procurementDecisions.decidedBy))
    .where(and(eq(procurementDecisions.organisationId, organisationId), eq(procurementDecisions.procurementId, procurementId)))
    .limit(1);
  if (!row) return null;
  const requirements = await db
    .select({ templateVersionId: appliedRequirements.templateVersionId, lotNumbers: appliedRequirements.lotNumbers, parameters: appliedRequirements.parameters })
    .from(appliedRequirements)
    .where(and(eq(appliedRequirements.organisationId, organisationId), eq(appliedRequirements.decisionId, row.d.id)))
    .orderBy(asc(appliedRequirements.position));
  const d = row.d;
  return {
    id: d.id,
    procurementId: d.procurementId,
    kind: d.kind,
    justification: d.justification,
    recommendation: d.recommendation,
    screeningId: d.screeningId,
    decidedBy: d.decidedBy && row.displayName ? { id: d.decidedBy, displayName: row.displayName } : null,
    decidedAt: d.decidedAt,
    revision: d.revision,
    requirements: requirements.map((r) => ({ templateVersionId: r.templateVersionId, lotNumbers: r.lotNumbers, parameters: r.parameters as ParameterValues })),
  };
}

export interface DecisionWrite {
  kind: 'apply' | 'none';
  justification: string;
  recommendation: ScreeningRecommendation;
  screeningId: string | null;
  decidedBy: string;
  decidedAt: Date;
  requirements: StoredRequirement[];
}

/**
 * Stores a decision as revision 1, or as the next revision of the existing one when that is
 * still `expectedRevision`. Returns false when someone else revised it first.
 */
export async function saveDecision(
  db: Database,
  organisationId: string,
  procurementId: string,
  existing: { id: string; revision: number } | null,
  write: DecisionWrite,
): Promise<boolean> {
  const values = {
    kind: write.kind,
    justification: write.justification,
    recommendation: write.recommendation,
    screeningId: write.screeningId,
    decidedBy: write.decidedBy,
    decidedAt: write.decidedAt,
  };
  let decisionId: string;
  if (existing === null) {
    const [row] = await db
      .insert(procurementDecisions)
      .values({ organisationId, procurementId, ...values, revision: 1 })
      .onConflictDoNothing()
      .returning({ id: procurementDecisions.id });
    if (!row) return false;
    decisionId = row.id;
  } else {
    const rows = await db
      .update(procurementDecisions)
      .set({ ...values, revision: sql`${procurementDecisions.revision} + 1` })
      .where(
        and(
          eq(procurementDecisions.organisationId, organisationId),
          eq(procurementDecisions.id, existing.id),
          eq(procurementDecisions.revision, existing.revision),
        ),
      )
      .returning({ id: procurementDecisions.id });
    if (rows.length === 0) return false;
    decisionId = existing.id;
    await db.delete(appliedRequirements).where(and(eq(appliedRequirements.organisationId, organisationId), eq(appliedRequirements.decisionId, decisionId)));
  }
  if (write.requirements.length > 0) {
    await db.insert(appliedRequirements).values(
      write.requirements.map((r, position) => ({
        organisationId,
        decisionId,
        position,
        templateVersionId: r.templateVersionId,
        lotNumbers: r.lotNumbers,
        parameters: r.parameters,
      })),
    );
  }
  return true;
}

export async function findOrganisationName(db: Database, organisationId: string): Promise<string> {
  const [row] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, organisationId));
  return row?.name ?? '';
}

export async function findGoalPercent(db: Database, organisationId: string): Promise<number> {
  const [row] = await db.select({ goal: organisations.socialGoalPercent }).from(organisations).where(eq(organisations.id, organisationId));
  return row?.goal ?? 50;
}

export interface GoalRow {
  unitId: string;
  unitName: string;
  contractNature: ContractNature;
  hasSocialConsiderations: boolean;
}

/**
 * The procurements that count towards a year's goal: contract start in that year, not
 * cancelled; `hasSocialConsiderations` when the decision applies at least one requirement.
 */
export async function listGoalRows(db: Database, organisationId: string, year: number): Promise<GoalRow[]> {
  const rows = await db
    .select({
      unitId: units.id,
      unitName: units.name,
      contractNature: procurements.contractNature,
      hasSocial: sql<boolean>`coalesce(${procurementDecisions.kind} = 'apply' and exists (select 1 from ${appliedRequirements} where ${appliedRequirements.decisionId} = ${procurementDecisions.id}), false)`,
    })
    .from(procurements)
    .innerJoin(units, eq(units.id, procurements.unitId))
    .leftJoin(procurementDecisions, eq(procurementDecisions.procurementId, procurements.id))
    .where(
      and(
        eq(procurements.organisationId, organisationId),
        ne(procurements.status, 'cancelled'),
        gte(procurements.contractStart, `${year}-01-01`),
        lt(procurements.contractStart, `${year + 1}-01-01`),
      ),
    );
  return rows.map((r) => ({ unitId: r.unitId, unitName: r.unitName, contractNature: r.contractNature, hasSocialConsiderations: Boolean(r.hasSocial) }));
}

/**
 * The organisation's own register: procurements, those with a recorded decision on social
 * considerations, and those whose decision applies requirements (comply or explain). Read by the
 * market view's peer comparison through `countRegisterDecisions` in decision-service.
 */
export async function countDecisionsOfRegister(db: Database, organisationId: string) {
  const [row] = await db
    .select({
      procurements: sql<number>`count(*)::int`,
      decided: sql<number>`count(${procurementDecisions.id})::int`,
      applied: sql<number>`(count(*) filter (where ${procurementDecisions.kind} = 'apply'))::int`,
    })
    .from(procurements)
    .leftJoin(procurementDecisions, and(eq(procurementDecisions.procurementId, procurements.id), eq(procurementDecisions.organisationId, organisationId)))
    .where(eq(procurements.organisationId, organisationId));
  return { procurements: Number(row?.procurements ?? 0), decided: Number(row?.decided ?? 0), applied: Number(row?.applied ?? 0) };
}
