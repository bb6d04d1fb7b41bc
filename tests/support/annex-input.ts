import type { RequirementsAnnexInput } from '../../src/domain/requirements/requirements-annex.js';
import { APPRENTICESHIPS, EMPLOYMENT_CONDITION, RESERVED_EXECUTION, SOCIAL_AWARD_CRITERION } from '../../src/domain/requirements/starter-templates.js';
import { DEFAULT_TARGET_GROUPS, targetGroupLabels } from '../../src/domain/requirements/target-groups.js';
import { validateParameters } from '../../src/domain/requirements/validate-parameters.js';
import type { RequirementTemplate } from '../../src/domain/requirements/requirement-template.js';
import type { Language } from '../../src/domain/shared/localized-text.js';

function valid(template: RequirementTemplate, values: Record<string, unknown>) {
  const result = validateParameters(template, values);
  if (!result.ok) throw new Error(`fixture values for ${template.key}: ${JSON.stringify(result.errors)}`);
  return result.values;
}

/**
 * A realistic annex: a municipal cleaning and property-care procurement in three lots, with an
 * employment condition on lots 1 and 2, apprentices on lot 3 and a social award criterion on all.
 */
export function sampleAnnexInput(lang: Language = 'sv', change: Partial<RequirementsAnnexInput> = {}): RequirementsAnnexInput {
  return {
    lang,
    organisationName: 'Exempelstads kommun',
    procurement: {
      referenceNumber: 'UH-2026-0142',
      title: 'Lokalvård och fastighetsskötsel i Exempelstad',
      lots: [
        { lotNumber: 1, title: 'Lokalvård, norra distriktet' },
        { lotNumber: 2, title: 'Lokalvård, södra distriktet' },
        { lotNumber: 3, title: 'Fastighetsskötsel' },
      ],
    },
    requirements: [
      {
        template: EMPLOYMENT_CONDITION,
        values: valid(EMPLOYMENT_CONDITION, { positions: 4, penalty_ore: 7_500_000, target_groups: ['long_term_unemployed', 'newly_arrived', 'income_support'] }),
        lotNumbers: [1, 2],
      },
      { template: APPRENTICESHIPS, values: valid(APPRENTICESHIPS, { apprentices: 3 }), lotNumbers: [3] },
      { template: SOCIAL_AWARD_CRITERION, values: valid(SOCIAL_AWARD_CRITERION, {}), lotNumbers: null },
    ],
    targetGroupLabels: targetGroupLabels(DEFAULT_TARGET_GROUPS),
    ...change,
  };
}

/** The same procurement with only a reserved-execution requirement on lot 2. */
export function reservedExecutionOnLot2(): RequirementsAnnexInput {
  return sampleAnnexInput('sv', {
    requirements: [{ template: RESERVED_EXECUTION, values: valid(RESERVED_EXECUTION, {}), lotNumbers: [2] }],
  });
}
