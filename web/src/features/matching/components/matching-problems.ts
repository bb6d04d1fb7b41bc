import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-client';
import { fieldKeyOf, translateProblem, type FieldErrors } from '../../../lib/problems';
import { useFormSubmit, type FormSubmit } from '../../../lib/use-form-submit';

/**
 * Field errors of a participants or matching request (problem+json `errors[]`), keyed like the
 * forms' fields (`/body/identity/personalIdentityNumber` → `identity.personalIdentityNumber`).
 * The codes this API adds are translated under `matching.errors`; the general ones as elsewhere.
 */
export function matchingFieldErrorsOf(error: unknown, t: TFunction, rename: (key: string) => string = (key) => key): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  const out: FieldErrors = {};
  for (const p of error.fieldProblems) {
    const key = rename(fieldKeyOf(p.path));
    out[key] ??= t(`matching.errors.${p.code}`, { defaultValue: t(`contracts.errors.${p.code}`, { defaultValue: translateProblem(t, p) }) });
  }
  return out;
}

/** A sentence for a failed request: the feature's own codes first. */
export function describeMatchingError(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    return t(`matching.errors.${error.code}`, { defaultValue: t(`errors.codes.${error.code}`, { defaultValue: t('errors.codes.unknown') }) });
  }
  return t('errors.codes.unknown');
}

/**
 * The submit flow of a participants or matching form (`useFormSubmit` with this feature's error
 * texts); `rename` maps the server's field names onto the form's where they differ.
 */
export function useMatchingForm(rename?: (key: string) => string): FormSubmit {
  const { t } = useTranslation();
  return useFormSubmit({ fieldErrorsOf: (error) => matchingFieldErrorsOf(error, t, rename), describeError: (error) => describeMatchingError(error, t) });
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** Today in Sweden, as the server counts days (consents and outcomes are dated in Swedish time). */
export const swedishToday = (): string => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });

/** A comma-separated list as typed, trimmed, without empty or repeated entries. */
export function listOf(text: string): string[] {
  return [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))];
}

/** A whole number within bounds as typed ("100", " 50 "), or null. */
export function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null;
  const n = Number(text.trim());
  return n >= min && n <= max ? n : null;
}

/** The name of a language code in the page's language ("arabiska", "Arabic"), from the browser's own list. */
export function languageName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language === 'en' ? 'en' : 'sv'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
