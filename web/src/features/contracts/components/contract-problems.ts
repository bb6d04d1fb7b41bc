import type { TFunction } from 'i18next';
import { ApiError } from '../../../lib/api-client';
import { fieldKeyOf, translateProblem, type FieldErrors } from '../../../lib/problems';

/**
 * Field errors of a contracts request (problem+json `errors[]`), keyed like the form's fields.
 * Codes the contracts API adds are translated in the `contracts.errors` section; the general
 * ones (`minimum`, `format` …) as everywhere else.
 */
export function contractFieldErrorsOf(error: unknown, t: TFunction): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  const out: FieldErrors = {};
  for (const p of error.fieldProblems) {
    const key = fieldKeyOf(p.path);
    out[key] ??= t(`contracts.errors.${p.code}`, { defaultValue: translateProblem(t, p) });
  }
  return out;
}

/** A sentence for a failed contracts request: the feature's own codes first. */
export function describeContractError(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    return t(`contracts.errors.${error.code}`, { defaultValue: t(`errors.codes.${error.code}`, { defaultValue: t('errors.codes.unknown') }) });
  }
  return t('errors.codes.unknown');
}
