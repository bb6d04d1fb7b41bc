import { describe, expect, it } from 'vitest';
import { isWallTime, localDate, retryDelayMs, zonedInstant } from './job-schedule.js';

const TZ = 'Europe/Stockholm';

describe('zonedInstant (Europe/Stockholm)', () => {
  it.each([
    ['winter time is UTC+1', '2026-01-15', '06:00', '2026-01-15T05:00:00.000Z'],
    ['summer time is UTC+2', '2026-07-01', '06:00', '2026-07-01T04:00:00.000Z'],
    ['the spring change day after the change', '2026-03-29', '06:00', '2026-03-29T04:00:00.000Z'],
    ['a time skipped by the spring change runs an hour later (03:30)', '2026-03-29', '02:30', '2026-03-29T01:30:00.000Z'],
    ['a time that happens twice in autumn runs at the first', '2026-10-25', '02:30', '2026-10-25T00:30:00.000Z'],
    ['the autumn change day after the change', '2026-10-25', '06:00', '2026-10-25T05:00:00.000Z'],
    ['midnight', '2026-12-31', '00:00', '2026-12-30T23:00:00.000Z'],
    ['a leap day', '2028-02-29', '23:59', '2028-02-29T22:59:00.000Z'],
  ])('%s', (_label, date, time, expected) => {
    expect(zonedInstant(date, time, TZ).toISOString()).toBe(expected);
  });
});

describe('localDate', () => {
  it.each([
    ['23:30 UTC on 31 December is already New Year in Stockholm', '2026-12-31T23:30:00Z', '2027-01-01'],
    ['22:59 UTC in winter is still the same day', '2026-12-31T22:59:59Z', '2026-12-31'],
    ['21:59 UTC in summer is still the same day', '2026-06-30T21:59:59Z', '2026-06-30'],
    ['22:00 UTC in summer is the next day', '2026-06-30T22:00:00Z', '2026-07-01'],
  ])('%s', (_label, instant, expected) => {
    expect(localDate(new Date(instant), TZ)).toBe(expected);
  });
});

describe('isWallTime', () => {
  it.each([
    ['00:00', true],
    ['23:59', true],
    ['24:00', false],
    ['7:00', false],
    ['06:60', false],
  ])('%s → %s', (time, expected) => expect(isWallTime(time)).toBe(expected));
});

describe('retryDelayMs', () => {
  it.each([
    [1, 30_000],
    [2, 60_000],
    [3, 120_000],
    [8, 3_600_000],
    [20, 3_600_000],
  ])('after attempt %i waits %i ms (doubling, capped at one hour)', (attempt, expected) => {
    expect(retryDelayMs(attempt)).toBe(expected);
  });
});
