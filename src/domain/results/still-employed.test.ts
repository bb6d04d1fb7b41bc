import { describe, expect, it } from 'vitest';
import { stillEmployedAfterEnd, type AfterEndStatus, type EndedPlacement } from './still-employed.js';

let n = 0;
const ended = (status: AfterEndStatus | null, over: Partial<EndedPlacement> = {}): EndedPlacement => ({
  personKey: `p${n++}`,
  endedOn: '2025-03-31',
  answers: status === null ? [] : [{ monthsAfterEnd: 6, status }],
  ...over,
});
const many = (count: number, status: AfterEndStatus | null) => Array.from({ length: count }, () => ended(status));
const H = { suppressed: true };

describe('stillEmployedAfterEnd', () => {
  it.each([
    ['shows every figure when no count or difference is 1–4', [...many(6, 'employed_by_supplier'), ...many(5, 'employed_elsewhere'), ...many(9, 'not_employed')], { known: 20, stillEmployed: 11, employedBySupplier: 6, sharePercent: 55 }],
    ['leaves people without an answer, or with only "unknown", out of known', [...many(5, 'employed_by_supplier'), ...many(5, 'not_employed'), ...many(7, null), ...many(3, 'unknown')], { known: 10, stillEmployed: 5, employedBySupplier: 5, sharePercent: 50 }],
    ['hides everything when 1–4 are known', many(4, 'employed_by_supplier'), { known: H, stillEmployed: H, employedBySupplier: H, sharePercent: H }],
    ['hides the employed and the share when 1–4 are not employed (known − employed would give them)', [...many(8, 'employed_by_supplier'), ...many(3, 'not_employed')], { known: 11, stillEmployed: H, employedBySupplier: H, sharePercent: H }],
    ['hides the employed and the share when 1–4 are employed', [...many(2, 'employed_elsewhere'), ...many(9, 'not_employed')], { known: 11, stillEmployed: H, employedBySupplier: H, sharePercent: H }],
    ['hides only the supplier split when 1–4 are employed elsewhere', [...many(7, 'employed_by_supplier'), ...many(2, 'employed_elsewhere'), ...many(6, 'not_employed')], { known: 15, stillEmployed: 9, employedBySupplier: H, sharePercent: 60 }],
    ['shows 0 known as 0 with no share', many(3, null), { known: 0, stillEmployed: 0, employedBySupplier: 0, sharePercent: null }],
    ['shows 0 employed among many known', many(6, 'not_employed'), { known: 6, stillEmployed: 0, employedBySupplier: 0, sharePercent: 0 }],
  ])('%s', (_name, list, expected) => {
    expect(stillEmployedAfterEnd(list, 2025, '2025-12-31')).toEqual(expected);
  });

  it('counts only placements that ended in the year and by the as-of date', () => {
    const list = [
      ...many(5, 'employed_by_supplier'),
      ...Array.from({ length: 5 }, () => ended('not_employed', { endedOn: '2024-12-31' })),
      ...Array.from({ length: 5 }, () => ended('not_employed', { endedOn: '2025-11-01' })),
      ...Array.from({ length: 5 }, () => ended('not_employed', { endedOn: null })),
    ];
    expect(stillEmployedAfterEnd(list, 2025, '2025-10-01').known).toBe(5);
    expect(stillEmployedAfterEnd(list, 2025, '2025-12-31').known).toBe(10);
  });

  it('takes a person once, by their last ended placement and its latest known answer', () => {
    const people = Array.from({ length: 5 }, (_, i) => [
      ended('employed_by_supplier', { personKey: `x${i}`, endedOn: '2025-02-01' }),
      ended(null, { personKey: `x${i}`, endedOn: '2025-06-01', answers: [{ monthsAfterEnd: 3, status: 'employed_elsewhere' }, { monthsAfterEnd: 12, status: 'not_employed' }, { monthsAfterEnd: 18, status: 'unknown' }] }),
    ]).flat();
    expect(stillEmployedAfterEnd(people, 2025, '2025-12-31')).toEqual({ known: 5, stillEmployed: 0, employedBySupplier: 0, sharePercent: 0 });
  });
});
