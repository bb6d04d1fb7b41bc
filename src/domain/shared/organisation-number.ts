/**
 * Swedish organisation numbers (organisationsnummer), in one place. An organisation number is ten
 * digits `NNNNNN-NNNN`; the last is a Luhn check digit (Skatteverket SKV 709). Buyers and
 * registers write the same number in several forms, which all mean one organisation:
 * `2120001355`, `212000-1355`, with the century prefix `16` that Skatteverket uses for legal
 * persons (`16212000-1355`, `162120001355`), or as the VAT number `SE212000135501`
 * (eForms BT-501 often carries that). Pure: the server (units, contracts' suppliers), the notice
 * import, the demo seed and the web all call it; there is no second rule.
 */
import { luhnCheckDigit } from './luhn.js';

/**
 * The ten digits of an organisation number written in any of the usual forms, or null when the
 * text is not one of them (the check digit is not tested here; see `hasValidCheckDigit`).
 * Spaces, dashes and other separators are ignored.
 */
export function organisationNumberDigits(written: string): string | null {
  let id = written.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
  if (id.startsWith('SE')) id = id.slice(2);
  if (!/^\d+$/.test(id)) return null;
  // SE + number + 01 is the VAT number; 16 + number is the century form; 16 + number + 01 both.
  if (id.length === 12 && id.endsWith('01') && !id.startsWith('16')) return id.slice(0, 10);
  if (id.length === 12 && id.startsWith('16')) return id.slice(2);
  if (id.length === 14 && id.startsWith('16') && id.endsWith('01')) return id.slice(2, 12);
  return id.length === 10 ? id : null;
}

/** Whether ten digits end in their Luhn check digit (the last digit of every organisation number). */
export function hasValidCheckDigit(digits: string): boolean {
  return /^\d{10}$/.test(digits) && luhnCheckDigit(digits.slice(0, 9)) === Number(digits[9]);
}

/** Nine digits and their Luhn check digit, separated: `212000135` → `212000-1355` (demo data). */
export function withCheckDigit(nineDigits: string): string {
  return formatOrganisationNumber(`${nineDigits}${luhnCheckDigit(nineDigits)}`);
}

/** Ten digits in the separated form registers print: `2120001355` → `212000-1355`. */
export function formatOrganisationNumber(digits: string): string {
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

/** A legal person's number: ten digits (optionally `NNNNNN-NNNN`, or with the century prefix `16`), group 2 ≥ 20. */
const LEGAL_PERSON = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)?(\d{3})(\d)$/;
/** A sole trader (enskild firma) is known by the owner's personnummer or samordningsnummer. */
const SOLE_TRADER = /^(\d{2})?(\d{2})(\d{2})(\d{2})([+-]?)((?!000)\d{3})(\d)$/;

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

function legalPersonNumber(written: string): string | null {
  const match = LEGAL_PERSON.exec(written);
  if (!match) return null;
  const [, century, first = '', group = ''] = match;
  let number = written.replace('-', '');
  if (century !== undefined) {
    if (century !== '16') return null;
    number = number.slice(2);
  }
  // The third and fourth digits are at least 20, so a legal person's number is never a date.
  if (Number(group) < 20 || Number(first) < 10) return null;
  return hasValidCheckDigit(number) ? formatOrganisationNumber(number) : null;
}

function soleTraderNumber(written: string, currentYear: number): string | null {
  const match = SOLE_TRADER.exec(written);
  if (!match) return null;
  const [, century, yy = '', mm = '', dd = '', separator, serial = '', check = ''] = match;
  let fullYear: number;
  let sep: '-' | '+';
  if (century === undefined) {
    // Without a century the separator tells: `+` for someone 100 or older (SKV 704 §4).
    sep = separator === '+' ? '+' : '-';
    const baseYear = sep === '+' ? currentYear - 100 : currentYear;
    fullYear = baseYear - ((baseYear - Number(yy)) % 100);
  } else {
    fullYear = Number(century + yy);
    sep = currentYear - fullYear < 100 ? '-' : '+';
  }
  if (luhnCheckDigit(yy + mm + dd + serial) !== Number(check)) return null;
  // A written century of 00 names no real birth year; the package this rule replaced refused it.
  if (fullYear < 100) return null;
  // A samordningsnummer carries the day of birth plus 60 (SKV 707).
  if (!isCalendarDate(fullYear, Number(mm), Number(dd)) && !isCalendarDate(fullYear, Number(mm), Number(dd) - 60)) return null;
  return `${yy}${mm}${dd}${sep}${serial}${check}`;
}

/**
 * The one rule for an organisation number someone types or imports (units, contract suppliers,
 * the web's forms): a legal person's ten digits with a valid check digit (`2120001355`,
 * `212000-1355`, `16212000-1355`), or a sole trader's personnummer/samordningsnummer
 * (`YYMMDD-NNNC`, `YYYYMMDDNNNC`), answered in the separated form registers print
 * (`212000-1355`; a sole trader `YYMMDD-NNNC`, `+` at 100 or older), or null.
 * `today` (`YYYY-MM-DD`, the caller's clock) decides the century of a ten-digit personnummer and
 * whether its holder is 100. Same answers as the `organisationsnummer` package it replaces.
 */
export function normaliseOrganisationNumber(written: string, today: string): string | null {
  if (written.length < 10 || written.length > 13) return null;
  return legalPersonNumber(written) ?? soleTraderNumber(written, Number(today.slice(0, 4)));
}
