import { and, asc, desc, eq, gte, ilike, inArray, lte, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { AnyPgTable } from 'drizzle-orm/pg-core';
import { readTogether, type Database } from '../../../db/client.js';
import {
  commitmentVersions,
  commitments,
  contractAmendments,
  contracts,
  deviations,
  periodReports,
  placements,
  procurements,
  sanctionSteps,
  suppliers,
  units,
  organisations,
  users,
} from '../../../db/schema/index.js';
import type { EndReason } from '../../../domain/follow-up/evaluate-commitment.js';
import type { SanctionStepKind } from '../../../domain/follow-up/sanction-ladder.js';
import type { WageSubsidy } from '../../../domain/follow-up/validate-placement.js';
import type { RequirementType } from '../../../domain/requirements/requirement-template.js';
import type { LocalizedText } from '../../../domain/shared/localized-text.js';

export interface SupplierRecord {
  id: string;
  country: string;
  nationalId: string;
  name: string;
}

export interface ExtensionOptionRecord {
  months: number;
  exercisedOn?: string | null | undefined;
}

export interface ContractRecord {
  id: string;
  organisationId: string;
  procurement: { id: string; referenceNumber: string; title: string };
  unit: { id: string; name: string };
  supplier: SupplierRecord;
  referenceNumber: string;
  lotNumbers: number[] | null;
  signedOn: string;
  startsOn: string;
  endsOn: string;
  extensionOptions: ExtensionOptionRecord[];
  valueOre: number | null;
  calledOffValueOre: number | null;
  version: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface CommitmentRecord {
  id: string;
  contractId: string;
  position: number;
  kind: RequirementType;
  templateKey: string;
  templateVersionId: string | null;
  title: LocalizedText;
  text: LocalizedText;
  measure: 'per_position' | 'summed_months';
  parameters: Record<string, unknown>;
  version: number;
}

export interface PlacementRecord {
  id: string;
  contractId: string;
  commitmentId: string;
  participantRef: string;
  targetGroup: string;
  offeredOn: string | null;
  startedOn: string;
  plannedEndOn: string | null;
  endedOn: string | null;
  endReason: EndReason | null;
  extentPercent: number;
  employmentForm: string;
  ssykCode: string | null;
  wageSubsidy: WageSubsidy;
  /** Recorded by the supplier without a verified target group; counts toward nothing yet (decision 0604). */
  targetGroupPending: boolean;
  version: number;
}

export interface ReportRecord {
  id: string;
  contractId: string;
  periodSequence: number;
  periodStartsOn: string;
  periodEndsOn: string;
  reportedOn: string;
  meetingsHeldOn: string[];
  sharePercent: number | null;
  summary: unknown;
  note: string;
  createdAt: Date;
}

export interface DeviationRecord {
  id: string;
  contractId: string;
  commitmentId: string | null;
  kind: 'report_overdue' | 'first_hire_missed' | 'at_risk' | 'shortfall';
  key: string;
  periodSequence: number | null;
  detectedOn: string;
  details: Record<string, unknown>;
  status: 'open' | 'resolved';
  resolvedOn: string | null;
  resolution: string | null;
}

export interface SanctionStepRecord {
  id: string;
  contractId: string;
  commitmentId: string;
  deviationId: string | null;
  kind: SanctionStepKind;
  takenOn: string;
  deadline: string | null;
  correctedOn: string | null;
  amountOre: number | null;
  reason: string;
  evidence: string;
  takenByLabel: string;
  approvedBy: string | null;
  createdAt: Date;
}

/* ---------------- suppliers ---------------- */

/** The platform-wide supplier with this identity, created (or renamed) as needed. */
export async function upsertSupplier(db: Database, supplier: { country: string; nationalId: string; name: string }): Promise<SupplierRecord> {
  const [row] = await db
    .insert(suppliers)
    .values(supplier)
    .onConflictDoUpdate({ target: [suppliers.country, suppliers.nationalId], set: { name: sql`${suppliers.name}` } })
    .returning({ id: suppliers.id, country: suppliers.country, nationalId: suppliers.nationalId, name: suppliers.name });
  return row!;
}

/* ---------------- contracts ---------------- */

const contractColumns = {
  c: contracts,
  procurementReference: procurements.referenceNumber,
  procurementTitle: procurements.title,
  unitName: units.name,
  s: suppliers,
};

type ContractRow = {
  c: typeof contracts.$inferSelect;
  procurementReference: string;
  procurementTitle: string;
  unitName: string;
  s: typeof suppliers.$inferSelect;
};

function toContract(r: ContractRow): ContractRecord {
  return {
    id: r.c.id,
    organisationId: r.c.organisationId,
    procurement: { id: r.c.procurementId, referenceNumber: r.procurementReference, title: r.procurementTitle },
    unit: { id: r.c.unitId, name: r.unitName },
    supplier: { id: r.s.id, country: r.s.country, nationalId: r.s.nationalId, name: r.s.name },
    referenceNumber: r.c.referenceNumber,
    lotNumbers: r.c.lotNumbers,
    signedOn: r.c.signedOn,
    startsOn: r.c.startsOn,
    endsOn: r.c.endsOn,
    extensionOptions: r.c.extensionOptions as ExtensionOptionRecord[],
    valueOre: r.c.valueOre,
    calledOffValueOre: r.c.calledOffValueOre,
    version: r.c.version,
    createdBy: r.c.createdBy,
    createdAt: r.c.createdAt,
    updatedAt: r.c.updatedAt,
  };
}

function contractQuery(db: Database, extra: Record<string, SQL> = {}) {
  return db
    .select({ ...contractColumns, ...extra })
    .from(contracts)
    .innerJoin(procurements, eq(procurements.id, contracts.procurementId))
    .innerJoin(units, eq(units.id, contracts.unitId))
    .innerJoin(suppliers, eq(suppliers.id, contracts.supplierId));
}

export async function findContract(db: Database, organisationId: string, id: string): Promise<ContractRecord | null> {
  const [row] = await contractQuery(db).where(and(eq(contracts.organisationId, organisationId), eq(contracts.id, id))).limit(1);
  return row ? toContract(row) : null;
}

/**
 * The contracts of an organisation that overlap [from, to]: started on or before `to` and not
 * ended before `from` (unit-scoped when `unitIds` is a list). For the daily check and the queue.
 */
export async function listContractsOverlapping(db: Database, organisationId: string, from: string, to: string, unitIds: readonly string[] | null = null): Promise<ContractRecord[]> {
  const where: SQL[] = [eq(contracts.organisationId, organisationId), gte(contracts.endsOn, from), lte(contracts.startsOn, to)];
  if (unitIds !== null) where.push(unitIds.length === 0 ? sql`false` : inArray(contracts.unitId, [...unitIds]));
  const rows = await contractQuery(db).where(and(...where)).orderBy(asc(contracts.id));
  return rows.map(toContract);
}

/** The contracts recorded under some procurements. */
export async function listContractsOfProcurements(db: Database, organisationId: string, procurementIds: readonly string[]): Promise<ContractRecord[]> {
  const out: ContractRecord[] = [];
  for (let i = 0; i < procurementIds.length; i += 1000) {
    const rows = await contractQuery(db)
      .where(and(eq(contracts.organisationId, organisationId), inArray(contracts.procurementId, procurementIds.slice(i, i + 1000) as string[])))
      .orderBy(asc(contracts.referenceNumber));
    out.push(...rows.map(toContract));
  }
  return out;
}

export async function isContractReferenceTaken(db: Database, organisationId: string, referenceNumber: string): Promise<boolean> {
  const [row] = await db.select({ id: contracts.id }).from(contracts).where(and(eq(contracts.organisationId, organisationId), eq(contracts.referenceNumber, referenceNumber))).limit(1);
  return row !== undefined;
}

export interface ContractFilter {
  unitIds: readonly string[] | null;
  q?: string | undefined;
  supplierId?: string | undefined;
  procurementId?: string | undefined;
  unitId?: string | undefined;
  activeOn?: string | undefined;
}

function filterConditions(organisationId: string, f: ContractFilter): SQL[] {
  const where: SQL[] = [eq(contracts.organisationId, organisationId)];
  if (f.unitIds !== null) where.push(f.unitIds.length === 0 ? sql`false` : inArray(contracts.unitId, [...f.unitIds]));
  if (f.supplierId) where.push(eq(contracts.supplierId, f.supplierId));
  if (f.procurementId) where.push(eq(contracts.procurementId, f.procurementId));
  if (f.unitId) where.push(eq(contracts.unitId, f.unitId));
  if (f.activeOn) where.push(lte(contracts.startsOn, f.activeOn), gte(contracts.endsOn, f.activeOn));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    where.push(or(ilike(contracts.referenceNumber, like), ilike(procurements.title, like), ilike(suppliers.name, like), ilike(suppliers.nationalId, like))!);
  }
  return where;
}

export interface ContractListRow extends ContractRecord {
  commitmentCount: number;
  placementCount: number;
  openDeviations: number;
}

export async function listContracts(db: Database, organisationId: string, filter: ContractFilter, page: number, pageSize: number): Promise<{ rows: ContractListRow[]; total: number }> {
  const where = and(...filterConditions(organisationId, filter));
  const rows = await db
    .select({
      ...contractColumns,
      commitmentCount: sql<number>`(select count(*)::int from ${commitments} where ${commitments.contractId} = ${contracts.id})`,
      placementCount: sql<number>`(select count(*)::int from ${placements} where ${placements.contractId} = ${contracts.id})`,
      openDeviations: sql<number>`(select count(*)::int from ${deviations} where ${deviations.contractId} = ${contracts.id} and ${deviations.status} = 'open')`,
    })
    .from(contracts)
    .innerJoin(procurements, eq(procurements.id, contracts.procurementId))
    .innerJoin(units, eq(units.id, contracts.unitId))
    .innerJoin(suppliers, eq(suppliers.id, contracts.supplierId))
    .where(where)
    .orderBy(desc(contracts.startsOn), asc(contracts.referenceNumber))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(contracts)
    .innerJoin(procurements, eq(procurements.id, contracts.procurementId))
    .innerJoin(suppliers, eq(suppliers.id, contracts.supplierId))
    .where(where);
  return {
    total: count?.n ?? 0,
    rows: rows.map((r) => ({ ...toContract(r), commitmentCount: Number(r.commitmentCount), placementCount: Number(r.placementCount), openDeviations: Number(r.openDeviations) })),
  };
}

export interface ContractWrite {
  procurementId: string;
  unitId: string;
  supplierId: string;
  referenceNumber: string;
  lotNumbers: number[] | null;
  signedOn: string;
  startsOn: string;
  endsOn: string;
  extensionOptions: ExtensionOptionRecord[];
  valueOre: number | null;
  calledOffValueOre: number | null;
  createdBy: string | null;
  now: Date;
}

export async function insertContract(db: Database, organisationId: string, w: ContractWrite): Promise<string> {
  const [row] = await db
    .insert(contracts)
    .values({
      organisationId,
      procurementId: w.procurementId,
      unitId: w.unitId,
      supplierId: w.supplierId,
      referenceNumber: w.referenceNumber,
      lotNumbers: w.lotNumbers,
      signedOn: w.signedOn,
      startsOn: w.startsOn,
      endsOn: w.endsOn,
      extensionOptions: w.extensionOptions,
      valueOre: w.valueOre,
      calledOffValueOre: w.calledOffValueOre,
      createdBy: w.createdBy,
      createdAt: w.now,
      updatedAt: w.now,
    })
    .returning({ id: contracts.id });
  return row!.id;
}

/** Applies an amendment's contract fields when the version is still `expected`; false when stale. */
export async function amendContract(
  db: Database,
  organisationId: string,
  id: string,
  expected: number,
  set: { endsOn: string; valueOre: number | null; calledOffValueOre: number | null; extensionOptions: ExtensionOptionRecord[]; now: Date },
): Promise<boolean> {
  const rows = await db
    .update(contracts)
    .set({ endsOn: set.endsOn, valueOre: set.valueOre, calledOffValueOre: set.calledOffValueOre, extensionOptions: set.extensionOptions, version: sql`${contracts.version} + 1`, updatedAt: set.now })
    .where(and(eq(contracts.organisationId, organisationId), eq(contracts.id, id), eq(contracts.version, expected)))
    .returning({ id: contracts.id });
  return rows.length > 0;
}

export async function insertAmendment(
  db: Database,
  organisationId: string,
  a: { contractId: string; version: number; reason: string; signedOn: string; before: unknown; after: unknown; createdBy: string | null; now: Date },
): Promise<void> {
  await db.insert(contractAmendments).values({ organisationId, contractId: a.contractId, version: a.version, reason: a.reason, signedOn: a.signedOn, before: a.before as object, after: a.after as object, createdBy: a.createdBy, createdAt: a.now });
}

/* ---------------- commitments ---------------- */

export async function insertCommitments(db: Database, organisationId: string, contractId: string, list: Omit<CommitmentRecord, 'id' | 'contractId' | 'version'>[]): Promise<void> {
  if (list.length === 0) return;
  await db.insert(commitments).values(list.map((c) => ({ organisationId, contractId, ...c })));
}

function toCommitment(r: typeof commitments.$inferSelect): CommitmentRecord {
  return {
    id: r.id,
    contractId: r.contractId,
    position: r.position,
    kind: r.kind,
    templateKey: r.templateKey,
    templateVersionId: r.templateVersionId,
    title: r.title as LocalizedText,
    text: r.text as LocalizedText,
    measure: r.measure,
    parameters: r.parameters as Record<string, unknown>,
    version: r.version,
  };
}

export async function listCommitments(db: Database, organisationId: string, contractIds: readonly string[]): Promise<CommitmentRecord[]> {
  if (contractIds.length === 0) return [];
  const rows = await db
    .select()
    .from(commitments)
    .where(and(eq(commitments.organisationId, organisationId), inArray(commitments.contractId, [...contractIds])))
    .orderBy(asc(commitments.contractId), asc(commitments.position));
  return rows.map(toCommitment);
}

/** Keeps the current parameters as a version with the amendment's reason, then stores the new ones. */
export async function amendCommitment(
  db: Database,
  organisationId: string,
  current: CommitmentRecord,
  next: { parameters: Record<string, unknown>; measure: 'per_position' | 'summed_months'; reason: string; createdBy: string | null; now: Date },
): Promise<void> {
  await db.insert(commitmentVersions).values({
    organisationId,
    commitmentId: current.id,
    version: current.version,
    measure: current.measure,
    parameters: current.parameters,
    reason: next.reason,
    createdBy: next.createdBy,
    createdAt: next.now,
  });
  await db
    .update(commitments)
    .set({ parameters: next.parameters, measure: next.measure, version: current.version + 1 })
    .where(and(eq(commitments.organisationId, organisationId), eq(commitments.id, current.id)));
}

/* ---------------- placements ---------------- */

const placementSelect = {
  id: placements.id,
  contractId: placements.contractId,
  commitmentId: placements.commitmentId,
  participantRef: placements.participantRef,
  targetGroup: placements.targetGroup,
  offeredOn: placements.offeredOn,
  startedOn: placements.startedOn,
  plannedEndOn: placements.plannedEndOn,
  endedOn: placements.endedOn,
  endReason: placements.endReason,
  extentPercent: placements.extentPercent,
  employmentForm: placements.employmentForm,
  ssykCode: placements.ssykCode,
  wageSubsidy: placements.wageSubsidy,
  targetGroupPending: placements.targetGroupPending,
  version: placements.version,
};

export async function listPlacements(db: Database, organisationId: string, contractIds: readonly string[]): Promise<PlacementRecord[]> {
  if (contractIds.length === 0) return [];
  return db
    .select(placementSelect)
    .from(placements)
    .where(and(eq(placements.organisationId, organisationId), inArray(placements.contractId, [...contractIds])))
    .orderBy(asc(placements.contractId), asc(placements.startedOn), asc(placements.createdAt));
}

export async function findPlacement(db: Database, organisationId: string, contractId: string, id: string): Promise<PlacementRecord | null> {
  const [row] = await db
    .select(placementSelect)
    .from(placements)
    .where(and(eq(placements.organisationId, organisationId), eq(placements.contractId, contractId), eq(placements.id, id)))
    .limit(1);
  return row ?? null;
}

/** A placement to store; `targetGroupPending` only when the supplier recorded it unverified (decision 0604). */
export type PlacementWrite = Omit<PlacementRecord, 'id' | 'version' | 'contractId' | 'targetGroupPending'> & { targetGroupPending?: boolean };

export async function insertPlacement(db: Database, organisationId: string, contractId: string, p: PlacementWrite, now: Date): Promise<string> {
  const [row] = await db.insert(placements).values({ organisationId, contractId, ...p, createdAt: now, updatedAt: now }).returning({ id: placements.id });
  return row!.id;
}

export async function insertPlacements(db: Database, organisationId: string, rows: Array<PlacementWrite & { contractId: string }>, now: Date): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await db.insert(placements).values(rows.slice(i, i + 1000).map((p) => ({ organisationId, ...p, createdAt: now, updatedAt: now })));
  }
}

/** Stores a changed placement when its version is still `expected`; false when stale. */
export async function updatePlacement(db: Database, organisationId: string, id: string, expected: number, p: PlacementWrite, now: Date): Promise<boolean> {
  const rows = await db
    .update(placements)
    .set({ ...p, version: sql`${placements.version} + 1`, updatedAt: now })
    .where(and(eq(placements.organisationId, organisationId), eq(placements.id, id), eq(placements.version, expected)))
    .returning({ id: placements.id });
  return rows.length > 0;
}

/* ---------------- reports, deviations, sanctions ---------------- */

export async function listReports(db: Database, organisationId: string, contractIds: readonly string[]): Promise<ReportRecord[]> {
  if (contractIds.length === 0) return [];
  return db
    .select({
      id: periodReports.id,
      contractId: periodReports.contractId,
      periodSequence: periodReports.periodSequence,
      periodStartsOn: periodReports.periodStartsOn,
      periodEndsOn: periodReports.periodEndsOn,
      reportedOn: periodReports.reportedOn,
      meetingsHeldOn: periodReports.meetingsHeldOn,
      sharePercent: periodReports.sharePercent,
      summary: periodReports.summary,
      note: periodReports.note,
      createdAt: periodReports.createdAt,
    })
    .from(periodReports)
    .where(and(eq(periodReports.organisationId, organisationId), inArray(periodReports.contractId, [...contractIds])))
    .orderBy(asc(periodReports.contractId), asc(periodReports.periodSequence));
}

export async function insertReport(
  db: Database,
  organisationId: string,
  r: Omit<ReportRecord, 'id' | 'createdAt'> & { enteredBy: string | null; now: Date },
): Promise<string | null> {
  const [row] = await db
    .insert(periodReports)
    .values({
      organisationId,
      contractId: r.contractId,
      periodSequence: r.periodSequence,
      periodStartsOn: r.periodStartsOn,
      periodEndsOn: r.periodEndsOn,
      reportedOn: r.reportedOn,
      meetingsHeldOn: r.meetingsHeldOn,
      sharePercent: r.sharePercent,
      summary: r.summary as object,
      note: r.note,
      enteredBy: r.enteredBy,
      createdAt: r.now,
    })
    .onConflictDoNothing()
    .returning({ id: periodReports.id });
  return row?.id ?? null;
}

const deviationSelect = {
  id: deviations.id,
  contractId: deviations.contractId,
  commitmentId: deviations.commitmentId,
  kind: deviations.kind,
  key: deviations.key,
  periodSequence: deviations.periodSequence,
  detectedOn: deviations.detectedOn,
  details: deviations.details,
  status: deviations.status,
  resolvedOn: deviations.resolvedOn,
  resolution: deviations.resolution,
};

export async function listDeviations(db: Database, organisationId: string, contractIds: readonly string[]): Promise<DeviationRecord[]> {
  if (contractIds.length === 0) return [];
  const rows = await db
    .select(deviationSelect)
    .from(deviations)
    .where(and(eq(deviations.organisationId, organisationId), inArray(deviations.contractId, [...contractIds])))
    .orderBy(desc(deviations.detectedOn), asc(deviations.key));
  return rows.map((r) => ({ ...r, details: r.details as Record<string, unknown> }));
}

export async function findDeviation(db: Database, organisationId: string, contractId: string, id: string): Promise<DeviationRecord | null> {
  const [row] = await db
    .select(deviationSelect)
    .from(deviations)
    .where(and(eq(deviations.organisationId, organisationId), eq(deviations.contractId, contractId), eq(deviations.id, id)))
    .limit(1);
  return row ? { ...row, details: row.details as Record<string, unknown> } : null;
}

/**
 * Stores newly found deviations; one already stored under the same contract and key is left
 * alone, so the daily check may run any number of times. Returns the ones inserted now.
 */
export async function insertDeviations(
  db: Database,
  rows: Array<{ organisationId: string; contractId: string; commitmentId: string | null; kind: DeviationRecord['kind']; key: string; periodSequence: number | null; detectedOn: string; details: Record<string, unknown> }>,
): Promise<Array<{ id: string; organisationId: string; contractId: string; commitmentId: string | null; kind: DeviationRecord['kind']; key: string; details: unknown }>> {
  const out = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const inserted = await db
      .insert(deviations)
      .values(rows.slice(i, i + 1000))
      .onConflictDoNothing({ target: [deviations.contractId, deviations.key] })
      .returning({ id: deviations.id, organisationId: deviations.organisationId, contractId: deviations.contractId, commitmentId: deviations.commitmentId, kind: deviations.kind, key: deviations.key, details: deviations.details });
    out.push(...inserted);
  }
  return out;
}

export async function resolveDeviation(db: Database, organisationId: string, id: string, r: { resolvedOn: string; resolution: string; resolvedBy: string }): Promise<boolean> {
  const rows = await db
    .update(deviations)
    .set({ status: 'resolved', resolvedOn: r.resolvedOn, resolution: r.resolution, resolvedBy: r.resolvedBy })
    .where(and(eq(deviations.organisationId, organisationId), eq(deviations.id, id), eq(deviations.status, 'open')))
    .returning({ id: deviations.id });
  return rows.length > 0;
}

export async function listSanctionSteps(db: Database, organisationId: string, contractIds: readonly string[]): Promise<SanctionStepRecord[]> {
  if (contractIds.length === 0) return [];
  return db
    .select({
      id: sanctionSteps.id,
      contractId: sanctionSteps.contractId,
      commitmentId: sanctionSteps.commitmentId,
      deviationId: sanctionSteps.deviationId,
      kind: sanctionSteps.kind,
      takenOn: sanctionSteps.takenOn,
      deadline: sanctionSteps.deadline,
      correctedOn: sanctionSteps.correctedOn,
      amountOre: sanctionSteps.amountOre,
      reason: sanctionSteps.reason,
      evidence: sanctionSteps.evidence,
      takenByLabel: sanctionSteps.takenByLabel,
      approvedBy: sanctionSteps.approvedBy,
      createdAt: sanctionSteps.createdAt,
    })
    .from(sanctionSteps)
    .where(and(eq(sanctionSteps.organisationId, organisationId), inArray(sanctionSteps.contractId, [...contractIds])))
    .orderBy(asc(sanctionSteps.contractId), asc(sanctionSteps.takenOn), asc(sanctionSteps.createdAt));
}

export async function insertSanctionStep(
  db: Database,
  organisationId: string,
  s: Omit<SanctionStepRecord, 'id' | 'createdAt'> & { takenBy: string | null; now: Date },
): Promise<string> {
  const [row] = await db
    .insert(sanctionSteps)
    .values({
      organisationId,
      contractId: s.contractId,
      commitmentId: s.commitmentId,
      deviationId: s.deviationId,
      kind: s.kind,
      takenOn: s.takenOn,
      deadline: s.deadline,
      correctedOn: s.correctedOn,
      amountOre: s.amountOre,
      reason: s.reason,
      evidence: s.evidence,
      takenBy: s.takenBy,
      takenByLabel: s.takenByLabel,
      approvedBy: s.approvedBy,
      createdAt: s.now,
    })
    .returning({ id: sanctionSteps.id });
  return row!.id;
}

export async function setCorrectedOn(db: Database, organisationId: string, id: string, correctedOn: string): Promise<boolean> {
  const rows = await db
    .update(sanctionSteps)
    .set({ correctedOn })
    .where(and(eq(sanctionSteps.organisationId, organisationId), eq(sanctionSteps.id, id), eq(sanctionSteps.kind, 'correction_notice'), sql`${sanctionSteps.correctedOn} is null`))
    .returning({ id: sanctionSteps.id });
  return rows.length > 0;
}

/* ---------------- one contract with its parts, in one query ---------------- */

/** A timestamp as the ISO instant `Date` would print, to the millisecond (as drizzle maps it). */
const isoInstant = (column: AnyColumn) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The rows of `table` matching `where` as one JSON array of objects, in `orderBy` order. */
function jsonRows(table: AnyPgTable, fields: Record<string, AnyColumn | SQL>, where: SQL, orderBy: SQL): SQL {
  const pairs = sql.join(
    Object.entries(fields).map(([key, value]) => sql`${sql.raw(`'${key}'`)}, ${value}`),
    sql`, `,
  );
  return sql`(select coalesce(json_agg(json_build_object(${pairs}) order by ${orderBy}), '[]'::json) from ${table} where ${where})`;
}

export interface AmendmentRecord {
  version: number;
  reason: string;
  signedOn: string;
  createdAt: Date;
  before: unknown;
  after: unknown;
}

export interface ContractWithParts {
  contract: ContractRecord;
  commitments: CommitmentRecord[];
  placements: PlacementRecord[];
  deviations: DeviationRecord[];
  amendments: AmendmentRecord[];
  reports: ReportRecord[];
  sanctionSteps: SanctionStepRecord[];
}

export type ContractPart = Exclude<keyof ContractWithParts, 'contract'>;

const partQueries: Record<ContractPart, () => SQL> = {
  commitments: () =>
    jsonRows(
      commitments,
      {
        id: commitments.id,
        contractId: commitments.contractId,
        position: commitments.position,
        kind: commitments.kind,
        templateKey: commitments.templateKey,
        templateVersionId: commitments.templateVersionId,
        title: commitments.title,
        text: commitments.text,
        measure: commitments.measure,
        parameters: commitments.parameters,
        version: commitments.version,
      },
      sql`${commitments.contractId} = ${contracts.id}`,
      sql`${commitments.position}`,
    ),
  placements: () =>
    jsonRows(placements, placementSelect, sql`${placements.contractId} = ${contracts.id}`, sql`${placements.startedOn}, ${placements.createdAt}`),
  deviations: () => jsonRows(deviations, deviationSelect, sql`${deviations.contractId} = ${contracts.id}`, sql`${deviations.detectedOn} desc, ${deviations.key}`),
  amendments: () =>
    jsonRows(
      contractAmendments,
      {
        version: contractAmendments.version,
        reason: contractAmendments.reason,
        signedOn: contractAmendments.signedOn,
        createdAt: isoInstant(contractAmendments.createdAt),
        before: contractAmendments.before,
        after: contractAmendments.after,
      },
      sql`${contractAmendments.contractId} = ${contracts.id}`,
      sql`${contractAmendments.version}`,
    ),
  reports: () =>
    jsonRows(
      periodReports,
      {
        id: periodReports.id,
        contractId: periodReports.contractId,
        periodSequence: periodReports.periodSequence,
        periodStartsOn: periodReports.periodStartsOn,
        periodEndsOn: periodReports.periodEndsOn,
        reportedOn: periodReports.reportedOn,
        meetingsHeldOn: periodReports.meetingsHeldOn,
        sharePercent: periodReports.sharePercent,
        summary: periodReports.summary,
        note: periodReports.note,
        createdAt: isoInstant(periodReports.createdAt),
      },
      sql`${periodReports.contractId} = ${contracts.id}`,
      sql`${periodReports.periodSequence}`,
    ),
  sanctionSteps: () =>
    jsonRows(
      sanctionSteps,
      {
        id: sanctionSteps.id,
        contractId: sanctionSteps.contractId,
        commitmentId: sanctionSteps.commitmentId,
        deviationId: sanctionSteps.deviationId,
        kind: sanctionSteps.kind,
        takenOn: sanctionSteps.takenOn,
        deadline: sanctionSteps.deadline,
        correctedOn: sanctionSteps.correctedOn,
        amountOre: sanctionSteps.amountOre,
        reason: sanctionSteps.reason,
        evidence: sanctionSteps.evidence,
        takenByLabel: sanctionSteps.takenByLabel,
        approvedBy: sanctionSteps.approvedBy,
        createdAt: isoInstant(sanctionSteps.createdAt),
      },
      sql`${sanctionSteps.contractId} = ${contracts.id}`,
      sql`${sanctionSteps.takenOn}, ${sanctionSteps.createdAt}`,
    ),
};

/**
 * One contract of the organisation with the parts a page needs (commitments, placements, …),
 * each as a JSON array built in the same statement: one query per page instead of one per part,
 * which matters most on the embedded database, where every statement queues on one thread.
 * Rows and order are those of the list functions above.
 */
export async function findContractWith(db: Database, organisationId: string, id: string, parts: readonly ContractPart[]): Promise<ContractWithParts | null> {
  const selected = Object.fromEntries(parts.map((part) => [part, partQueries[part]()])) as Partial<Record<ContractPart, SQL>>;
  const [row] = await contractQuery(db, selected).where(and(eq(contracts.organisationId, organisationId), eq(contracts.id, id))).limit(1);
  if (!row) return null;
  // The parts are JSON built in SQL from the column maps above (jsonRows): the database is the boundary, so these casts name what it built.
  const json = row as unknown as Partial<Record<ContractPart, Array<Record<string, unknown>>>>;
  const list = <T>(part: ContractPart, map: (r: Record<string, unknown>) => T): T[] => (json[part] ?? []).map(map);
  const instant = (value: unknown) => new Date(value as string);
  const numberOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  return {
    contract: toContract(row),
    commitments: list('commitments', (r) => r as unknown as CommitmentRecord),
    placements: list('placements', (r) => r as unknown as PlacementRecord),
    deviations: list('deviations', (r) => r as unknown as DeviationRecord),
    amendments: list('amendments', (r) => ({ ...(r as unknown as AmendmentRecord), createdAt: instant(r.createdAt) })),
    reports: list('reports', (r) => ({ ...(r as unknown as ReportRecord), createdAt: instant(r.createdAt) })),
    sanctionSteps: list('sanctionSteps', (r) => ({ ...(r as unknown as SanctionStepRecord), amountOre: numberOrNull(r.amountOre), createdAt: instant(r.createdAt) })),
  };
}

/* ---------------- the supplier portal's cross-tenant read (decision 0602) ---------------- */

export interface SupplierContractRecord extends ContractRecord {
  buyer: { id: string; slug: string; name: string };
  /** The buyer's contact person: whoever recorded the contract. */
  contact: { name: string; email: string } | null;
}

/**
 * Every buyer's contracts whose supplier is `supplierId` (optionally only `contractId`): the one
 * query in Hänsyn that reads across organisations, and only for the supplier view
 * (supplier-view-service.ts). It filters by supplier, never by a caller's organisation.
 */
export async function listContractsOfSupplier(db: Database, supplierId: string, contractId?: string): Promise<SupplierContractRecord[]> {
  const rows = await contractQuery(db)
    .where(and(eq(contracts.supplierId, supplierId), contractId === undefined ? undefined : eq(contracts.id, contractId)))
    .orderBy(desc(contracts.startsOn), asc(contracts.referenceNumber));
  if (rows.length === 0) return [];
  const list = rows.map(toContract);
  const buyerIds = [...new Set(list.map((c) => c.organisationId))];
  const contactIds = [...new Set(list.map((c) => c.createdBy).filter((id): id is string => id !== null))];
  // Called inside the supplier portal's transactions too: readTogether runs the two one after the other there.
  const [buyers, contacts] = await readTogether(db, [
    () => db.select({ id: organisations.id, slug: organisations.slug, name: organisations.name }).from(organisations).where(inArray(organisations.id, buyerIds)),
    async () => (contactIds.length === 0 ? [] : db.select({ id: users.id, name: users.displayName, email: users.email }).from(users).where(inArray(users.id, contactIds))),
  ]);
  const buyerById = new Map(buyers.map((b) => [b.id, b]));
  const contactById = new Map(contacts.map((u) => [u.id, { name: u.name, email: u.email }]));
  return list.map((c) => ({ ...c, buyer: buyerById.get(c.organisationId)!, contact: c.createdBy ? (contactById.get(c.createdBy) ?? null) : null }));
}
