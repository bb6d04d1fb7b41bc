import { describe, expect, it } from 'vitest';
import cases from '../../../tests/fixtures/se/orgnummer-validation-cases.json' with { type: 'json' };
import { formatOrganisationNumber, hasValidCheckDigit, normaliseOrganisationNumber, organisationNumberDigits, withCheckDigit } from './organisation-number.js';

describe('organisationNumberDigits: every usual way of writing one number', () => {
  it.each([
    ['2120001355', '2120001355'],
    ['212000-1355', '2120001355'],
    [' 212000 1355 ', '2120001355'],
    ['162120001355', '2120001355'],
    ['16212000-1355', '2120001355'],
    ['SE212000135501', '2120001355'],
    ['se212000135501', '2120001355'],
    ['SE 212000-1355 01', '2120001355'],
    ['16212000135501', '2120001355'],
    ['SE2120001355', '2120001355'],
  ])('reads %j as %s', (written, digits) => {
    expect(organisationNumberDigits(written)).toBe(digits);
  });

  it.each([['212000135'], ['21200013551'], ['DE123456789'], ['abc'], ['']])('refuses %j (not ten digits in a known form)', (written) => {
    expect(organisationNumberDigits(written)).toBeNull();
  });
});

describe('hasValidCheckDigit: the Luhn digit at the end', () => {
  it.each([
    ['2120001355', true],
    ['5560160680', true],
    ['2120001356', false],
    ['212000135', false],
  ])('%s → %s', (digits, valid) => {
    expect(hasValidCheckDigit(digits)).toBe(valid);
  });
});

describe('formatOrganisationNumber', () => {
  it('separates the last four digits with a dash', () => {
    expect(formatOrganisationNumber('2120001355')).toBe('212000-1355');
  });
});

describe('withCheckDigit', () => {
  it('appends the Luhn digit and separates', () => {
    expect(withCheckDigit('212000135')).toBe('212000-1355');
  });
});

const TODAY = '2026-12-07';

describe('normaliseOrganisationNumber', () => {
  it('accepts Göteborgs Stad in both forms and separates it', () => {
    expect(normaliseOrganisationNumber('2120001355', TODAY)).toBe('212000-1355');
    expect(normaliseOrganisationNumber('212000-1355', TODAY)).toBe('212000-1355');
  });
  it('refuses a wrong check digit', () => {
    expect(normaliseOrganisationNumber('212000-1356', TODAY)).toBeNull();
  });
  it.each(cases as Array<{ short_format: string; valid: boolean; type: string; comment?: string }>)(
    'agrees with the shared validation case $short_format ($comment)',
    (c) => {
      // The shared cases mark organisation numbers that are not valid personnummer as
      // invalid *personnummer*; as organisation numbers the type field tells.
      const expectValid = c.type === 'org' || c.valid;
      expect(normaliseOrganisationNumber(c.short_format, TODAY) !== null).toBe(expectValid);
    },
  );
  it.each([
    ['16212000-1355', '212000-1355'],
    ['162120001355', '212000-1355'],
    ['5560160680', '556016-0680'],
    ['SE212000135501', null],
    ['0920001355', null],
    ['2110001355', null],
    ['18212000-1355', null],
  ])('reads the legal person %j as %j', (written, expected) => {
    expect(normaliseOrganisationNumber(written, TODAY)).toBe(expected);
  });
  it.each([
    ['8112289874', '811228-9874'],
    ['198112289874', '811228-9874'],
    ['19811228-9874', '811228-9874'],
    ['811228+9874', '811228+9874'],
    ['8112889871', '811288-9871'],
    ['8112280006', null],
    ['8112289875', null],
  ])('reads the sole trader (personnummer) %j as %j', (written, expected) => {
    expect(normaliseOrganisationNumber(written, TODAY)).toBe(expected);
  });
  it('writes + for a sole trader of 100 or more, counted from today', () => {
    expect(normaliseOrganisationNumber('192601019876', '2026-12-07')).toBe('260101+9876');
    expect(normaliseOrganisationNumber('192601019876', '2025-12-07')).toBe('260101-9876');
  });
});
