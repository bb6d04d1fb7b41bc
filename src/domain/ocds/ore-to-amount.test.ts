import { describe, expect, it } from 'vitest';
import { oreToAmount } from './ore-to-amount.js';

describe('oreToAmount', () => {
  it.each([
    [0, '0'],
    [1, '0.01'],
    [10, '0.1'],
    [99, '0.99'],
    [100, '1'],
    [12_345_67, '12345.67'],
    [12_000_000_00, '12000000'],
    [-5_50, '-5.5'],
    // 0.1 + 0.2 territory: division would still be fine here, sums would not be.
    [30, '0.3'],
    [999_999_999_999_999, '9999999999999.99'],
  ])('%i öre is %s kronor', (ore, text) => {
    expect(String(oreToAmount(ore))).toBe(text);
  });

  it('prints back as the exact decimal for every amount tried up to 10^15 öre', () => {
    let seed = 42;
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (let i = 0; i < 5000; i += 1) {
      const ore = (next() * 2147483647 + next()) % 1_000_000_000_000_000;
      const kronor = Math.floor(ore / 100);
      const rest = ore % 100;
      const expected = rest === 0 ? String(kronor) : `${kronor}.${String(rest).padStart(2, '0').replace(/0$/, '')}`;
      expect(String(oreToAmount(ore))).toBe(expected);
    }
  });

  it('refuses what is not a whole, safe number of öre (a bug upstream)', () => {
    expect(() => oreToAmount(1.5)).toThrow(RangeError);
    expect(() => oreToAmount(2 ** 53)).toThrow(RangeError);
  });
});
