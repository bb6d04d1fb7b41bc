import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIdentityNumber, parseIdentityNumber } from './personal-identity-number.js';

interface Case {
  long_format: string;
  short_format: string;
  separated_format: string;
  separated_long: string;
  valid: boolean;
  type: 'ssn' | 'con';
}
const cases = JSON.parse(fs.readFileSync(new URL('../../../tests/fixtures/se/personnummer-validation-cases.json', import.meta.url), 'utf8')) as Case[];
const TODAY = '2026-12-06';

describe('parseIdentityNumber against the personnummer/meta cases', () => {
  for (const c of cases) {
    it(`${c.separated_long} is ${c.valid ? 'valid' : 'invalid'} in every spelling`, () => {
      for (const spelling of [c.long_format, c.separated_long, c.separated_format]) {
        const result = parseIdentityNumber(spelling, TODAY);
        expect(result.valid, spelling).toBe(c.valid);
        if (result.valid) {
          expect(result.normalised).toBe(c.long_format);
          expect(result.kind).toBe(c.type === 'con' ? 'coordination_number' : 'personal_identity_number');
        }
      }
    });
  }
});

describe('parseIdentityNumber boundaries', () => {
  it.each([
    ['a ten-digit number born on today is of this century', '0002292399', '2000-02-29', '200002292399'],
    ['a plus sign means a hundred years or older', '090527+1474', '2026-12-06', '190905271474'],
    ['a minus sign with the same digits is this century', '090527-1474', '2026-12-06', '200905271474'],
  ])('%s', (_name, input, today, expected) => {
    const result = parseIdentityNumber(input, today);
    expect(result).toMatchObject({ valid: true, normalised: expected });
  });

  it.each([
    ['letters', '19900101-ABCD', 'format'],
    ['too short', '900101-123', 'format'],
    ['the birth number 000, never issued', '20150916-0006', 'format'],
    ['30 February', '19900230-0010', 'date'],
    ['29 February outside a leap year', '19010229-0010', 'date'],
    ['a coordination day above 91', '19900192-0010', 'date'],
    ['a wrong check digit', '19700428-9894', 'checksum'],
  ])('refuses %s', (_name, input, reason) => {
    expect(parseIdentityNumber(input, TODAY)).toEqual({ valid: false, reason });
  });

  it('a ten-digit number born one day after today moves back a century (29 Feb 1900 does not exist)', () => {
    expect(parseIdentityNumber('0002292399', '2000-02-28')).toEqual({ valid: false, reason: 'date' });
  });

  it('formats the normalised number with a hyphen', () => {
    expect(formatIdentityNumber('190905271474')).toBe('19090527-1474');
  });
});
