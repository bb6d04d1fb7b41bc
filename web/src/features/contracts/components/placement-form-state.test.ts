import { describe, expect, it } from 'vitest';
import { emptyPlacementState, isIsoDate, toPlacementInput, type PlacementFormState } from './placement-form-state';

const t = ((key: string) => key) as never;

const valid: PlacementFormState = {
  ...emptyPlacementState({ commitmentId: 'c1' }),
  participantRef: ' GBG-0042 ',
  targetGroup: 'newly_arrived',
  startedOn: '2026-03-01',
  extentPercent: '100',
};

describe('toPlacementInput', () => {
  it('lists every missing required field at once, with the API field names', () => {
    const { input, errors } = toPlacementInput({ ...emptyPlacementState(), extentPercent: '' }, 'add', t);
    expect(input).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(['commitmentId', 'extentPercent', 'participantRef', 'startedOn', 'targetGroup']);
  });

  it('turns a complete form into the API body (trimmed code, integer extent, nulls for empty dates)', () => {
    const { input, errors } = toPlacementInput(valid, 'add', t);
    expect(errors).toEqual({});
    expect(input).toEqual({
      commitmentId: 'c1',
      participantRef: 'GBG-0042',
      targetGroup: 'newly_arrived',
      offeredOn: null,
      startedOn: '2026-03-01',
      plannedEndOn: null,
      endedOn: null,
      endReason: null,
      extentPercent: 100,
      employmentForm: 'las_employment',
      ssykCode: null,
      wageSubsidy: 'none',
    });
  });

  it.each([
    ['0', true],
    ['1', false],
    ['100', false],
    ['101', true],
    ['50,5', true],
  ])('extent %s %s an error (1–100, whole numbers)', (extent, isError) => {
    const { errors } = toPlacementInput({ ...valid, extentPercent: extent }, 'add', t);
    expect(Boolean(errors.extentPercent)).toBe(isError);
  });

  it('accepts an end on the start day but not the day before', () => {
    expect(toPlacementInput({ ...valid, endedOn: '2026-03-01', endReason: 'resigned' }, 'edit', t).errors).toEqual({});
    expect(toPlacementInput({ ...valid, endedOn: '2026-02-28', endReason: 'resigned' }, 'edit', t).errors.endedOn).toBe('contracts.placementForm.errors.endBeforeStart');
  });

  it('asks for the end date and the reason together when ending a placement', () => {
    const { errors } = toPlacementInput(valid, 'end', t);
    expect(Object.keys(errors).sort()).toEqual(['endReason', 'endedOn']);
    expect(Object.keys(toPlacementInput({ ...valid, endedOn: '2026-09-30' }, 'end', t).errors)).toEqual(['endReason']);
  });

  it('takes an offer on the start day, not after it', () => {
    expect(toPlacementInput({ ...valid, offeredOn: '2026-03-01' }, 'add', t).errors).toEqual({});
    expect(toPlacementInput({ ...valid, offeredOn: '2026-03-02' }, 'add', t).errors.offeredOn).toBeDefined();
  });
});

describe('isIsoDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
  ])('%s is a real date: %s (leap days only in leap years)', (text, expected) => {
    expect(isIsoDate(text)).toBe(expected);
  });
});
