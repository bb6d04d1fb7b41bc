/*
 * Calendar dates as ISO strings (`YYYY-MM-DD`), where time of day means nothing: contract
 * starts, hires, report due dates. Pure integer arithmetic, no clock and no time zones, so a
 * date never shifts by a day on a server in another zone.
 */

/** An ISO calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** Whether `year` is a Gregorian leap year (divisible by 4, not by 100 unless by 400). */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month (1–12) of a year: 28–31, February 29 in leap years. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Parses `YYYY-MM-DD`; null for anything else, including dates that do not exist (2025-02-29). */
export function parseIsoDate(value: string): CalendarDate | null {
  const m = ISO_DATE.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** Whether a string is a real calendar date in ISO form. */
export function isIsoDate(value: string): boolean {
  return parseIsoDate(value) !== null;
}

function must(value: IsoDate): CalendarDate {
  const d = parseIsoDate(value);
  if (!d) throw new Error(`not an ISO date: ${value}`);
  return d;
}

/** Formats a calendar date as `YYYY-MM-DD`. */
export function formatIsoDate(d: CalendarDate): IsoDate {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 (proleptic Gregorian), for differences and adding days. */
export function dayNumber(value: IsoDate): number {
  const { year, month, day } = must(value);
  // Howard Hinnant's days_from_civil.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The date `n` days since 1970-01-01. */
export function fromDayNumber(n: number): IsoDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return formatIsoDate({ year, month, day });
}

/** `value` plus `days` (may be negative). */
export function addDays(value: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(value) + days);
}

/** Days from `from` to `to`; positive when `to` is later. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * `value` plus `months` calendar months. A day that does not exist in the target month is
 * clamped to its last day (31 Jan + 1 month = 28/29 Feb), as contract practice reads "one
 * month after 31 January".
 */
export function addMonths(value: IsoDate, months: number): IsoDate {
  const { year, month, day } = must(value);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return formatIsoDate({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) });
}

/** The earlier of two dates. ISO strings compare lexically in date order. */
export const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a <= b ? a : b);
