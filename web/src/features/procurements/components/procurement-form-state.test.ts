import { describe, expect, it } from 'vitest';
import { emptyFormState, isCalendarDate, newLot, toProcurementInput } from './procurement-form-state';

const t = ((key: string) => key) as never;
const cleaning = { code: '90910000', sv: 'Städning', en: 'Cleaning services' };

describe('toProcurementInput', () => {
  it('lists every missing required field with the API field paths', () => {
    const { input, errors } = toProcurementInput(emptyFormState(), t);
    expect(input).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(['contractNature', 'mainCpv', 'referenceNumber', 'title', 'unitId']);
  });

  it('turns typed kronor, months and decimals into the API body (öre, integers, numbers)', () => {
    const state = {
      ...emptyFormState({ unitId: 'u1' }),
      referenceNumber: ' KS 2026/1 ',
      title: 'Städning',
      contractNature: 'services',
      mainCpv: cleaning,
      estimatedValue: '12 000 000',
      durationMonths: '24',
      extensionMonths: '0',
      labourNeedFte: '2,5',
      contractStart: '2027-01-01',
      lots: [{ ...newLot([]), title: 'Norr', mainCpv: cleaning, estimatedValue: '1000,50' }],
    };
    const { input, errors } = toProcurementInput(state, t);
    expect(errors).toEqual({});
    expect(input).toMatchObject({
      referenceNumber: 'KS 2026/1',
      estimatedValueOre: 1_200_000_000,
      durationMonths: 24,
      extensionMonths: 0,
      labourNeedFte: 2.5,
      procedureType: null,
      lots: [{ lotNumber: 1, title: 'Norr', mainCpv: '90910000', estimatedValueOre: 100_050, durationMonths: null }],
    });
  });

  it('refuses amounts and numbers that are not numbers, on the right field', () => {
    const state = { ...emptyFormState({ unitId: 'u1' }), referenceNumber: 'X', title: 'Y', contractNature: 'works', mainCpv: cleaning, estimatedValue: 'tolv miljoner', durationMonths: '0', lots: [{ ...newLot([]), title: '', mainCpv: null }] };
    const { errors } = toProcurementInput(state, t);
    expect(Object.keys(errors).sort()).toEqual(['durationMonths', 'estimatedValueOre', 'lots.0.mainCpv', 'lots.0.title']);
  });

  it('numbers a new lot after the highest one', () => {
    expect(newLot([{ ...newLot([]), lotNumber: '4' }]).lotNumber).toBe('5');
  });
});

describe('isCalendarDate (issue 11 item 11)', () => {
  it.each([
    ['an ISO date', '2027-03-01', true],
    ['a leap day in a leap year', '2028-02-29', true],
    ['30 February', '2027-02-30', false],
    ['the US order a date input shows in an English Chromium', '03/01/2027', false],
    ['a month 13', '2027-13-01', false],
  ])('accepts %s: %s', (_name, text, expected) => {
    expect(isCalendarDate(text)).toBe(expected);
  });
});
