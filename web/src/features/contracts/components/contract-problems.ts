import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-client';
import { fieldKeyOf, translateProblem, type FieldErrors } from '../../../lib/problems';
import { useFormSubmit, type FormSubmit } from '../../../lib/use-form-submit';

/**
 * Field errors of a contracts request (problem+json `errors[]`), keyed like the form's fields.
 * Codes the contracts API adds are translated in the `contracts.errors` section; the general
 * ones (`minimum`, `format` …) as everywhere else.
 */
export function contractFieldErrorsOf(error: unknown, t: TFunction, rename: (key: string) => string = (key) => key): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  const out: FieldErrors = {};
  for (const p of error.fieldProblems) {
    const key = rename(fieldKeyOf(p.path));
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

/**
 * The submit flow of a contracts form (`useFormSubmit` with this feature's error texts);
 * `rename` maps the server's field names onto the form's where they differ.
 */
export function useContractForm({ rename, announceErrors }: { rename?: (key: string) => string; announceErrors?: boolean } = {}): FormSubmit {
  const { t } = useTranslation();
  return useFormSubmit({ fieldErrorsOf: (error) => contractFieldErrorsOf(error, t, rename), describeError: (error) => describeContractError(error, t), announceErrors });
}
