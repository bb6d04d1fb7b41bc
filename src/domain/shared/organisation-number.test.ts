import { describe, expect, it } from 'vitest';
import { formatOrganisationNumber, hasValidCheckDigit, organisationNumberDigits } from './organisation-number.js';

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
