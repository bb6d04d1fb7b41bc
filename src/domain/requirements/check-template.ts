import { Value } from '@sinclair/typebox/value';
import type { LocalizedText } from '../shared/localized-text.js';
import { findPlaceholders, RequirementTemplateSchema, type RequirementTemplate } from './requirement-template.js';
import { DEFAULT_TARGET_GROUPS, type TargetGroup } from './target-groups.js';
import { validateParameters } from './validate-parameters.js';

export type TemplateProblemCode =
  | 'schema'
  | 'duplicate_parameter'
  | 'undefined_placeholder'
  | 'unused_parameter'
  | 'language_mismatch'
  | 'invalid_range'
  | 'invalid_default';

export interface TemplateProblem {
  code: TemplateProblemCode;
  /** The parameter key or schema path concerned, when there is one. */
  subject: string | null;
  message: LocalizedText;
}

/**
 * Lists what would make a template unusable: schema violations, placeholders without a
 * parameter, parameters no text uses, Swedish and English texts that use different
 * placeholders, impossible ranges and defaults that fail their own rules. An empty list means
 * the template can be published.
 */
export function checkTemplate(template: RequirementTemplate, targetGroups: readonly TargetGroup[] = DEFAULT_TARGET_GROUPS): TemplateProblem[] {
  if (!Value.Check(RequirementTemplateSchema, template)) {
    return [...Value.Errors(RequirementTemplateSchema, template)].map((e) => ({
      code: 'schema' as const,
      subject: e.path,
      message: { sv: `Mallen följer inte schemat vid ${e.path}: ${e.message}`, en: `The template does not match the schema at ${e.path}: ${e.message}` },
    }));
  }
  const problems: TemplateProblem[] = [];
  const keys = template.parameters.map((p) => p.key);
  for (const key of new Set(keys.filter((k, i) => keys.indexOf(k) !== i))) {
    problems.push({ code: 'duplicate_parameter', subject: key, message: { sv: `Parametern ${key} finns flera gånger.`, en: `The parameter ${key} is defined more than once.` } });
  }
  const used = {
    sv: new Set([...findPlaceholders(template.body.sv), ...findPlaceholders(template.followUp.sv)]),
    en: new Set([...findPlaceholders(template.body.en), ...findPlaceholders(template.followUp.en)]),
  };
  for (const key of new Set([...used.sv, ...used.en])) {
    if (!keys.includes(key)) {
      problems.push({ code: 'undefined_placeholder', subject: key, message: { sv: `Platshållaren {{${key}}} har ingen parameter.`, en: `The placeholder {{${key}}} has no parameter.` } });
    } else if (used.sv.has(key) !== used.en.has(key)) {
      problems.push({
        code: 'language_mismatch',
        subject: key,
        message: { sv: `{{${key}}} används bara i den ${used.sv.has(key) ? 'svenska' : 'engelska'} texten.`, en: `{{${key}}} is used only in the ${used.sv.has(key) ? 'Swedish' : 'English'} text.` },
      });
    }
  }
  for (const def of template.parameters) {
    if (!used.sv.has(def.key) && !used.en.has(def.key)) {
      problems.push({ code: 'unused_parameter', subject: def.key, message: { sv: `Parametern ${def.key} används inte i någon text.`, en: `The parameter ${def.key} is not used in any text.` } });
    }
    if ((def.kind === 'integer' || def.kind === 'percent' || def.kind === 'money_ore') && def.max !== undefined && def.min > def.max) {
      problems.push({ code: 'invalid_range', subject: def.key, message: { sv: `Parametern ${def.key} har min större än max.`, en: `The parameter ${def.key} has min greater than max.` } });
    }
  }
  const defaults = validateParameters(template, {}, targetGroups);
  if (!defaults.ok) {
    for (const error of defaults.errors.filter((e) => e.code !== 'required')) {
      problems.push({ code: 'invalid_default', subject: error.parameter, message: error.message });
    }
  }
  return problems;
}
