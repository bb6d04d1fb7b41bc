import type { TFunction } from 'i18next';
import { ApiError, type FieldProblem } from './api-client';

/** Field errors keyed by field path without `/body/`, e.g. `title`, `lots.0.mainCpv`. */
export type FieldErrors = Record<string, string>;

export const fieldKeyOf = (path: string): string => path.replace(/^\/body\/?/, '').replace(/\//g, '.');

/** The catalogue message for an error code, or the server's own message. */
export function translateProblem(t: TFunction, problem: Pick<FieldProblem, 'code' | 'message'>): string {
  return t(`errors.fields.${problem.code}`, { defaultValue: problem.message });
}

export function fieldErrorsOf(error: unknown, t: TFunction): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  const out: FieldErrors = {};
  for (const p of error.fieldProblems) {
    const key = fieldKeyOf(p.path);
    out[key] ??= translateProblem(t, p);
  }
  return out;
}

/** A sentence for any failed request, by problem code. */
export function describeError(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    return t(`errors.codes.${error.code}`, { defaultValue: t('errors.codes.unknown') });
  }
  return t('errors.codes.unknown');
}
