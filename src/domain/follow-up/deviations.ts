import { addDays, type IsoDate } from './calendar.js';
import type { CommitmentFulfilment } from './evaluate-commitment.js';
import type { ReportingPeriod } from './reporting-periods.js';

export const DEVIATION_KINDS = ['report_overdue', 'first_hire_missed', 'at_risk', 'shortfall'] as const;
export type DeviationKind = (typeof DEVIATION_KINDS)[number];

export interface DetectedDeviation {
  kind: DeviationKind;
  commitmentId: string | null;
  periodSequence: number | null;
  /**
   * Identifies the deviation so the daily check finds it once however often it runs: one per
   * kind and commitment (report overdue: per period).
   */
  key: string;
  /** The numbers behind it, for the follow-up queue and the letter. */
  details: Record<string, unknown>;
}

export interface DeviationInput {
  asOf: IsoDate;
  periods: readonly (ReportingPeriod & { reportedOn: IsoDate | null })[];
  commitments: readonly { commitmentId: string; fulfilment: CommitmentFulfilment }[];
}

/**
 * The deviations (avvikelser) a contract shows as of a date: a report not in by the day after
 * its due date, a first-hire deadline passed with no hire, a commitment at risk for lack of
 * time, and open positions when the contract has ended. Pure and repeatable: the same facts give
 * the same keys, and the caller stores each key once.
 */
export function detectDeviations(input: DeviationInput): DetectedDeviation[] {
  const found: DetectedDeviation[] = [];
  for (const period of input.periods) {
    if (period.reportedOn === null && input.asOf > period.dueOn) {
      found.push({ kind: 'report_overdue', commitmentId: null, periodSequence: period.sequence, key: `report_overdue:${period.sequence}`, details: { dueOn: period.dueOn, periodEndsOn: period.endsOn } });
    }
  }
  for (const { commitmentId, fulfilment: f } of input.commitments) {
    const numbers = { positionsRequired: f.positionsRequired, positionsFulfilled: f.positionsFulfilled, openPositions: f.openPositions, monthsLeft: Math.round(f.monthsLeft * 100) / 100 };
    if (f.status === 'shortfall') found.push({ kind: 'shortfall', commitmentId, periodSequence: null, key: `shortfall:${commitmentId}`, details: numbers });
    if (f.reasons.includes('first_hire_missed') || f.reasons.includes('meeting_missed')) {
      found.push({ kind: 'first_hire_missed', commitmentId, periodSequence: null, key: `first_hire_missed:${commitmentId}`, details: { ...numbers, firstHireDeadline: f.firstHireDeadline } });
    }
    if (f.reasons.includes('not_enough_time_left')) found.push({ kind: 'at_risk', commitmentId, periodSequence: null, key: `at_risk:${commitmentId}`, details: numbers });
  }
  return found;
}

export const REMINDER_KINDS = ['report_due_soon', 'report_overdue', 'deviation_found', 'correction_deadline_near'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** Days ahead a reminder warns of a report due date or a correction deadline. */
export const REMINDER_LEAD_DAYS = 7;

export interface ReminderTrigger {
  kind: ReminderKind;
  /** What it is about, e.g. `period:3` or `deviation:<id>`; with kind and date it makes the reminder unique. */
  subjectKey: string;
  dueOn: IsoDate | null;
}

/**
 * Which reminders fall due on `asOf`: a report due in exactly 7 days, a report whose due date
 * was yesterday and is still missing (sent once, on the first overdue day), a correction deadline
 * in exactly 7 days that is not corrected. Newly found deviations are added by the caller.
 * Exact days rather than windows, so a daily run sends each reminder once.
 */
export function remindersDue(input: {
  asOf: IsoDate;
  periods: readonly (ReportingPeriod & { reportedOn: IsoDate | null })[];
  correctionNotices: readonly { id: string; deadline: IsoDate; correctedOn: IsoDate | null }[];
}): ReminderTrigger[] {
  const out: ReminderTrigger[] = [];
  const soon = addDays(input.asOf, REMINDER_LEAD_DAYS);
  const yesterday = addDays(input.asOf, -1);
  for (const p of input.periods) {
    if (p.reportedOn !== null) continue;
    if (p.dueOn === soon) out.push({ kind: 'report_due_soon', subjectKey: `period:${p.sequence}`, dueOn: p.dueOn });
    if (p.dueOn === yesterday) out.push({ kind: 'report_overdue', subjectKey: `period:${p.sequence}`, dueOn: p.dueOn });
  }
  for (const n of input.correctionNotices) {
    if (n.correctedOn === null && n.deadline === soon) out.push({ kind: 'correction_deadline_near', subjectKey: `correction:${n.id}`, dueOn: n.deadline });
  }
  return out;
}
