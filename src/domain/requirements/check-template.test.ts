import { describe, expect, it } from 'vitest';
import { checkTemplate } from './check-template.js';
import type { ParameterDefinition, RequirementTemplate } from './requirement-template.js';
import { DIALOGUE_CLAUSE } from './starter-templates.js';

const base = DIALOGUE_CLAUSE;

/** The dialogue clause with one parameter patched; the cast lets a test build a broken one. */
function patchParameter(key: string, patch: Record<string, unknown>): RequirementTemplate {
  return { ...base, parameters: base.parameters.map((p) => (p.key === key ? ({ ...p, ...patch } as ParameterDefinition) : p)) };
}

describe('checkTemplate', () => {
  it.each<[string, RequirementTemplate, string, string | null]>([
    [
      'a placeholder without a parameter',
      { ...base, body: { sv: `${base.body.sv} {{salary}}`, en: `${base.body.en} {{salary}}` } },
      'undefined_placeholder',
      'salary',
    ],
    [
      'a placeholder used in Swedish only',
      { ...base, body: { sv: base.body.sv, en: base.body.en.replace('{{target_groups}}', 'people') } },
      'language_mismatch',
      'target_groups',
    ],
    [
      'a parameter no text uses',
      { ...base, parameters: [...base.parameters, { kind: 'integer', key: 'unused', label: { sv: 'x', en: 'x' }, min: 0, max: 1, default: 0 }] },
      'unused_parameter',
      'unused',
    ],
    [
      'an integer whose min is above its max',
      patchParameter('correction_days', { min: 50, max: 40, default: 45 }),
      'invalid_range',
      'correction_days',
    ],
    [
      'a default outside its own range',
      patchParameter('correction_days', { default: 5 }),
      'invalid_default',
      'correction_days',
    ],
    [
      'a parameter defined twice',
      { ...base, parameters: [...base.parameters, base.parameters[0]!] },
      'duplicate_parameter',
      'target_groups',
    ],
    ['an empty Swedish title (schema)', { ...base, title: { sv: '', en: 'x' } }, 'schema', '/title/sv'],
  ])('finds %s', (_name, template, code, subject) => {
    const problems = checkTemplate(template);
    expect(problems.map((p) => [p.code, p.subject])).toContainEqual([code, subject]);
  });
});
