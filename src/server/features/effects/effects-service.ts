import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { calculateSocioEconomicValue, type EffectResult } from '../../../domain/effects/calculate-socio-economic-value.js';
import type { EffectParameterSet } from '../../../domain/effects/parameter-set.js';
import { applySroiAdjustments, type AdjustedValue } from '../../../domain/effects/sroi-adjustments.js';
import { REFERENCE_DIR } from '../../../paths.js';
import { assertCan, type Who } from '../../access.js';
import { validationFailed } from '../../errors.js';
import { loadParameterSets } from './effects-parameters.js';
import type { EffectCalculationBody } from './effects-schemas.js';

let municipalityCodes: Set<string> | null = null;
function isKnownMunicipality(code: string): boolean {
  if (!municipalityCodes) {
    const rows = parse(fs.readFileSync(path.join(REFERENCE_DIR, 'se', 'kommuner-scb.csv'), 'utf8'), { columns: true, skip_empty_lines: true }) as Array<{ municipality_code: string }>;
    municipalityCodes = new Set(rows.map((r) => r.municipality_code));
  }
  return municipalityCodes.has(code);
}

/** The years a parameter set exists for. */
export function parameterYears(): number[] {
  return [...loadParameterSets().keys()].sort((a, b) => a - b);
}

/** The parameter set of a year, or undefined when none is shipped. */
export function parameterSetFor(year: number): EffectParameterSet | undefined {
  return loadParameterSets().get(year);
}

/**
 * The what-if calculator: UHM's static value of a planned requirement, split by actor, with
 * every step and source; the optional SROI figure beside it, never inside it.
 */
export function calculateEffects(who: Who, body: EffectCalculationBody): EffectResult & { sroi?: AdjustedValue } {
  assertCan(who.actor, 'effects:calculate', { organisationId: who.actor.organisationId });
  const set = parameterSetFor(body.year);
  if (!set) {
    throw validationFailed([{ path: '/body/year', code: 'unknown_year', message: `No parameter set for ${body.year}; there are sets for ${parameterYears().join(', ')}.` }]);
  }
  if (body.municipalityCode !== undefined && !isKnownMunicipality(body.municipalityCode)) {
    throw validationFailed([{ path: '/body/municipalityCode', code: 'unknown_municipality', message: `${body.municipalityCode} is not a Swedish municipality code.` }]);
  }
  const { sroi, ...input } = body;
  const result = calculateSocioEconomicValue(input, set);
  return sroi ? { ...result, sroi: applySroiAdjustments(result.totalOre, sroi) } : result;
}
