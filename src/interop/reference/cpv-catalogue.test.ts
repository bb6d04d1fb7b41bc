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
});
