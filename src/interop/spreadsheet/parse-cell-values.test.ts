import { describe, expect, it } from 'vitest';
import { formatOreAsPlainSek } from '../../domain/shared/format.js';
import {
  excelSerialToIsoDate,
  isoDateToExcelSerial,
  neutraliseFormula,
  oreToSekNumber,
  parseCalendarDate,
  parseContractNature,
  parseCpvCode,
  parseCpvList,
  parseDecimal,
  parseProcedureType,
  parseSekToOre,
  parseWholeNumber,
  restoreNeutralised,
} from './parse-cell-values.js';

describe('parseSekToOre', () => {
  it.each([
    ['1 234 567,89', 123_456_789],
    ['1\u00a0234\u00a0567,89', 123_456_789],
    ['1\u202f234\u202f567,89', 123_456_789],
    ['1234567.89', 123_456_789],
    ['12 000 000', 1_200_000_000],
    ['12 000 000 kr', 1_200_000_000],
    ['12000000 SEK', 1_200_000_000],
    ['0,5', 50],
    ['100,', 10_000],
    ['0', 0],
    [1234567.89, 123_456_789],
    [19.99, 1_999],
    // Excel keeps 15 significant digits; float noise from a formula is not an extra decimal.
    [0.1 + 0.2, 30],
    [1100.0000000000002, 110_000],
    [12_000_000, 1_200_000_000],
    ['90 071 992 547 409,91', 9_007_199_254_740_991],
  ])('reads %j as %i öre exactly', (input, ore) => {
    expect(parseSekToOre(input)).toEqual({ ok: true, value: ore });
  });

  it.each([
    ['1,234.56', 'invalid_amount'],
    ['12,345', 'too_many_decimals'],
    [0.005, 'too_many_decimals'],
    ['-100', 'negative_amount'],
    ['tolv miljoner', 'invalid_amount'],
    ['1.234.567', 'invalid_amount'],
    ['90 071 992 547 409,92', 'amount_too_large'],
    ['', 'invalid_amount'],
  ])('refuses %j with %s', (input, code) => {
    expect(parseSekToOre(input)).toMatchObject({ ok: false, code });
  });

  it('formats öre back the way it reads them', () => {
    for (const ore of [0, 1, 50, 123_456_789, 1_200_000_000]) {
      expect(parseSekToOre(formatOreAsPlainSek(ore))).toEqual({ ok: true, value: ore });
      expect(parseSekToOre(oreToSekNumber(ore))).toEqual({ ok: true, value: ore });
    }
  });
});

describe('parseCalendarDate', () => {
  it.each([
    ['2026-04-01', '2026-04-01'],
    ['2026-4-1', '2026-04-01'],
    ['2026-04-01 00:00:00', '2026-04-01'],
    ['20260401', '2026-04-01'],
    [46113, '2026-04-01'],
    [46113.75, '2026-04-01'],
    // A serial a hair below midnight (float noise from a formula) is the next day, not the day before.
    [45999.999999999, '2025-12-09'],
    [46000, '2025-12-09'],
  ])('reads %j as %s', (input, iso) => {
    expect(parseCalendarDate(input)).toEqual({ ok: true, value: iso });
  });

  it.each([['2026-02-30'], ['01/04/2026'], ['april'], [12], [123_456]])('refuses %j', (input) => {
    expect(parseCalendarDate(input)).toMatchObject({ ok: false, code: 'invalid_date' });
  });

  it('converts Excel serials both ways (1900 date system, 1899-12-30 is day zero)', () => {
    expect(excelSerialToIsoDate(1)).toBe('1899-12-31');
    expect(excelSerialToIsoDate(25_569)).toBe('1970-01-01');
    expect(isoDateToExcelSerial('2026-04-01')).toBe(46_113);
  });
});

describe('numbers', () => {
  it.each([
    ['24', 24],
    [24, 24],
    ['24,0', 24],
  ])('whole number %j → %i', (input, n) => expect(parseWholeNumber(input)).toEqual({ ok: true, value: n }));

  it('refuses a fraction of a month', () => expect(parseWholeNumber('24,5')).toMatchObject({ ok: false, code: 'invalid_number' }));

  it.each([
    ['6,5', 6.5],
    ['6.55', 6.55],
    [6.5, 6.5],
    ['0,01', 0.01],
    ['1 200', 1200],
  ])('decimal %j → %d', (input, n) => expect(parseDecimal(input)).toEqual({ ok: true, value: n }));

  it('refuses more than two decimals', () => expect(parseDecimal('6,555')).toMatchObject({ ok: false, code: 'too_many_decimals' }));
});

describe('codes and labels', () => {
  it.each([
    ['services', 'services'],
    ['Tjänster', 'services'],
    ['tjänster ', 'services'],
    ['VAROR', 'supplies'],
    ['Byggentreprenader', 'works'],
    ['Works', 'works'],
  ])('contract nature %j → %s', (input, code) => expect(parseContractNature(input)).toEqual({ ok: true, value: code }));

  it('refuses an unknown contract nature', () => expect(parseContractNature('Konsult')).toMatchObject({ ok: false, code: 'unknown_contract_nature' }));

  it.each([
    ['open', 'open'],
    ['Öppet', 'open'],
    ['Öppet förfarande', 'open'],
    ['selektivt förfarande', 'restricted'],
    ['Förhandlat förfarande utan föregående meddelande om upphandling', 'neg-wo-call'],
    ['neg-wo-call', 'neg-wo-call'],
  ])('procedure %j → %s', (input, code) => expect(parseProcedureType(input)).toEqual({ ok: true, value: code }));

  it.each([
    ['90911200', '90911200'],
    ['90911200-8', '90911200'],
    [90911200, '90911200'],
    [9310000, '09310000'],
  ])('CPV %j → %s', (input, code) => expect(parseCpvCode(input)).toEqual({ ok: true, value: code }));

  it('refuses a CPV code that is not eight digits', () => expect(parseCpvCode('9091')).toMatchObject({ ok: false, code: 'invalid_cpv' }));

  it('splits CPV lists on semicolons, commas and line breaks', () => {
    expect(parseCpvList('90919200; 90911300,\n45000000-7')).toEqual({ ok: true, value: ['90919200', '90911300', '45000000'] });
    expect(parseCpvList('')).toEqual({ ok: true, value: [] });
  });
});

describe('formula injection', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","klicka")', `'=HYPERLINK("http://evil.example","klicka")`],
    ['+46 31 123', `'+46 31 123`],
    ['-1+1', `'-1+1`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
    ['Lokalvård', 'Lokalvård'],
    ["'citat", "'citat"],
  ])('neutralises %j', (input, output) => {
    expect(neutraliseFormula(input)).toBe(output);
    expect(restoreNeutralised(neutraliseFormula(input))).toBe(input);
  });
});
