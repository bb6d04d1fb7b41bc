import { addDays, type IsoDate } from './calendar.js';
import { penaltyDue } from './evaluate-commitment.js';

/*
 * The sanction ladder of UHM's guidance on following up employment requirements: talk first
 * (dialogue note), then a written correction notice (rättelse) with the agreed correction days,
 * then vite decided at the computed amount and approved by the coordinator, and last exclusion
 * from further call-offs or a recommendation to terminate. `resolved` closes a case at any
 * rung; the next problem starts a new case from the bottom.
 */

export const SANCTION_STEP_KINDS = ['dialogue_note', 'correction_notice', 'penalty_decision', 'exclusion', 'termination_recommendation', 'resolved'] as const;
export type SanctionStepKind = (typeof SANCTION_STEP_KINDS)[number];

export interface SanctionStepFacts {
  kind: SanctionStepKind;
  takenOn: IsoDate;
  /** Correction notices: the last day to correct. */
  deadline: IsoDate | null;
  /** Correction notices: the day the shortfall was corrected, if it was. */
  correctedOn: IsoDate | null;
  /** Penalty decisions: the amount decided, öre. */
  amountOre: number | null;
}

const NEXT: Readonly<Record<SanctionStepKind | 'none', readonly SanctionStepKind[]>> = {
  none: ['dialogue_note'],
  dialogue_note: ['dialogue_note', 'correction_notice', 'resolved'],
  correction_notice: ['penalty_decision', 'resolved'],
  penalty_decision: ['exclusion', 'termination_recommendation', 'resolved'],
  exclusion: ['termination_recommendation', 'resolved'],
  termination_recommendation: ['resolved'],
  resolved: ['dialogue_note'],
};

/** The steps of the open case: everything after the last `resolved`. */
export function openCase(history: readonly SanctionStepFacts[]): SanctionStepFacts[] {
  const last = history.map((s) => s.kind).lastIndexOf('resolved');
  return history.slice(last + 1);
}

/** Which steps may be taken next, given the history in the order taken. */
export function nextSanctionSteps(history: readonly SanctionStepFacts[]): readonly SanctionStepKind[] {
  const current = history.length === 0 ? 'none' : history[history.length - 1]!.kind;
  return NEXT[current];
}

export type SanctionCheck =
  | { ok: true; step: SanctionStepFacts }
  | { ok: false; field: 'kind' | 'takenOn' | 'amountOre'; code: 'step_not_allowed' | 'before_previous_step' | 'correction_deadline_not_passed' | 'already_corrected' | 'nothing_to_penalise'; message: string };

export interface SanctionContext {
  correctionDays: number;
  penaltyOre: number;
  /** Open positions on the day of the step. */
  openPositions: number;
}

/**
 * Checks a new step against the ladder and fills what the rules compute: a correction notice's
 * deadline is the step's day plus the agreed correction days; a penalty decision may only follow
 * a correction notice whose deadline has passed uncorrected, and its amount is open positions ×
 * vite per missing hire (penaltyDue).
 */
export function checkSanctionStep(history: readonly SanctionStepFacts[], kind: SanctionStepKind, takenOn: IsoDate, context: SanctionContext): SanctionCheck {
  const allowed = nextSanctionSteps(history);
  if (!allowed.includes(kind)) {
    return { ok: false, field: 'kind', code: 'step_not_allowed', message: `After ${history.at(-1)?.kind ?? 'nothing'} the next step is one of: ${allowed.join(', ')}.` };
  }
  const previous = history.at(-1);
  if (previous && takenOn < previous.takenOn) return { ok: false, field: 'takenOn', code: 'before_previous_step', message: `A step cannot be dated before the previous one (${previous.takenOn}).` };
  const base: SanctionStepFacts = { kind, takenOn, deadline: null, correctedOn: null, amountOre: null };
  if (kind === 'correction_notice') return { ok: true, step: { ...base, deadline: addDays(takenOn, context.correctionDays) } };
  if (kind === 'penalty_decision') {
    const notice = previous!;
    if (notice.correctedOn !== null && notice.deadline !== null && notice.correctedOn <= notice.deadline) {
      return { ok: false, field: 'kind', code: 'already_corrected', message: 'The shortfall was corrected within the deadline; no penalty is due.' };
    }
    if (notice.deadline !== null && takenOn <= notice.deadline) {
      return { ok: false, field: 'takenOn', code: 'correction_deadline_not_passed', message: `The correction deadline ${notice.deadline} has not passed yet.` };
    }
    const amount = penaltyDue(context.openPositions, context.penaltyOre, { issuedOn: notice.takenOn, deadline: notice.deadline ?? notice.takenOn, correctedOn: notice.correctedOn }, takenOn);
    if (amount <= 0) return { ok: false, field: 'amountOre', code: 'nothing_to_penalise', message: 'No positions are open or the commitment carries no penalty.' };
    return { ok: true, step: { ...base, amountOre: amount } };
  }
  return { ok: true, step: base };
}

/** The latest correction notice of the open case, as penalty rules read it. */
export function latestCorrectionNotice(history: readonly SanctionStepFacts[]) {
  const notice = [...openCase(history)].reverse().find((s) => s.kind === 'correction_notice');
  return notice ? { issuedOn: notice.takenOn, deadline: notice.deadline ?? notice.takenOn, correctedOn: notice.correctedOn } : null;
}
