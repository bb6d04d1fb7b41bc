import type { ContractNature, ProcedureType, ProcurementStatus } from '../procurement/procurement.js';
import type { ProcurementCategory, ProcurementMethod, ReleaseTag, TenderStatus } from './ocds-release.js';

/**
 * Code tables from Hänsyn and eForms codes to OCDS codes. The eForms → OCDS rows are OCP's "OCDS
 * for eForms" guidance (github.com/open-contracting/european-union-support, mapping tables
 * `strategic-procurement`, `social-objective`, `environmental-impact`, `gpp-criteria`,
 * `procurement-procedure-type`, `form-type`), except where the sustainability extension has since
 * renamed a goal code: the extension's current code wins (see src/reference/ocds/README.md).
 * `src/interop/ocds/ocds-codelists.test.ts` checks every code here against the shipped codelists.
 */

/** The OCDS release tag and tender status for each status of the register. */
export const STATUS_TO_OCDS: Readonly<Record<ProcurementStatus, { tag: ReleaseTag; tenderStatus: TenderStatus }>> = {
  // "A future contracting process is being considered" (tenderStatus `planning`).
  planned: { tag: 'planning', tenderStatus: 'planning' },
  // Being prepared for publication: "scheduled, but not yet taking place" (`planned`), as the
  // form-type table maps a planning notice.
  in_preparation: { tag: 'planning', tenderStatus: 'planned' },
  published: { tag: 'tender', tenderStatus: 'active' },
  // Tenders are in and being evaluated; the tender process is still running.
  evaluation: { tag: 'tender', tenderStatus: 'active' },
  awarded: { tag: 'award', tenderStatus: 'complete' },
  cancelled: { tag: 'tenderCancellation', tenderStatus: 'cancelled' },
};

/**
 * BT-105 procedure type → `tender.procurementMethod` (OCP's procurement-procedure-type table).
 * `oth-single` and `oth-mult` ("other single/multiple stage procedure") have no method in OCP's
 * guidance and get none here either: guessing would state something the buyer never said.
 */
export const PROCEDURE_TO_METHOD: Readonly<Record<ProcedureType, { method: ProcurementMethod; details: string } | null>> = {
  open: { method: 'open', details: 'Open procedure' },
  restricted: { method: 'selective', details: 'Restricted procedure' },
  'neg-w-call': { method: 'selective', details: 'Negotiated procedure with prior call for competition' },
  'comp-dial': { method: 'selective', details: 'Competitive dialogue' },
  innovation: { method: 'selective', details: 'Innovation partnership' },
  'comp-tend': { method: 'selective', details: 'Competitive tendering procedure' },
  'neg-wo-call': { method: 'limited', details: 'Negotiated procedure without prior call for competition' },
  'exp-int-rail': { method: 'open', details: 'Expression of interest (rail)' },
  'oth-single': null,
  'oth-mult': null,
};

/** BT-23 contract nature → `mainProcurementCategory`; eForms "supplies" are OCDS "goods". */
export const NATURE_TO_CATEGORY: Readonly<Record<ContractNature, ProcurementCategory>> = {
  services: 'services',
  supplies: 'goods',
  works: 'works',
};

/** BT-06 strategic procurement → sustainability goal; `none` maps to nothing. */
export const STRATEGIC_PROCUREMENT_TO_GOAL: Readonly<Record<string, string>> = {
  'env-imp': 'environmental',
  'soc-obj': 'social',
  'inn-pur': 'economic.innovativePurchase',
};

/** BT-775 social objective → sustainability goal. */
export const SOCIAL_OBJECTIVE_TO_GOAL: Readonly<Record<string, string>> = {
  'acc-all': 'social.accessibility',
  'et-eq': 'social.ethnicEquality',
  'gen-eq': 'social.genderEquality',
  // The guidance table still says `social.humanRightsInSupplyChain`; the extension renamed it.
  'hum-right': 'social.humanRightsInSupplyChains',
  // Employment opportunities for the long-term unemployed, disadvantaged or disabled persons:
  // the code Hänsyn's employment requirements (sysselsättningskrav) are declared with.
  opp: 'social.disadvantagedEmploymentOpportunities',
  'work-cond': 'social.laborRightsPromotion',
  other: 'social',
};

/** BT-774 green procurement (environmental impact) → sustainability goal. */
export const ENVIRONMENTAL_IMPACT_TO_GOAL: Readonly<Record<string, string>> = {
  'biodiv-eco': 'environmental.biodiversityProtectionRestoration',
  'circ-econ': 'environmental.circularEconomy',
  'clim-adapt': 'environmental.climateChangeAdaptation',
  'clim-mitig': 'environmental.climateChangeMitigation',
  'pollu-prev': 'environmental.pollutionPrevention',
  // The guidance table still says `environmental.waterResources`; the extension renamed it.
  'water-mar': 'environmental.waterResourcesProtection',
  other: 'environmental',
};

/** BT-805 green procurement criteria → sustainability strategy; `none` maps to nothing. */
export const GPP_CRITERIA_TO_STRATEGY: Readonly<Record<string, string>> = {
  eu: 'euGPPCriteria',
  national: 'nationalGPPCriteria',
  other: 'otherGPPCriteria',
};

/** BT-71 reserved participation → `otherRequirements.reservedParticipation`; `none` maps to nothing. */
export const RESERVED_PARTICIPATION_TO_OCDS: Readonly<Record<string, string>> = {
  // LOU 4 kap. 18 §: sheltered workshops and the integration of disabled or disadvantaged persons.
  'res-ws': 'shelteredWorkshop',
  'res-pub-ser': 'publicServiceMissionOrganization',
};

/**
 * The strategies OCP's guidance adds for every BT-06 and BT-775 code: eForms does not say which
 * instrument pursues the goal, so all four are named.
 */
export const SOCIAL_STRATEGIES: readonly string[] = ['awardCriteria', 'contractPerformanceConditions', 'selectionCriteria', 'technicalSpecifications'];

/** BT-03 form type → release tags and tender status (OCP's form-type table). */
export const FORM_TYPE_TO_OCDS: Readonly<Record<string, { tags: ReleaseTag[]; tenderStatus: TenderStatus | null }>> = {
  consultation: { tags: ['planning'], tenderStatus: 'planning' },
  planning: { tags: ['planning'], tenderStatus: 'planned' },
  competition: { tags: ['tender'], tenderStatus: 'active' },
  'dir-awa-pre': { tags: ['award', 'contract'], tenderStatus: 'complete' },
  result: { tags: ['award', 'contract'], tenderStatus: 'complete' },
  'cont-modif': { tags: ['awardUpdate', 'contractUpdate'], tenderStatus: null },
  completion: { tags: ['contractUpdate'], tenderStatus: null },
};

/** Every code that any table above can emit, by the codelist it belongs to (for the codelist test). */
export function emittedCodes(): Record<string, string[]> {
  return {
    releaseTag: [...Object.values(STATUS_TO_OCDS).map((s) => s.tag), ...Object.values(FORM_TYPE_TO_OCDS).flatMap((f) => f.tags)],
    tenderStatus: [
      ...Object.values(STATUS_TO_OCDS).map((s) => s.tenderStatus),
      ...Object.values(FORM_TYPE_TO_OCDS).flatMap((f) => (f.tenderStatus === null ? [] : [f.tenderStatus])),
    ],
    method: Object.values(PROCEDURE_TO_METHOD).flatMap((m) => (m === null ? [] : [m.method])),
    procurementCategory: Object.values(NATURE_TO_CATEGORY),
    sustainabilityGoal: [
      ...Object.values(STRATEGIC_PROCUREMENT_TO_GOAL),
      ...Object.values(SOCIAL_OBJECTIVE_TO_GOAL),
      ...Object.values(ENVIRONMENTAL_IMPACT_TO_GOAL),
    ],
    sustainabilityStrategy: [...SOCIAL_STRATEGIES, ...Object.values(GPP_CRITERIA_TO_STRATEGY)],
    reservedParticipation: Object.values(RESERVED_PARTICIPATION_TO_OCDS),
    partyRole: ['buyer', 'supplier'],
    awardStatus: ['active'],
    itemClassificationScheme: ['CPV'],
  };
}
