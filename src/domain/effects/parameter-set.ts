/**
 * The parameters of the socio-economic calculation for one year (UHM's calculator for employment
 * requirements). Every value carries where it comes from and the date it applies from, so a figure
 * can always show its sources. The data lives in `src/reference/effects/` and is read by the
 * server; this module only describes its shape.
 */

/** A number with its provenance. `note` says when a value is an assumption or was not checked. */
export interface SourcedValue {
  value: number;
  source: string;
  /** ISO date the value applies from (or was published). */
  date: string;
  note?: string;
}

export type AgeBand = '18-25' | '26-65' | '66+';

export interface MunicipalTaxRate {
  municipalityCode: string;
  municipalPercent: number;
  regionalPercent: number;
  source: string;
  date: string;
}

/** From this many months without work (inclusive), the support is `multiple` employer contributions. */
export interface ContributionBand {
  fromMonths: number;
  multiple: number;
}

export interface NystartsjobbRule {
  /**
   * The support equals this many employer contributions on the supported pay. Where
   * `contributionMultipleBands` is given, this is the level below the first band; its source and
   * note cover the bands and the newly arrived level too.
   */
  contributionMultiple: SourcedValue;
  /** Levels by months without work (ascending `fromMonths`), when the rules of the year differ by it. */
  contributionMultipleBands?: readonly ContributionBand[];
  /** The level for newly arrived persons, when the rules of the year give them their own. */
  newlyArrivedContributionMultiple?: number;
  /** Full-time monthly pay the support is computed on at most (öre); scaled by extent. */
  payCeilingOre: SourcedValue;
  /** Unemployment months needed to qualify, by age band (0 = not eligible). */
  qualifyingMonths: Record<AgeBand, number>;
  /** Longest support, in months, by age band; newly arrived persons use `newlyArrivedMaxMonths`. */
  maxMonths: Record<AgeBand, number>;
  newlyArrivedMaxMonths: number;
  rulesSource: string;
  rulesDate: string;
  rulesNote?: string;
}

export interface WageCostSubsidyRule {
  /** Share of the wage cost (pay and contributions) paid, in percent. */
  percentOfWageCost: SourcedValue;
  /** Full-time monthly wage cost the support is computed on at most (öre); scaled by extent. */
  wageCostCeilingOre: SourcedValue;
}

export interface EffectParameterSet {
  year: number;
  employerContributionPercent: SourcedValue;
  /** Only the old-age pension fee for persons past 65 (the 66+ age band). */
  employerContributionOldAgePercent: SourcedValue;
  averageMunicipalTaxPercent: SourcedValue;
  averageRegionalTaxPercent: SourcedValue;
  /** Tax rates per municipality (SCB municipality code); others use the averages. */
  municipalTaxRates: Readonly<Record<string, MunicipalTaxRate>>;
  /** Basic deduction (grundavdrag) per month at the income levels in question. */
  basicDeductionMonthlyOre: SourcedValue;
  /** Earned-income tax credit (jobbskatteavdrag) per month at full time, at most the tax. */
  jobTaxCreditMonthlyOre: SourcedValue;
  /** National standard for income support (riksnorm), one adult, per month. */
  incomeSupportNormMonthlyOre: SourcedValue;
  /** Reasonable housing cost income support also covers, per month. */
  housingCostMonthlyOre: SourcedValue;
  /** Housing benefit (bostadsbidrag) per month for a person who has it while unemployed. */
  housingBenefitMonthlyOre: SourcedValue;
  /** Establishment allowance (etableringsersättning) per month at full participation, tax free. */
  establishmentAllowanceMonthlyOre: SourcedValue;
  /** Activity support (aktivitetsstöd) per month without unemployment insurance, taxable. */
  activitySupportMonthlyOre: SourcedValue;
  /** Development allowance (utvecklingsersättning) for the 18–25 band, per month, taxable. */
  developmentAllowanceMonthlyOre: SourcedValue;
  /** Unemployment insurance as a share of the previous pay, and its monthly ceiling. */
  unemploymentInsurancePercent: SourcedValue;
  unemploymentInsuranceMaxMonthlyOre: SourcedValue;
  /** Share of a change in disposable income that returns to the state as indirect tax (VAT, excise). */
  indirectTaxPercent: SourcedValue;
  wageSubsidies: {
    nystartsjobb: NystartsjobbRule;
    lonebidrag: WageCostSubsidyRule;
    introduktionsjobb: WageCostSubsidyRule;
  };
}
