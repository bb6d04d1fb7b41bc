import { describe, expect, it } from 'vitest';
import cases from '../../../../tests/fixtures/se/orgnummer-validation-cases.json' with { type: 'json' };
import { normaliseOrganisationNumber } from './organisation-number.js';

describe('normaliseOrganisationNumber', () => {
  it('accepts Göteborgs Stad in both forms and separates it', () => {
    expect(normaliseOrganisationNumber('2120001355')).toBe('212000-1355');
    expect(normaliseOrganisationNumber('212000-1355')).toBe('212000-1355');
  });
  it('refuses a wrong check digit', () => {
    expect(normaliseOrganisationNumber('212000-1356')).toBeNull();
  });
  it.each(cases as Array<{ short_format: string; valid: boolean; type: string; comment?: string }>)(
    'agrees with the shared validation case $short_format ($comment)',
    (c) => {
      // The shared cases mark organisation numbers that are not valid personnummer as
      // invalid *personnummer*; as organisation numbers the type field tells.
      const expectValid = c.type === 'org' || c.valid;
      expect(normaliseOrganisationNumber(c.short_format) !== null).toBe(expectValid);
    },
  );
});
