import { addDays, addMonths, type IsoDate } from './calendar.js';

/** Days after a period's end by which its report is due (decision 0402). */
export const REPORT_DUE_DAYS = 14;

export interface ReportingPeriod {
  /** 1 for the first period from contract start. */
  sequence: number;
  startsOn: IsoDate;
  endsOn: IsoDate;
  dueOn: IsoDate;
}

/**
 * The reporting periods of a contract: back-to-back intervals of `intervalMonths` from the
 * contract start (the template: "rapporterar med högst N månaders mellanrum"), the last one cut
 * at the contract end, each due `REPORT_DUE_DAYS` after it ends. Period k starts at start + (k−1)
 * × interval months, so month-end starts do not drift (31 Jan, 30 Apr, 31 Jul …).
 */
export function reportingPeriods(contract: { startsOn: IsoDate; endsOn: IsoDate }, intervalMonths: number, dueDays = REPORT_DUE_DAYS): ReportingPeriod[] {
  if (intervalMonths < 1 || contract.endsOn < contract.startsOn) return [];
  const periods: ReportingPeriod[] = [];
  for (let k = 0; ; k++) {
    const startsOn = addMonths(contract.startsOn, k * intervalMonths);
    if (startsOn > contract.endsOn) break;
    const next = addMonths(contract.startsOn, (k + 1) * intervalMonths);
    const natural = addDays(next, -1);
    const endsOn = natural < contract.endsOn ? natural : contract.endsOn;
    periods.push({ sequence: k + 1, startsOn, endsOn, dueOn: addDays(endsOn, dueDays) });
    if (endsOn === contract.endsOn) break;
  }
  return periods;
}
