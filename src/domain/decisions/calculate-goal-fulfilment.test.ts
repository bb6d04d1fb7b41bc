import { describe, expect, it } from 'vitest';
import type { ContractNature } from '../procurement/procurement.js';
import { calculateGoalFulfilment, type GoalProcurement } from './calculate-goal-fulfilment.js';

function many(count: number, withSocial: number, contractNature: ContractNature = 'services', year = 2026): GoalProcurement[] {
  return Array.from({ length: count }, (_, i) => ({ contractNature, year, hasSocialConsiderations: i < withSocial }));
}

describe('calculateGoalFulfilment', () => {
  it.each<[string, GoalProcurement[], number, { share: number | null; met: boolean | null; shortfall: number }]>([
    ['no procurements at all: nothing to measure', [], 50, { share: null, met: null, shortfall: 0 }],
    ['only works and supplies: nothing to measure', [...many(3, 3, 'works'), ...many(2, 2, 'supplies')], 50, { share: null, met: null, shortfall: 0 }],
    ['exactly 50 % meets a 50 % goal', many(4, 2), 50, { share: 50, met: true, shortfall: 0 }],
    ['1 of 2 meets a 50 % goal', many(2, 1), 50, { share: 50, met: true, shortfall: 0 }],
    ['1 of 3 misses a 50 % goal by one', many(3, 1), 50, { share: 100 / 3, met: false, shortfall: 1 }],
    ['49 of 100 misses a 50 % goal by one', many(100, 49), 50, { share: 49, met: false, shortfall: 1 }],
    ['0 of 5 misses by three', many(5, 0), 50, { share: 0, met: false, shortfall: 3 }],
    ['a 0 % goal is met by nothing', many(5, 0), 0, { share: 0, met: true, shortfall: 0 }],
    ['a 100 % goal needs every one', many(5, 4), 100, { share: 80, met: false, shortfall: 1 }],
  ])('%s', (_name, procurements, goalPercent, expected) => {
    const result = calculateGoalFulfilment({ procurements, year: 2026, goalPercent });
    expect(result.sharePercent).toBe(expected.share);
    expect(result.isGoalMet).toBe(expected.met);
    expect(result.shortfall).toBe(expected.shortfall);
  });

  it('counts only service procurements of the requested year', () => {
    const result = calculateGoalFulfilment({
      procurements: [...many(2, 2), ...many(5, 0, 'services', 2025), ...many(5, 0, 'works')],
      year: 2026,
      goalPercent: 50,
    });
    expect(result).toMatchObject({ serviceProcurements: 2, withSocialConsiderations: 2, sharePercent: 100, isGoalMet: true });
  });

  it('refuses a goal outside 0–100 %, which is a configuration bug', () => {
    expect(() => calculateGoalFulfilment({ procurements: [], year: 2026, goalPercent: 150 })).toThrow(RangeError);
  });
});
