/**
 * Swedish personal identity numbers (personnummer, Skatteverket SKV 704) and coordination
 * numbers (samordningsnummer, SKV 707: the day of birth plus 60). Pure: the caller passes
 * today's date, which decides the century of a ten-digit number.
 */

import { luhnCheckDigit } from '../shared/luhn.js';

export type IdentityNumberKind = 'personal_identity_number' | 'coordination_number';

export type IdentityNumberResult =
  | { valid: true; /** Twelve digits, YYYYMMDDNNNC: the one stored and hashed form. */ normalised: string; kind: IdentityNumberKind }
  | { valid: false; reason: 'format' | 'date' | 'checksum' };


/** Accepted spellings: YYYYMMDDNNNC, YYYYMMDD-NNNC, YYMMDDNNNC, YYMMDD-NNNC, YYMMDD+NNNC (100 years or older). */
const PATTERN = /^(\d{2})?(\d{6})([-+])?(\d{4})$/;


function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= daysInMonth;
}

/**
 * Validates and normalises a personal identity or coordination number.
 * A ten-digit number gets the latest century that does not put the birth after `today`
 * (`YYYY-MM-DD`); a `+` separator means the person is 100 or older (SKV 704 §4).
 */
export function parseIdentityNumber(input: string, today: string): IdentityNumberResult {
  const match = PATTERN.exec(input.trim());
  if (!match) return { valid: false, reason: 'format' };
  const [, century, yymmdd = '', separator, last4 = ''] = match;
  // The birth number 000 is never issued (SKV 704), so such a number is a typing error.
  if (last4.startsWith('000')) return { valid: false, reason: 'format' };
  const yy = Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  const rawDay = Number(yymmdd.slice(4, 6));
  const kind: IdentityNumberKind = rawDay > 60 ? 'coordination_number' : 'personal_identity_number';
  const day = kind === 'coordination_number' ? rawDay - 60 : rawDay;
  let year: number;
  if (century !== undefined) {
    year = Number(century) * 100 + yy;
  } else {
    const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
    year = Math.floor(ty / 100) * 100 + yy;
    const afterToday = year > ty || (year === ty && (month > tm || (month === tm && day > td)));
    if (afterToday) year -= 100;
    if (separator === '+') year -= 100;
  }
  if (!isCalendarDate(year, month, day)) return { valid: false, reason: 'date' };
  if (luhnCheckDigit(yymmdd + last4.slice(0, 3)) !== Number(last4[3])) return { valid: false, reason: 'checksum' };
  return { valid: true, normalised: `${String(year).padStart(4, '0')}${yymmdd.slice(2)}${last4}`, kind };
}

/** The readable form YYYYMMDD-NNNC of a normalised number. */
export function formatIdentityNumber(normalised: string): string {
  return `${normalised.slice(0, 8)}-${normalised.slice(8)}`;
}
