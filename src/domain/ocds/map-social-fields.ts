import {
  ENVIRONMENTAL_IMPACT_TO_GOAL,
  GPP_CRITERIA_TO_STRATEGY,
  RESERVED_PARTICIPATION_TO_OCDS,
  SOCIAL_OBJECTIVE_TO_GOAL,
  SOCIAL_STRATEGIES,
  STRATEGIC_PROCUREMENT_TO_GOAL,
} from './ocds-codes.js';
import type { OcdsContractTerms, OcdsOtherRequirements, OcdsSocialFields, OcdsSustainability } from './ocds-release.js';

/**
 * The eForms lot fields about social and sustainable procurement, as plain codes. A lot of a parsed
 * notice has them all; the fields derived from a procurement's applied requirements
 * (`deriveEformsFields`) have the social ones, with BT-70 in Swedish and English.
 */
export interface EformsSocialFields {
  /** BT-06 Strategic Procurement (`soc-obj`, `env-imp`, `inn-pur`, `none`). */
  readonly strategicProcurement: readonly string[];
  /** BT-777 Strategic Procurement Description. */
  readonly strategicProcurementDescription?: string | null;
  /** BT-775 Social Procurement (`opp`, `work-cond` …). */
  readonly socialObjectives: readonly string[];
  /** BT-774 Green Procurement. */
  readonly greenProcurement?: readonly string[];
  /** BT-805 Green Procurement Criteria. */
  readonly gppCriteria?: readonly string[];
  /** BT-71 Reserved Participation (`res-ws`, `res-pub-ser`, `none`). */
  readonly reservedParticipation: readonly string[];
  /** BT-736 Reserved Execution (`yes`, `no`, `not-known`). */
  readonly reservedExecution: string | null;
  /** BT-70 Terms Performance: one text, or the text per language. */
  readonly performanceTerms: string | { readonly sv: string; readonly en: string } | null;
}

/** A codelist lookup that also accepts codes the table does not know (they are dropped). */
const lookup = (table: Readonly<Record<string, string>>, code: string): string | undefined =>
  Object.prototype.hasOwnProperty.call(table, code) ? table[code] : undefined;

const nonBlank = (text: string | null | undefined): string | undefined => {
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
};

/**
 * Maps one lot's eForms social fields to the OCDS fields of the sustainability, otherRequirements
 * and contractTerms extensions, following OCP's guidance:
 * - BT-06 (not `none`) → `sustainability[]` {goal, the four strategies}, with BT-777 as description;
 * - BT-775 → `sustainability[]` {goal, the four strategies}, e.g. `opp` →
 *   `social.disadvantagedEmploymentOpportunities`;
 * - BT-774 → `sustainability[]` {goal}; BT-805 (not `none`) → `sustainability[]` {strategies};
 * - any of these → `hasSustainability: true`;
 * - BT-71 `res-ws` → `otherRequirements.reservedParticipation: ['shelteredWorkshop']`;
 * - BT-736 `yes` → `contractTerms.reservedExecution: true` (`no` is not mapped, as in the guidance);
 * - BT-70 → `contractTerms.performanceTerms` (the text in `language`, Swedish by default).
 * Identical sustainability entries are written once (the schema wants unique items). Objects that
 * would be empty are left out (the extensions require at least one property).
 */
export function mapSocialFields(fields: EformsSocialFields, language: 'sv' | 'en' = 'sv'): OcdsSocialFields {
  const sustainability: OcdsSustainability[] = [];
  const add = (entry: OcdsSustainability) => {
    const key = JSON.stringify(entry);
    if (!sustainability.some((s) => JSON.stringify(s) === key)) sustainability.push(entry);
  };
  const description = nonBlank(fields.strategicProcurementDescription);
  for (const code of fields.strategicProcurement) {
    const goal = lookup(STRATEGIC_PROCUREMENT_TO_GOAL, code);
    if (goal) add({ goal, strategies: [...SOCIAL_STRATEGIES], ...(description ? { description } : {}) });
  }
  for (const code of fields.socialObjectives) {
    const goal = lookup(SOCIAL_OBJECTIVE_TO_GOAL, code);
    if (goal) add({ goal, strategies: [...SOCIAL_STRATEGIES] });
  }
  for (const code of fields.greenProcurement ?? []) {
    const goal = lookup(ENVIRONMENTAL_IMPACT_TO_GOAL, code);
    if (goal) add({ goal });
  }
  for (const code of fields.gppCriteria ?? []) {
    const strategy = lookup(GPP_CRITERIA_TO_STRATEGY, code);
    if (strategy) add({ strategies: [strategy] });
  }

  const reserved = [
    ...new Set(fields.reservedParticipation.map((code) => lookup(RESERVED_PARTICIPATION_TO_OCDS, code)).filter((c): c is string => c !== undefined)),
  ];
  const otherRequirements: OcdsOtherRequirements = reserved.length > 0 ? { reservedParticipation: reserved } : {};

  const terms = typeof fields.performanceTerms === 'string' || fields.performanceTerms === null ? fields.performanceTerms : fields.performanceTerms[language];
  const performanceTerms = nonBlank(terms);
  const contractTerms: OcdsContractTerms = {
    ...(fields.reservedExecution === 'yes' ? { reservedExecution: true } : {}),
    ...(performanceTerms ? { performanceTerms } : {}),
  };

  return {
    ...(sustainability.length > 0 ? { hasSustainability: true, sustainability } : {}),
    ...(Object.keys(otherRequirements).length > 0 ? { otherRequirements } : {}),
    ...(Object.keys(contractTerms).length > 0 ? { contractTerms } : {}),
  };
}
