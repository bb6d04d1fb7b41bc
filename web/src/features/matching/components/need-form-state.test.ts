import { describe, expect, it } from 'vitest';
import { emptyNeedState, toNeedInput, type NeedFormState } from './need-form-state';

const t = ((key: string) => key) as never;
const valid: NeedFormState = {
  ...emptyNeedState(),
  contractId: '00000000-0000-4000-8000-000000000001',
  title: ' Lokalvårdare ',
  occupation: { kind: 'ssyk', ssykCode: '9111', occupationNameId: null, sv: 'Städare', en: 'Cleaners' },
  startsOn: '2025-04-01',
  skills: 'Städning, Städning',
  requiredDrivingLicences: ['B'],
};

describe('toNeedInput', () => {
  it('lists every missing field at once, the occupation on ssykCode as the server names it', () => {
    const { input, errors } = toNeedInput({ ...emptyNeedState(), positions: '0', extentPercent: 'hel' }, t);
    expect(input).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(['contractId', 'extentPercent', 'positions', 'ssykCode', 'startsOn', 'title']);
  });

  it('sends an SSYK group as ssykCode and an occupation name as occupationNameId; no commitment or district as null', () => {
    const { input } = toNeedInput(valid, t);
    expect(input).toEqual({
      contractId: valid.contractId,
      commitmentId: null,
      title: 'Lokalvårdare',
      ssykCode: '9111',
      positions: 1,
      extentPercent: 100,
      startsOn: '2025-04-01',
      districtCode: null,
      skills: ['Städning'],
      requiredLanguages: [],
      requiredDrivingLicences: ['B'],
    });
    const byName = toNeedInput({ ...valid, occupation: { kind: 'name', ssykCode: '9111', occupationNameId: 'abc_def_ghi', sv: 'Lokalvårdare', en: 'Lokalvårdare' } }, t).input;
    expect(byName).toMatchObject({ occupationNameId: 'abc_def_ghi' });
    expect(byName).not.toHaveProperty('ssykCode');
  });
});
