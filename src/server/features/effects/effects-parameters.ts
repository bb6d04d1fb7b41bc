import fs from 'node:fs';
import path from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { parse } from 'csv-parse/sync';
import type { EffectParameterSet, MunicipalTaxRate } from '../../../domain/effects/parameter-set.js';
import { REFERENCE_DIR } from '../../../paths.js';

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Sourced = Type.Object({ value: Type.Number(), source: Type.String({ minLength: 1 }), date: IsoDate, note: Type.Optional(Type.String()) }, { additionalProperties: false });
const ByAge = Type.Object({ '18-25': Type.Integer({ minimum: 0 }), '26-65': Type.Integer({ minimum: 0 }), '66+': Type.Integer({ minimum: 0 }) }, { additionalProperties: false });
const WageCost = Type.Object({ percentOfWageCost: Sourced, wageCostCeilingOre: Sourced }, { additionalProperties: false });

/** The shape of `src/reference/effects/parameters-<year>.json` (schema at the file edge). */
export const ParameterFile = Type.Object(
  {
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    employerContributionPercent: Sourced,
    employerContributionOldAgePercent: Sourced,
    averageMunicipalTaxPercent: Sourced,
    averageRegionalTaxPercent: Sourced,
    basicDeductionMonthlyOre: Sourced,
    jobTaxCreditMonthlyOre: Sourced,
    incomeSupportNormMonthlyOre: Sourced,
    housingCostMonthlyOre: Sourced,
    housingBenefitMonthlyOre: Sourced,
    establishmentAllowanceMonthlyOre: Sourced,
    activitySupportMonthlyOre: Sourced,
    developmentAllowanceMonthlyOre: Sourced,
    unemploymentInsurancePercent: Sourced,
    unemploymentInsuranceMaxMonthlyOre: Sourced,
    indirectTaxPercent: Sourced,
    wageSubsidies: Type.Object(
      {
        nystartsjobb: Type.Object(
          {
            contributionMultiple: Sourced,
            contributionMultipleBands: Type.Optional(Type.Array(Type.Object({ fromMonths: Type.Integer({ minimum: 0 }), multiple: Type.Number({ exclusiveMinimum: 0, maximum: 5 }) }, { additionalProperties: false }), { minItems: 1 })),
            newlyArrivedContributionMultiple: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 5 })),
            payCeilingOre: Sourced,
            qualifyingMonths: ByAge,
            maxMonths: ByAge,
            newlyArrivedMaxMonths: Type.Integer({ minimum: 0 }),
            rulesSource: Type.String(),
            rulesDate: IsoDate,
            rulesNote: Type.Optional(Type.String()),
          },
          { additionalProperties: false },
        ),
        lonebidrag: WageCost,
        introduktionsjobb: WageCost,
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
type ParameterFileData = Static<typeof ParameterFile>;

export const EFFECTS_DIR = path.join(REFERENCE_DIR, 'effects');

let cached: { dir: string; sets: Map<number, EffectParameterSet> } | null = null;

/**
 * Reads every parameter set in the data folder (one JSON file a year and one CSV of municipal
 * tax rates), checks each against its schema and fails loudly naming the file: a wrong data file
 * must not give a silent wrong figure. Data, not code: a new year is a new file.
 */
export function loadParameterSets(dir = EFFECTS_DIR): Map<number, EffectParameterSet> {
  if (cached?.dir === dir) return cached.sets;
  const rates = new Map<number, Record<string, MunicipalTaxRate>>();
  const csv = parse(fs.readFileSync(path.join(dir, 'municipal-tax-rates.csv'), 'utf8'), { columns: true, skip_empty_lines: true, comment: '#' }) as Array<Record<string, string>>;
  for (const [i, row] of csv.entries()) {
    const year = Number(row.year);
    const municipal = Number(row.municipal_percent);
    const regional = Number(row.regional_percent);
    if (!Number.isInteger(year) || !/^\d{4}$/.test(row.municipality_code ?? '') || !(municipal > 0 && municipal < 40) || !(regional >= 0 && regional < 20) || !row.source || !row.date) {
      throw new Error(`municipal-tax-rates.csv row ${i + 2} is invalid`);
    }
    const forYear = rates.get(year) ?? {};
    if (forYear[row.municipality_code!]) throw new Error(`municipal-tax-rates.csv row ${i + 2} repeats ${row.municipality_code} ${year}`);
    forYear[row.municipality_code!] = { municipalityCode: row.municipality_code!, municipalPercent: municipal, regionalPercent: regional, source: row.source, date: row.date };
    rates.set(year, forYear);
  }
  const sets = new Map<number, EffectParameterSet>();
  for (const name of fs.readdirSync(dir).filter((n) => /^parameters-\d{4}\.json$/.test(n)).sort()) {
    const data: unknown = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
    if (!Value.Check(ParameterFile, data)) {
      const first = [...Value.Errors(ParameterFile, data)][0];
      throw new Error(`${name} is invalid at ${first?.path ?? '/'}: ${first?.message ?? 'unknown'}`);
    }
    const file = data as ParameterFileData;
    if (name !== `parameters-${file.year}.json`) throw new Error(`${name} holds year ${file.year}`);
    const bands = file.wageSubsidies.nystartsjobb.contributionMultipleBands ?? [];
    if (bands.some((band, i) => i > 0 && band.fromMonths <= bands[i - 1]!.fromMonths)) throw new Error(`${name}: nystartsjobb contributionMultipleBands must rise in fromMonths`);
    sets.set(file.year, { ...file, municipalTaxRates: rates.get(file.year) ?? {} });
  }
  cached = { dir, sets };
  return sets;
}
