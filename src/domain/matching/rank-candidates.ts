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
  const fy = Number(from.slice(0, 4));
  const fm = Number(from.slice(5, 7));
  const fd = Number(from.slice(8, 10));
  const ty = Number(to.slice(0, 4));
  const tm = Number(to.slice(5, 7));
  const td = Number(to.slice(8, 10));
  const months = (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
  return Math.max(0, months);
}

function exclusions(c: CandidateFacts, need: NeedFacts): ExclusionReason[] {
  const reasons: ExclusionReason[] = [];
  if (!c.consentsToShare) reasons.push({ code: 'no_consent' });
  const missingLicences = need.requiredDrivingLicences.filter((l) => !c.drivingLicences.includes(l));
  if (missingLicences.length > 0) reasons.push({ code: 'missing_driving_licence', missing: missingLicences });
  const missingLanguages = need.requiredLanguages.filter((l) => !c.languages.includes(l));
  if (missingLanguages.length > 0) reasons.push({ code: 'missing_language', missing: missingLanguages });
  if (c.availableFrom === null || c.availableFrom > need.startsOn) reasons.push({ code: 'not_available', availableFrom: c.availableFrom });
  return reasons;
}

/** The best occupation reason: the JobTech name, else the deepest SSYK level in common. */
function occupationReason(c: CandidateFacts, need: NeedFacts): ScoreReason | null {
  let best: ScoreReason | null = null;
  const better = (r: ScoreReason) => {
    if (best === null || r.points > best.points) best = r;
  };
  const needCode = need.ssykCode;
  for (const o of c.occupations) {
    const bonus = o.experienced ? WEIGHTS.experienceBonus : 0;
    if (need.occupationNameId !== null && o.occupationNameId === need.occupationNameId) {
      better({ code: 'occupation_name', points: WEIGHTS.occupationName + bonus, experienced: o.experienced });
      continue;
    }
    if (needCode === null || o.ssykCode === null) continue;
    // Compare at the deepest level both codes reach: a 4-digit unit group, its 3-digit minor
    // group, its 2-digit sub-major group (SSYK 2012's hierarchy is positional).
    if (needCode.length >= 4 && o.ssykCode.length >= 4 && needCode.slice(0, 4) === o.ssykCode.slice(0, 4)) {
      better({ code: 'ssyk_4', points: WEIGHTS.ssyk4 + bonus, ssykCode: o.ssykCode.slice(0, 4), experienced: o.experienced });
    } else if (needCode.length >= 3 && o.ssykCode.length >= 3 && needCode.slice(0, 3) === o.ssykCode.slice(0, 3)) {
      better({ code: 'ssyk_3', points: WEIGHTS.ssyk3 + bonus, ssykCode: o.ssykCode.slice(0, 3), experienced: o.experienced });
    } else if (needCode.length >= 2 && o.ssykCode.length >= 2 && needCode.slice(0, 2) === o.ssykCode.slice(0, 2)) {
      better({ code: 'ssyk_2', points: WEIGHTS.ssyk2 + bonus, ssykCode: o.ssykCode.slice(0, 2), experienced: o.experienced });
    }
  }
  return best;
}

/** The points of one candidate who passed the hard filters, each with its reason. */
export function scoreCandidate(c: CandidateFacts, need: NeedFacts, asOf: string): RankedCandidate {
  const reasons: ScoreReason[] = [];
  const occupation = occupationReason(c, need);
  if (occupation) reasons.push(occupation);
  if (need.skills.length > 0 && c.skills.length > 0) {
    const common = need.skills.filter((s) => c.skills.includes(s));
    if (common.length > 0) reasons.push({ code: 'skills', points: Math.min(WEIGHTS.maxSkills, common.length * WEIGHTS.perCommonSkill), common });
  }
  const km = districtDistanceKm(c.districtCode, need.districtCode);
  if (km !== null) {
    const band = WEIGHTS.distance.find((b) => km <= b.withinKm);
    reasons.push({ code: 'distance', points: band ? band.points : 0, km });
  }
  const extentGap = Math.abs(c.extentWantedPercent - need.extentPercent);
  if (extentGap === 0) reasons.push({ code: 'extent', points: WEIGHTS.extentExact, wantedPercent: c.extentWantedPercent });
  else if (extentGap <= WEIGHTS.extentNearPoints) reasons.push({ code: 'extent', points: WEIGHTS.extentNear, wantedPercent: c.extentWantedPercent });
  if (need.targetGroups.length > 0) {
    const shared = need.targetGroups.filter((g) => c.targetGroups.includes(g));
    if (shared.length > 0) reasons.push({ code: 'target_group', points: WEIGHTS.targetGroup, targetGroups: shared });
  }
  if (c.unemployedSince !== null) {
    const months = wholeMonthsBetween(c.unemployedSince, asOf);
    const points = Math.round((Math.min(months, WEIGHTS.waitingFullMonths) / WEIGHTS.waitingFullMonths) * WEIGHTS.waitingMax);
    reasons.push({ code: 'waiting', points, months });
  }
  const score = reasons.reduce((sum, r) => sum + r.points, 0);
  return { participantId: c.participantId, reference: c.reference, score, reasons };
}

/**
 * Ranks `candidates` for `need` as of `asOf` (ISO date): hard filters first (consent, driving
 * licence, language, availability), then the score, highest first; ties go to the one who has
 * waited longest, then to the reference, so the order is stable. `limit` keeps the top n.
 */
export function rankCandidates(candidates: readonly CandidateFacts[], need: NeedFacts, asOf: string, options: { limit?: number } = {}): Ranking {
  const ranked: Array<RankedCandidate & { since: string }> = [];
  const excluded: ExcludedCandidate[] = [];
  for (const c of candidates) {
    const reasons = exclusions(c, need);
    if (reasons.length > 0) {
      excluded.push({ participantId: c.participantId, reference: c.reference, reasons });
      continue;
    }
    ranked.push({ ...scoreCandidate(c, need, asOf), since: c.unemployedSince ?? '9999-12-31' });
  }
  ranked.sort((a, b) => b.score - a.score || (a.since < b.since ? -1 : a.since > b.since ? 1 : 0) || (a.reference < b.reference ? -1 : 1));
  const top = options.limit === undefined ? ranked : ranked.slice(0, options.limit);
  return { ranked: top.map(({ since: _since, ...r }) => r), excluded };
}
