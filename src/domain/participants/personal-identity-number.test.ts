import { describe, expect, it } from 'vitest';
import { formatIdentityNumber, parseIdentityNumber } from './personal-identity-number.js';

/**
 * The validation cases of github.com/personnummer/meta `testdata/list.json` (MIT): long, separated long and separated short spellings, valid or not, personal identity (ssn) or coordination (con) number.
 */
const CASES: Array<[string, string, string, boolean, 'ssn' | 'con']> = [
  ['201509160006', '20150916-0006', '150916-0006', false, 'ssn'],
  ['190905271474', '19090527+1474', '090527+1474', true, 'ssn'],
  ['200002292399', '20000229-2399', '000229-2399', true, 'ssn'],
  ['197004289895', '19700428-9895', '700428-9895', false, 'ssn'],
  ['195704289999', '19570428-9999', '570428-9999', true, 'ssn'],
  ['194205669899', '19420566-9899', '420566-9899', false, 'con'],
  ['197302889931', '19730288-9931', '730288-9931', true, 'con'],
  ['196004309886', '19600430-9886', '600430-9886', false, 'ssn'],
  ['194608239986', '19460823-9986', '460823-9986', true, 'ssn'],
  ['197210869924', '19721086-9924', '721086-9924', false, 'con'],
  ['202107919967', '20210791-9967', '210791-9967', true, 'con'],
  ['190901219931', '19090121+9931', '090121+9931', true, 'ssn'],
  ['200004059937', '20000405-9937', '000405-9937', true, 'ssn'],
  ['19090527 1474', '19090527 1474', '090527 1474', false, 'ssn'],
];
const TODAY = '2026-12-06';

describe('parseIdentityNumber against the personnummer/meta cases', () => {
  for (const [long, separatedLong, separatedShort, valid, type] of CASES) {
    it(`${separatedLong} is ${valid ? 'valid' : 'invalid'} in every spelling`, () => {
      for (const spelling of [long, separatedLong, separatedShort]) {
        const result = parseIdentityNumber(spelling, TODAY);
        expect(result.valid, spelling).toBe(valid);
        if (result.valid) {
          expect(result.normalised).toBe(long);
          expect(result.kind).toBe(type === 'con' ? 'coordination_number' : 'personal_identity_number');
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
