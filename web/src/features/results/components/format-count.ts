import { formatOreAsSek } from '../../../../../src/domain/shared/format.js';
import type { TFunction } from 'i18next';

/** A person count as text: the number, or the word for a suppressed count. */
export function formatCount(count: number | { suppressed: true }, t: TFunction, language: string): string {
  return typeof count === 'number' ? count.toLocaleString(language === 'en' ? 'en-GB' : 'sv-SE') : t('results.suppressed');
}

/** Öre rounded to whole kronor, in the app's one money format (src/domain/shared/format.ts). */
export function formatKronor(ore: number, language: string): string {
  return formatOreAsSek(Math.round(ore / 100) * 100, language === 'en' ? 'en' : 'sv');
}
