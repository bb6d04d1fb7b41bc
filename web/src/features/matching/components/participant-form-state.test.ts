import { describe, expect, it } from 'vitest';
import { emptyParticipantState, fieldRank, toParticipantInput, type ParticipantFormState } from './participant-form-state';

const t = ((key: string) => key) as never;
const TODAY = '2025-03-03';

// Skatteverket test numbers (../shared/data/se/skatteverket-testpersonnummer.csv), never real people.
const valid: ParticipantFormState = {
  ...emptyParticipantState(),
  givenName: ' Testa ',
  familyName: 'Provsdotter',
  personalIdentityNumber: '19771207-2391',
  phone: '031-123 45 67',
  targetGroups: [{ code: 'newly_arrived', basis: 'residence_permit', assessedOn: '2025-01-10' }],
  ageBand: '30-49',
  districtCode: 'gbg-angered',
  occupations: [{ ssykCode: '9111', occupationNameId: null, label: '9111 Städare', experienced: true }],
  skills: 'Städning, , städning, Truck',
  languages: ['sv', 'ar'],
  drivingLicences: ['B'],
  extentWantedPercent: '75',
};

describe('toParticipantInput', () => {
  it('lists every missing required field at once, with the API field names', () => {
    const { input, errors } = toParticipantInput({ ...emptyParticipantState(), extentWantedPercent: '' }, TODAY, t);
    expect(input).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(['identity.familyName', 'identity.givenName', 'identity.personalIdentityNumber', 'profile.ageBand', 'profile.extentWantedPercent']);
  });

  it('checks the identity number as the server does: checksum, date, format; a coordination number passes', () => {
    const error = (n: string) => toParticipantInput({ ...valid, personalIdentityNumber: n }, TODAY, t).errors['identity.personalIdentityNumber'];
    expect(error('19771207-2392')).toBe('matching.errors.identity_number_checksum');
    expect(error('19771307-2391')).toBe('matching.errors.identity_number_date');
    expect(error('1977-12-07')).toBe('matching.errors.identity_number_format');
    expect(error('192111752388')).toBeUndefined();
    expect(error('7712072391')).toBeUndefined();
  });

  it('builds the body: trimmed text, empty text as null, the municipality from the district, skills without repeats', () => {
    const { input, errors } = toParticipantInput(valid, TODAY, t);
    expect(errors).toEqual({});
    expect(input?.identity).toEqual({ givenName: 'Testa', familyName: 'Provsdotter', personalIdentityNumber: '19771207-2391', email: null, phone: '031-123 45 67', address: null });
    expect(input?.profile).toMatchObject({ municipalityCode: '1480', districtCode: 'gbg-angered', skills: ['Städning', 'städning', 'Truck'], extentWantedPercent: 75, unemployedSince: null, incomeSupport: false });
    expect(input?.profile.occupations).toEqual([{ ssykCode: '9111', occupationNameId: null, experienced: true }]);
  });

  it('asks for the basis and date of every target group, and no judgment dated after today', () => {
    const { errors } = toParticipantInput({ ...valid, targetGroups: [{ code: 'disability', basis: null, assessedOn: '2025-03-04' }] }, TODAY, t);
    expect(errors).toEqual({ 'profile.targetGroups.0.basis': 'matching.form.errors.basis', 'profile.targetGroups.0.assessedOn': 'matching.form.errors.future' });
  });

  it('refuses an extent outside 1–100, a bad e-mail and an impossible date', () => {
    const { errors } = toParticipantInput({ ...valid, extentWantedPercent: '120', email: 'testa@', availableFrom: '2025-02-30' }, TODAY, t);
    expect(Object.keys(errors).sort()).toEqual(['identity.email', 'profile.availableFrom', 'profile.extentWantedPercent']);
  });
});

describe('fieldRank', () => {
  it('sorts a nested field with its parent, unknown fields last', () => {
    expect(fieldRank('profile.targetGroups.1.basis')).toBe(fieldRank('profile.targetGroups'));
    expect(fieldRank('identity.givenName')).toBeLessThan(fieldRank('profile.ageBand'));
    expect(fieldRank('whatever')).toBeGreaterThan(fieldRank('profile.training'));
  });
});
