/*
 * The target group of a placement the supplier records itself (docs/decisions/0604). The target
 * group is the buyer's judgment, never the supplier's word: it is taken from the proposed
 * participant's judgments in matching, and only from one the labour-market unit verified.
 */

/** One target-group judgment of a participant, as matching stores it (code and basis). */
export interface TargetGroupJudgmentFacts {
  code: string;
  basis: string;
  assessedOn: string;
}

/** The bases that rest on the participant's own word; every other basis is a verified one. */
export const UNVERIFIED_BASES: ReadonlySet<string> = new Set(['self_declared']);

/**
 * The target group a supplier-recorded placement counts under, or null when the unit must verify
 * it first. Picks a judgment whose code is among the commitment's target groups and whose basis is
 * verified (not self-declared); among several, the most recently assessed, then the one listed
 * first in the commitment. An empty list of commitment groups admits nothing.
 *
 * @param judgments the proposed participant's target-group judgments
 * @param commitmentGroups the target-group codes of the commitment the placement counts toward
 * @returns the code to store, or null (the placement waits for the unit's confirmation)
 */
export function verifiedTargetGroup(judgments: readonly TargetGroupJudgmentFacts[], commitmentGroups: readonly string[]): string | null {
  const order = new Map(commitmentGroups.map((g, i) => [g, i]));
  const eligible = judgments.filter((j) => order.has(j.code) && !UNVERIFIED_BASES.has(j.basis));
  if (eligible.length === 0) return null;
  eligible.sort((a, b) => (a.assessedOn === b.assessedOn ? order.get(a.code)! - order.get(b.code)! : a.assessedOn < b.assessedOn ? 1 : -1));
  return eligible[0]!.code;
}
