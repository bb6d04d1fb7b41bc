import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import { readTogether, type Database } from '../../../db/client.js';
import { contracts, deviations as deviationsTable, organisations, sanctionSteps as sanctionTable } from '../../../db/schema/index.js';
import { unitScope, type Actor } from '../../../domain/access/can.js';
import { addDays } from '../../../domain/follow-up/calendar.js';
import { detectDeviations, remindersDue, REMINDER_LEAD_DAYS, type DeviationKind, type ReminderKind } from '../../../domain/follow-up/deviations.js';
import { roundMonths } from '../../../domain/follow-up/full-time-months.js';
import { reportingPeriods, type ReportingPeriod } from '../../../domain/follow-up/reporting-periods.js';
import { checkSanctionStep, nextSanctionSteps, type SanctionStepFacts } from '../../../domain/follow-up/sanction-ladder.js';
import { formatOreAsSek } from '../../../domain/shared/format.js';
import type { Language, LocalizedText } from '../../../domain/shared/localized-text.js';
import type { SanctionLetterInput } from '../../../domain/follow-up/sanction-letter.js';
import { AppError, notFound, validationFailed } from '../../errors.js';
import { recordAudit } from '../audit/audit-service.js';
import {
  findContract,
  findDeviation,
  insertDeviations,
  insertReport,
  insertSanctionStep,
  listCommitments,
  listContractsOverlapping,
  listDeviations,
  listReports,
  listSanctionSteps,
  resolveDeviation,
  setCorrectedOn,
  type ContractRecord,
  type DeviationRecord,
  type ReportRecord,
  type SanctionStepRecord,
} from './contract-repository.js';
import type { ReportCreate, SanctionStepCreate } from './contract-schemas.js';
import type { FollowUpVersions } from './follow-up-versions.js';
import type { ListCache } from '../procurements/procurement-service.js';
import { evaluateContract, loadContractFacts, readableContract, swedishDate, termsOf, type ContractFacts } from './contract-service.js';
import { assertCan, type Who } from '../../access.js';

/** How long after its end a contract is still checked (last report due, shortfall found). */
const ENDED_CONTRACT_WINDOW_DAYS = 90;
const CHUNK = 2000;

/* ---------------- reporting periods ---------------- */

/** The contract's reporting interval: the shortest any commitment asks for (3 months without commitments' own). */
function intervalOf(facts: Pick<ContractFacts, 'commitments' | 'contract'>): number | null {
  if (facts.commitments.length === 0) return null;
  return Math.min(...facts.commitments.map((c) => termsOf(c, facts.contract).reportingIntervalMonths));
}

export function periodsOf(facts: Pick<ContractFacts, 'commitments' | 'contract' | 'reports'>): Array<ReportingPeriod & { report: ReportRecord | null; reportedOn: string | null }> {
  const interval = intervalOf(facts);
  if (interval === null) return [];
  const bySequence = new Map(facts.reports.map((r) => [r.periodSequence, r]));
  return reportingPeriods(facts.contract, interval).map((p) => {
    const report = bySequence.get(p.sequence) ?? null;
    return { ...p, report, reportedOn: report?.reportedOn ?? null };
  });
}

function periodStatus(p: ReportingPeriod & { report: ReportRecord | null }, asOf: string) {
  if (p.report) return 'reported' as const;
  if (asOf < p.startsOn) return 'upcoming' as const;
  if (asOf <= p.endsOn) return 'open' as const;
  if (asOf <= p.dueOn) return 'due' as const;
  return 'overdue' as const;
}

export async function listPeriods(db: Database, actor: Actor, contractId: string, asOf: string) {
  const contract = await readableContract(db, actor, contractId);
  const [facts] = await loadContractFacts(db, actor.organisationId, [contract]);
  return periodsOf(facts!).map((p) => ({
    sequence: p.sequence,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    dueOn: p.dueOn,
    status: periodStatus(p, asOf),
    report: p.report ? { id: p.report.id, reportedOn: p.report.reportedOn, meetingsHeldOn: p.report.meetingsHeldOn, sharePercent: p.report.sharePercent, note: p.report.note, summary: p.report.summary, createdAt: p.report.createdAt.toISOString() } : null,
  }));
}

/**
 * A period's report, entered by the coordinator (the supplier portal comes later). It lists each
 * placement's state on the period's last day and what changed in the period, without
 * participant references.
 */
export async function recordReport(db: Database, who: Who, contractId: string, sequence: number, body: ReportCreate, now: Date) {
  return db.transaction(async (tx) => {
    const contract = await readableContract(tx, who.actor, contractId);
    assertCan(who.actor, 'follow_up:manage', { organisationId: contract.organisationId, unitId: contract.unit.id });
    const [facts] = await loadContractFacts(tx, who.actor.organisationId, [contract]);
    const period = periodsOf(facts!).find((p) => p.sequence === sequence);
    if (!period) throw notFound('The reporting period');
    if (period.report) throw new AppError('duplicate', 'This period already has a report.');
    const evaluated = evaluateContract(facts!, period.endsOn);
    const summary = {
      placements: facts!.placements.map((p) => {
        const e = evaluated.flatMap((x) => x.fulfilment.placements).find((x) => x.placementId === p.id)!;
        return {
          placementId: p.id,
          commitmentId: p.commitmentId,
          startedInPeriod: p.startedOn >= period.startsOn && p.startedOn <= period.endsOn,
          endedInPeriod: p.endedOn !== null && p.endedOn >= period.startsOn && p.endedOn <= period.endsOn,
          state: e.state,
          fullTimeMonths: roundMonths(e.fullTimeMonths),
        };
      }),
      commitments: evaluated.map((x) => ({ commitmentId: x.commitment.id, status: x.fulfilment.status, positionsFulfilled: x.fulfilment.positionsFulfilled, positionsRequired: x.fulfilment.positionsRequired })),
    };
    const id = await insertReport(tx, who.actor.organisationId, {
      contractId,
      periodSequence: sequence,
      periodStartsOn: period.startsOn,
      periodEndsOn: period.endsOn,
      reportedOn: body.reportedOn,
      meetingsHeldOn: body.meetingsHeldOn ?? [],
      sharePercent: body.sharePercent ?? null,
      summary,
      note: body.note ?? '',
      enteredBy: who.actor.userId,
      now,
    });
    if (id === null) throw new AppError('duplicate', 'This period already has a report.');
    await recordAudit(tx, who, { action: 'report.recorded', entityType: 'contract', entityId: contractId, after: { periodSequence: sequence, reportedOn: body.reportedOn, meetingsHeldOn: body.meetingsHeldOn ?? [], sharePercent: body.sharePercent ?? null } });
    return (await listPeriods(tx, who.actor, contractId, body.reportedOn)).find((p) => p.sequence === sequence)!;
  });
}

/* ---------------- deviations ---------------- */

const presentDeviation = (d: DeviationRecord) => {
  const { key: _key, ...rest } = d;
  return rest;
};

export async function listContractDeviations(db: Database, actor: Actor, contractId: string) {
  await readableContract(db, actor, contractId);
  return (await listDeviations(db, actor.organisationId, [contractId])).map(presentDeviation);
}

export async function resolveContractDeviation(db: Database, who: Who, contractId: string, deviationId: string, body: { resolvedOn: string; resolution: string }) {
  return db.transaction(async (tx) => {
    const contract = await readableContract(tx, who.actor, contractId);
    const deviation = await findDeviation(tx, who.actor.organisationId, contractId, deviationId);
    if (!deviation) throw notFound('The deviation');
    assertCan(who.actor, 'follow_up:manage', { organisationId: contract.organisationId, unitId: contract.unit.id });
    if (!(await resolveDeviation(tx, who.actor.organisationId, deviationId, { ...body, resolvedBy: who.actor.userId }))) throw new AppError('conflict', 'The deviation is already resolved.');
    await recordAudit(tx, who, { action: 'deviation.resolved', entityType: 'contract', entityId: contractId, before: { deviationId, status: 'open' }, after: { deviationId, status: 'resolved', ...body } });
    return presentDeviation((await findDeviation(tx, who.actor.organisationId, contractId, deviationId))!);
  });
}

/* ---------------- sanctions ---------------- */

const toFacts = (s: SanctionStepRecord): SanctionStepFacts => ({ kind: s.kind, takenOn: s.takenOn, deadline: s.deadline, correctedOn: s.correctedOn, amountOre: s.amountOre });

function presentStep(s: SanctionStepRecord) {
  return {
    id: s.id,
    commitmentId: s.commitmentId,
    deviationId: s.deviationId,
    kind: s.kind,
    takenOn: s.takenOn,
    deadline: s.deadline,
    correctedOn: s.correctedOn,
    amountOre: s.amountOre,
    reason: s.reason,
    evidence: s.evidence,
    takenBy: s.takenByLabel,
    approvedBy: s.approvedBy,
    createdAt: s.createdAt.toISOString(),
  };
}

export async function listSanctions(db: Database, actor: Actor, contractId: string) {
  await readableContract(db, actor, contractId);
  const [steps, commitmentRows] = await readTogether(db, [() => listSanctionSteps(db, actor.organisationId, [contractId]), () => listCommitments(db, actor.organisationId, [contractId])]);
  return {
    steps: steps.map(presentStep),
    next: commitmentRows.map((c) => ({ commitmentId: c.id, kinds: [...nextSanctionSteps(steps.filter((s) => s.commitmentId === c.id).map(toFacts))] })),
  };
}

/**
 * Takes the next step of the sanction ladder for a commitment (coordinators only: a penalty
 * decision is approved by the coordinator who records it). The ladder and the computed amounts
 * are domain rules (checkSanctionStep); who, when, why and evidence are kept.
 */
export async function takeSanctionStep(db: Database, who: Who, contractId: string, body: SanctionStepCreate, now: Date) {
  return db.transaction(async (tx) => {
    const contract = await readableContract(tx, who.actor, contractId);
    assertCan(who.actor, 'follow_up:manage', { organisationId: contract.organisationId, unitId: contract.unit.id });
    const [facts] = await loadContractFacts(tx, who.actor.organisationId, [contract]);
    const commitment = facts!.commitments.find((c) => c.id === body.commitmentId);
    if (!commitment) throw validationFailed([{ path: '/body/commitmentId', code: 'unknown_commitment', message: 'This contract has no such commitment.' }]);
    if (body.deviationId) {
      const deviation = await findDeviation(tx, who.actor.organisationId, contractId, body.deviationId);
      if (!deviation) throw validationFailed([{ path: '/body/deviationId', code: 'unknown_deviation', message: 'This contract has no such deviation.' }]);
    }
    const history = facts!.sanctionSteps.filter((s) => s.commitmentId === commitment.id);
    const evaluation = evaluateContract(facts!, body.takenOn).find((e) => e.commitment.id === commitment.id)!;
    const check = checkSanctionStep(history.map(toFacts), body.kind, body.takenOn, {
      correctionDays: evaluation.terms.correctionDays,
      penaltyOre: evaluation.terms.penaltyOre,
      openPositions: evaluation.fulfilment.openPositions,
    });
    if (!check.ok) throw validationFailed([{ path: `/body/${check.field === 'amountOre' ? 'kind' : check.field}`, code: check.code, message: check.message }]);
    const id = await insertSanctionStep(tx, who.actor.organisationId, {
      contractId,
      commitmentId: commitment.id,
      deviationId: body.deviationId ?? null,
      kind: check.step.kind,
      takenOn: check.step.takenOn,
      deadline: check.step.deadline,
      correctedOn: null,
      amountOre: check.step.amountOre,
      reason: body.reason,
      evidence: body.evidence ?? '',
      takenBy: who.actor.userId,
      takenByLabel: who.label,
      approvedBy: check.step.kind === 'penalty_decision' ? who.actor.userId : null,
      now,
    });
    await recordAudit(tx, who, { action: `sanction.${check.step.kind}`, entityType: 'contract', entityId: contractId, after: { stepId: id, commitmentId: commitment.id, ...check.step, reason: body.reason, evidence: body.evidence ?? '' } });
    const steps = await listSanctionSteps(tx, who.actor.organisationId, [contractId]);
    return presentStep(steps.find((s) => s.id === id)!);
  });
}

/** Records that a correction notice's shortfall was corrected (on time or not: the penalty rule compares dates). */
export async function recordCorrection(db: Database, who: Who, contractId: string, stepId: string, correctedOn: string) {
  return db.transaction(async (tx) => {
    const contract = await readableContract(tx, who.actor, contractId);
    const steps = await listSanctionSteps(tx, who.actor.organisationId, [contractId]);
    const step = steps.find((s) => s.id === stepId);
    if (!step) throw notFound('The sanction step');
    assertCan(who.actor, 'follow_up:manage', { organisationId: contract.organisationId, unitId: contract.unit.id });
    if (step.kind !== 'correction_notice') throw validationFailed([{ path: '/params/stepId', code: 'not_a_correction_notice', message: 'Only a correction notice can be corrected.' }]);
    if (correctedOn < step.takenOn) throw validationFailed([{ path: '/body/correctedOn', code: 'before_notice', message: 'The correction cannot predate the notice.' }]);
    if (!(await setCorrectedOn(tx, who.actor.organisationId, stepId, correctedOn))) throw new AppError('conflict', 'The correction is already recorded.');
    await recordAudit(tx, who, { action: 'sanction.corrected', entityType: 'contract', entityId: contractId, before: { stepId, correctedOn: null }, after: { stepId, correctedOn } });
    return presentStep((await listSanctionSteps(tx, who.actor.organisationId, [contractId])).find((s) => s.id === stepId)!);
  });
}

export async function sanctionStepFor(db: Database, actor: Actor, contractId: string, stepId: string) {
  const contract = await readableContract(db, actor, contractId);
  const [facts] = await loadContractFacts(db, actor.organisationId, [contract]);
  const step = facts!.sanctionSteps.find((s) => s.id === stepId);
  if (!step) throw notFound('The sanction step');
  assertCan(actor, 'follow_up:manage', { organisationId: contract.organisationId, unitId: contract.unit.id });
  const commitment = facts!.commitments.find((c) => c.id === step.commitmentId)!;
  const evaluation = evaluateContract(facts!, step.takenOn).find((e) => e.commitment.id === commitment.id)!;
  return { contract, step, commitment, fulfilment: evaluation.fulfilment, terms: evaluation.terms };
}

/** What the letter for a sanction step needs, in the language asked for. */
export async function sanctionLetterInput(db: Database, actor: Actor, contractId: string, stepId: string, lang: Language): Promise<SanctionLetterInput> {
  const { contract, step, commitment, fulfilment, terms } = await sanctionStepFor(db, actor, contractId, stepId);
  const [org] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, actor.organisationId));
  const names = { sv: 'Brev', en: 'Letter' };
  return {
    lang,
    organisationName: org?.name ?? '',
    contract: { referenceNumber: contract.referenceNumber, procurementTitle: contract.procurement.title, startsOn: contract.startsOn, endsOn: contract.endsOn },
    supplier: { name: contract.supplier.name, nationalId: contract.supplier.nationalId },
    commitmentTitle: commitment.title,
    step: { kind: step.kind, takenOn: step.takenOn, deadline: step.deadline, amountOre: step.amountOre, reason: step.reason, evidence: step.evidence },
    numbers: { positionsRequired: fulfilment.positionsRequired, positionsFulfilled: fulfilment.positionsFulfilled, openPositions: fulfilment.openPositions, penaltyPerHireOre: terms.penaltyOre, correctionDays: terms.correctionDays },
    signedBy: step.takenByLabel,
    fileName: `${names[lang]} ${step.kind} ${contract.referenceNumber.replace(/[\\/:*?"<>|]/g, '-')} ${step.takenOn}`,
  };
}

/* ---------------- the follow-up queue ---------------- */

export type QueueItemKind = 'deviation_open' | 'report_overdue' | 'report_due_soon' | 'correction_deadline_passed' | 'correction_deadline_near';

export interface QueueItem {
  kind: QueueItemKind;
  contractId: string;
  contractReference: string;
  supplierName: string;
  commitmentId: string | null;
  deviationId: string | null;
  sanctionStepId: string | null;
  periodSequence: number | null;
  dueOn: string | null;
  detail: Record<string, unknown>;
}

const QUEUE_ORDER: Record<QueueItemKind, number> = { correction_deadline_passed: 0, deviation_open: 1, report_overdue: 2, correction_deadline_near: 3, report_due_soon: 4 };

/**
 * What needs action today, for the coordinator: open deviations, reports overdue or due within
 * 7 days, correction notices whose deadline has passed uncorrected (a penalty decision is due)
 * or falls within 7 days. Reads no placements, so it stays quick at national scale.
 */
export type FollowUpQueue = { asOf: string; items: QueueItem[] };

/**
 * With a cache, an answer computed earlier for the same date and unit scope is reused while the
 * organisation's follow-up version is unchanged (docs/decisions/0911); the version is read before
 * the queue is computed, so a write committing in between only makes the stored answer newer than
 * its version says. The permission check runs on every request.
 */
export async function followUpQueue(
  db: Database,
  actor: Actor,
  asOf: string,
  cached: { cache: ListCache<FollowUpQueue>; versions: FollowUpVersions; onLookup?: (hit: boolean) => void } | null = null,
): Promise<FollowUpQueue> {
  assertCan(actor, 'follow_up:manage', { organisationId: actor.organisationId });
  const scope = unitScope(actor, 'follow_up:manage');
  if (cached === null) return computeQueue(db, actor.organisationId, scope, asOf);
  const version = await cached.versions.current(actor.organisationId);
  const key = JSON.stringify({ queue: asOf, scope });
  const hit = cached.cache.get(actor.organisationId, key, version);
  cached.onLookup?.(hit !== undefined);
  if (hit !== undefined) return hit;
  const answer = await computeQueue(db, actor.organisationId, scope, asOf);
  cached.cache.set(actor.organisationId, key, version, answer);
  return answer;
}

async function computeQueue(db: Database, organisationId: string, scope: readonly string[] | null, asOf: string): Promise<FollowUpQueue> {
  const relevant = await listContractsOverlapping(db, organisationId, addDays(asOf, -ENDED_CONTRACT_WINDOW_DAYS), asOf, scope);
  const byId = new Map(relevant.map((c) => [c.id, c]));
  const ids = relevant.map((c) => c.id);
  const [commitmentRows, reportRows, openDeviations, openNotices] = await readTogether(db, [
    () => listCommitments(db, organisationId, ids),
    () => listReports(db, organisationId, ids),
    () => db.select().from(deviationsTable).where(and(eq(deviationsTable.organisationId, organisationId), eq(deviationsTable.status, 'open'))).orderBy(asc(deviationsTable.detectedOn)),
    () => db
      .select()
      .from(sanctionTable)
      .where(and(eq(sanctionTable.organisationId, organisationId), eq(sanctionTable.kind, 'correction_notice'), sql`${sanctionTable.correctedOn} is null`, lte(sanctionTable.deadline, addDays(asOf, REMINDER_LEAD_DAYS))))]);
  const items: QueueItem[] = [];
  const base = (c: ContractRecord) => ({ contractId: c.id, contractReference: c.referenceNumber, supplierName: c.supplier.name });
  for (const d of openDeviations) {
    const c = byId.get(d.contractId);
    if (!c) continue;
    items.push({ kind: 'deviation_open', ...base(c), commitmentId: d.commitmentId, deviationId: d.id, sanctionStepId: null, periodSequence: d.periodSequence, dueOn: null, detail: { deviationKind: d.kind, detectedOn: d.detectedOn, ...(d.details as object) } });
  }
  if (openNotices.length > 0) {
    const later = await listSanctionSteps(db, organisationId, [...new Set(openNotices.map((n) => n.contractId))]);
    for (const n of openNotices) {
      const c = byId.get(n.contractId);
      if (!c || n.deadline === null) continue;
      const followed = later.some((s) => s.commitmentId === n.commitmentId && s.createdAt > n.createdAt && s.kind !== 'correction_notice');
      if (followed) continue;
      const passed = n.deadline < asOf;
      items.push({ kind: passed ? 'correction_deadline_passed' : 'correction_deadline_near', ...base(c), commitmentId: n.commitmentId, deviationId: n.deviationId, sanctionStepId: n.id, periodSequence: null, dueOn: n.deadline, detail: {} });
    }
  }
  const commitmentsByContract = new Map<string, typeof commitmentRows>();
  for (const c of commitmentRows) (commitmentsByContract.get(c.contractId) ?? commitmentsByContract.set(c.contractId, []).get(c.contractId)!).push(c);
  const reportsByContract = new Map<string, ReportRecord[]>();
  for (const r of reportRows) (reportsByContract.get(r.contractId) ?? reportsByContract.set(r.contractId, []).get(r.contractId)!).push(r);
  const overdueDeviationKeys = new Set(openDeviations.filter((d) => d.kind === 'report_overdue').map((d) => `${d.contractId}:${d.periodSequence}`));
  for (const c of relevant) {
    for (const p of periodsOf({ contract: c, commitments: commitmentsByContract.get(c.id) ?? [], reports: reportsByContract.get(c.id) ?? [] })) {
      if (p.report) continue;
      if (p.dueOn < asOf && !overdueDeviationKeys.has(`${c.id}:${p.sequence}`)) {
        items.push({ kind: 'report_overdue', ...base(c), commitmentId: null, deviationId: null, sanctionStepId: null, periodSequence: p.sequence, dueOn: p.dueOn, detail: { periodEndsOn: p.endsOn } });
      } else if (p.dueOn >= asOf && p.dueOn <= addDays(asOf, REMINDER_LEAD_DAYS) && p.endsOn < asOf) {
        items.push({ kind: 'report_due_soon', ...base(c), commitmentId: null, deviationId: null, sanctionStepId: null, periodSequence: p.sequence, dueOn: p.dueOn, detail: { periodEndsOn: p.endsOn } });
      }
    }
  }
  items.sort((a, b) => QUEUE_ORDER[a.kind] - QUEUE_ORDER[b.kind] || (a.dueOn ?? '').localeCompare(b.dueOn ?? '') || a.contractReference.localeCompare(b.contractReference, 'sv'));
  return { asOf, items };
}

/* ---------------- the daily check ---------------- */

export interface DueReminder {
  /** Unique per reminder: the queue may use it as a singleton key so a re-run sends nothing twice. */
  key: string;
  kind: ReminderKind;
  organisationId: string;
  contractId: string;
  contractReference: string;
  /** Who should hear about it: users by id and everyone with these roles in the organisation. */
  recipients: { userIds: string[]; roles: Array<'coordinator' | 'procurer'> };
  dueOn: string | null;
  subject: LocalizedText;
  text: LocalizedText;
}

export interface DailyCheckResult {
  asOf: string;
  /** When the run started (ISO instant). */
  checkedAt: string;
  contractsChecked: number;
  deviationsFound: Array<{ id: string; organisationId: string; contractId: string; commitmentId: string | null; kind: DeviationKind }>;
  remindersDue: DueReminder[];
}

const DEVIATION_TEXT: Record<DeviationKind, LocalizedText> = {
  report_overdue: { sv: 'rapporten inte har kommit in i tid', en: 'the report is overdue' },
  first_hire_missed: { sv: 'första anställningen (eller det första mötet) inte har skett i tid', en: 'the first hire (or the first meeting) did not happen in time' },
  at_risk: { sv: 'åtagandet riskerar att inte uppfyllas under avtalstiden', en: 'the commitment is at risk of not being met within the contract period' },
  shortfall: { sv: 'avtalet har löpt ut med anställningar som saknas', en: 'the contract has ended with hires missing' },
};

function reminderText(kind: ReminderKind, c: ContractRecord, dueOn: string | null, extra: { deviation?: DeviationKind; sequence?: number; penaltyOre?: number }): { subject: LocalizedText; text: LocalizedText } {
  const ref = `${c.referenceNumber} (${c.supplier.name})`;
  switch (kind) {
    case 'report_due_soon':
      return {
        subject: { sv: `Rapport ska in om ${REMINDER_LEAD_DAYS} dagar: ${c.referenceNumber}`, en: `Report due in ${REMINDER_LEAD_DAYS} days: ${c.referenceNumber}` },
        text: { sv: `Rapporten för period ${extra.sequence} av avtal ${ref} ska vara inne senast ${dueOn}.`, en: `The report for period ${extra.sequence} of contract ${ref} is due on ${dueOn}.` },
      };
    case 'report_overdue':
      return {
        subject: { sv: `Rapport försenad: ${c.referenceNumber}`, en: `Report overdue: ${c.referenceNumber}` },
        text: { sv: `Rapporten för period ${extra.sequence} av avtal ${ref} skulle ha kommit in senast ${dueOn}.`, en: `The report for period ${extra.sequence} of contract ${ref} was due on ${dueOn}.` },
      };
    case 'deviation_found': {
      const what = DEVIATION_TEXT[extra.deviation ?? 'at_risk'];
      return {
        subject: { sv: `Avvikelse i avtal ${c.referenceNumber}`, en: `Deviation in contract ${c.referenceNumber}` },
        text: { sv: `Den dagliga kontrollen fann att ${what.sv} för avtal ${ref}. Se uppföljningskön.`, en: `The daily check found that ${what.en} for contract ${ref}. See the follow-up queue.` },
      };
    }
    case 'correction_deadline_near':
      return {
        subject: { sv: `Rättelsefristen går ut om ${REMINDER_LEAD_DAYS} dagar: ${c.referenceNumber}`, en: `Correction deadline in ${REMINDER_LEAD_DAYS} days: ${c.referenceNumber}` },
        text: {
          sv: `Fristen för att rätta bristen i avtal ${ref} går ut ${dueOn}. Är den inte rättad därefter kan vite beslutas${extra.penaltyOre ? ` (${formatOreAsSek(extra.penaltyOre, 'sv')} per anställning som saknas)` : ''}.`,
          en: `The deadline to correct the shortfall in contract ${ref} is ${dueOn}. If it is not corrected by then, a penalty may be decided${extra.penaltyOre ? ` (${formatOreAsSek(extra.penaltyOre, 'en')} per missing hire)` : ''}.`,
        },
      };
  }
}


/**
 * The daily follow-up check (the job queue calls it once a day; coordinators may run it on
 * demand for their organisation). For every contract running on `asOf`, or ended within 90
 * days, it evaluates each commitment and stores the deviations found — report overdue, first
 * hire missed, at risk, shortfall — once per key, so any number of runs store each once. It
 * returns the deviations new in this run and the reminders due on `asOf` (report due in 7 days,
 * first day overdue, deviation found, correction deadline in 7 days) as plain data with Swedish
 * and English texts; sending them is the caller's business.
 */
export async function runDailyFollowUpCheck(db: Database, asOf: string, now: Date, options: { organisationId?: string } = {}): Promise<DailyCheckResult> {
  const from = addDays(asOf, -ENDED_CONTRACT_WINDOW_DAYS);
  const orgs = options.organisationId
    ? [{ organisationId: options.organisationId }]
    : await db.selectDistinct({ organisationId: contracts.organisationId }).from(contracts).where(and(gte(contracts.endsOn, from), lte(contracts.startsOn, asOf)));
  const result: DailyCheckResult = { asOf, checkedAt: now.toISOString(), contractsChecked: 0, deviationsFound: [], remindersDue: [] };
  for (const { organisationId } of orgs) {
    const list = await listContractsOverlapping(db, organisationId, from, asOf);
    for (let i = 0; i < list.length; i += CHUNK) await checkChunk(db, organisationId, list.slice(i, i + CHUNK), asOf, result);
  }
  return result;
}

async function checkChunk(db: Database, organisationId: string, list: ContractRecord[], asOf: string, result: DailyCheckResult): Promise<void> {
  const all = await loadContractFacts(db, organisationId, list);
  const toInsert: Parameters<typeof insertDeviations>[1] = [];
  const byContract = new Map<string, ContractFacts>();
  for (const facts of all) {
    byContract.set(facts.contract.id, facts);
    result.contractsChecked += 1;
    const periods = periodsOf(facts);
    const evaluated = evaluateContract(facts, asOf);
    for (const d of detectDeviations({ asOf, periods, commitments: evaluated.map((e) => ({ commitmentId: e.commitment.id, fulfilment: e.fulfilment })) })) {
      toInsert.push({ organisationId, contractId: facts.contract.id, commitmentId: d.commitmentId, kind: d.kind, key: d.key, periodSequence: d.periodSequence, detectedOn: asOf, details: d.details });
    }
    const notices = facts.sanctionSteps.filter((s) => s.kind === 'correction_notice' && s.deadline !== null).map((s) => ({ id: s.id, deadline: s.deadline!, correctedOn: s.correctedOn }));
    for (const r of remindersDue({ asOf, periods, correctionNotices: notices })) {
      const sequence = r.subjectKey.startsWith('period:') ? Number(r.subjectKey.slice(7)) : undefined;
      const notice = facts.sanctionSteps.find((s) => `correction:${s.id}` === r.subjectKey);
      const penaltyOre = notice ? termsOf(facts.commitments.find((c) => c.id === notice.commitmentId)!, facts.contract).penaltyOre : undefined;
      result.remindersDue.push({
        key: `${r.kind}:${facts.contract.id}:${r.subjectKey}:${r.dueOn ?? asOf}`,
        kind: r.kind,
        organisationId,
        contractId: facts.contract.id,
        contractReference: facts.contract.referenceNumber,
        recipients: recipientsOf(facts.contract),
        dueOn: r.dueOn,
        ...reminderText(r.kind, facts.contract, r.dueOn, { ...(sequence !== undefined ? { sequence } : {}), ...(penaltyOre !== undefined ? { penaltyOre } : {}) }),
      });
    }
  }
  const inserted = await insertDeviations(db, toInsert);
  for (const d of inserted) {
    const facts = byContract.get(d.contractId)!;
    result.deviationsFound.push({ id: d.id, organisationId: d.organisationId, contractId: d.contractId, commitmentId: d.commitmentId, kind: d.kind });
    result.remindersDue.push({
      key: `deviation_found:${d.contractId}:deviation:${d.id}`,
      kind: 'deviation_found',
      organisationId,
      contractId: d.contractId,
      contractReference: facts.contract.referenceNumber,
      recipients: recipientsOf(facts.contract),
      dueOn: null,
      ...reminderText('deviation_found', facts.contract, null, { deviation: d.kind }),
    });
  }
}

function recipientsOf(c: ContractRecord): DueReminder['recipients'] {
  return { userIds: c.createdBy ? [c.createdBy] : [], roles: ['coordinator'] };
}

/** The on-demand run for a coordinator's own organisation. */
export async function runDailyCheckFor(db: Database, who: Who, asOf: string, now: Date): Promise<DailyCheckResult> {
  assertCan(who.actor, 'follow_up:manage', { organisationId: who.actor.organisationId });
  const result = await runDailyFollowUpCheck(db, asOf, now, { organisationId: who.actor.organisationId });
  await recordAudit(db, who, { action: 'follow_up.daily_check_run', entityType: 'organisation', entityId: who.actor.organisationId, after: { asOf, contractsChecked: result.contractsChecked, deviationsFound: result.deviationsFound.length } });
  return result;
}

export { findContract, swedishDate };
