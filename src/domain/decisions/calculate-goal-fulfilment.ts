import type { ContractNature } from '../procurement/procurement.js';

export interface GoalProcurement {
  contractNature: ContractNature;
  /** The year the procurement counts towards (e.g. the year it was published). */
  year: number;
  hasSocialConsiderations: boolean;
}

export interface GoalFulfilmentInput {
  procurements: readonly GoalProcurement[];
  year: number;
  /** The goal as a percentage, e.g. 50 for Göteborg's "at least 50 % of service procurements". */
  goalPercent: number;
}

export interface GoalFulfilment {
  year: number;
  goalPercent: number;
  /** Service procurements that year. */
  serviceProcurements: number;
  /** Of those, how many have social considerations. */
  withSocialConsiderations: number;
  /** The share in percent, or null when there were no service procurements. */
  sharePercent: number | null;
  /** Whether the share reaches the goal, or null when there is nothing to measure. */
  isGoalMet: boolean | null;
  /** How many more of that year's service procurements would need social considerations to reach the goal. */
  shortfall: number;
}

/**
 * Measures a year against the council goal for social considerations in service procurements
 * (Göteborg: at least 50 % of service procurements). Only `services` count, as the goal is
 * stated for services. With no service procurements that year there is no share to report:
 * `sharePercent` and `isGoalMet` are null rather than a made-up 0 % or 100 %.
 */
export function calculateGoalFulfilment(input: GoalFulfilmentInput): GoalFulfilment {
  if (!(input.goalPercent >= 0 && input.goalPercent <= 100)) {
    throw new RangeError(`goalPercent must be between 0 and 100, got ${input.goalPercent}`);
  }
  const services = input.procurements.filter((p) => p.year === input.year && p.contractNature === 'services');
  const total = services.length;
  const withSocial = services.filter((p) => p.hasSocialConsiderations).length;
  const base = { year: input.year, goalPercent: input.goalPercent, serviceProcurements: total, withSocialConsiderations: withSocial };
  if (total === 0) return { ...base, sharePercent: null, isGoalMet: null, shortfall: 0 };
  // Compare in whole numbers (share × total against goal × total) so 50 % of 2 is met by exactly 1.
  const isGoalMet = withSocial * 100 >= input.goalPercent * total;
  const needed = Math.ceil((input.goalPercent * total) / 100 - 1e-9);
  return { ...base, sharePercent: (withSocial * 100) / total, isGoalMet, shortfall: Math.max(0, needed - withSocial) };
}
