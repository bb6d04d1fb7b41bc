import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, durationToDays, endOfDay, startOfDay, stockholmOffset } from './ocds-dates.js';

describe('OCDS dates', () => {
  it.each([
    ['2026-01-15', '+01:00'],
    ['2026-03-28', '+01:00'],
    // Summer time starts on the last Sunday of March (29 March 2026) at 02:00.
    ['2026-03-29', '+02:00'],
    ['2026-07-01', '+02:00'],
    ['2026-10-24', '+02:00'],
    ['2026-10-25', '+01:00'],
  ])('Swedish offset on %s is %s', (date, offset) => {
    expect(stockholmOffset(date)).toBe(offset);
  });

  it('a calendar date is the whole Swedish day', () => {
    expect(startOfDay('2026-04-01')).toBe('2026-04-01T00:00:00+02:00');
    expect(endOfDay('2026-12-31')).toBe('2026-12-31T23:59:59+01:00');
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-04-01', 24, '2028-04-01'],
    ['2026-11-30', 3, '2027-02-28'],
  ])('%s + %i months is %s (clamped to the month end)', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('counts days across a leap year and goes back a day over a year end', () => {
    expect(daysBetween('2026-04-01', '2028-04-01')).toBe(731);
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
  });

  it.each([
    [3, 'DAY', 3],
    [2, 'WEEK', 14],
    [24, 'MONTH', 720],
    [2, 'YEAR', 730],
    [1, 'FORTNIGHT', null],
  ])('%i %s is %s days (OCP: a month is 30 days)', (value, unit, days) => {
    expect(durationToDays(value, unit)).toBe(days);
  });
});
