import type { LocalizedText } from '../shared/localized-text.js';
import { renderRequirement } from './render-requirement.js';
import type { RequirementTemplate, ReservedParticipationCode, SocialObjectiveCode } from './requirement-template.js';
import type { AppliedTemplate } from './requirements-annex.js';
import type { TargetGroupLabels } from './target-groups.js';

/** BT-70 (Terms Performance) is limited to 6 000 characters per language (eForms SDK 1.15 fields.json). */
export const BT70_MAX_LENGTH = 6000;

/** The eForms lot-level fields that social requirements fill in, for one lot. */
export interface LotEformsFields {
  lotNumber: number;
  /** The lot identifier as eForms writes it (BT-137): `LOT-0001`. */
  lotId: string;
  /** BT-06 Strategic Procurement: `soc-obj`, or `none` when the lot has no social requirement. */
  strategicProcurement: ('soc-obj' | 'none')[];
  /** BT-775 Social Procurement (social-objective codelist); empty when none apply. */
  socialObjectives: SocialObjectiveCode[];
  /** BT-71 Reserved Participation: `res-ws` for LOU 4 kap. 18 §, otherwise `none`. */
  reservedParticipation: (ReservedParticipationCode | 'none')[];
  /** BT-736 Reserved Execution. */
  reservedExecution: 'yes' | 'no';
  /** BT-70 Terms Performance in both languages, or null when the lot has no performance condition. */
  performanceTerms: LocalizedText | null;
  /** Set when a BT-70 text is over {@link BT70_MAX_LENGTH} and must be shortened before sending. */
  performanceTermsTooLong: boolean;
}

export interface EformsFieldsInput {
  /** The procurement's lot numbers; empty when undivided, which eForms still writes as one lot, LOT-0001. */
  lotNumbers: readonly number[];
  requirements: readonly AppliedTemplate[];
  targetGroupLabels: TargetGroupLabels;
}

/**
 * Whether a template belongs in BT-70 (conditions for performing the contract). An award
 * criterion is evaluated, not performed, and a reservation of participation is a condition for
 * taking part (BT-71); neither is a term of performance.
 */
function isPerformanceCondition(template: RequirementTemplate): boolean {
  if (template.type === 'social_award_criterion') return false;
  if (template.type === 'reserved_contract') return template.eforms.reservedExecution === 'yes';
  return true;
}

const unique = <T>(items: readonly T[]): T[] => [...new Set(items)];

/**
 * Derives the eForms social-procurement fields per lot from the applied requirements: BT-06
 * (`soc-obj`), BT-775 social objectives (e.g. `opp`), BT-71 (`res-ws`), BT-736 and a BT-70
 * text built from the rendered requirements in Swedish and English. A requirement for the whole
 * procurement (`lotNumbers: null`) applies to every lot.
 */
export function deriveEformsFields(input: EformsFieldsInput): LotEformsFields[] {
  const lots = input.lotNumbers.length === 0 ? [1] : [...input.lotNumbers].sort((a, b) => a - b);
  return lots.map((lotNumber) => {
    const applied = input.requirements.filter((r) => r.lotNumbers === null || r.lotNumbers.includes(lotNumber));
    const eforms = applied.map((r) => r.template.eforms);
    const reserved = unique(eforms.flatMap((e) => e.reservedParticipation));
    const terms = applied.filter((r) => isPerformanceCondition(r.template));
    const termsIn = (lang: 'sv' | 'en'): string =>
      terms
        .map((r) => {
          const rendered = renderRequirement(r.template, r.values, lang, input.targetGroupLabels);
          return `${rendered.title}: ${rendered.body}`;
        })
        .join('\n\n');
    const performanceTerms = terms.length === 0 ? null : { sv: termsIn('sv'), en: termsIn('en') };
    const strategic = unique(eforms.flatMap((e) => e.strategicProcurement));
    return {
      lotNumber,
      lotId: `LOT-${String(lotNumber).padStart(4, '0')}`,
      strategicProcurement: strategic.length === 0 ? ['none'] : strategic,
      socialObjectives: unique(eforms.flatMap((e) => e.socialObjectives)),
      reservedParticipation: reserved.length === 0 ? ['none'] : reserved,
      reservedExecution: eforms.some((e) => e.reservedExecution === 'yes') ? 'yes' : 'no',
      performanceTerms,
      performanceTermsTooLong: performanceTerms !== null && (performanceTerms.sv.length > BT70_MAX_LENGTH || performanceTerms.en.length > BT70_MAX_LENGTH),
    };
  });
}
