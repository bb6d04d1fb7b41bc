import { formatSek, oreToSekInput, parseDecimal, parseInteger, parseSekToOre } from '../../../lib/format';
import { validateParameters } from '../../../../../src/domain/requirements/validate-parameters.js';
import type { LocalizedText, ParameterDefinition } from '../api/requirements-api';

/** What a parameter field holds while the person types: text, a list of codes, or text per language. */
export type ParameterInput = string | string[] | { sv: string; en: string };

const isLocalized = (value: unknown): value is { sv: string; en: string } =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'sv' in value && 'en' in value;

/** A stored value (or the definition's default) as the field shows it: öre become kronor. */
export function toParameterInput(definition: ParameterDefinition, value: unknown): ParameterInput {
  const v = value === undefined || value === null ? definition.default : value;
  switch (definition.kind) {
    case 'target_groups':
      return Array.isArray(v) ? v.map(String) : [];
    case 'money_ore':
      return typeof v === 'number' ? oreToSekInput(v) : '';
    case 'integer':
    case 'percent':
      return typeof v === 'number' ? String(v).replace('.', ',') : '';
    case 'enum':
      return typeof v === 'string' ? v : '';
    case 'text':
      if (isLocalized(v)) return { sv: v.sv, en: v.en };
      return typeof v === 'string' ? v : '';
  }
}

export type ParameterProblem = 'invalidWholeNumber' | 'invalidNumber' | 'invalidAmount';

/**
 * The field's text as the API takes it (kronor → öre). Empty fields are left out so the
 * server applies the default or says the value is required; text that is not a number is a
 * problem for the form itself.
 */
export function fromParameterInput(definition: ParameterDefinition, input: ParameterInput): { value?: unknown; problem?: ParameterProblem } {
  if (Array.isArray(input)) return { value: input };
  if (typeof input !== 'string') return input.sv.trim() === '' && input.en.trim() === '' ? {} : { value: input };
  if (input.trim() === '') return {};
  switch (definition.kind) {
    case 'integer': {
      const n = parseInteger(input);
      return n === null ? {} : Number.isNaN(n) ? { problem: 'invalidWholeNumber' } : { value: n };
    }
    case 'percent': {
      const n = parseDecimal(input);
      return n === null ? {} : Number.isNaN(n) ? { problem: 'invalidNumber' } : { value: n };
    }
    case 'money_ore': {
      const n = parseSekToOre(input);
      return n === null ? {} : Number.isNaN(n) ? { problem: 'invalidAmount' } : { value: n };
    }
    default:
      return { value: input };
  }
}

/** "Between 1 and 100", for the field's description. */
export function rangeOf(definition: ParameterDefinition): { min: string; max: string } | null {
  if (definition.kind === 'integer' || definition.kind === 'percent') return { min: String(definition.min), max: String(definition.max) };
  if (definition.kind === 'money_ore' && definition.max !== undefined) return { min: formatSek(definition.min), max: formatSek(definition.max) };
  return null;
}

/**
 * Every parameter of one requirement at once: the typed text converted (a text that is not a
 * number is the form's own problem), then the converted values checked by the domain's
 * `validateParameters` — the rule the server applies — so "0 positions" and "penalty abc" are
 * both reported in one round. `targetGroups` null skips the target-group codes (not loaded yet).
 */
export function checkParameterInputs(
  definitions: readonly ParameterDefinition[],
  inputs: Readonly<Record<string, ParameterInput>>,
  targetGroups: ReadonlyArray<{ code: string; label: LocalizedText }> | null,
): { parameters: Record<string, unknown>; problems: Record<string, ParameterProblem>; ruleErrors: Record<string, { code: string; message: LocalizedText }> } {
  const parameters: Record<string, unknown> = {};
  const problems: Record<string, ParameterProblem> = {};
  for (const definition of definitions) {
    const { value, problem } = fromParameterInput(definition, inputs[definition.key] ?? '');
    if (problem) problems[definition.key] = problem;
    else if (value !== undefined) parameters[definition.key] = value;
  }
  const ruleErrors: Record<string, { code: string; message: LocalizedText }> = {};
  const checked = definitions.filter((d) => problems[d.key] === undefined && (targetGroups !== null || d.kind !== 'target_groups'));
  const result = validateParameters(
    { parameters: checked } as unknown as Parameters<typeof validateParameters>[0],
    Object.fromEntries(Object.entries(parameters).filter(([key]) => checked.some((d) => d.key === key))),
    targetGroups ?? [],
  );
  if (!result.ok) for (const error of result.errors) ruleErrors[error.parameter] ??= { code: error.code, message: error.message };
  return { parameters, problems, ruleErrors };
}
