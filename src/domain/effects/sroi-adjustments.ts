/**
 * SROI-style adjustments, shown apart from the UHM figure and never folded into it (issue 15).
 * UHM's method is static and assumes the person would otherwise have stayed unemployed; these
 * optional factors let a user ask "and if some of it would have happened anyway?":
 *  - deadweight: the share that would have happened without the requirement;
 *  - displacement: the share that only moved a job from someone else;
 *  - attribution: the share owed to others (e.g. the matching service's own work);
 *  - drop-off: how much of the effect is lost each further year, for effects counted over years.
 * No proxy values are bundled (UK TOMs values are licensed non-commercial, no derivatives).
 */
export interface SroiAdjustments {
  deadweightPercent: number;
  displacementPercent: number;
  attributionPercent: number;
  dropOffPercent: number;
  /** Years the effect is counted over; 1 keeps UHM's single requirement period. */
  years: number;
}

export interface AdjustedValue {
  /** The UHM figure, unchanged. */
  uhmTotalOre: number;
  /** The figure after the adjustments, per year and in total. */
  perYearOre: number[];
  adjustedTotalOre: number;
  formula: string;
}

/**
 * Applies the adjustments to a UHM total: year 1 is total × (1 − deadweight) × (1 − displacement)
 * × (1 − attribution); every later year keeps (1 − drop-off) of the year before.
 */
export function applySroiAdjustments(uhmTotalOre: number, a: SroiAdjustments): AdjustedValue {
  for (const [name, value] of Object.entries(a)) {
    if (name === 'years') continue;
    if (!(value >= 0 && value <= 100)) throw new RangeError(`${name} must be 0–100, got ${value}`);
  }
  if (!Number.isInteger(a.years) || a.years < 1 || a.years > 10) throw new RangeError(`years must be 1–10, got ${a.years}`);
  const first = uhmTotalOre * (1 - a.deadweightPercent / 100) * (1 - a.displacementPercent / 100) * (1 - a.attributionPercent / 100);
  const perYearOre: number[] = [];
  for (let y = 0; y < a.years; y++) perYearOre.push(Math.round(first * (1 - a.dropOffPercent / 100) ** y));
  return {
    uhmTotalOre,
    perYearOre,
    adjustedTotalOre: perYearOre.reduce((s, v) => s + v, 0),
    formula: `total × (1 − ${a.deadweightPercent} %) × (1 − ${a.displacementPercent} %) × (1 − ${a.attributionPercent} %), then × (1 − ${a.dropOffPercent} %) each further year, over ${a.years} year(s)`,
  };
}
