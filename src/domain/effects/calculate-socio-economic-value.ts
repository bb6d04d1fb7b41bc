import type { AgeBand, EffectParameterSet, NystartsjobbRule, SourcedValue } from './parameter-set.js';

export type EffectActor = 'individual' | 'municipality' | 'region' | 'state' | 'employer';
export const EFFECT_ACTORS: readonly EffectActor[] = ['individual', 'municipality', 'region', 'state', 'employer'];

export type BuyerType = 'municipality' | 'region' | 'state';
export type RequirementType = 'employment' | 'apprenticeship' | 'work_placement';
export type WageSubsidy = 'nystartsjobb' | 'lonebidrag' | 'introduktionsjobb' | 'none';

/** The calculator's inputs, named as in the API (`POST /api/effects/calculate`). Money in öre. */
export interface EffectInput {
  buyerType: BuyerType;
  municipalityCode?: string | undefined;
  requirementType: RequirementType;
  /** Length of the requirement period per position, in months. */
  months: number;
  positions: number;
  extentPercent: number;
  /** Full-time gross monthly pay; for a work placement, the value of the work at full productivity. */
  grossMonthlyPayOre: number;
  wageSubsidy: WageSubsidy;
  /** What the person produces, as a share of what the position's wage cost pays for. */
  productivityPercent: number;
  ageBand: AgeBand;
  unemploymentMonths: number;
  newlyArrived: boolean;
  unemploymentInsurance: boolean;
  housingBenefit: boolean;
  supervisorMonthlyPayOre: number;
  supervisionPercent: number;
  /** The employer's one-off administration cost per position. */
  employerAdminCostOre: number;
  /** The buyer's extra cost of procuring with the requirement, once for the whole requirement. */
  procurementCostOre: number;
  /** Hiring bonus the buyer pays the employer, in total. */
  bonusOre: number;
  year: number;
}

export interface EffectStep {
  /** Stable key, e.g. `employer.production`. */
  key: string;
  actor: EffectActor;
  /** English description of the step; the web translates by key. */
  label: string;
  /** The formula with the numbers put in. */
  formula: string;
  amountOre: number;
  /** Parameter names whose sources back this step. */
  parameters: string[];
}

export interface EffectSource {
  parameter: string;
  value: number;
  source: string;
  date: string;
  note?: string;
}

export interface EffectResult {
  actors: Record<EffectActor, number>;
  totalOre: number;
  parameterSet: { year: number; sources: EffectSource[] };
  steps: EffectStep[];
}

interface Scenario {
  municipalTax: number;
  regionalTax: number;
  jobTaxCredit: number;
  /** Benefits the state pays (unemployment insurance, activity support, establishment allowance, housing benefit). */
  stateBenefits: number;
  incomeSupport: number;
  disposable: number;
}

const sek = (ore: number): string => `${(ore / 100).toLocaleString('sv-SE', { maximumFractionDigits: 2 })} kr`;
const pct = (p: number): string => `${p} %`;

/**
 * The monthly income picture of one person in one scenario (unemployed or employed). Income
 * support (försörjningsstöd) tops the person's net income up to the national standard plus a
 * reasonable housing cost; the basic deduction and the earned-income tax credit follow the
 * parameter set's monthly simplification (docs/results.md, "Taxes").
 */
function scenarioOf(
  taxable: number,
  taxFree: number,
  stateBenefits: number,
  earned: boolean,
  extentShare: number,
  rates: { municipal: number; regional: number },
  p: EffectParameterSet,
): Scenario {
  const base = Math.max(0, taxable - p.basicDeductionMonthlyOre.value);
  const municipalTax = (base * rates.municipal) / 100;
  const regionalTax = (base * rates.regional) / 100;
  const jobTaxCredit = earned ? Math.min(p.jobTaxCreditMonthlyOre.value * extentShare, municipalTax + regionalTax) : 0;
  const net = taxable - municipalTax - regionalTax + jobTaxCredit + taxFree;
  const floor = p.incomeSupportNormMonthlyOre.value + p.housingCostMonthlyOre.value;
  const incomeSupport = Math.max(0, floor - net);
  return { municipalTax, regionalTax, jobTaxCredit, stateBenefits, incomeSupport, disposable: net + incomeSupport };
}

/** The nystartsjobb level for this person: newly arrived level, else the band of the months without work. */
function nystartsjobbMultiple(rule: NystartsjobbRule, input: Pick<EffectInput, 'newlyArrived' | 'unemploymentMonths'>): number {
  if (input.newlyArrived && rule.newlyArrivedContributionMultiple !== undefined) return rule.newlyArrivedContributionMultiple;
  let multiple = rule.contributionMultiple.value;
  for (const band of rule.contributionMultipleBands ?? []) if (input.unemploymentMonths >= band.fromMonths) multiple = band.multiple;
  return multiple;
}

function subsidyMonthly(input: EffectInput, p: EffectParameterSet, contributionPercent: number, pay: number, wageCost: number): { monthly: number; months: number; parameters: string[]; formula: string } {
  const extent = input.extentPercent / 100;
  switch (input.wageSubsidy) {
    case 'nystartsjobb': {
      const rule = p.wageSubsidies.nystartsjobb;
      const qualifies = input.newlyArrived || (rule.qualifyingMonths[input.ageBand] > 0 && input.unemploymentMonths >= rule.qualifyingMonths[input.ageBand]);
      // Support lasts as long as the person was without work, up to the age band's longest time
      // (newly arrived persons: their own limit), and never beyond the requirement period.
      const limit = input.newlyArrived ? rule.newlyArrivedMaxMonths : Math.min(input.unemploymentMonths, rule.maxMonths[input.ageBand]);
      const months = qualifies ? Math.min(input.months, limit) : 0;
      const supported = Math.min(pay, rule.payCeilingOre.value * extent);
      const multiple = nystartsjobbMultiple(rule, input);
      const monthly = (multiple * contributionPercent * supported) / 100;
      return {
        monthly,
        months,
        parameters: ['wageSubsidies.nystartsjobb.contributionMultiple', 'wageSubsidies.nystartsjobb.payCeilingOre', 'employerContributionPercent'],
        formula: qualifies
          ? `${multiple} × ${pct(contributionPercent)} × min(${sek(pay)}, ${sek(rule.payCeilingOre.value * extent)}) × ${months} months`
          : 'not eligible: too short unemployment for the age band, and not newly arrived',
      };
    }
    case 'lonebidrag':
    case 'introduktionsjobb': {
      const rule = p.wageSubsidies[input.wageSubsidy];
      const supported = Math.min(wageCost, rule.wageCostCeilingOre.value * extent);
      const monthly = (rule.percentOfWageCost.value * supported) / 100;
      return {
        monthly,
        months: input.months,
        parameters: [`wageSubsidies.${input.wageSubsidy}.percentOfWageCost`, `wageSubsidies.${input.wageSubsidy}.wageCostCeilingOre`],
        formula: `${pct(rule.percentOfWageCost.value)} × min(${sek(wageCost)}, ${sek(rule.wageCostCeilingOre.value * extent)}) × ${input.months} months`,
      };
    }
    case 'none':
      return { monthly: 0, months: 0, parameters: [], formula: 'no wage subsidy' };
  }
}

/** Flattens the parameter set into the list of sources a result shows. */
export function sourcesOf(p: EffectParameterSet, municipalityCode?: string): EffectSource[] {
  const out: EffectSource[] = [];
  const add = (name: string, v: SourcedValue): void => {
    out.push({ parameter: name, value: v.value, source: v.source, date: v.date, ...(v.note ? { note: v.note } : {}) });
  };
  for (const [name, v] of Object.entries(p)) {
    if (v && typeof v === 'object' && 'value' in v && 'source' in v) add(name, v as SourcedValue);
  }
  const ns = p.wageSubsidies.nystartsjobb;
  add('wageSubsidies.nystartsjobb.contributionMultiple', ns.contributionMultiple);
  add('wageSubsidies.nystartsjobb.payCeilingOre', ns.payCeilingOre);
  out.push({ parameter: 'wageSubsidies.nystartsjobb.rules', value: ns.newlyArrivedMaxMonths, source: ns.rulesSource, date: ns.rulesDate, ...(ns.rulesNote ? { note: ns.rulesNote } : {}) });
  for (const kind of ['lonebidrag', 'introduktionsjobb'] as const) {
    add(`wageSubsidies.${kind}.percentOfWageCost`, p.wageSubsidies[kind].percentOfWageCost);
    add(`wageSubsidies.${kind}.wageCostCeilingOre`, p.wageSubsidies[kind].wageCostCeilingOre);
  }
  const rate = municipalityCode ? p.municipalTaxRates[municipalityCode] : undefined;
  if (rate) {
    out.push({ parameter: `municipalTaxRates.${rate.municipalityCode}.municipalPercent`, value: rate.municipalPercent, source: rate.source, date: rate.date });
    out.push({ parameter: `municipalTaxRates.${rate.municipalityCode}.regionalPercent`, value: rate.regionalPercent, source: rate.source, date: rate.date });
  }
  return out;
}

/**
 * The static socio-economic value of an employment requirement by UHM's method: over the
 * requirement period, each position is compared with the counterfactual that the person would
 * have stayed unemployed, and the differences are booked to the individual, the municipality, the
 * region, the state and the employer. Dynamic effects, health effects and displacement are outside
 * the method, as in UHM's. Transfers between actors (taxes, benefits, subsidies) cancel in the
 * total, which is what the work produces less what it costs to supervise, administer and procure.
 *
 * The parameter set must be the one for `input.year`; the caller picks it.
 */
export function calculateSocioEconomicValue(input: EffectInput, p: EffectParameterSet): EffectResult {
  if (p.year !== input.year) throw new RangeError(`parameter set ${p.year} used for year ${input.year}`);
  const steps: EffectStep[] = [];
  const count = input.positions * input.months;
  const add = (step: Omit<EffectStep, 'amountOre'>, amount: number): void => {
    steps.push({ ...step, amountOre: Math.round(amount) });
  };
  const extent = input.extentPercent / 100;
  const localRate = input.municipalityCode ? p.municipalTaxRates[input.municipalityCode] : undefined;
  const rates = localRate
    ? { municipal: localRate.municipalPercent, regional: localRate.regionalPercent }
    : { municipal: p.averageMunicipalTaxPercent.value, regional: p.averageRegionalTaxPercent.value };
  const rateParams = localRate
    ? [`municipalTaxRates.${localRate.municipalityCode}.municipalPercent`, `municipalTaxRates.${localRate.municipalityCode}.regionalPercent`]
    : ['averageMunicipalTaxPercent', 'averageRegionalTaxPercent'];
  const contributionPercent = input.ageBand === '66+' ? p.employerContributionOldAgePercent.value : p.employerContributionPercent.value;
  const contributionParam = input.ageBand === '66+' ? 'employerContributionOldAgePercent' : 'employerContributionPercent';
  const fullPay = input.grossMonthlyPayOre * extent;

  // The counterfactual: what the person lives on while unemployed (UHM: registered at
  // Arbetsförmedlingen, openly unemployed or in a programme).
  let unemployedTaxable = 0;
  let unemployedTaxFree = 0;
  let benefitParam: string;
  if (input.unemploymentInsurance) {
    unemployedTaxable = Math.min((input.grossMonthlyPayOre * p.unemploymentInsurancePercent.value) / 100, p.unemploymentInsuranceMaxMonthlyOre.value);
    benefitParam = 'unemploymentInsuranceMaxMonthlyOre';
  } else if (input.newlyArrived) {
    unemployedTaxFree = p.establishmentAllowanceMonthlyOre.value;
    benefitParam = 'establishmentAllowanceMonthlyOre';
  } else if (input.ageBand === '18-25') {
    unemployedTaxable = p.developmentAllowanceMonthlyOre.value;
    benefitParam = 'developmentAllowanceMonthlyOre';
  } else {
    unemployedTaxable = p.activitySupportMonthlyOre.value;
    benefitParam = 'activitySupportMonthlyOre';
  }
  const housing = input.housingBenefit ? p.housingBenefitMonthlyOre.value : 0;
  const unemployed = scenarioOf(unemployedTaxable, unemployedTaxFree + housing, unemployedTaxable + unemployedTaxFree + housing, false, 0, rates, p);

  const isPlacement = input.requirementType === 'work_placement';
  // A work placement (praktik) pays no wage: the person keeps the benefits, so nothing but the
  // work's value and its costs changes. Employment and apprenticeship are paid work, and the
  // person leaves the benefits (housing benefit is assumed to lapse with the income).
  const employed = isPlacement ? unemployed : scenarioOf(fullPay, 0, 0, true, extent, rates, p);
  const wageCost = isPlacement ? 0 : fullPay * (1 + contributionPercent / 100);
  const subsidy = isPlacement ? { monthly: 0, months: 0, parameters: [], formula: 'a work placement has no wage subsidy' } : subsidyMonthly(input, p, contributionPercent, fullPay, wageCost);

  // Individual: the change in disposable income, less the part spent on indirect taxes (booked to the state).
  const disposableChange = employed.disposable - unemployed.disposable;
  const indirect = (disposableChange * p.indirectTaxPercent.value) / 100;
  add(
    { key: 'individual.disposableIncome', actor: 'individual', label: 'Change in disposable income (pay after tax, less benefits and income support lost)', formula: `(${sek(employed.disposable)} − ${sek(unemployed.disposable)}) × ${count} position-months`, parameters: [benefitParam, 'incomeSupportNormMonthlyOre', 'housingCostMonthlyOre', 'basicDeductionMonthlyOre', 'jobTaxCreditMonthlyOre', ...rateParams, ...(input.housingBenefit ? ['housingBenefitMonthlyOre'] : [])] },
    disposableChange * count,
  );
  add({ key: 'individual.indirectTax', actor: 'individual', label: 'Indirect taxes on the extra consumption', formula: `−${pct(p.indirectTaxPercent.value)} × ${sek(disposableChange)} × ${count}`, parameters: ['indirectTaxPercent'] }, -indirect * count);

  // Municipality: municipal income tax, and income support no longer paid.
  add({ key: 'municipality.incomeTax', actor: 'municipality', label: 'Municipal income tax', formula: `(${sek(employed.municipalTax)} − ${sek(unemployed.municipalTax)}) × ${count}`, parameters: [rateParams[0]!, 'basicDeductionMonthlyOre'] }, (employed.municipalTax - unemployed.municipalTax) * count);
  add({ key: 'municipality.incomeSupport', actor: 'municipality', label: 'Income support no longer paid', formula: `(${sek(unemployed.incomeSupport)} − ${sek(employed.incomeSupport)}) × ${count}`, parameters: ['incomeSupportNormMonthlyOre', 'housingCostMonthlyOre'] }, (unemployed.incomeSupport - employed.incomeSupport) * count);

  // Region: regional income tax.
  add({ key: 'region.incomeTax', actor: 'region', label: 'Regional income tax', formula: `(${sek(employed.regionalTax)} − ${sek(unemployed.regionalTax)}) × ${count}`, parameters: [rateParams[1]!, 'basicDeductionMonthlyOre'] }, (employed.regionalTax - unemployed.regionalTax) * count);

  // State: employer contributions, indirect taxes, benefits saved; less the tax credit and the subsidy.
  add({ key: 'state.employerContributions', actor: 'state', label: 'Employer contributions', formula: `${pct(contributionPercent)} × ${sek(fullPay)} × ${count}`, parameters: [contributionParam] }, (wageCost - (isPlacement ? 0 : fullPay)) * count);
  add({ key: 'state.indirectTax', actor: 'state', label: 'Indirect taxes on the extra consumption', formula: `${pct(p.indirectTaxPercent.value)} × ${sek(disposableChange)} × ${count}`, parameters: ['indirectTaxPercent'] }, indirect * count);
  add({ key: 'state.benefits', actor: 'state', label: 'Benefits no longer paid (unemployment insurance, activity support or establishment allowance; housing benefit)', formula: `(${sek(unemployed.stateBenefits)} − ${sek(employed.stateBenefits)}) × ${count}`, parameters: [benefitParam, ...(input.housingBenefit ? ['housingBenefitMonthlyOre'] : [])] }, (unemployed.stateBenefits - employed.stateBenefits) * count);
  add({ key: 'state.jobTaxCredit', actor: 'state', label: 'Earned-income tax credit', formula: `−${sek(employed.jobTaxCredit - unemployed.jobTaxCredit)} × ${count}`, parameters: ['jobTaxCreditMonthlyOre'] }, -(employed.jobTaxCredit - unemployed.jobTaxCredit) * count);
  add({ key: 'state.wageSubsidy', actor: 'state', label: 'Wage subsidy paid', formula: `−${subsidy.formula} × ${input.positions} positions`, parameters: subsidy.parameters }, -subsidy.monthly * subsidy.months * input.positions);

  // Employer: what the work produces, less what it costs; plus the subsidy and any bonus.
  const productionBase = isPlacement ? fullPay : wageCost;
  add({ key: 'employer.production', actor: 'employer', label: 'Value of the work done', formula: `${pct(input.productivityPercent)} × ${sek(productionBase)} × ${count}`, parameters: isPlacement ? [] : [contributionParam] }, ((input.productivityPercent / 100) * productionBase) * count);
  add({ key: 'employer.wageCost', actor: 'employer', label: 'Wage cost (pay and employer contributions)', formula: `−${sek(wageCost)} × ${count}`, parameters: [contributionParam] }, -wageCost * count);
  add({ key: 'employer.wageSubsidy', actor: 'employer', label: 'Wage subsidy received', formula: `${subsidy.formula} × ${input.positions} positions`, parameters: subsidy.parameters }, subsidy.monthly * subsidy.months * input.positions);
  const supervisorCost = input.supervisorMonthlyPayOre * (1 + p.employerContributionPercent.value / 100) * (input.supervisionPercent / 100);
  add({ key: 'employer.supervision', actor: 'employer', label: 'Supervisor’s time', formula: `−${pct(input.supervisionPercent)} × ${sek(input.supervisorMonthlyPayOre)} × (1 + ${pct(p.employerContributionPercent.value)}) × ${count}`, parameters: ['employerContributionPercent'] }, -supervisorCost * count);
  add({ key: 'employer.administration', actor: 'employer', label: 'Administration', formula: `−${sek(input.employerAdminCostOre)} × ${input.positions} positions`, parameters: [] }, -input.employerAdminCostOre * input.positions);
  add({ key: 'employer.bonus', actor: 'employer', label: 'Hiring bonus received', formula: sek(input.bonusOre), parameters: [] }, input.bonusOre);

  // The buyer bears the procurement cost and pays the bonus.
  add({ key: `${input.buyerType}.procurementCost`, actor: input.buyerType, label: 'Extra cost of procuring with the requirement', formula: `−${sek(input.procurementCostOre)}`, parameters: [] }, -input.procurementCostOre);
  add({ key: `${input.buyerType}.bonus`, actor: input.buyerType, label: 'Hiring bonus paid', formula: `−${sek(input.bonusOre)}`, parameters: [] }, -input.bonusOre);

  const actors = { individual: 0, municipality: 0, region: 0, state: 0, employer: 0 } satisfies Record<EffectActor, number>;
  for (const step of steps) actors[step.actor] += step.amountOre;
  const totalOre = EFFECT_ACTORS.reduce((sum, a) => sum + actors[a], 0);
  return { actors, totalOre, parameterSet: { year: p.year, sources: sourcesOf(p, localRate?.municipalityCode) }, steps };
}
