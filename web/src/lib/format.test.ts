import { describe, expect, it } from 'vitest';
import { formatSek, oreToSekInput, parseDecimal, parseInteger, parseSekToOre } from './format';

describe('money', () => {
  it.each([
    ['12 000 000', 1_200_000_000],
    ['12000000', 1_200_000_000],
    ['12\u00a0000\u00a0000 kr', 1_200_000_000],
    ['1,5', 150],
    ['1.05', 105],
    ['', null],
  ])('reads "%s" kronor as %s öre', (text, ore) => {
    expect(parseSekToOre(text)).toBe(ore);
  });

  it.each(['abc', '1,234', '-5', '1.2.3'])('refuses "%s" as an amount', (text) => {
    expect(parseSekToOre(text)).toBeNaN();
  });

  it('shows öre as Swedish kronor', () => {
    expect(formatSek(1_200_000_000).replace(/\s/g, ' ')).toBe('12 000 000 kr');
    expect(formatSek(null)).toBe('–');
  });

  it('round-trips öre through the input format', () => {
    expect(oreToSekInput(1_200_000_050)).toBe('12000000,50');
    expect(parseSekToOre(oreToSekInput(1_200_000_050))).toBe(1_200_000_050);
  });
});

describe('numbers', () => {
  it('reads whole numbers and decimals', () => {
    expect(parseInteger('24')).toBe(24);
    expect(parseInteger('')).toBeNull();
    expect(parseInteger('2,5')).toBeNaN();
    expect(parseDecimal('2,5')).toBe(2.5);
    expect(parseDecimal('x')).toBeNaN();
  });
});
