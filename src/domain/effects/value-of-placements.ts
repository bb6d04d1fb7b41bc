import { fullTimeMonthsBetween } from '../follow-up/full-time-months.js';
import { calculateSocioEconomicValue, EFFECT_ACTORS, type BuyerType, type EffectActor, type EffectInput } from './calculate-socio-economic-value.js';
import type { EffectParameterSet } from './parameter-set.js';

/** What a placement record does not say, assumed for the calculation (src/reference/effects/placement-assumptions.json). */
export interface PlacementAssumptions {
  grossMonthlyPayOre: number;
  productivityPercent: number;
  supervisorMonthlyPayOre: number;
  supervisionPercent: number;
  unemploymentMonths: number;
  /** Target-group codes counted as newly arrived (etableringsersättning as the counterfactual). */
  newlyArrivedTargetGroups: string[];
  /** Target-group codes counted in the 18–25 age band. */
  youthTargetGroups: string[];
  source: string;
}

export interface ValuedPlacement {
  targetGroup: string;
  startedOn: string;
  endedOn: string | null;
  extentPercent: number;
  employmentForm: string;
  wageSubsidy: EffectInput['wageSubsidy'];
}

export interface PlacementsValue {
  actors: Record<EffectActor, number>;
  totalOre: number;
  /** Months served in the year at the placements' own extent (calendar months × extent / 100). */
  fullTimeMonths: number;
  placements: number;
  parameterYear: number;
}

/**
 * The UHM value of the placements actually served in a year: each placement's months in the year
 * run through the calculator with the placement's own extent and wage subsidy and the recorded
 * assumptions for the rest. Procurement and administration costs are left out here: they belong
 * to a requirement, not to a month served, and are not recorded per placement (docs/results.md).
 */
export function valueOfPlacements(
  list: readonly ValuedPlacement[],
  year: number,
  asOf: string,
  context: { buyerType: BuyerType; municipalityCode?: string | undefined },
  assumptions: PlacementAssumptions,
  parameters: EffectParameterSet,
): PlacementsValue {
  const from = `${year}-01-01`;
  const to = `${year}-12-31` < asOf ? `${year}-12-31` : asOf;
  const actors = Object.fromEntries(EFFECT_ACTORS.map((a) => [a, 0])) as Record<EffectActor, number>;
  // Placements alike in everything the calculator reads, months in the year included, are
  // counted as positions of one calculation (exact: without a procurement cost the value is
  // linear in positions, and the wage-subsidy time limit applies per position).
  const groups = new Map<string, { input: EffectInput; positions: number }>();
  let fullTimeMonths = 0;
  let counted = 0;
  for (const p of list) {
    if (p.startedOn > to || (p.endedOn !== null && p.endedOn < from)) continue;
    const start = p.startedOn > from ? p.startedOn : from;
    const end = p.endedOn !== null && p.endedOn < to ? p.endedOn : to;
    const months = fullTimeMonthsBetween(start, end, 100);
    if (months <= 0) continue;
    counted++;
    fullTimeMonths += (months * p.extentPercent) / 100;
    const input: EffectInput = {
      months,
      buyerType: context.buyerType,
      municipalityCode: context.municipalityCode,
      requirementType: p.employmentForm === 'apprenticeship' ? 'apprenticeship' : 'employment',
      positions: 1,
      extentPercent: p.extentPercent,
      grossMonthlyPayOre: assumptions.grossMonthlyPayOre,
      wageSubsidy: p.wageSubsidy,
      productivityPercent: assumptions.productivityPercent,
      ageBand: assumptions.youthTargetGroups.includes(p.targetGroup) ? '18-25' : '26-65',
      unemploymentMonths: assumptions.unemploymentMonths,
      newlyArrived: assumptions.newlyArrivedTargetGroups.includes(p.targetGroup),
      unemploymentInsurance: false,
      housingBenefit: false,
      supervisorMonthlyPayOre: assumptions.supervisorMonthlyPayOre,
      supervisionPercent: assumptions.supervisionPercent,
      employerAdminCostOre: 0,
      procurementCostOre: 0,
      bonusOre: 0,
      year: parameters.year,
    };
    const key = JSON.stringify(input);
    const group = groups.get(key) ?? { input, positions: 0 };
    group.positions += 1;
    groups.set(key, group);
  }
  for (const { input, positions } of groups.values()) {
    const r = calculateSocioEconomicValue({ ...input, positions }, parameters);
    for (const a of EFFECT_ACTORS) actors[a] += r.actors[a];
  }
  const totalOre = EFFECT_ACTORS.reduce((s, a) => s + actors[a], 0);
  return { actors, totalOre, fullTimeMonths: Math.round(fullTimeMonths * 100) / 100, placements: counted, parameterYear: parameters.year };
}
