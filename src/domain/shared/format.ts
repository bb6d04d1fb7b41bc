import type { Ore } from '../procurement/procurement.js';
import type { Language } from './localized-text.js';

/** No-break space: keeps "25 000 kr" on one line in Swedish typography. */
const NBSP = '\u00a0';

function groupThousands(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/**
 * Formats an integer for running text: Swedish groups thousands with a (no-break) space,
 * English with a comma. Deliberately not `Intl`, so output is identical on every ICU build.
 */
export function formatInteger(value: number, lang: Language): string {
  const sign = value < 0 ? '-' : '';
  const digits = String(Math.abs(Math.trunc(value)));
  return sign + groupThousands(digits, lang === 'sv' ? NBSP : ',');
}

/**
 * Formats integer öre as Swedish kronor: `25 000 kr` / `SEK 25,000`. Öre are shown only when
 * the amount is not whole kronor (`1 234,50 kr` / `SEK 1,234.50`).
 */
export function formatOreAsSek(ore: Ore, lang: Language): string {
  const negative = ore < 0;
  const abs = Math.abs(Math.trunc(ore));
  const kronor = formatInteger(Math.floor(abs / 100), lang);
  const rest = abs % 100;
  const decimals = rest === 0 ? '' : (lang === 'sv' ? ',' : '.') + String(rest).padStart(2, '0');
  const sign = negative ? '-' : '';
  return lang === 'sv' ? `${sign}${kronor}${decimals}${NBSP}kr` : `${sign}SEK${NBSP}${kronor}${decimals}`;
}

/**
 * Öre as a plain kronor figure, as a person types it and Swedish Excel reads it: `1234567,89`,
 * `12000000` (no grouping, no unit, decimal comma only when there are öre). Non-negative amounts.
 */
export function formatOreAsPlainSek(ore: Ore): string {
  const whole = Math.floor(ore / 100);
  const rest = ore % 100;
  return rest === 0 ? String(whole) : `${whole},${String(rest).padStart(2, '0')}`;
}

/** Formats a percentage: Swedish puts a space before the sign (`75 %`), English does not (`75%`). */
export function formatPercent(value: number, lang: Language): string {
  const number = Number.isInteger(value) ? String(value) : String(value).replace('.', lang === 'sv' ? ',' : '.');
  return lang === 'sv' ? `${number}${NBSP}%` : `${number}%`;
}

/**
 * Joins a list the way each language writes it in prose: `a, b och c` / `a, b and c`.
 * No serial comma, matching both Swedish usage and British English.
 */
export function joinList(items: readonly string[], lang: Language): string {
  const conjunction = lang === 'sv' ? 'och' : 'and';
  if (items.length === 0) return '';
  if (items.length === 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1] ?? ''}`;
}

/** Formats a decimal number for running text: `4,5` in Swedish, `4.5` in English. */
export function formatDecimal(value: number, lang: Language): string {
  const rounded = Math.round(value * 100) / 100;
  if (Number.isInteger(rounded)) return formatInteger(rounded, lang);
  const [whole = '0', fraction = ''] = String(rounded).split('.');
  return `${formatInteger(Number(whole), lang)}${lang === 'sv' ? ',' : '.'}${fraction}`;
}
