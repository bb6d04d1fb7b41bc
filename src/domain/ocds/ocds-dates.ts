import type { IsoDate } from '../procurement/procurement.js';

/**
 * Date handling for OCDS, whose periods are date-times with an offset while the register keeps
 * calendar dates (the time of day of a contract start means nothing). A calendar date becomes the
 * start (00:00:00) or end (23:59:59) of that day in Swedish time, as OCDS asks for local time when
 * only the date is known.
 */

const TIME_ZONE = 'Europe/Stockholm';
const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' });

function parse(date: IsoDate): { y: number; m: number; d: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Not an ISO calendar date: ${date}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

const iso = (utc: Date): IsoDate => utc.toISOString().slice(0, 10);

/** The Swedish UTC offset on a date, `+01:00` in winter and `+02:00` in summer. */
export function stockholmOffset(date: IsoDate): string {
  const { y, m, d } = parse(date);
  // Noon UTC is the same Swedish calendar day and hours away from the 01:00 UTC switch.
  const name = offsetFormat.formatToParts(new Date(Date.UTC(y, m - 1, d, 12))).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const offset = name.replace('GMT', '');
  return offset === '' ? '+00:00' : offset;
}

/** `2026-04-01` → `2026-04-01T00:00:00+02:00`. */
export function startOfDay(date: IsoDate): string {
  return `${date}T00:00:00${stockholmOffset(date)}`;
}

/** `2028-03-31` → `2028-03-31T23:59:59+02:00`. */
export function endOfDay(date: IsoDate): string {
  return `${date}T23:59:59${stockholmOffset(date)}`;
}

/**
 * The date `months` calendar months after `date`, clamped to the end of a shorter month
 * (31 January + 1 month = 28 or 29 February).
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { y, m, d } = parse(date);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return iso(new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))));
}

/** The date `days` days after `date` (negative goes back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const { y, m, d } = parse(date);
  return iso(new Date(Date.UTC(y, m - 1, d + days)));
}

/** Whole days from `from` to `to`. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const a = parse(from);
  const b = parse(to);
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86_400_000);
}

/**
 * A duration in days when only a count of units is known. OCP's eForms guidance ("convert a
 * duration to a number of days") counts a month as 30 days and a year as 365.
 */
export function durationToDays(value: number, unit: string): number | null {
  const perUnit: Record<string, number> = { DAY: 1, WEEK: 7, MONTH: 30, YEAR: 365 };
  const factor = perUnit[unit.toUpperCase()];
  return factor === undefined ? null : Math.round(value * factor);
}
