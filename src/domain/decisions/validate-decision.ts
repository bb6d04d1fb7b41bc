import type { ProcurementStatus } from '../procurement/procurement.js';
import { isPublishedOrLater } from '../procurement/procurement-status.js';
import type { TemplateVersion } from '../requirements/template-version.js';
import type { TargetGroup } from '../requirements/target-groups.js';
import { validateParameters, type ParameterError } from '../requirements/validate-parameters.js';
import type { ScreeningRecommendation } from '../screening/screen-procurement.js';
import type { LocalizedText } from '../shared/localized-text.js';
import type { Decision } from './decision.js';

/** A justification shorter than this (after trimming) is not an explanation. */
export const MIN_JUSTIFICATION_LENGTH = 20;

export type DecisionErrorCode =
  | 'locked'
  | 'justification_required'
  | 'no_requirements'
  | 'requirements_with_none'
  | 'empty_lot_selection'
  | 'unknown_lot'
  | 'duplicate_lot'
  | 'duplicate_requirement'
  | 'unknown_template_version'
  | 'template_not_published'
  | 'invalid_parameter';

export interface DecisionError {
  code: DecisionErrorCode;
  /** Where in the decision: `justification`, `requirements[1].lotNumbers`, `requirements[0].parameters.positions`. */
  path: string;
  message: LocalizedText;
  /** For `invalid_parameter`: the parameter error behind it. */
  parameterError?: ParameterError;
}

export interface DecisionInput {
  recommendation: ScreeningRecommendation;
  decision: Decision;
  procurementStatus: ProcurementStatus;
  /** The procurement's lot numbers; empty when it is not divided into lots. */
  lotNumbers: readonly number[];
  /** The template versions the decision refers to (more may be given). */
  templateVersions: readonly TemplateVersion[];
  /** The organisation's target groups; Hänsyn's defaults when omitted. */
  targetGroups?: readonly TargetGroup[];
}

export type DecisionValidation = { ok: true } | { ok: false; errors: DecisionError[] };

function needsJustification(recommendation: ScreeningRecommendation, kind: Decision['kind']): LocalizedText | null {
  if (recommendation === 'recommended' && kind === 'none') {
    return {
      sv: 'Screeningen rekommenderar sysselsättningskrav. Motivera varför inga krav ställs.',
      en: 'Screening recommends employment requirements. Explain why none are applied.',
    };
  }
  if (recommendation === 'not_recommended' && kind === 'apply') {
    return {
      sv: 'Screeningen rekommenderar inte sysselsättningskrav. Motivera varför krav ändå ställs.',
      en: 'Screening does not recommend employment requirements. Explain why they are applied anyway.',
    };
  }
  if (recommendation === 'needs_assessment') {
    return {
      sv: 'Screeningen kunde inte avgöra frågan. Beskriv bedömningen bakom beslutet.',
      en: 'Screening could not decide. Describe the assessment behind the decision.',
    };
  }
  return null;
}

/**
 * Comply or explain: whether choosing `kind` after `recommendation` must be justified — when the
 * choice departs from the recommendation, and always after `needs_assessment` (UHM: a decision
 * against the screening is explained). No choice yet (`null`) needs nothing. The web form asks
 * this same function, so the form and the server never disagree.
 */
export function isJustificationRequired(recommendation: ScreeningRecommendation, kind: Decision['kind'] | null): boolean {
  return kind !== null && needsJustification(recommendation, kind) !== null;
}

function overlaps(a: readonly number[] | null, b: readonly number[] | null): boolean {
  if (a === null || b === null) return true;
  return a.some((n) => b.includes(n));
}

/**
 * Checks a decision on social considerations against the comply-or-explain rules:
 *
 * - Locked once the procurement is published (`isPublishedOrLater`): the documents are out,
 *   so the decision can no longer be revised.
 * - Going against the screening recommendation needs a written justification of at least
 *   {@link MIN_JUSTIFICATION_LENGTH} characters: `none` when requirements are recommended,
 *   `apply` when they are not. A `needs_assessment` recommendation needs one either way,
 *   since the justification is the record of that assessment.
 * - `apply` needs at least one requirement; `none` has none.
 * - Each requirement refers to a published template version, has valid parameters, and names
 *   lots that exist (or `null` for all); the same template version is not applied twice to a lot.
 */
export function validateDecision(input: DecisionInput): DecisionValidation {
  const { decision } = input;
  if (isPublishedOrLater(input.procurementStatus)) {
    return {
      ok: false,
      errors: [
        {
          code: 'locked',
          path: '',
          message: {
            sv: 'Upphandlingen är publicerad. Beslutet om social hänsyn kan inte längre ändras.',
            en: 'The procurement has been published. The decision on social considerations can no longer be changed.',
          },
        },
      ],
    };
  }
  const errors: DecisionError[] = [];
  const why = needsJustification(input.recommendation, decision.kind);
  if (why !== null && decision.justification.trim().length < MIN_JUSTIFICATION_LENGTH) {
    errors.push({
      code: 'justification_required',
      path: 'justification',
      message: {
        sv: `${why.sv} Motiveringen ska vara minst ${MIN_JUSTIFICATION_LENGTH} tecken.`,
        en: `${why.en} The justification must be at least ${MIN_JUSTIFICATION_LENGTH} characters.`,
      },
    });
  }
  if (decision.kind === 'apply' && decision.requirements.length === 0) {
    errors.push({
      code: 'no_requirements',
      path: 'requirements',
      message: { sv: 'Välj minst ett krav att ställa.', en: 'Choose at least one requirement to apply.' },
    });
  }
  if (decision.kind === 'none' && decision.requirements.length > 0) {
    errors.push({
      code: 'requirements_with_none',
      path: 'requirements',
      message: { sv: 'Ett beslut om att inte ställa krav kan inte innehålla krav.', en: 'A decision to apply no requirements cannot list requirements.' },
    });
  }
  decision.requirements.forEach((requirement, index) => {
    const path = `requirements[${index}]`;
    const lots = requirement.lotNumbers;
    if (lots !== null) {
      if (lots.length === 0) {
        errors.push({
          code: 'empty_lot_selection',
          path: `${path}.lotNumbers`,
          message: { sv: 'Välj minst ett delområde, eller hela upphandlingen.', en: 'Choose at least one lot, or the whole procurement.' },
        });
      }
      for (const lot of new Set(lots.filter((n, i) => lots.indexOf(n) !== i))) {
        errors.push({ code: 'duplicate_lot', path: `${path}.lotNumbers`, message: { sv: `Delområde ${lot} är valt flera gånger.`, en: `Lot ${lot} is chosen more than once.` } });
      }
      for (const lot of new Set(lots.filter((n) => !input.lotNumbers.includes(n)))) {
        errors.push({
          code: 'unknown_lot',
          path: `${path}.lotNumbers`,
          message:
            input.lotNumbers.length === 0
              ? { sv: `Upphandlingen är inte indelad i delområden, så delområde ${lot} finns inte.`, en: `The procurement is not divided into lots, so lot ${lot} does not exist.` }
              : { sv: `Delområde ${lot} finns inte i upphandlingen.`, en: `Lot ${lot} does not exist in the procurement.` },
        });
      }
    }
    const earlier = decision.requirements.slice(0, index).find((r) => r.templateVersionId === requirement.templateVersionId && overlaps(r.lotNumbers, lots));
    if (earlier !== undefined) {
      errors.push({
        code: 'duplicate_requirement',
        path,
        message: { sv: 'Samma krav är redan valt för samma delområde.', en: 'The same requirement is already applied to the same lot.' },
      });
    }
    const version = input.templateVersions.find((v) => v.id === requirement.templateVersionId);
    if (version === undefined) {
      errors.push({ code: 'unknown_template_version', path: `${path}.templateVersionId`, message: { sv: 'Kravmallen finns inte.', en: 'The requirement template does not exist.' } });
      return;
    }
    if (version.status !== 'published') {
      errors.push({
        code: 'template_not_published',
        path: `${path}.templateVersionId`,
        message: { sv: 'Kravmallen är ett utkast och kan inte användas förrän den är publicerad.', en: 'The requirement template is a draft and cannot be used until it is published.' },
      });
      return;
    }
    const parameters = validateParameters(version.content, requirement.parameters, input.targetGroups);
    if (!parameters.ok) {
      for (const error of parameters.errors) {
        errors.push({ code: 'invalid_parameter', path: `${path}.parameters.${error.parameter}`, message: error.message, parameterError: error });
      }
    }
  });
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}
