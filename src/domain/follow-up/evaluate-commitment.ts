import { addDays, addMonths, minDate, type IsoDate } from './calendar.js';
import type { CommitmentTerms } from './commitment-terms.js';
import { atLeast, fullTimeMonthsBetween } from './full-time-months.js';

/** Why an employment ended. `resigned` and `dismissed_with_cause` are outside the supplier's control. */
export const END_REASONS = ['completed', 'resigned', 'dismissed_with_cause', 'ended_by_supplier', 'other'] as const;
export type EndReason = (typeof END_REASONS)[number];

/** Reasons after which the completion share suffices (the template: "upphör i förtid … minst 75 %"). */
export const EARLY_END_COUNTS: ReadonlySet<EndReason> = new Set(['resigned', 'dismissed_with_cause']);

export interface PlacementFacts {
  id: string;
  offeredOn: IsoDate | null;
  startedOn: IsoDate;
  plannedEndOn: IsoDate | null;
  endedOn: IsoDate | null;
  endReason: EndReason | null;
  extentPercent: number;
  targetGroup: string;
  employmentForm: string;
}

export type PlacementState = 'not_started' | 'serving' | 'fulfilled' | 'fulfilled_early_end' | 'ended_short';

export interface PlacementEvaluation {
  placementId: string;
  /** Full-time months served up to and including `asOf` (or the end date, if earlier). Unrounded. */
  fullTimeMonths: number;
  countsAsFulfilled: boolean;
  state: PlacementState;
}

/**
 * One placement against the months a position needs, as of a date: start, end and the as-of
 * day all count as served. It counts as fulfilled once it has served the agreed months, or
 * when it ended early because the employee resigned or was dismissed with cause after serving
 * at least the completion share. Ended any other way short of the months, the position stays
 * open for a replacement.
 */
export function evaluatePlacement(placement: PlacementFacts, terms: Pick<CommitmentTerms, 'monthsPerPosition' | 'completionPercent'>, asOf: IsoDate): PlacementEvaluation {
  const base = { placementId: placement.id };
  if (placement.startedOn > asOf) return { ...base, fullTimeMonths: 0, countsAsFulfilled: false, state: 'not_started' };
  const endedByAsOf = placement.endedOn !== null && placement.endedOn <= asOf;
  const until = placement.endedOn === null ? asOf : minDate(placement.endedOn, asOf);
  const months = fullTimeMonthsBetween(placement.startedOn, until, placement.extentPercent);
  if (atLeast(months, terms.monthsPerPosition)) return { ...base, fullTimeMonths: months, countsAsFulfilled: true, state: 'fulfilled' };
  if (endedByAsOf) {
    const early = placement.endReason !== null && EARLY_END_COUNTS.has(placement.endReason);
    if (early && atLeast(months, (terms.monthsPerPosition * terms.completionPercent) / 100)) {
      return { ...base, fullTimeMonths: months, countsAsFulfilled: true, state: 'fulfilled_early_end' };
    }
    return { ...base, fullTimeMonths: months, countsAsFulfilled: false, state: 'ended_short' };
  }
  return { ...base, fullTimeMonths: months, countsAsFulfilled: false, state: 'serving' };
}

export type CommitmentStatus = 'not_started' | 'on_track' | 'at_risk' | 'fulfilled' | 'shortfall';

export interface ContractPeriod {
  startsOn: IsoDate;
  endsOn: IsoDate;
}

/** A correction notice (rättelse) of the sanction ladder, as penalty rules need it. */
export interface CorrectionNoticeFacts {
  issuedOn: IsoDate;
  deadline: IsoDate;
  /** The day the shortfall was corrected, if it was. */
  correctedOn: IsoDate | null;
}

export interface CommitmentFulfilment {
  status: CommitmentStatus;
  positionsRequired: number;
  positionsFulfilled: number;
  openPositions: number;
  /** Sum of full-time months served by all placements. */
  fullTimeMonthsServed: number;
  /** Full-time months the commitment asks for in all (positions × months). */
  fullTimeMonthsRequired: number;
  firstHireDeadline: IsoDate | null;
  firstHireMet: boolean | null;
  /** Full-time months of contract time left after `asOf` (at 100 %). */
  monthsLeft: number;
  /** Why the status is what it is, as stable codes (first_hire_missed, not_enough_time_left, …). */
  reasons: string[];
  penaltyDueOre: number;
  bonusEarnedOre: number;
  placements: PlacementEvaluation[];
}

/**
 * The first-hire deadline: contract start plus N months (the template: "senast N månader efter
 * avtalsstart"). Met when any placement was started or offered on or before it — an offer on the
 * deadline day counts — and that date is not after `asOf`.
 */
export function firstHire(terms: Pick<CommitmentTerms, 'firstHireWithinMonths'>, contract: ContractPeriod, placements: readonly PlacementFacts[], asOf: IsoDate) {
  if (terms.firstHireWithinMonths === null) return { deadline: null, met: null };
  const deadline = addMonths(contract.startsOn, terms.firstHireWithinMonths);
  const met = placements.some((p) => {
    const earliest = p.offeredOn !== null ? minDate(p.offeredOn, p.startedOn) : p.startedOn;
    return earliest <= deadline && earliest <= asOf;
  });
  return { deadline, met };
}

/**
 * Vite due: open positions × penalty per missing hire, but only once a correction notice's
 * deadline has passed (the day after it) without the shortfall being corrected by then. Before
 * that, or with no notice at all, nothing is payable.
 */
export function penaltyDue(openPositions: number, penaltyOre: number, notice: CorrectionNoticeFacts | null, asOf: IsoDate): number {
  if (notice === null || asOf <= notice.deadline) return 0;
  if (notice.correctedOn !== null && notice.correctedOn <= notice.deadline) return 0;
  return Math.max(0, openPositions) * penaltyOre;
}

export interface EvaluateInput {
  terms: CommitmentTerms;
  contract: ContractPeriod;
  placements: readonly PlacementFacts[];
  asOf: IsoDate;
  /** Meetings held (dialogue clause), with dates. */
  meetingsHeldOn?: readonly IsoDate[];
  /** The latest correction notice on this commitment, if any. */
  correctionNotice?: CorrectionNoticeFacts | null;
}

/**
 * A commitment's fulfilment as of a date, with the numbers behind it:
 * - `not_started` before the contract starts;
 * - `fulfilled` when no position is open;
 * - `shortfall` once the contract has ended with open positions;
 * - `at_risk` when the first-hire deadline has passed with no hire, or when the contract time
 *   left is too short to serve an open position (a vacant one needs the full months, one being
 *   served needs what remains; summed months need the remainder spread over the positions);
 * - `on_track` otherwise.
 */
export function evaluateCommitment(input: EvaluateInput): CommitmentFulfilment {
  const { terms, contract, placements, asOf } = input;
  const evaluations = placements.map((p) => evaluatePlacement(p, terms, asOf));
  const served = evaluations.reduce((sum, e) => sum + e.fullTimeMonths, 0);
  const required = terms.positions * terms.monthsPerPosition;
  const hire = firstHire(terms, contract, placements, asOf);
  const monthsLeft = asOf >= contract.endsOn ? 0 : fullTimeMonthsBetween(asOf < contract.startsOn ? contract.startsOn : addDays(asOf, 1), contract.endsOn, 100);
  let fulfilled: number;
  let neededByOpen: number[] = [];
  switch (terms.measure) {
    case 'summed_months': {
      fulfilled = terms.monthsPerPosition > 0 ? Math.min(terms.positions, Math.floor((served + 1e-9) / terms.monthsPerPosition)) : terms.positions;
      const remaining = Math.max(0, required - served);
      if (remaining > 1e-9 && terms.positions > 0) neededByOpen = [remaining / terms.positions];
      break;
    }
    case 'meetings': {
      const held = (input.meetingsHeldOn ?? []).filter((d) => d <= asOf);
      fulfilled = Math.min(terms.positions, held.length);
      hire.met = hire.deadline === null ? null : held.some((d) => d <= hire.deadline!);
      break;
    }
    case 'reported_share':
      fulfilled = 0;
      break;
    default: {
      fulfilled = Math.min(terms.positions, evaluations.filter((e) => e.countsAsFulfilled).length);
      const serving = evaluations.filter((e) => e.state === 'serving').map((e) => terms.monthsPerPosition - e.fullTimeMonths).sort((a, b) => a - b);
      const open = Math.max(0, terms.positions - fulfilled);
      neededByOpen = Array.from({ length: open }, (_, i) => serving[i] ?? terms.monthsPerPosition);
    }
  }
  const open = Math.max(0, terms.positions - fulfilled);
  const reasons: string[] = [];
  let status: CommitmentStatus;
  if (asOf < contract.startsOn) status = 'not_started';
  else if (terms.measure === 'reported_share') status = asOf > contract.endsOn ? 'fulfilled' : 'on_track';
  else if (open === 0) status = 'fulfilled';
  // A bonus is upside only: never a shortfall, and nothing is owed once the contract has ended.
  else if (terms.measure === 'bonus') status = asOf > contract.endsOn ? 'fulfilled' : 'on_track';
  else if (asOf > contract.endsOn) {
    status = 'shortfall';
    reasons.push('contract_ended_with_open_positions');
  } else {
    if (hire.deadline !== null && asOf > hire.deadline && hire.met === false) reasons.push('first_hire_missed');
    if (terms.measure !== 'meetings' && neededByOpen.some((need) => !atLeast(monthsLeft, need))) reasons.push('not_enough_time_left');
    if (terms.measure === 'meetings' && hire.deadline !== null && asOf > hire.deadline) reasons.push('meeting_missed');
    status = reasons.length > 0 ? 'at_risk' : 'on_track';
  }
  const penaltyOre = terms.measure === 'bonus' || terms.measure === 'meetings' ? 0 : penaltyDue(open, terms.penaltyOre, input.correctionNotice ?? null, asOf);
  return {
    status,
    positionsRequired: terms.positions,
    positionsFulfilled: fulfilled,
    openPositions: open,
    fullTimeMonthsServed: served,
    fullTimeMonthsRequired: required,
    firstHireDeadline: hire.deadline,
    firstHireMet: hire.met,
    monthsLeft,
    reasons,
    penaltyDueOre: penaltyOre,
    bonusEarnedOre: terms.measure === 'bonus' ? fulfilled * terms.bonusOre : 0,
    placements: evaluations,
  };
}
