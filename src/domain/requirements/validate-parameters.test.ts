import { describe, expect, it } from 'vitest';
import type { RequirementTemplate } from './requirement-template.js';
import { EMPLOYMENT_CONDITION, RESERVED_EXECUTION, RESERVED_PARTICIPATION } from './starter-templates.js';
import { DEFAULT_TARGET_GROUPS } from './target-groups.js';
import { validateParameters, type ParameterErrorCode } from './validate-parameters.js';

const template = EMPLOYMENT_CONDITION;

describe('validateParameters: defaults', () => {
  it('applies every default when nothing is given', () => {
    const result = validateParameters(template, {});
    expect(result).toEqual({
      ok: true,
      values: {
        target_groups: ['long_term_unemployed', 'newly_arrived', 'young_without_upper_secondary', 'disability', 'income_support'],
        positions: 2,
        employment_months: 6,
        employment_form: 'las_employment',
        first_hire_within_months: 6,
        completion_percent: 75,
        reporting_interval_months: 3,
        correction_days: 30,
        penalty_ore: 5_000_000,
      },
    });
  });

  it('a given value replaces the default; null counts as not given', () => {
    const result = validateParameters(template, { positions: 5, employment_months: null });
    expect(result.ok && result.values['positions']).toBe(5);
    expect(result.ok && result.values['employment_months']).toBe(6);
  });

  it('a parameter without a default is required', () => {
    const noDefault: RequirementTemplate = {
      ...template,
      parameters: template.parameters.map((p) => (p.key === 'positions' ? { ...p, default: undefined } : p)),
    };
    const result = validateParameters(noDefault, {});
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => [e.parameter, e.code])).toEqual([['positions', 'required']]);
  });
});

type Case = [name: string, values: Record<string, unknown>, parameter: string, code: ParameterErrorCode];

const cases: Case[] = [
  // integer: positions 1..100
  ['positions 0 is below the minimum of 1', { positions: 0 }, 'positions', 'out_of_range'],
  ['positions 101 is above the maximum of 100', { positions: 101 }, 'positions', 'out_of_range'],
  ['positions 2.5 is not a whole number', { positions: 2.5 }, 'positions', 'wrong_type'],
  ['positions "3" as a string is the wrong type', { positions: '3' }, 'positions', 'wrong_type'],
  ['positions NaN is the wrong type', { positions: Number.NaN }, 'positions', 'wrong_type'],
  // percent: completion 50..100
  ['completion 49.9 % is below 50 %', { completion_percent: 49.9 }, 'completion_percent', 'out_of_range'],
  ['completion 100.1 % is above 100 %', { completion_percent: 100.1 }, 'completion_percent', 'out_of_range'],
  // money in öre
  ['a negative penalty is out of range', { penalty_ore: -1 }, 'penalty_ore', 'out_of_range'],
  ['a penalty with a fraction of an öre is the wrong type', { penalty_ore: 100.5 }, 'penalty_ore', 'wrong_type'],
  ['a penalty above 1 000 000 kr is out of range', { penalty_ore: 100_000_001 }, 'penalty_ore', 'out_of_range'],
  // enum
  ['an employment form outside the options is refused', { employment_form: 'gig' }, 'employment_form', 'unknown_option'],
  ['an employment form given as a number is the wrong type', { employment_form: 1 }, 'employment_form', 'wrong_type'],
  // target groups
  ['an empty target-group list is too few', { target_groups: [] }, 'target_groups', 'too_few'],
  ['an unknown target-group code is refused', { target_groups: ['pensioners'] }, 'target_groups', 'unknown_option'],
  ['a repeated target group is a duplicate', { target_groups: ['newly_arrived', 'newly_arrived'] }, 'target_groups', 'duplicate'],
  ['target groups as a string are the wrong type', { target_groups: 'newly_arrived' }, 'target_groups', 'wrong_type'],
  // unknown keys
  ['a parameter the template lacks is reported by name', { salary: 1 }, 'salary', 'unknown_parameter'],
];

describe('validateParameters: each parameter kind refuses what it must', () => {
  it.each(cases)('%s', (_name, values, parameter, code) => {
    const result = validateParameters(template, values);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ parameter, code });
    expect(result.errors[0]?.message.sv.length).toBeGreaterThan(0);
    expect(result.errors[0]?.message.en.length).toBeGreaterThan(0);
  });

  it.each([
    ['positions at the minimum 1', { positions: 1 }],
    ['positions at the maximum 100', { positions: 100 }],
    ['completion at exactly 50 %', { completion_percent: 50 }],
    ['completion at exactly 100 %', { completion_percent: 100 }],
    ['completion 87.5 %', { completion_percent: 87.5 }],
    ['a zero penalty', { penalty_ore: 0 }],
    ['a single target group', { target_groups: ['designated_areas'] }],
  ])('accepts %s', (_name, values) => {
    expect(validateParameters(template, values).ok).toBe(true);
  });

  it('reports every error at once and names each parameter in the message', () => {
    const result = validateParameters(template, { positions: 0, employment_form: 'gig' });
    expect(!result.ok && result.errors.map((e) => e.parameter)).toEqual(['positions', 'employment_form']);
    expect(!result.ok && result.errors[0]?.message).toEqual({
      sv: '”Antal anställningar” måste vara mellan 1 och 100.',
      en: '"Number of hires" must be between 1 and 100.',
    });
  });
});

describe('validateParameters: organisation-specific target groups', () => {
  it('checks codes against the list it is given, not the defaults', () => {
    const own = [...DEFAULT_TARGET_GROUPS, { code: 'hisingen_residents', label: { sv: 'boende på Hisingen', en: 'residents of Hisingen' } }];
    expect(validateParameters(template, { target_groups: ['hisingen_residents'] }, own).ok).toBe(true);
    expect(validateParameters(template, { target_groups: ['hisingen_residents'] }).ok).toBe(false);
  });
});

describe('validateParameters: text', () => {
  it.each([
    ['a single string is accepted and trimmed', { programme_description: '  samma text  ' }, true],
    ['a Swedish and English pair is accepted', { programme_description: { sv: 'a', en: 'b' } }, true],
    ['an empty string is required', { programme_description: '   ' }, false],
    ['301 characters exceed the 300 limit', { programme_description: 'x'.repeat(301) }, false],
    ['exactly 300 characters are accepted', { programme_description: 'x'.repeat(300) }, true],
    ['a pair with a too long English text is refused', { programme_description: { sv: 'a', en: 'x'.repeat(301) } }, false],
    ['a number is the wrong type', { programme_description: 5 }, false],
  ] as const)('%s', (_name, values, ok) => {
    expect(validateParameters(RESERVED_EXECUTION, values).ok).toBe(ok);
  });
});

describe('validateParameters: LOU 4 kap. 18 § floor', () => {
  it('refuses a reserved-contract share under 30 % and accepts exactly 30 %', () => {
    expect(validateParameters(RESERVED_PARTICIPATION, { share_percent: 29 }).ok).toBe(false);
    expect(validateParameters(RESERVED_PARTICIPATION, { share_percent: 30 }).ok).toBe(true);
  });
});
