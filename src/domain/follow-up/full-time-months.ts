import { daysInMonth, parseIsoDate, type IsoDate } from './calendar.js';

/**
 * Full-time months served between two dates, both included (UHM criterion 11554 and the
 * employment-condition template: "minst N månader på heltid"). Every calendar day counts
 * 1/(days in its month), times extent/100, so a whole month is 1.00 whatever its length and a
 * leap day is one twenty-ninth of February. 1 March–31 August at 100 % is 6.00; at 50 % 3.00.
 * Returns 0 when `to` is before `from`. Not rounded: round only when presenting.
 */
export function fullTimeMonthsBetween(from: IsoDate, to: IsoDate, extentPercent: number): number {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  if (!a || !b) throw new Error(`not an ISO date: ${from} / ${to}`);
  if (to < from) return 0;
  let months = 0;
  let year = a.year;
  let month = a.month;
  for (;;) {
    const length = daysInMonth(year, month);
    const first = year === a.year && month === a.month ? a.day : 1;
    const last = year === b.year && month === b.month ? b.day : length;
    months += (last - first + 1) / length;
    if (year === b.year && month === b.month) break;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return (months * extentPercent) / 100;
}

/** Rounds full-time months to two decimals, as the API shows them. */
export function roundMonths(months: number): number {
  return Math.round((months + Number.EPSILON) * 100) / 100;
}

/**
 * Comparisons of served months allow for floating-point noise: 4.5 months built from day
 * fractions may come out as 4.4999999999. Exactly the completion share must count.
 */
export const MONTHS_EPSILON = 1e-9;

export function atLeast(served: number, required: number): boolean {
  return served + MONTHS_EPSILON >= required;
}
