import { describe, expect, it } from 'vitest';
import { applySroiAdjustments } from './sroi-adjustments.js';

describe('applySroiAdjustments (shown apart from UHM)', () => {
  it.each([
    ['no adjustments over one year keep the UHM figure', { deadweightPercent: 0, displacementPercent: 0, attributionPercent: 0, dropOffPercent: 0, years: 1 }, [1_000_000]],
    ['deadweight 20 %, displacement 10 %, attribution 50 %', { deadweightPercent: 20, displacementPercent: 10, attributionPercent: 50, dropOffPercent: 0, years: 1 }, [360_000]],
    ['drop-off 50 % over three years', { deadweightPercent: 0, displacementPercent: 0, attributionPercent: 0, dropOffPercent: 50, years: 3 }, [1_000_000, 500_000, 250_000]],
  ])('%s', (_name, a, perYear) => {
    const r = applySroiAdjustments(1_000_000, a);
    expect(r.perYearOre).toEqual(perYear);
    expect(r.uhmTotalOre).toBe(1_000_000);
    expect(r.adjustedTotalOre).toBe(perYear.reduce((x, y) => x + y, 0));
  });

  it('refuses a share above 100 % and more than ten years', () => {
    expect(() => applySroiAdjustments(1, { deadweightPercent: 101, displacementPercent: 0, attributionPercent: 0, dropOffPercent: 0, years: 1 })).toThrow(RangeError);
    expect(() => applySroiAdjustments(1, { deadweightPercent: 0, displacementPercent: 0, attributionPercent: 0, dropOffPercent: 0, years: 11 })).toThrow(RangeError);
  });
});
