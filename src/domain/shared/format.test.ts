import { describe, expect, it } from 'vitest';
import { formatInteger, formatOreAsSek, formatPercent, joinList } from './format.js';

const NBSP = '\u00a0';

describe('joinList', () => {
  it.each([
    [[], 'sv', ''],
    [['a'], 'sv', 'a'],
    [['a', 'b'], 'sv', 'a och b'],
    [['a', 'b', 'c'], 'sv', 'a, b och c'],
    [['a', 'b'], 'en', 'a and b'],
    [['a', 'b', 'c'], 'en', 'a, b and c'],
  ] as const)('%j in %s → %s', (items, lang, expected) => {
    expect(joinList(items, lang)).toBe(expected);
  });
});

describe('formatOreAsSek', () => {
  it.each([
    [0, 'sv', `0${NBSP}kr`],
    [2_500_000, 'sv', `25${NBSP}000${NBSP}kr`],
    [2_500_000, 'en', `SEK${NBSP}25,000`],
    [123_450, 'sv', `1${NBSP}234,50${NBSP}kr`],
    [123_405, 'en', `SEK${NBSP}1,234.05`],
    [100_000_000_00, 'en', `SEK${NBSP}100,000,000`],
  ] as const)('%i öre in %s → %s', (ore, lang, expected) => {
    expect(formatOreAsSek(ore, lang)).toBe(expected);
  });
});

describe('formatInteger and formatPercent', () => {
  it('groups thousands by language', () => {
    expect(formatInteger(999, 'sv')).toBe('999');
    expect(formatInteger(1000, 'sv')).toBe(`1${NBSP}000`);
    expect(formatInteger(1000, 'en')).toBe('1,000');
  });
  it('puts a space before % in Swedish only', () => {
    expect(formatPercent(75, 'sv')).toBe(`75${NBSP}%`);
    expect(formatPercent(75, 'en')).toBe('75%');
    expect(formatPercent(12.5, 'sv')).toBe(`12,5${NBSP}%`);
  });
});
