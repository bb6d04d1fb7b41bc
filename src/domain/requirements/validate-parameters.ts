import { formatOreAsSek, formatPercent } from '../shared/format.js';
import type { LocalizedText } from '../shared/localized-text.js';
import type { ParameterDefinition, ParameterValue, ParameterValues, RequirementTemplate } from './requirement-template.js';
import { DEFAULT_TARGET_GROUPS, type TargetGroup } from './target-groups.js';

export type ParameterErrorCode =
  | 'required'
  | 'wrong_type'
  | 'out_of_range'
  | 'too_long'
  | 'unknown_option'
  | 'too_few'
  | 'duplicate'
  | 'unknown_parameter';

export interface ParameterError {
  /** The parameter's key (`positions`), which is also its placeholder name. */
  parameter: string;
  code: ParameterErrorCode;
  message: LocalizedText;
}

export type ParameterValidation =
  | { ok: true; values: ParameterValues }
  | { ok: false; errors: ParameterError[] };

function isLocalizedText(value: unknown): value is LocalizedText {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return typeof record['sv'] === 'string' && typeof record['en'] === 'string' && Object.keys(record).length === 2;
}

type Check = { value: ParameterValue } | { error: Omit<ParameterError, 'parameter'> };

const fail = (code: ParameterErrorCode, sv: string, en: string): Check => ({ error: { code, message: { sv, en } } });

function quote(def: ParameterDefinition): LocalizedText {
  return { sv: `”${def.label.sv}”`, en: `"${def.label.en}"` };
}

function checkNumberInRange(def: ParameterDefinition & { min: number; max?: number }, value: unknown, wholeNumber: boolean, show: (n: number, lang: 'sv' | 'en') => string): Check {
  const name = quote(def);
  if (typeof value !== 'number' || !Number.isFinite(value) || (wholeNumber && !Number.isInteger(value))) {
    return wholeNumber
      ? fail('wrong_type', `${name.sv} måste vara ett heltal.`, `${name.en} must be a whole number.`)
      : fail('wrong_type', `${name.sv} måste vara ett tal.`, `${name.en} must be a number.`);
  }
  const max = def.max;
  if (value < def.min || (max !== undefined && value > max)) {
    return max === undefined
      ? fail('out_of_range', `${name.sv} måste vara minst ${show(def.min, 'sv')}.`, `${name.en} must be at least ${show(def.min, 'en')}.`)
      : fail(
          'out_of_range',
          `${name.sv} måste vara mellan ${show(def.min, 'sv')} och ${show(max, 'sv')}.`,
          `${name.en} must be between ${show(def.min, 'en')} and ${show(max, 'en')}.`,
        );
  }
  return { value };
}

function checkValue(def: ParameterDefinition, value: unknown, targetGroups: readonly TargetGroup[]): Check {
  const name = quote(def);
  switch (def.kind) {
    case 'integer':
      return checkNumberInRange(def, value, true, (n) => String(n));
    case 'percent':
      return checkNumberInRange(def, value, false, formatPercent);
    case 'money_ore':
      // Money is integer öre everywhere (STYLE.md), so a fraction of an öre is a type error.
      return checkNumberInRange(def, value, true, formatOreAsSek);
    case 'enum': {
      if (typeof value !== 'string') return fail('wrong_type', `${name.sv} måste vara ett av alternativen.`, `${name.en} must be one of the options.`);
      if (!def.options.some((o) => o.value === value)) {
        const sv = def.options.map((o) => o.label.sv).join(', ');
        const en = def.options.map((o) => o.label.en).join(', ');
        return fail('unknown_option', `${name.sv} måste vara något av: ${sv}.`, `${name.en} must be one of: ${en}.`);
      }
      return { value };
    }
    case 'text': {
      const texts = typeof value === 'string' ? [value] : isLocalizedText(value) ? [value.sv, value.en] : null;
      if (texts === null) return fail('wrong_type', `${name.sv} måste vara text.`, `${name.en} must be text.`);
      const trimmed = texts.map((t) => t.trim());
      if (trimmed.some((t) => t === '')) return fail('required', `${name.sv} måste fyllas i.`, `${name.en} must be filled in.`);
      if (trimmed.some((t) => t.length > def.maxLength)) {
        return fail('too_long', `${name.sv} får vara högst ${def.maxLength} tecken.`, `${name.en} may be at most ${def.maxLength} characters.`);
      }
      return { value: trimmed.length === 1 ? (trimmed[0] ?? '') : { sv: trimmed[0] ?? '', en: trimmed[1] ?? '' } };
    }
    case 'target_groups': {
      if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
        return fail('wrong_type', `${name.sv} måste vara en lista med målgrupper.`, `${name.en} must be a list of target groups.`);
      }
      const unknown = value.filter((code) => !targetGroups.some((g) => g.code === code));
      if (unknown.length > 0) {
        return fail('unknown_option', `${name.sv} innehåller okända målgrupper: ${unknown.join(', ')}.`, `${name.en} contains unknown target groups: ${unknown.join(', ')}.`);
      }
      if (new Set(value).size !== value.length) {
        return fail('duplicate', `${name.sv} innehåller samma målgrupp flera gånger.`, `${name.en} lists the same target group more than once.`);
      }
      if (value.length < def.minItems) {
        return fail('too_few', `Välj minst ${def.minItems} målgrupp${def.minItems === 1 ? '' : 'er'} för ${name.sv}.`, `Choose at least ${def.minItems} target group${def.minItems === 1 ? '' : 's'} for ${name.en}.`);
      }
      return { value: [...value] };
    }
  }
}

/**
 * Checks the values a buyer filled in for a template and applies the template's defaults.
 * Every error names the parameter (its key) and says what is wrong in Swedish and English.
 * A parameter without a default must be given. Target-group codes are checked against the
 * organisation's list (`targetGroups`, Hänsyn's defaults when omitted).
 */
export function validateParameters(
  template: RequirementTemplate,
  values: Readonly<Record<string, unknown>>,
  targetGroups: readonly TargetGroup[] = DEFAULT_TARGET_GROUPS,
): ParameterValidation {
  const errors: ParameterError[] = [];
  const result: ParameterValues = {};
  for (const key of Object.keys(values)) {
    if (!template.parameters.some((p) => p.key === key)) {
      errors.push({
        parameter: key,
        code: 'unknown_parameter',
        message: { sv: `Mallen har ingen parameter som heter ”${key}”.`, en: `The template has no parameter called "${key}".` },
      });
    }
  }
  for (const def of template.parameters) {
    const given = values[def.key];
    const value = given === undefined || given === null ? def.default : given;
    if (value === undefined) {
      const name = quote(def);
      errors.push({ parameter: def.key, code: 'required', message: { sv: `${name.sv} måste fyllas i.`, en: `${name.en} must be filled in.` } });
      continue;
    }
    const check = checkValue(def, value, targetGroups);
    if ('error' in check) errors.push({ parameter: def.key, ...check.error });
    else result[def.key] = check.value;
  }
  return errors.length === 0 ? { ok: true, values: result } : { ok: false, errors };
}
