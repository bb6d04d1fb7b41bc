import { describe, expect, it } from 'vitest';
import { calculateSocioEconomicValue } from './calculate-socio-economic-value.js';
import type { EffectParameterSet, SourcedValue } from './parameter-set.js';
import { valueOfPlacements, type PlacementAssumptions, type ValuedPlacement } from './value-of-placements.js';

const s = (value: number): SourcedValue => ({ value, source: 'test', date: '2025-01-01' });
const P: EffectParameterSet = {
  year: 2025,
  employerContributionPercent: s(30),
  employerContributionOldAgePercent: s(10),
  averageMunicipalTaxPercent: s(20),
  averageRegionalTaxPercent: s(10),
  municipalTaxRates: {},
  basicDeductionMonthlyOre: s(2_000_00),
  jobTaxCreditMonthlyOre: s(2_000_00),
  incomeSupportNormMonthlyOre: s(5_000_00),
  housingCostMonthlyOre: s(7_000_00),
  housingBenefitMonthlyOre: s(1_000_00),
  establishmentAllowanceMonthlyOre: s(6_000_00),
  activitySupportMonthlyOre: s(5_000_00),
  developmentAllowanceMonthlyOre: s(3_000_00),
  unemploymentInsurancePercent: s(80),
  unemploymentInsuranceMaxMonthlyOre: s(20_000_00),
  indirectTaxPercent: s(10),
  wageSubsidies: {
    nystartsjobb: { contributionMultiple: s(2), payCeilingOre: s(20_000_00), qualifyingMonths: { '18-25': 6, '26-65': 12, '66+': 0 }, maxMonths: { '18-25': 12, '26-65': 24, '66+': 0 }, newlyArrivedMaxMonths: 24, rulesSource: 'test', rulesDate: '2025-01-01' },
    lonebidrag: { percentOfWageCost: s(80), wageCostCeilingOre: s(20_000_00) },
    introduktionsjobb: { percentOfWageCost: s(85), wageCostCeilingOre: s(20_000_00) },
  },
};
const A: PlacementAssumptions = { grossMonthlyPayOre: 25_000_00, productivityPercent: 80, supervisorMonthlyPayOre: 30_000_00, supervisionPercent: 10, unemploymentMonths: 12, newlyArrivedTargetGroups: ['newly_arrived'], youthTargetGroups: ['youth'], source: 'test' };
const place = (over: Partial<ValuedPlacement> = {}): ValuedPlacement => ({ targetGroup: 'long_term', startedOn: '2025-01-01', endedOn: null, extentPercent: 100, employmentForm: 'las_employment', wageSubsidy: 'none', ...over });
const ctx = { buyerType: 'municipality' as const };

describe('valueOfPlacements', () => {
  it('a whole year served equals the calculator for one 12-month position without procurement cost', () => {
    const v = valueOfPlacements([place()], 2025, '2025-12-31', ctx, A, P);
    const direct = calculateSocioEconomicValue({ buyerType: 'municipality', requirementType: 'employment', months: 12, positions: 1, extentPercent: 100, grossMonthlyPayOre: 25_000_00, wageSubsidy: 'none', productivityPercent: 80, ageBand: '26-65', unemploymentMonths: 12, newlyArrived: false, unemploymentInsurance: false, housingBenefit: false, supervisorMonthlyPayOre: 30_000_00, supervisionPercent: 10, employerAdminCostOre: 0, procurementCostOre: 0, bonusOre: 0, year: 2025 }, P);
    expect(v.totalOre).toBe(direct.totalOre);
    expect(v.fullTimeMonths).toBe(12);
  });

  it('counts only the months inside the year and up to asOf', () => {
    const v = valueOfPlacements([place({ startedOn: '2024-07-01', endedOn: '2025-03-31', extentPercent: 50 })], 2025, '2025-02-28', ctx, A, P);
    expect(v.fullTimeMonths).toBe(1);
    expect(v.placements).toBe(1);
    expect(valueOfPlacements([place({ startedOn: '2026-01-01' })], 2025, '2025-12-31', ctx, A, P).placements).toBe(0);
  });

  it('alike placements are positions of one calculation: two equal the double of one', () => {
    const one = valueOfPlacements([place({ wageSubsidy: 'nystartsjobb' })], 2025, '2025-12-31', ctx, A, P);
    const two = valueOfPlacements([place({ wageSubsidy: 'nystartsjobb' }), place({ wageSubsidy: 'nystartsjobb' })], 2025, '2025-12-31', ctx, A, P);
    expect(two.actors.employer).toBe(one.actors.employer * 2);
  });

  it('newly arrived target groups use the establishment allowance as the counterfactual', () => {
    const v = valueOfPlacements([place({ targetGroup: 'newly_arrived' })], 2025, '2025-12-31', ctx, A, P);
    expect(v.actors.state).not.toBe(valueOfPlacements([place()], 2025, '2025-12-31', ctx, A, P).actors.state);
  });
});
