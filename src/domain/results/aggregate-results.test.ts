import { describe, expect, it } from 'vitest';
import { aggregateResults, presentMeasure, totalFullTimeMonths, type ResultPlacement } from './aggregate-results.js';

let n = 0;
const p = (over: Partial<ResultPlacement>): ResultPlacement => ({
  id: `p${String(n++).padStart(4, '0')}`,
  personKey: `person-${n}`,
  targetGroup: 'long_term',
  startedOn: '2025-01-01',
  endedOn: null,
  endReason: null,
  extentPercent: 100,
  unitId: 'U1',
  supplierId: 'S1',
  cpvDivision: '90',
  ...over,
});

const many = (count: number, over: Partial<ResultPlacement>) => Array.from({ length: count }, () => p(over));

describe('aggregateResults', () => {
  it('counts a person once a year, in the cells of their first placement', () => {
    const list = [p({ personKey: 'x', startedOn: '2025-02-01', unitId: 'U2' }), p({ personKey: 'x', startedOn: '2025-01-10', unitId: 'U1' }), ...many(10, { unitId: 'U1' }), ...many(10, { unitId: 'U2' })];
    const t = aggregateResults(list, 2025, '2025-12-31');
    expect(t.systems.peopleEmployed.cells.get('total')).toBe(21);
    expect(t.systems.peopleEmployed.cells.get('row|U1')).toBe(11);
  });

  it.each([
    ['a placement ended the day before the year is not counted', { startedOn: '2024-01-01', endedOn: '2024-12-31' }, 0],
    ['a placement ended on 1 January is counted', { startedOn: '2024-01-01', endedOn: '2025-01-01' }, 1],
    ['a placement starting after asOf is not counted yet', { startedOn: '2025-07-01' }, 0],
    ['a placement starting on asOf is counted', { startedOn: '2025-06-30' }, 1],
  ])('%s', (_name, over, expected) => {
    const t = aggregateResults([p(over)], 2025, '2025-06-30');
    expect(t.systems.peopleEmployed.cells.get('total') ?? 0).toBe(expected);
  });

  it('started, ended and completed count placements of the year; completed needs the reason', () => {
    const list = [
      ...many(6, { startedOn: '2024-06-01', endedOn: '2025-03-31', endReason: 'completed' }),
      ...many(5, { startedOn: '2025-02-01', endedOn: '2025-10-31', endReason: 'resigned' }),
      ...many(7, { startedOn: '2025-04-01' }),
    ];
    const t = aggregateResults(list, 2025, '2025-12-31');
    expect(t.systems.placementsStarted.cells.get('total')).toBe(12);
    expect(t.systems.placementsEnded.cells.get('total')).toBe(11);
    expect(t.systems.placementsCompleted.cells.get('total')).toBe(6);
  });

  it('full-time months are served within the year only, by the follow-up rule', () => {
    const list = [...many(5, { startedOn: '2024-11-01', endedOn: '2025-02-28', extentPercent: 50 })];
    expect(totalFullTimeMonths(aggregateResults(list, 2025, '2025-12-31'))).toBe(5);
  });
});

describe('presentMeasure', () => {
  const list = [
    ...many(2, { unitId: 'U1', targetGroup: 'newly_arrived' }),
    ...many(9, { unitId: 'U1', targetGroup: 'long_term' }),
    ...many(8, { unitId: 'U2', targetGroup: 'newly_arrived' }),
    ...many(11, { unitId: 'U2', targetGroup: 'long_term' }),
  ];
  const t = aggregateResults(list, 2025, '2025-12-31');

  it('shows a count of 2 as suppressed, with its months, in the filtered view', () => {
    const u1 = presentMeasure(t, 'peopleEmployed', 'U1');
    expect(u1.byTargetGroup.find((c) => c.key === 'newly_arrived')).toMatchObject({ count: { suppressed: true }, fullTimeMonths: { suppressed: true } });
  });

  it('the unfiltered view and the other unit’s view do not subtract to the hidden cell', () => {
    const all = presentMeasure(t, 'peopleEmployed');
    const u2 = presentMeasure(t, 'peopleEmployed', 'U2');
    const whole = all.byTargetGroup.find((c) => c.key === 'newly_arrived')!.count;
    const other = u2.byTargetGroup.find((c) => c.key === 'newly_arrived')!.count;
    expect(typeof whole === 'number' && typeof other === 'number').toBe(false);
    const u1 = presentMeasure(t, 'peopleEmployed', 'U1');
    const u1Total = u1.total;
    const u1Long = u1.byTargetGroup.find((c) => c.key === 'long_term')!.count;
    expect(typeof u1Total === 'number' && typeof u1Long === 'number').toBe(false);
  });

  it('an unknown unit is an empty view', () => {
    expect(presentMeasure(t, 'peopleEmployed', 'U9')).toMatchObject({ total: 0, byUnit: [], byTargetGroup: [] });
  });
});

describe('aggregateResults with a subset of measures', () => {
  it('computes only the measures asked for and leaves the others empty', () => {
    const t = aggregateResults([p({}), p({}), p({}), p({}), p({})], 2025, '2025-12-31', ['peopleEmployed']);
    expect(t.systems.peopleEmployed.cells.get('total')).toBe(5);
    expect(t.systems.placementsStarted.cells.size).toBe(0);
  });
});
