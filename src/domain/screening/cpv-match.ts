import type { CpvCode } from '../procurement/procurement.js';

/**
 * The hierarchical prefix a CPV code stands for. CPV 2008 (Regulation (EC) 213/2008) encodes
 * its tree in the digits: two for the division (`45000000` = all construction work), then one
 * more digit per level (group, class, category); trailing zeros mean "everything below".
 * A division keeps both of its digits, so `03000000` → `03`.
 */
export function cpvPrefix(code: CpvCode): string {
  const trimmed = code.replace(/0+$/, '');
  return trimmed.length < 2 ? code.slice(0, 2) : trimmed;
}

/** Whether `code` lies inside the CPV branch that `branch` names (itself included). */
export function isCpvWithin(code: CpvCode, branch: CpvCode): boolean {
  return code.startsWith(cpvPrefix(branch));
}

export type CpvListMatch =
  | { kind: 'include'; branch: CpvCode }
  | { kind: 'exclude'; branch: CpvCode }
  | { kind: 'none' };

/**
 * Matches a code against include and exclude lists. The most specific matching branch wins,
 * so a policy can include a whole division and carve out a group (include `60000000`,
 * exclude `60400000` air transport), or the reverse. On a tie, exclusion wins.
 */
export function matchCpvLists(
  code: CpvCode,
  include: readonly CpvCode[],
  exclude: readonly CpvCode[],
): CpvListMatch {
  let best: CpvListMatch = { kind: 'none' };
  let bestLength = -1;
  const consider = (kind: 'include' | 'exclude', branch: CpvCode): void => {
    if (!isCpvWithin(code, branch)) return;
    const length = cpvPrefix(branch).length;
    if (length > bestLength || (length === bestLength && kind === 'exclude')) {
      best = { kind, branch };
      bestLength = length;
    }
  };
  for (const branch of include) consider('include', branch);
  for (const branch of exclude) consider('exclude', branch);
  return best;
}

/** Whether a string is a well-formed 8-digit CPV code (no check digit). */
export function isCpvCode(value: string): boolean {
  return /^[0-9]{8}$/.test(value);
}
