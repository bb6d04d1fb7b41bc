import { describe, expect, it } from 'vitest';
import { renderRequirement } from './render-requirement.js';
import { DIALOGUE_CLAUSE, EMPLOYMENT_CONDITION, RESERVED_EXECUTION } from './starter-templates.js';
import { DEFAULT_TARGET_GROUPS, targetGroupLabels } from './target-groups.js';
import { validateParameters } from './validate-parameters.js';

const NBSP = '\u00a0';
const labels = targetGroupLabels(DEFAULT_TARGET_GROUPS);

function valuesFor(values: Record<string, unknown>) {
  const result = validateParameters(EMPLOYMENT_CONDITION, values);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.values;
}

describe('renderRequirement', () => {
  it('fills counts with their unit, and picks singular for one', () => {
    const three = renderRequirement(EMPLOYMENT_CONDITION, valuesFor({ positions: 3 }), 'sv', labels);
    expect(three.body).toContain('anställa sammanlagt 3 personer');
    const one = renderRequirement(EMPLOYMENT_CONDITION, valuesFor({ positions: 1 }), 'en', labels);
    expect(one.body).toContain('hire a total of 1 person from');
  });

  it('joins target groups naturally in each language', () => {
    const values = valuesFor({ target_groups: ['newly_arrived', 'income_support', 'disability'] });
    expect(renderRequirement(EMPLOYMENT_CONDITION, values, 'sv', labels).body).toContain(
      'målgrupper: nyanlända, personer som får ekonomiskt bistånd och personer med funktionsnedsättning som påverkar arbetsförmågan.',
    );
    expect(renderRequirement(EMPLOYMENT_CONDITION, values, 'en', labels).body).toContain(
      'target groups: newly arrived immigrants, people who receive income support and people whose disability affects their capacity for work.',
    );
  });

  it('formats money as kronor and percentages per language', () => {
    const values = valuesFor({ penalty_ore: 7_500_000, completion_percent: 80 });
    const sv = renderRequirement(EMPLOYMENT_CONDITION, values, 'sv', labels);
    const en = renderRequirement(EMPLOYMENT_CONDITION, values, 'en', labels);
    expect(sv.followUp).toContain(`vite med 75${NBSP}000${NBSP}kr`);
    expect(en.followUp).toContain(`penalty of SEK${NBSP}75,000`);
    expect(sv.body).toContain(`minst 80${NBSP}% av den avtalade tiden`);
    expect(en.body).toContain('at least 80% of the agreed period');
  });

  it('renders an enum as its label', () => {
    const values = valuesFor({ employment_form: 'traineeship' });
    expect(renderRequirement(EMPLOYMENT_CONDITION, values, 'sv', labels).body).toContain('avse traineeanställning');
    expect(renderRequirement(EMPLOYMENT_CONDITION, values, 'en', labels).body).toContain('Each hire shall be a traineeship covering');
  });

  it('renders text as one string for both languages or per language from a pair', () => {
    const single = validateParameters(RESERVED_EXECUTION, { programme_description: 'Samhall' });
    const pair = validateParameters(RESERVED_EXECUTION, {});
    if (!single.ok || !pair.ok) throw new Error('fixture');
    expect(renderRequirement(RESERVED_EXECUTION, single.values, 'en', labels).body).toContain('programme, Samhall.');
    expect(renderRequirement(RESERVED_EXECUTION, pair.values, 'en', labels).body).toContain('for example employment with a wage subsidy');
    expect(renderRequirement(RESERVED_EXECUTION, pair.values, 'sv', labels).body).toContain('till exempel anställning med lönebidrag');
  });

  it('shows an unlabelled target-group code as the code rather than hiding it', () => {
    const result = renderRequirement(DIALOGUE_CLAUSE, { target_groups: ['unknown_code'], first_meeting_within_months: 2, correction_days: 30 }, 'sv', labels);
    expect(result.body).toContain('åt unknown_code.');
  });

  it('throws on a placeholder without a value, which is a programming error', () => {
    expect(() => renderRequirement(DIALOGUE_CLAUSE, {}, 'sv', labels)).toThrow(/first_meeting_within_months|target_groups/);
  });
});
