import { describe, expect, it } from 'vitest';
import { loadCpvCatalogue } from './cpv-catalogue.js';

describe('CPV catalogue', () => {
  const cpv = loadCpvCatalogue();
  it('holds the 9,416 codes of CPV 2008 with Swedish and English labels', () => {
    expect(cpv.size).toBe(9416);
    expect(cpv.get('90910000')).toEqual({ code: '90910000', sv: expect.stringMatching(/städ/i), en: expect.stringMatching(/clean/i) });
  });
  it('knows unknown codes are unknown', () => {
    expect(cpv.has('99999999')).toBe(false);
  });
  it('finds codes by Swedish words, general codes first', () => {
    const hits = cpv.search('städ', 5);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => `${h.sv}`.toLowerCase().includes('städ'))).toBe(true);
  });
  it('ranks labels starting with the word above a match inside a word ("bostäder" for "städ", issue 11)', () => {
    const hits = cpv.search('städ', 20).map((h) => h.sv);
    const cleaning = hits.findIndex((l) => /^städ/i.test(l));
    const housing = hits.findIndex((l) => /bostäder/i.test(l));
    expect(cleaning).toBe(0);
    if (housing >= 0) expect(housing).toBeGreaterThan(cleaning);
    expect(cpv.search('90910000', 1)[0]!.code).toBe('90910000');
  });
});
