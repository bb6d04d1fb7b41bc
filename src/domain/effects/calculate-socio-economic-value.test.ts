import { describe, expect, it } from 'vitest';
import { calculateSocioEconomicValue, type EffectInput } from './calculate-socio-economic-value.js';
import type { EffectParameterSet, SourcedValue } from './parameter-set.js';

const s = (value: number): SourcedValue => ({ value, source: 'test', date: '2025-01-01' });

/** Round numbers so every expectation below can be worked out by hand. */
const P: EffectParameterSet = {
  year: 2025,
  employerContributionPercent: s(30),
  employerContributionOldAgePercent: s(10),
  averageMunicipalTaxPercent: s(20),
  averageRegionalTaxPercent: s(10),
  municipalTaxRates: { '1480': { municipalityCode: '1480', municipalPercent: 22, regionalPercent: 12, source: 'test', date: '2025-01-01' } },
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
    nystartsjobb: {
      contributionMultiple: s(2),
      payCeilingOre: s(20_000_00),
      qualifyingMonths: { '18-25': 6, '26-65': 12, '66+': 0 },
      maxMonths: { '18-25': 12, '26-65': 24, '66+': 0 },
      newlyArrivedMaxMonths: 24,
      rulesSource: 'test',
      rulesDate: '2025-01-01',
    },
    lonebidrag: { percentOfWageCost: s(80), wageCostCeilingOre: s(20_000_00) },
    introduktionsjobb: { percentOfWageCost: s(85), wageCostCeilingOre: s(20_000_00) },
  },
};

const BASE: EffectInput = {
  buyerType: 'municipality',
  requirementType: 'employment',
  months: 12,
  positions: 1,
  extentPercent: 100,
  grossMonthlyPayOre: 25_000_00,
  wageSubsidy: 'none',
  productivityPercent: 80,
  ageBand: '26-65',
  unemploymentMonths: 12,
  newlyArrived: false,
  unemploymentInsurance: false,
  housingBenefit: false,
  supervisorMonthlyPayOre: 30_000_00,
  supervisionPercent: 10,
  employerAdminCostOre: 10_000_00,
  procurementCostOre: 40_000_00,
  bonusOre: 0,
  year: 2025,
};

const run = (over: Partial<EffectInput> = {}) => calculateSocioEconomicValue({ ...BASE, ...over }, P);
const step = (r: ReturnType<typeof run>, key: string) => r.steps.find((x) => x.key === key)!.amountOre;

describe('calculateSocioEconomicValue (UHM static effects)', () => {
  it('books each flow to its actor: a worked case with round numbers', () => {
    const r = run();
    // Employed: taxable 25 000 − 2 000 = 23 000 → municipal 4 600, regional 2 300, credit 2 000;
    // net 25 000 − 6 900 + 2 000 = 20 100 ≥ the 12 000 income-support floor.
    // Unemployed: activity support 5 000 − 2 000 → municipal 600, regional 300; net 4 100; income support 7 900.
    expect(step(r, 'municipality.incomeTax')).toBe((4_600_00 - 600_00) * 12);
    expect(step(r, 'municipality.incomeSupport')).toBe(7_900_00 * 12);
    expect(step(r, 'region.incomeTax')).toBe((2_300_00 - 300_00) * 12);
    expect(step(r, 'individual.disposableIncome')).toBe((20_100_00 - 12_000_00) * 12);
    expect(step(r, 'state.employerContributions')).toBe(7_500_00 * 12);
    expect(step(r, 'state.benefits')).toBe(5_000_00 * 12);
    expect(step(r, 'state.jobTaxCredit')).toBe(-2_000_00 * 12);
    expect(step(r, 'employer.production')).toBe(26_000_00 * 12);
    expect(step(r, 'employer.wageCost')).toBe(-32_500_00 * 12);
    expect(step(r, 'employer.supervision')).toBe(-3_900_00 * 12);
    expect(step(r, 'municipality.procurementCost')).toBe(-40_000_00);
    expect(r.actors.region).toBe(2_000_00 * 12);
    expect(r.totalOre).toBe(Object.values(r.actors).reduce((a, b) => a + b, 0));
  });

  it('transfers cancel: the total is the work’s value less supervision, administration and procurement', () => {
    for (const over of [{}, { wageSubsidy: 'nystartsjobb' as const }, { newlyArrived: true, housingBenefit: true }, { unemploymentInsurance: true }, { ageBand: '18-25' as const, extentPercent: 50 }, { bonusOre: 5_000_00, buyerType: 'region' as const }]) {
      const r = run(over);
      const expected = step(r, 'employer.production') + step(r, 'employer.supervision') + step(r, 'employer.administration') - BASE.procurementCostOre;
      expect(Math.abs(r.totalOre - expected), JSON.stringify(over)).toBeLessThanOrEqual(r.steps.length);
    }
  });

  it.each([
    ['26–65: 11 months unemployed is one short of nystartsjobb', { unemploymentMonths: 11 }, 0],
    ['26–65: exactly 12 months unemployed qualifies, for 12 months', { unemploymentMonths: 12 }, 2 * 0.3 * 20_000_00 * 12],
    ['18–25: exactly 6 months qualifies, support as long as the unemployment', { ageBand: '18-25' as const, unemploymentMonths: 6 }, 2 * 0.3 * 20_000_00 * 6],
    ['18–25: 5 months does not', { ageBand: '18-25' as const, unemploymentMonths: 5 }, 0],
    ['newly arrived qualifies whatever the unemployment', { newlyArrived: true, unemploymentMonths: 0 }, 2 * 0.3 * 20_000_00 * 12],
    ['66+: not eligible', { ageBand: '66+' as const, unemploymentMonths: 40 }, 0],
    ['half time halves the pay ceiling', { extentPercent: 50, unemploymentMonths: 24 }, 2 * 0.3 * 10_000_00 * 12],
    ['a pay under the ceiling is supported in full', { grossMonthlyPayOre: 15_000_00 }, 2 * 0.3 * 15_000_00 * 12],
  ])('nystartsjobb: %s', (_name, over, expected) => {
    const r = run({ wageSubsidy: 'nystartsjobb', ...over });
    expect(step(r, 'employer.wageSubsidy')).toBe(Math.round(expected));
    expect(step(r, 'state.wageSubsidy')).toBe(-Math.round(expected));
  });

  it.each([
    ['under 24 months without work: the first level', { unemploymentMonths: 12 }, 1],
    ['24 months: the second band starts', { unemploymentMonths: 24 }, 2],
    ['36 months is still the second band', { unemploymentMonths: 36 }, 2],
    ['37 months: the third band', { unemploymentMonths: 37 }, 2.5],
    ['newly arrived: their own level whatever the months', { newlyArrived: true, unemploymentMonths: 0 }, 2.5],
  ])('nystartsjobb levels by months without work (the 2024 rules): %s', (_name, over, multiple) => {
    const banded: EffectParameterSet = {
      ...P,
      wageSubsidies: {
        ...P.wageSubsidies,
        nystartsjobb: {
          ...P.wageSubsidies.nystartsjobb,
          contributionMultiple: s(1),
          contributionMultipleBands: [{ fromMonths: 0, multiple: 1 }, { fromMonths: 24, multiple: 2 }, { fromMonths: 37, multiple: 2.5 }],
          newlyArrivedContributionMultiple: 2.5,
          maxMonths: { '18-25': 12, '26-65': 48, '66+': 0 },
        },
      },
    };
    const r = calculateSocioEconomicValue({ ...BASE, wageSubsidy: 'nystartsjobb', ...over }, banded);
    expect(step(r, 'employer.wageSubsidy')).toBe(Math.round(multiple * 0.3 * 20_000_00 * 12));
    expect(r.steps.find((x) => x.key === 'employer.wageSubsidy')!.formula).toContain(`${multiple} × `);
  });

  it('lönebidrag and introduktionsjobb pay a share of the wage cost up to the ceiling', () => {
    expect(step(run({ wageSubsidy: 'lonebidrag' }), 'employer.wageSubsidy')).toBe(0.8 * 20_000_00 * 12);
    expect(step(run({ wageSubsidy: 'introduktionsjobb', grossMonthlyPayOre: 10_000_00 }), 'employer.wageSubsidy')).toBe(0.85 * 13_000_00 * 12);
  });

  it('the buyer type decides who bears the procurement cost and the bonus', () => {
    const r = run({ buyerType: 'state', bonusOre: 5_000_00 });
    expect(step(r, 'state.procurementCost')).toBe(-40_000_00);
    expect(step(r, 'state.bonus')).toBe(-5_000_00);
    expect(step(r, 'employer.bonus')).toBe(5_000_00);
    expect(r.steps.some((x) => x.key === 'municipality.procurementCost')).toBe(false);
  });

  it('a municipality with its own rates uses them and cites them; others use the averages', () => {
    const own = run({ municipalityCode: '1480' });
    expect(step(own, 'municipality.incomeTax')).toBe((23_000_00 * 0.22 - 3_000_00 * 0.22) * 12);
    expect(own.parameterSet.sources.map((x) => x.parameter)).toContain('municipalTaxRates.1480.municipalPercent');
    expect(step(run({ municipalityCode: '0180' }), 'municipality.incomeTax')).toBe(step(run(), 'municipality.incomeTax'));
  });

  it('66+ pays only the old-age employer contribution', () => {
    expect(step(run({ ageBand: '66+' }), 'state.employerContributions')).toBe(2_500_00 * 12);
  });

  it('a work placement pays no wage: benefits and taxes are unchanged, only the work and its costs count', () => {
    const r = run({ requirementType: 'work_placement', wageSubsidy: 'nystartsjobb' });
    expect(r.actors.individual).toBe(0);
    expect(r.actors.region).toBe(0);
    expect(step(r, 'employer.production')).toBe(20_000_00 * 12);
    expect(step(r, 'employer.wageSubsidy')).toBe(0);
  });

  it('the newly arrived lose the tax-free establishment allowance; housing benefit lapses with work', () => {
    const r = run({ newlyArrived: true, housingBenefit: true });
    expect(step(r, 'state.benefits')).toBe((6_000_00 + 1_000_00) * 12);
    expect(step(r, 'municipality.incomeTax')).toBe(4_600_00 * 12);
  });

  it('unemployment insurance is 80 % of the pay up to its ceiling', () => {
    expect(step(run({ unemploymentInsurance: true }), 'state.benefits')).toBe(20_000_00 * 12);
    expect(step(run({ unemploymentInsurance: true, grossMonthlyPayOre: 20_000_00 }), 'state.benefits')).toBe(16_000_00 * 12);
  });

  it('positions multiply everything but the procurement cost', () => {
    const one = run();
    const three = run({ positions: 3 });
    expect(three.actors.employer).toBe(one.actors.employer * 3);
    expect(three.totalOre).toBe((one.totalOre + 40_000_00) * 3 - 40_000_00);
  });

  it('refuses a parameter set of another year', () => {
    expect(() => run({ year: 2024 })).toThrow(RangeError);
  });
});

