import { describe, expect, it } from 'vitest';
import { verifiedTargetGroup, type TargetGroupJudgmentFacts } from './verified-target-group.js';

const j = (code: string, basis: string, assessedOn = '2026-01-10'): TargetGroupJudgmentFacts => ({ code, basis, assessedOn });

describe('verifiedTargetGroup', () => {
  const cases: Array<[string, TargetGroupJudgmentFacts[], string[], string | null]> = [
    ['a verified judgment among the commitment’s groups', [j('long_term_unemployed', 'employment_service_decision')], ['long_term_unemployed'], 'long_term_unemployed'],
    ['a self-declared judgment never counts', [j('long_term_unemployed', 'self_declared')], ['long_term_unemployed'], null],
    ['a verified judgment outside the commitment’s groups does not count', [j('newly_arrived', 'residence_permit')], ['long_term_unemployed'], null],
    ['no judgments at all', [], ['long_term_unemployed'], null],
    ['a commitment without target groups admits nothing', [j('long_term_unemployed', 'officer_assessment')], [], null],
    ['the verified one is chosen beside a self-declared one', [j('disability', 'self_declared'), j('income_support', 'income_support_decision')], ['disability', 'income_support'], 'income_support'],
    ['the most recently assessed of two verified ones', [j('income_support', 'income_support_decision', '2025-05-01'), j('disability', 'reduced_work_capacity_decision', '2026-02-01')], ['income_support', 'disability'], 'disability'],
    ['on the same day, the commitment’s first-listed group', [j('disability', 'officer_assessment'), j('income_support', 'income_support_decision')], ['income_support', 'disability'], 'income_support'],
    ['an officer’s assessment is a verified basis', [j('youth', 'officer_assessment')], ['youth'], 'youth'],
  ];
  it.each(cases)('%s', (_name, judgments, groups, expected) => {
    expect(verifiedTargetGroup(judgments, groups)).toBe(expected);
  });

  it('does not reorder its input', () => {
    const input = [j('a', 'officer_assessment', '2025-01-01'), j('b', 'officer_assessment', '2026-01-01')];
    verifiedTargetGroup(input, ['a', 'b']);
    expect(input.map((x) => x.code)).toEqual(['a', 'b']);
  });
});
