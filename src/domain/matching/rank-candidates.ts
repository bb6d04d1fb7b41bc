import { districtDistanceKm } from './districts.js';

/**
 * Matching (issue 14): ranks participants for one recruitment need with a score anyone can
 * follow. Hard filters decide who may be proposed at all; the points then say how well each
 * remaining candidate fits, and every point carries its reason. The weights are policy, kept
 * here in one table (docs/matching.md explains them).
 */

/** One occupation a participant wants or has worked in. */
export interface CandidateOccupation {
  /** SSYK 2012 unit group (four digits), or a shorter group when that is all that is known. */
  ssykCode: string | null;
  /** JobTech Taxonomy occupation-name concept id. */
  occupationNameId: string | null;
  /** Worked in it (experience) rather than only wanting it. */
  experienced: boolean;
}

export interface CandidateFacts {
  participantId: string;
  reference: string;
  occupations: readonly CandidateOccupation[];
  skills: readonly string[];
  /** ISO 639-1 codes, lower case. */
  languages: readonly string[];
  /** Licence classes held (B, C, CE, D …). */
  drivingLicences: readonly string[];
  /** First day the person can start; null: not available now. */
  availableFrom: string | null;
  extentWantedPercent: number;
  districtCode: string | null;
  targetGroups: readonly string[];
  /** First day of the current spell of unemployment; null when unknown. */
  unemployedSince: string | null;
  /** An unrevoked consent to share the pseudonymous profile with the need's supplier. */
  consentsToShare: boolean;
}

export interface NeedFacts {
  ssykCode: string | null;
  occupationNameId: string | null;
  skills: readonly string[];
  requiredLanguages: readonly string[];
  requiredDrivingLicences: readonly string[];
  startsOn: string;
  extentPercent: number;
  districtCode: string | null;
  /** The target groups the contract's commitment names. */
  targetGroups: readonly string[];
}

export type ExclusionReason =
  | { code: 'no_consent' }
  | { code: 'missing_driving_licence'; missing: string[] }
  | { code: 'missing_language'; missing: string[] }
  | { code: 'not_available'; availableFrom: string | null };

export type ScoreReason =
  | { code: 'occupation_name'; points: number; experienced: boolean }
  | { code: 'ssyk_4' | 'ssyk_3' | 'ssyk_2'; points: number; ssykCode: string; experienced: boolean }
  | { code: 'skills'; points: number; common: string[] }
  | { code: 'distance'; points: number; km: number }
  | { code: 'extent'; points: number; wantedPercent: number }
  | { code: 'target_group'; points: number; targetGroups: string[] }
  | { code: 'waiting'; points: number; months: number };

export interface RankedCandidate {
  participantId: string;
  reference: string;
  score: number;
  reasons: ScoreReason[];
}

export interface ExcludedCandidate {
  participantId: string;
  reference: string;
  reasons: ExclusionReason[];
}

export interface Ranking {
  ranked: RankedCandidate[];
  excluded: ExcludedCandidate[];
}

/** The points of each reason (policy; docs/matching.md). */
export const WEIGHTS = {
  occupationName: 50,
  ssyk4: 40,
  ssyk3: 25,
  ssyk2: 12,
  experienceBonus: 5,
  perCommonSkill: 3,
  maxSkills: 15,
  distance: [
    { withinKm: 5, points: 10 },
    { withinKm: 10, points: 6 },
    { withinKm: 20, points: 3 },
  ],
  extentExact: 8,
  extentNear: 4,
  /** "Near" is within this many percentage points. */
  extentNearPoints: 25,
  targetGroup: 10,
  waitingMax: 10,
  /** Months of waiting that earn the full waiting points. */
  waitingFullMonths: 24,
} as const;

/** Whole months from `from` to `to` (ISO dates), 0 when `to` is earlier. */
export function wholeMonthsBetween(from: string, to: string): number {
  return monthsSince(from, isoParts(to));
}

interface DateParts {
  y: number;
  m: number;
  d: number;
}

function isoParts(date: string): DateParts {
  return { y: Number(date.slice(0, 4)), m: Number(date.slice(5, 7)), d: Number(date.slice(8, 10)) };
}

/** Digit arithmetic instead of slicing: this runs once per candidate on every ranking. */
function monthsSince(from: string, to: DateParts): number {
  const digit = (i: number) => from.charCodeAt(i) - 48;
  const fy = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  const fm = digit(5) * 10 + digit(6);
  const fd = digit(8) * 10 + digit(9);
  const months = (to.y - fy) * 12 + (to.m - fm) - (to.d < fd ? 1 : 0);
  return months > 0 ? months : 0;
}

/** The need's side of the comparison, worked out once per ranking rather than per candidate. */
export interface PreparedNeed {
  need: NeedFacts;
  code4: string | null;
  code3: string | null;
  code2: string | null;
  asOf: DateParts;
}

export function prepare(need: NeedFacts, asOf: string): PreparedNeed {
  const code = need.ssykCode;
  return {
    need,
    code4: code !== null && code.length >= 4 ? code.slice(0, 4) : null,
    code3: code !== null && code.length >= 3 ? code.slice(0, 3) : null,
    code2: code !== null && code.length >= 2 ? code.slice(0, 2) : null,
    asOf: isoParts(asOf),
  };
}

function exclusions(c: CandidateFacts, need: NeedFacts): ExclusionReason[] | null {
  let reasons: ExclusionReason[] | null = null;
  if (!c.consentsToShare) (reasons ??= []).push({ code: 'no_consent' });
  if (need.requiredDrivingLicences.length > 0) {
    const missing = need.requiredDrivingLicences.filter((l) => !c.drivingLicences.includes(l));
    if (missing.length > 0) (reasons ??= []).push({ code: 'missing_driving_licence', missing });
  }
  if (need.requiredLanguages.length > 0) {
    const missing = need.requiredLanguages.filter((l) => !c.languages.includes(l));
    if (missing.length > 0) (reasons ??= []).push({ code: 'missing_language', missing });
  }
  if (c.availableFrom === null || c.availableFrom > need.startsOn) (reasons ??= []).push({ code: 'not_available', availableFrom: c.availableFrom });
  return reasons;
}

/**
 * The parts of the score, each a function of one candidate field (or list) and the prepared
 * need, so the candidate pool (candidate-pool.ts) can work each out once per distinct value and
 * still give exactly the points `evaluate` gives. With `reasons` they also record why; without,
 * they only count, so ranking many candidates allocates nothing for those who do not make the list.
 */
export function occupationPoints(occupations: readonly CandidateOccupation[], p: PreparedNeed, reasons: ScoreReason[] | null): number {
  const need = p.need;
  // Occupation: the JobTech name, else the deepest SSYK level in common (SSYK 2012's hierarchy
  // is positional: 4-digit unit group, 3-digit minor group, 2-digit sub-major group).
  let best = 0;
  let bestReason: ScoreReason | null = null;
  for (const o of occupations) {
    const bonus = o.experienced ? WEIGHTS.experienceBonus : 0;
    let points = 0;
    let level: 'occupation_name' | 'ssyk_4' | 'ssyk_3' | 'ssyk_2' | null = null;
    const code = o.ssykCode;
    if (need.occupationNameId !== null && o.occupationNameId === need.occupationNameId) {
      points = WEIGHTS.occupationName + bonus;
      level = 'occupation_name';
    } else if (code !== null) {
      if (p.code4 !== null && code.length >= 4 && code.startsWith(p.code4)) {
        points = WEIGHTS.ssyk4 + bonus;
        level = 'ssyk_4';
      } else if (p.code3 !== null && code.length >= 3 && code.startsWith(p.code3)) {
        points = WEIGHTS.ssyk3 + bonus;
        level = 'ssyk_3';
      } else if (p.code2 !== null && code.startsWith(p.code2)) {
        points = WEIGHTS.ssyk2 + bonus;
        level = 'ssyk_2';
      }
    }
    if (level !== null && points > best) {
      best = points;
      if (reasons) {
        bestReason =
          level === 'occupation_name'
            ? { code: level, points, experienced: o.experienced }
            : { code: level, points, ssykCode: code!.slice(0, level === 'ssyk_4' ? 4 : level === 'ssyk_3' ? 3 : 2), experienced: o.experienced };
      }
    }
  }
  if (reasons && bestReason) reasons.push(bestReason);
  return best;
}

export function skillPoints(skills: readonly string[], p: PreparedNeed, reasons: ScoreReason[] | null): number {
  const need = p.need;
  if (need.skills.length === 0 || skills.length === 0) return 0;
  let common = 0;
  for (const s of need.skills) if (skills.includes(s)) common++;
  if (common === 0) return 0;
  const points = Math.min(WEIGHTS.maxSkills, common * WEIGHTS.perCommonSkill);
  if (reasons) reasons.push({ code: 'skills', points, common: need.skills.filter((s) => skills.includes(s)) });
  return points;
}

export function distancePoints(districtCode: string | null, p: PreparedNeed, reasons: ScoreReason[] | null): number {
  const km = districtDistanceKm(districtCode, p.need.districtCode);
  if (km === null) return 0;
  let points = 0;
  for (const band of WEIGHTS.distance) {
    if (km <= band.withinKm) {
      points = band.points;
      break;
    }
  }
  if (reasons) reasons.push({ code: 'distance', points, km });
  return points;
}

export function extentPoints(extentWantedPercent: number, p: PreparedNeed, reasons: ScoreReason[] | null): number {
  const extentGap = Math.abs(extentWantedPercent - p.need.extentPercent);
  const points = extentGap === 0 ? WEIGHTS.extentExact : extentGap <= WEIGHTS.extentNearPoints ? WEIGHTS.extentNear : 0;
  if (points > 0 && reasons) reasons.push({ code: 'extent', points, wantedPercent: extentWantedPercent });
  return points;
}

export function targetGroupPoints(targetGroups: readonly string[], p: PreparedNeed, reasons: ScoreReason[] | null): number {
  const need = p.need;
  if (need.targetGroups.length === 0) return 0;
  let shared = false;
  for (const g of need.targetGroups) if (targetGroups.includes(g)) shared = true;
  if (!shared) return 0;
  if (reasons) reasons.push({ code: 'target_group', points: WEIGHTS.targetGroup, targetGroups: need.targetGroups.filter((g) => targetGroups.includes(g)) });
  return WEIGHTS.targetGroup;
}

export function waitingPoints(unemployedSince: string | null, p: PreparedNeed, reasons: ScoreReason[] | null): number {
  if (unemployedSince === null) return 0;
  const months = monthsSince(unemployedSince, p.asOf);
  const points = Math.round((Math.min(months, WEIGHTS.waitingFullMonths) / WEIGHTS.waitingFullMonths) * WEIGHTS.waitingMax);
  if (reasons) reasons.push({ code: 'waiting', points, months });
  return points;
}

/** The points of one candidate, the parts in the order their reasons are written. */
function evaluate(c: CandidateFacts, p: PreparedNeed, reasons: ScoreReason[] | null): number {
  return (
    occupationPoints(c.occupations, p, reasons) +
    skillPoints(c.skills, p, reasons) +
    distancePoints(c.districtCode, p, reasons) +
    extentPoints(c.extentWantedPercent, p, reasons) +
    targetGroupPoints(c.targetGroups, p, reasons) +
    waitingPoints(c.unemployedSince, p, reasons)
  );
}

/** The points of one candidate who passed the hard filters, each with its reason. */
export function scoreCandidate(c: CandidateFacts, need: NeedFacts, asOf: string): RankedCandidate {
  const reasons: ScoreReason[] = [];
  const score = evaluate(c, prepare(need, asOf), reasons);
  return { participantId: c.participantId, reference: c.reference, score, reasons };
}

/**
 * Ranks `candidates` for `need` as of `asOf` (ISO date): hard filters first (consent, driving
 * licence, language, availability), then the score, highest first; ties go to the one who has
 * waited longest, then to the reference, so the order is stable. `limit` keeps the top n; only
 * those get their reasons written out (the score is the same either way).
 */
export function rankCandidates(candidates: readonly CandidateFacts[], need: NeedFacts, asOf: string, options: { limit?: number } = {}): Ranking {
  const prepared = prepare(need, asOf);
  const passed: CandidateFacts[] = [];
  const scores: number[] = [];
  const excluded: ExcludedCandidate[] = [];
  for (const c of candidates) {
    const reasons = exclusions(c, need);
    if (reasons !== null) {
      excluded.push({ participantId: c.participantId, reference: c.reference, reasons });
      continue;
    }
    passed.push(c);
    scores.push(evaluate(c, prepared, null));
  }
  const since = (i: number) => passed[i]!.unemployedSince ?? '9999-12-31';
  /** Negative when candidate a ranks before b. */
  const compare = (a: number, b: number): number => {
    const byScore = scores[b]! - scores[a]!;
    if (byScore !== 0) return byScore;
    const sa = since(a);
    const sb = since(b);
    if (sa !== sb) return sa < sb ? -1 : 1;
    return passed[a]!.reference < passed[b]!.reference ? -1 : 1;
  };
  let top: number[];
  if (options.limit === undefined || options.limit * 8 >= passed.length) {
    top = Array.from({ length: passed.length }, (_, i) => i).sort(compare).slice(0, options.limit ?? passed.length);
  } else {
    // Top n by insertion into a short sorted list: one pass, no sort of everyone.
    const limit = options.limit;
    top = [];
    for (let i = 0; i < passed.length; i++) {
      if (top.length === limit && compare(i, top[limit - 1]!) >= 0) continue;
      let at = top.length;
      while (at > 0 && compare(i, top[at - 1]!) < 0) at--;
      top.splice(at, 0, i);
      if (top.length > limit) top.pop();
    }
  }
  const ranked = top.map((i) => {
    const c = passed[i]!;
    const reasons: ScoreReason[] = [];
    const score = evaluate(c, prepared, reasons);
    return { participantId: c.participantId, reference: c.reference, score, reasons };
  });
  return { ranked, excluded };
}
