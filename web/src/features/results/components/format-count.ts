import type { TFunction } from 'i18next';

/** A person count as text: the number, or the word for a suppressed count. */
export function formatCount(count: number | { suppressed: true }, t: TFunction, language: string): string {
  return typeof count === 'number' ? count.toLocaleString(language === 'en' ? 'en-GB' : 'sv-SE') : t('results.suppressed');
}

/** Öre as whole kronor. */
export function formatKronor(ore: number, language: string): string {
  return `${Math.round(ore / 100).toLocaleString(language === 'en' ? 'en-GB' : 'sv-SE')} kr`;
}
