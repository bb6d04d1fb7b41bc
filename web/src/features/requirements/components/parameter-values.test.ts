import { describe, expect, it } from 'vitest';
import type { ParameterDefinition } from '../api/requirements-api';
import { isJustificationRequired } from './decision-form';
import { checkParameterInputs, fromParameterInput, rangeOf, toParameterInput } from './parameter-values';

const label = { sv: 'x', en: 'x' };
const integer: ParameterDefinition = { kind: 'integer', key: 'positions', label, min: 1, max: 100, default: 2 };
const percent: ParameterDefinition = { kind: 'percent', key: 'completion_percent', label, min: 50, max: 100, default: 75 };
const money: ParameterDefinition = { kind: 'money_ore', key: 'penalty_ore', label, min: 0, default: 5_000_000 };
const groups: ParameterDefinition = { kind: 'target_groups', key: 'target_groups', label, minItems: 1, default: ['newly_arrived'] };
const text: ParameterDefinition = { kind: 'text', key: 'contact', label, maxLength: 100, default: { sv: 'stödfunktionen', en: 'the coordinator' } };

describe('parameter fields', () => {
  it.each([
    ['an integer default', integer, undefined, '2'],
    ['a stored integer over the default', integer, 7, '7'],
    ['a percentage with a decimal comma', percent, 72.5, '72,5'],
    ['öre as kronor', money, undefined, '50000'],
    ['target groups as codes', groups, undefined, ['newly_arrived']],
    ['text in both languages', text, undefined, { sv: 'stödfunktionen', en: 'the coordinator' }],
  ])('shows %s', (_name, definition, value, expected) => {
    expect(toParameterInput(definition, value)).toEqual(expected);
  });

  it.each([
    ['a whole number', integer, '4', { value: 4 }],
    ['an empty field as left out (the server applies the default)', integer, ' ', {}],
    ['a decimal where a whole number is wanted as a problem', integer, '2,5', { problem: 'invalidWholeNumber' }],
    ['a percentage with a comma', percent, '72,5', { value: 72.5 }],
    ['kronor with spaces as öre', money, '75 000', { value: 7_500_000 }],
    ['kronor that are not an amount as a problem', money, 'många', { problem: 'invalidAmount' }],
    ['chosen target groups as they are', groups, ['disability'], { value: ['disability'] }],
  ])('sends %s', (_name, definition, input, expected) => {
    expect(fromParameterInput(definition, input)).toEqual(expected);
  });

  it('describes the range of numbers, and none for other kinds', () => {
    expect(rangeOf(integer)).toEqual({ min: '1', max: '100' });
    expect(rangeOf(groups)).toBeNull();
    expect(rangeOf(money)).toBeNull();
  });
});

describe('comply or explain', () => {
  it.each([
    ['recommended', 'apply', false],
    ['recommended', 'none', true],
    ['not_recommended', 'none', false],
    ['not_recommended', 'apply', true],
    ['needs_assessment', 'apply', true],
    ['needs_assessment', 'none', true],
    ['needs_assessment', null, false],
  ] as const)('after %s, choosing %s needs a justification: %s', (recommendation, kind, expected) => {
    expect(isJustificationRequired(recommendation, kind)).toBe(expected);
  });
});

describe('checkParameterInputs', () => {
  it('reports a number out of range beside an amount that is not a number, in one round (issue 11)', () => {
    const result = checkParameterInputs([integer, money, groups], { positions: '0', penalty_ore: 'abc', target_groups: ['newly_arrived'] }, [
      { code: 'newly_arrived', label },
    ]);
    expect(result.problems).toEqual({ penalty_ore: 'invalidAmount' });
    expect(Object.keys(result.ruleErrors)).toEqual(['positions']);
    expect(result.ruleErrors.positions).toMatchObject({ code: 'out_of_range', message: { en: expect.stringContaining('between 1 and 100') } });
  });

  it('checks target groups only once the list is known, and passes valid values through', () => {
    expect(checkParameterInputs([groups], { target_groups: ['nobody'] }, null).ruleErrors).toEqual({});
    expect(Object.keys(checkParameterInputs([groups], { target_groups: ['nobody'] }, []).ruleErrors)).toEqual(['target_groups']);
    expect(checkParameterInputs([integer], { positions: '4' }, []).parameters).toEqual({ positions: 4 });
  });
});
