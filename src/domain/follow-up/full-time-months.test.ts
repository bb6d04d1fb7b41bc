import { describe, expect, it } from 'vitest';
import { addMonths, daysBetween, isIsoDate } from './calendar.js';
import { fullTimeMonthsBetween, roundMonths } from './full-time-months.js';

describe('fullTimeMonthsBetween', () => {
  it.each([
    ['1 March–31 August at 100 % is 6.00 (both ends count)', '2025-03-01', '2025-08-31', 100, 6],
    ['1 March–31 August at 50 % is 3.00 (part time)', '2025-03-01', '2025-08-31', 50, 3],
    ['one day of a 31-day month is 1/31', '2025-01-15', '2025-01-15', 100, 1 / 31],
    ['all of February in a common year is 1.00', '2025-02-01', '2025-02-28', 100, 1],
    ['all of February in a leap year is 1.00, the leap day one twenty-ninth', '2024-02-01', '2024-02-29', 100, 1],
    ['the leap day alone is 1/29', '2024-02-29', '2024-02-29', 100, 1 / 29],
    ['15 Jan–14 Feb 2024 crosses months: 17/31 + 14/29', '2024-01-15', '2024-02-14', 100, 17 / 31 + 14 / 29],
    ['across a year end: 1 Dec–31 Jan is 2.00', '2025-12-01', '2026-01-31', 100, 2],
    ['an end before the start serves nothing', '2025-03-02', '2025-03-01', 100, 0],
    ['1 % extent for a whole month is 0.01', '2025-04-01', '2025-04-30', 1, 0.01],
  ])('%s', (_name, from, to, extent, expected) => {
    expect(fullTimeMonthsBetween(from, to, extent)).toBeCloseTo(expected, 10);
  });

  it('rounds to two decimals for display', () => {
    expect(roundMonths(fullTimeMonthsBetween('2025-01-15', '2025-02-14', 100))).toBe(1.05);
    expect(roundMonths(5.995)).toBe(6);
  });
});

describe('calendar', () => {
  it.each([
    ['31 January + 1 month clamps to 29 February in a leap year', '2024-01-31', 1, '2024-02-29'],
    ['31 January + 1 month clamps to 28 February otherwise', '2025-01-31', 1, '2025-02-28'],
    ['1 March + 6 months is 1 September', '2025-03-01', 6, '2025-09-01'],
    ['adding months across a year end', '2025-11-15', 3, '2026-02-15'],
  ])('%s', (_name, from, months, expected) => {
    expect(addMonths(from, months)).toBe(expected);
  });

  it('knows real dates and day differences', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1);
  });
});
