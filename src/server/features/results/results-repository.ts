import { and, asc, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { queryRows } from '../../../db/raw-sql.js';
import { commitments, contracts, deviations, organisationGoals, organisations, placementOutcomes, placements, procurements, resultsSettings, suppliers, targetGroups, units } from '../../../db/schema/index.js';
import type { EndedPlacement } from '../../../domain/results/still-employed.js';

export interface ResultsOrganisation {
  id: string;
  slug: string;
  name: string;
  organisationNumber: string;
  kind: 'municipality' | 'region' | 'company_group';
  municipalityCode: string | null;
  openDataPublished: boolean;
  socialGoalPercent: number;
}

/** Results belong to buyers: a supplier organisation (supplier portal) has none, and no public page. */
const orgColumns = {
  id: organisations.id,
  slug: organisations.slug,
  name: organisations.name,
  organisationNumber: organisations.organisationNumber,
  kind: organisations.kind,
  municipalityCode: organisations.municipalityCode,
  openDataPublished: organisations.openDataPublished,
  socialGoalPercent: organisations.socialGoalPercent,
};

export async function findResultsOrganisationBySlug(db: Database, slug: string): Promise<ResultsOrganisation | undefined> {
  const [row] = await db.select(orgColumns).from(organisations).where(and(eq(organisations.slug, slug), ne(organisations.kind, 'supplier')));
  return row as ResultsOrganisation | undefined;
}

export async function findResultsOrganisation(db: Database, id: string): Promise<ResultsOrganisation | undefined> {
  const [row] = await db.select(orgColumns).from(organisations).where(and(eq(organisations.id, id), ne(organisations.kind, 'supplier')));
  return row as ResultsOrganisation | undefined;
}

/** One placement as the results need it: no participant reference leaves this module but as a key. */
export interface PlacementFact {
  id: string;
  personKey: string;
  targetGroup: string;
  startedOn: string;
  endedOn: string | null;
  endReason: string | null;
  extentPercent: number;
  employmentForm: string;
  wageSubsidy: 'nystartsjobb' | 'lonebidrag' | 'introduktionsjobb' | 'none';
  unitId: string;
  supplierId: string;
  cpvDivision: string;
}

/** Placements of the organisation that overlap the year (started by its end, not ended before its start). */
export async function listPlacementFacts(db: Database, organisationId: string, year: number): Promise<PlacementFact[]> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const rows = await queryRows<{
    id: string;
    person_key: string;
    target_group: string;
    started_on: string;
    ended_on: string | null;
    end_reason: string | null;
    extent_percent: number;
    employment_form: string;
    wage_subsidy: PlacementFact['wageSubsidy'];
    unit_id: string;
    supplier_id: string;
    cpv_division: string;
  }>(
    db,
    sql`select ${placements.id} as id, ${placements.participantRef} as person_key, ${placements.targetGroup} as target_group,
          ${placements.startedOn}::text as started_on, ${placements.endedOn}::text as ended_on, ${placements.endReason} as end_reason,
          ${placements.extentPercent} as extent_percent, ${placements.employmentForm} as employment_form, ${placements.wageSubsidy} as wage_subsidy,
          ${contracts.unitId} as unit_id, ${contracts.supplierId} as supplier_id, substr(${procurements.mainCpv}, 1, 2) as cpv_division
        from ${placements}
        join ${contracts} on ${contracts.id} = ${placements.contractId}
        join ${procurements} on ${procurements.id} = ${contracts.procurementId}
        where ${placements.organisationId} = ${organisationId}
          and not ${placements.targetGroupPending}
          and ${placements.startedOn} <= ${to}::date
          and (${placements.endedOn} is null or ${placements.endedOn} >= ${from}::date)
        order by ${placements.startedOn}, ${placements.id}`,
  );
  return rows.map((r) => ({
    id: r.id,
    personKey: r.person_key,
    targetGroup: r.target_group,
    startedOn: r.started_on,
    endedOn: r.ended_on,
    endReason: r.end_reason,
    extentPercent: Number(r.extent_percent),
    employmentForm: r.employment_form,
    wageSubsidy: r.wage_subsidy,
    unitId: r.unit_id,
    supplierId: r.supplier_id,
    cpvDivision: r.cpv_division,
  }));
}

/** Placements of the organisation that ended in the year, with the answers on what became of the person afterwards. */
export async function listEndedPlacements(db: Database, organisationId: string, year: number): Promise<EndedPlacement[]> {
  const rows = await queryRows<{ person_key: string; ended_on: string; answers: EndedPlacement['answers'] | string }>(
    db,
    sql`select ${placements.participantRef} as person_key, ${placements.endedOn}::text as ended_on,
          coalesce((select json_agg(json_build_object('monthsAfterEnd', ${placementOutcomes.monthsAfterEnd}, 'status', ${placementOutcomes.status}))
                    from ${placementOutcomes} where ${placementOutcomes.placementId} = ${placements.id}), '[]'::json) as answers
        from ${placements}
        where ${placements.organisationId} = ${organisationId}
          and not ${placements.targetGroupPending}
          and ${placements.endedOn} between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date`,
  );
  return rows.map((r) => ({ personKey: r.person_key, endedOn: r.ended_on, answers: typeof r.answers === 'string' ? (JSON.parse(r.answers) as EndedPlacement['answers']) : r.answers }));
}

export async function listUnitNames(db: Database, organisationId: string): Promise<Map<string, string>> {
  const rows = await db.select({ id: units.id, name: units.name }).from(units).where(eq(units.organisationId, organisationId));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function listTargetGroupLabels(db: Database, organisationId: string): Promise<Map<string, { sv: string; en: string }>> {
  const rows = await db.select({ code: targetGroups.code, sv: targetGroups.labelSv, en: targetGroups.labelEn }).from(targetGroups).where(eq(targetGroups.organisationId, organisationId));
  return new Map(rows.map((r) => [r.code, { sv: r.sv, en: r.en }]));
}

export async function listSupplierNames(db: Database, organisationId: string): Promise<Map<string, { name: string; nationalId: string; country: string }>> {
  const rows = await queryRows<{ id: string; name: string; national_id: string; country: string }>(
    db,
    sql`select distinct ${suppliers.id} as id, ${suppliers.name} as name, ${suppliers.nationalId} as national_id, ${suppliers.country} as country
        from ${suppliers} join ${contracts} on ${contracts.supplierId} = ${suppliers.id}
        where ${contracts.organisationId} = ${organisationId}`,
  );
  return new Map(rows.map((r) => [r.id, { name: r.name, nationalId: r.national_id, country: r.country }]));
}

export interface EmploymentContractRow {
  id: string;
  referenceNumber: string;
  procurementTitle: string;
  procurementReference: string;
  unitId: string;
  unitName: string;
  supplierName: string;
  supplierNationalId: string;
  supplierCountry: string;
  startsOn: string;
  endsOn: string;
  openDeviationKinds: string[];
}

/**
 * Contracts with an employment requirement (an employment condition or apprenticeships) running
 * some time in the year, with the kinds of their open deviations from the daily check: the
 * follow-up's own word on whether a contract is at risk. Public procurement facts only.
 */
export async function listEmploymentContracts(db: Database, organisationId: string, year: number): Promise<EmploymentContractRow[]> {
  const rows = await queryRows<{
    id: string;
    reference_number: string;
    procurement_title: string;
    procurement_reference: string;
    unit_id: string;
    unit_name: string;
    supplier_name: string;
    supplier_national_id: string;
    supplier_country: string;
    starts_on: string;
    ends_on: string;
    open_kinds: string[] | string | null;
  }>(
    db,
    sql`select ${contracts.id} as id, ${contracts.referenceNumber} as reference_number, ${procurements.title} as procurement_title,
          ${procurements.referenceNumber} as procurement_reference, ${contracts.unitId} as unit_id, ${units.name} as unit_name,
          ${suppliers.name} as supplier_name, ${suppliers.nationalId} as supplier_national_id, ${suppliers.country} as supplier_country,
          ${contracts.startsOn}::text as starts_on, ${contracts.endsOn}::text as ends_on,
          coalesce((select array_agg(distinct ${deviations.kind} order by ${deviations.kind}) from ${deviations}
                    where ${deviations.contractId} = ${contracts.id} and ${deviations.status} = 'open'), '{}') as open_kinds
        from ${contracts}
        join ${procurements} on ${procurements.id} = ${contracts.procurementId}
        join ${units} on ${units.id} = ${contracts.unitId}
        join ${suppliers} on ${suppliers.id} = ${contracts.supplierId}
        where ${contracts.organisationId} = ${organisationId}
          and ${contracts.startsOn} <= ${`${year}-12-31`}::date and ${contracts.endsOn} >= ${`${year}-01-01`}::date
          and exists (select 1 from ${commitments} where ${commitments.contractId} = ${contracts.id} and ${commitments.kind} in ('employment_condition', 'apprenticeship'))
        order by ${contracts.startsOn}, ${contracts.referenceNumber}`,
  );
  return rows.map((r) => ({
    id: r.id,
    referenceNumber: r.reference_number,
    procurementTitle: r.procurement_title,
    procurementReference: r.procurement_reference,
    unitId: r.unit_id,
    unitName: r.unit_name,
    supplierName: r.supplier_name,
    supplierNationalId: r.supplier_national_id,
    supplierCountry: r.supplier_country,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    openDeviationKinds: Array.isArray(r.open_kinds) ? r.open_kinds : parsePgArray(r.open_kinds),
  }));
}

function parsePgArray(text: string | null): string[] {
  if (!text || text === '{}') return [];
  return text.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
}

export type GoalMetric = (typeof organisationGoals.metric.enumValues)[number];

export interface GoalRecord {
  id: string;
  unitId: string | null;
  year: number;
  metric: GoalMetric;
  target: number;
  createdAt: Date;
  supersededAt: Date | null;
}

const goalColumns = {
  id: organisationGoals.id,
  unitId: organisationGoals.unitId,
  year: organisationGoals.year,
  metric: organisationGoals.metric,
  target: organisationGoals.target,
  createdAt: organisationGoals.createdAt,
  supersededAt: organisationGoals.supersededAt,
};

/** Every goal row of the organisation (current and superseded), newest first within a year. */
export function listGoals(db: Database, organisationId: string, years?: { from: number; to: number }): Promise<GoalRecord[]> {
  return db
    .select(goalColumns)
    .from(organisationGoals)
    .where(
      and(
        eq(organisationGoals.organisationId, organisationId),
        years ? sql`${organisationGoals.year} between ${years.from} and ${years.to}` : undefined,
      ),
    )
    .orderBy(asc(organisationGoals.year), asc(organisationGoals.metric), desc(organisationGoals.createdAt));
}

/** Supersedes the current goal of the same year, metric and unit, and inserts the new one. */
export async function replaceGoal(db: Database, organisationId: string, userId: string | null, goal: { year: number; metric: GoalMetric; unitId: string | null; target: number }, now: Date): Promise<{ previous: GoalRecord | undefined; current: GoalRecord }> {
  // Serialise goal changes of one organisation (several server processes may share the database).
  await db.execute(sql`select ${organisations.id} from ${organisations} where ${organisations.id} = ${organisationId} for update`);
  const sameSlot = and(
    eq(organisationGoals.organisationId, organisationId),
    eq(organisationGoals.year, goal.year),
    eq(organisationGoals.metric, goal.metric),
    goal.unitId === null ? isNull(organisationGoals.unitId) : eq(organisationGoals.unitId, goal.unitId),
    isNull(organisationGoals.supersededAt),
  );
  const [previous] = await db.update(organisationGoals).set({ supersededAt: now }).where(sameSlot).returning(goalColumns);
  const [current] = await db
    .insert(organisationGoals)
    .values({ organisationId, unitId: goal.unitId, year: goal.year, metric: goal.metric, target: goal.target, createdBy: userId, createdAt: now })
    .returning(goalColumns);
  return { previous, current: current! };
}

export async function unitBelongsTo(db: Database, organisationId: string, unitId: string): Promise<boolean> {
  const [row] = await db.select({ id: units.id }).from(units).where(and(eq(units.id, unitId), eq(units.organisationId, organisationId)));
  return row !== undefined;
}

export async function findLicence(db: Database, organisationId: string): Promise<'cc-by-4.0' | 'cc0'> {
  const [row] = await db.select({ licence: resultsSettings.licence }).from(resultsSettings).where(eq(resultsSettings.organisationId, organisationId));
  return row?.licence ?? 'cc-by-4.0';
}

export async function saveLicence(db: Database, organisationId: string, userId: string | null, licence: 'cc-by-4.0' | 'cc0', now: Date): Promise<void> {
  await db
    .insert(resultsSettings)
    .values({ organisationId, licence, updatedAt: now, updatedBy: userId })
    .onConflictDoUpdate({ target: resultsSettings.organisationId, set: { licence, updatedAt: now, updatedBy: userId } });
}
