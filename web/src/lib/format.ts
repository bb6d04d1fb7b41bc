/** Formatting and parsing of money, numbers and dates for the UI. Money is integer öre. */
import { formatOreAsPlainSek, formatOreAsSek } from '../../../src/domain/shared/format.js';

const localeOf = (language: string): string => (language === 'en' ? 'en-GB' : 'sv-SE');

/**
 * 1 200 000 000 öre → "12 000 000 kr": the domain's one SEK format (also in rendered requirement
 * texts and screening reasons), always Swedish because kronor are.
 */
export function formatSek(ore: number | null | undefined): string {
  if (ore === null || ore === undefined) return '–';
  return formatOreAsSek(ore, 'sv');
}

/** Öre as a plain SEK figure for an input field: 1 200 000 050 → "12000000,50" (as spreadsheets get it). */
export function oreToSekInput(ore: number | null | undefined): string {
  if (ore === null || ore === undefined) return '';
  return formatOreAsPlainSek(ore);
}

/** A share 0–1 as a percentage with at most one decimal: 0.125 → "12,5 %" / "12.5%"; null → "–". */
export function formatShare(share: number | null, language: string): string {
  if (share === null) return '–';
  return new Intl.NumberFormat(localeOf(language), { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/**
 * What a person types as kronor ("12 000 000", "12000000,50", "1.5") → öre, or null for
 * empty input, or NaN when it is not an amount.
 */
export function parseSekToOre(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(/kr$/i, '').replace(',', '.');
  if (cleaned === '') return null;
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return Number.NaN;
  const [whole, fraction = ''] = cleaned.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** A whole number typed in a field → number, null when empty, NaN when not a whole number. */
export function parseInteger(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '');
  if (cleaned === '') return null;
  return /^\d+$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

/** A decimal typed with comma or point → number, null when empty, NaN when invalid. */
export function parseDecimal(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (cleaned === '') return null;
  return /^\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

export function formatNumber(value: number | null | undefined, language: string): string {
  if (value === null || value === undefined) return '–';
  return new Intl.NumberFormat(localeOf(language)).format(value);
}

export function formatDate(iso: string | null | undefined, language: string): string {
  if (!iso) return '–';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00`) : new Date(iso);
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium' }).format(date);
}

export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
