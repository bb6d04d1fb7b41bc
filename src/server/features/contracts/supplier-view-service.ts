import type { Database } from '../../../db/client.js';
import type { CommitmentStatus } from '../../../domain/follow-up/evaluate-commitment.js';
import { roundMonths } from '../../../domain/follow-up/full-time-months.js';
import type { SanctionLetterInput } from '../../../domain/follow-up/sanction-letter.js';
import type { Language, LocalizedText } from '../../../domain/shared/localized-text.js';
import { overallStatus } from '../../../domain/supplier-portal/supplier-report.js';
import { notFound } from '../../errors.js';
import { listContractsOfSupplier, listDeviations, type PlacementRecord, type SupplierContractRecord } from './contract-repository.js';
import { evaluateContract, loadContractFacts, termsOf, type ContractFacts } from './contract-service.js';
import { periodsOf } from './follow-up-service.js';
import { takesPlacements } from '../../../domain/follow-up/commitment-terms.js';

/*
 * What a supplier sees of its contracts with every buyer (docs/supplier-portal.md). This file and
 * listContractsOfSupplier are the one place that reads across organisations; the caller passes
 * the supplier id of the signed-in supplier organisation (supplier-portal-service.ts decides it),
 * never an id from a request. Decision 0602 lists what is internal to the buyer and never leaves
 * here: the register, other suppliers, target groups and wage subsidies of placements, deviation
 * details and resolutions, dialogue notes, exclusions and recommendations, sanction evidence, the
 * contract's unit, value and amendment reasons.
 */

/** The sanction steps that are letters to the supplier; the rest of the ladder is the buyer's own. */
const LETTER_KINDS = new Set(['correction_notice', 'penalty_decision']);

export interface SupplierCommitmentView {
  id: string;
  kind: string;
  title: LocalizedText;
  text: LocalizedText;
  parameters: Record<string, unknown>;
  takesPlacements: boolean;
  status: CommitmentStatus;
  positionsRequired: number;
  positionsFulfilled: number;
  openPositions: number;
  fullTimeMonthsServed: number;
  fullTimeMonthsRequired: number;
  firstHireDeadline: string | null;
  firstHireMet: boolean | null;
  penaltyDueOre: number;
}

export interface SupplierPeriodView {
  sequence: number;
  startsOn: string;
  endsOn: string;
  dueOn: string;
  /** The buyer has the period's report (entered by the coordinator or a supplier report approved). */
  reported: boolean;
}

export interface SupplierContractSummary {
  id: string;
  referenceNumber: string;
  title: string;
  buyer: { slug: string; name: string };
  startsOn: string;
  endsOn: string;
  status: CommitmentStatus | null;
  commitments: SupplierCommitmentView[];
  periods: SupplierPeriodView[];
  openDeviations: number;
}

export interface SupplierPlacementView {
  id: string;
  commitmentId: string;
  participantRef: string;
  startedOn: string;
  endedOn: string | null;
  endReason: string | null;
  extentPercent: number;
  employmentForm: string;
  ssykCode: string | null;
}

export interface SupplierContractDetail extends SupplierContractSummary {
  contact: { name: string; email: string } | null;
  deviations: Array<{ id: string; kind: string; commitmentId: string | null; periodSequence: number | null; detectedOn: string }>;
  letters: Array<{ id: string; kind: string; commitmentId: string; takenOn: string; deadline: string | null; correctedOn: string | null; amountOre: number | null }>;
  placements: SupplierPlacementView[];
}

function commitmentsOf(facts: ContractFacts, asOf: string): SupplierCommitmentView[] {
  return evaluateContract(facts, asOf).map(({ commitment, terms, fulfilment: f }) => ({
    id: commitment.id,
    kind: commitment.kind,
    title: commitment.title,
    text: commitment.text,
    parameters: commitment.parameters,
    takesPlacements: takesPlacements(terms),
    status: f.status,
    positionsRequired: f.positionsRequired,
    positionsFulfilled: f.positionsFulfilled,
    openPositions: f.openPositions,
    fullTimeMonthsServed: roundMonths(f.fullTimeMonthsServed),
    fullTimeMonthsRequired: roundMonths(f.fullTimeMonthsRequired),
    firstHireDeadline: f.firstHireDeadline,
    firstHireMet: f.firstHireMet,
    penaltyDueOre: f.penaltyDueOre,
  }));
}

const placementOf = (p: PlacementRecord): SupplierPlacementView => ({
  id: p.id,
  commitmentId: p.commitmentId,
  participantRef: p.participantRef,
  startedOn: p.startedOn,
  endedOn: p.endedOn,
  endReason: p.endReason,
  extentPercent: p.extentPercent,
  employmentForm: p.employmentForm,
  ssykCode: p.ssykCode,
});

async function factsOf(db: Database, list: SupplierContractRecord[]): Promise<Array<ContractFacts & { contract: SupplierContractRecord }>> {
  const byBuyer = new Map<string, SupplierContractRecord[]>();
  for (const c of list) (byBuyer.get(c.organisationId) ?? byBuyer.set(c.organisationId, []).get(c.organisationId)!).push(c);
  const out = new Map<string, ContractFacts & { contract: SupplierContractRecord }>();
  for (const [buyerId, contracts] of byBuyer) {
    for (const f of await loadContractFacts(db, buyerId, contracts)) out.set(f.contract.id, { ...f, contract: f.contract as SupplierContractRecord });
  }
  return list.map((c) => out.get(c.id)!);
}

function summaryOf(f: ContractFacts & { contract: SupplierContractRecord }, openDeviations: number, asOf: string): SupplierContractSummary {
  const commitments = commitmentsOf(f, asOf);
  return {
    id: f.contract.id,
    referenceNumber: f.contract.referenceNumber,
    title: f.contract.procurement.title,
    buyer: { slug: f.contract.buyer.slug, name: f.contract.buyer.name },
    startsOn: f.contract.startsOn,
    endsOn: f.contract.endsOn,
    status: overallStatus(commitments.map((c) => c.status)),
    commitments,
    periods: periodsOf(f).map((p) => ({ sequence: p.sequence, startsOn: p.startsOn, endsOn: p.endsOn, dueOn: p.dueOn, reported: p.report !== null })),
    openDeviations,
  };
}

/** The supplier's contracts with every buyer, each evaluated as of `asOf`. */
export async function supplierContractList(db: Database, supplierId: string, asOf: string): Promise<SupplierContractSummary[]> {
  const list = await listContractsOfSupplier(db, supplierId);
  const facts = await factsOf(db, list);
  const open = new Map<string, number>();
  for (const buyerId of new Set(list.map((c) => c.organisationId))) {
    const ids = list.filter((c) => c.organisationId === buyerId).map((c) => c.id);
    for (const d of await listDeviations(db, buyerId, ids)) if (d.status === 'open') open.set(d.contractId, (open.get(d.contractId) ?? 0) + 1);
  }
  return facts.map((f) => summaryOf(f, open.get(f.contract.id) ?? 0, asOf));
}

/** One contract of the supplier, or 404 (another supplier's, or no such contract): nothing tells them apart. */
export async function supplierContractFacts(db: Database, supplierId: string, contractId: string): Promise<ContractFacts & { contract: SupplierContractRecord }> {
  const [contract] = await listContractsOfSupplier(db, supplierId, contractId);
  if (!contract) throw notFound('The contract');
  return (await factsOf(db, [contract]))[0]!;
}

/** A contract as its supplier sees it: what was promised, what is done, what is due, deviations, letters. */
export async function supplierContractDetail(db: Database, supplierId: string, contractId: string, asOf: string): Promise<SupplierContractDetail> {
  const facts = await supplierContractFacts(db, supplierId, contractId);
  const deviations = (await listDeviations(db, facts.contract.organisationId, [contractId])).filter((d) => d.status === 'open');
  return {
    ...summaryOf(facts, deviations.length, asOf),
    contact: facts.contract.contact,
    deviations: deviations.map((d) => ({ id: d.id, kind: d.kind, commitmentId: d.commitmentId, periodSequence: d.periodSequence, detectedOn: d.detectedOn })),
    letters: facts.sanctionSteps
      .filter((s) => LETTER_KINDS.has(s.kind))
      .map((s) => ({ id: s.id, kind: s.kind, commitmentId: s.commitmentId, takenOn: s.takenOn, deadline: s.deadline, correctedOn: s.correctedOn, amountOre: s.amountOre })),
    placements: facts.placements.map(placementOf),
  };
}

/** The letter (correction notice, penalty decision) the buyer sent, rebuilt as the buyer's letter generation builds it. */
export async function supplierLetterInput(db: Database, supplierId: string, contractId: string, stepId: string, lang: Language): Promise<SanctionLetterInput> {
  const facts = await supplierContractFacts(db, supplierId, contractId);
  const step = facts.sanctionSteps.find((s) => s.id === stepId && LETTER_KINDS.has(s.kind));
  if (!step) throw notFound('The letter');
  const commitment = facts.commitments.find((c) => c.id === step.commitmentId)!;
  const { fulfilment } = evaluateContract(facts, step.takenOn).find((e) => e.commitment.id === commitment.id)!;
  const terms = termsOf(commitment, facts.contract);
  const names = { sv: 'Brev', en: 'Letter' };
  const c = facts.contract;
  return {
    lang,
    organisationName: c.buyer.name,
    contract: { referenceNumber: c.referenceNumber, procurementTitle: c.procurement.title, startsOn: c.startsOn, endsOn: c.endsOn },
    supplier: { name: c.supplier.name, nationalId: c.supplier.nationalId },
    commitmentTitle: commitment.title,
    step: { kind: step.kind, takenOn: step.takenOn, deadline: step.deadline, amountOre: step.amountOre, reason: step.reason, evidence: step.evidence },
    numbers: { positionsRequired: fulfilment.positionsRequired, positionsFulfilled: fulfilment.positionsFulfilled, openPositions: fulfilment.openPositions, penaltyPerHireOre: terms.penaltyOre, correctionDays: terms.correctionDays },
    signedBy: step.takenByLabel,
    fileName: `${names[lang]} ${step.kind} ${c.referenceNumber.replace(/[\\/:*?"<>|]/g, '-')} ${step.takenOn}`,
  };
}
