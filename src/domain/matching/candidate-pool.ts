import {
  distancePoints,
  extentPoints,
  occupationPoints,
  prepare,
  scoreCandidate,
  skillPoints,
  targetGroupPoints,
  waitingPoints,
  type CandidateFacts,
  type ExclusionReason,
  type NeedFacts,
  type RankedCandidate,
} from './rank-candidates.js';

/**
 * A compact, reusable form of an organisation's candidates for ranking many needs fast
 * (docs/decisions/0703). Every field the filters and the score read is interned: each candidate
 * holds small integers naming its distinct occupation list, skill list, district, extent, target
 * groups, unemployment date, licences, languages and availability date. Ranking a need works out
 * the points (and filter results) once per distinct value with the very functions
 * `rankCandidates` uses, then sums table lookups per candidate, keeps only the top n by counting
 * scores, and writes reasons only for those n. The result is exactly `rankCandidates`' (a table
 * test compares them), only cheaper. Consent is not part of the pool: it depends on the supplier
 * and the day, and is passed in per ranking.
 */
export type PooledCandidate = Omit<CandidateFacts, 'consentsToShare'>;

/** Distinct values of one field and, per candidate, which of them it has. */
interface Facet<T> {
  values: T[];
  of: Int32Array;
}

export interface CandidatePool {
  readonly candidates: readonly PooledCandidate[];
  readonly occupations: Facet<PooledCandidate['occupations']>;
  readonly skills: Facet<readonly string[]>;
  readonly districts: Facet<string | null>;
  readonly extents: Facet<number>;
  readonly targetGroups: Facet<readonly string[]>;
  readonly unemployedSince: Facet<string | null>;
  readonly licences: Facet<readonly string[]>;
  readonly languages: Facet<readonly string[]>;
  readonly availableFrom: Facet<string | null>;
  /** Each candidate's place in the tie-break order (waited longest first, then reference). */
  readonly tieRank: Int32Array;
}

function facet<T>(candidates: readonly PooledCandidate[], valueOf: (c: PooledCandidate) => T, keyOf: (value: T) => string): Facet<T> {
  const ids = new Map<string, number>();
  const values: T[] = [];
  const of = new Int32Array(candidates.length);
  for (let i = 0; i < candidates.length; i++) {
    const value = valueOf(candidates[i]!);
    const key = keyOf(value);
    let id = ids.get(key);
    if (id === undefined) {
      id = values.length;
      ids.set(key, id);
      values.push(value);
    }
    of[i] = id;
  }
  return { values, of };
}

const listKey = (list: readonly string[]) => list.join('\u0000');
const nullableKey = (value: string | null) => (value === null ? '\u0000null' : value);

/** Interns the candidates' fields once; rank as many needs against the pool as wanted. */
export function buildCandidatePool(candidates: readonly PooledCandidate[]): CandidatePool {
  // The tie-break of rankCandidates: the earliest unemployment date first (unknown last), then the reference.
  const since = (c: PooledCandidate) => c.unemployedSince ?? '9999-12-31';
  const order = Array.from({ length: candidates.length }, (_, i) => i).sort((a, b) => {
    const ca = candidates[a]!;
    const cb = candidates[b]!;
    const sa = since(ca);
    const sb = since(cb);
    if (sa !== sb) return sa < sb ? -1 : 1;
    return ca.reference < cb.reference ? -1 : ca.reference > cb.reference ? 1 : 0;
  });
  const tieRank = new Int32Array(candidates.length);
  order.forEach((candidate, rank) => (tieRank[candidate] = rank));
  return {
    candidates,
    occupations: facet(candidates, (c) => c.occupations, (list) => list.map((o) => `${o.ssykCode ?? ''}|${o.occupationNameId ?? ''}|${o.experienced ? 1 : 0}`).join('\u0000')),
    skills: facet(candidates, (c) => c.skills, listKey),
    districts: facet(candidates, (c) => c.districtCode, nullableKey),
    extents: facet(candidates, (c) => c.extentWantedPercent, String),
    targetGroups: facet(candidates, (c) => c.targetGroups, listKey),
    unemployedSince: facet(candidates, (c) => c.unemployedSince, nullableKey),
    licences: facet(candidates, (c) => c.drivingLicences, listKey),
    languages: facet(candidates, (c) => c.languages, listKey),
    availableFrom: facet(candidates, (c) => c.availableFrom, nullableKey),
    tieRank,
  };
}

/** How many candidates each hard filter excluded (a candidate failing two counts in both). */
export type ExcludedByFilter = Record<ExclusionReason['code'], number>;

export interface PoolRanking {
  ranked: RankedCandidate[];
  /** Candidates looked at: passed and excluded. */
  scored: number;
  excludedByFilter: ExcludedByFilter;
}

function perValue<T>(f: Facet<T>, work: (value: T) => number): Int32Array {
  const out = new Int32Array(f.values.length);
  for (let i = 0; i < f.values.length; i++) out[i] = work(f.values[i]!);
  return out;
}

/**
 * Ranks the pool for `need` as of `asOf`, exactly as `rankCandidates` would rank the same
 * candidates with `consents[i] === 1` as candidate i's `consentsToShare`: the same filters, the
 * same points, the same order (ties to who has waited longest, then the reference), the same
 * reasons for the top `limit` (all when no limit).
 */
export function rankPool(pool: CandidatePool, consents: Uint8Array, need: NeedFacts, asOf: string, options: { limit?: number } = {}): PoolRanking {
  const p = prepare(need, asOf);
  const n = pool.candidates.length;
  // Filters, once per distinct value.
  const lacks = (required: readonly string[]) => (held: readonly string[]) => (required.some((r) => !held.includes(r)) ? 1 : 0);
  const noLicence = perValue(pool.licences, lacks(need.requiredDrivingLicences));
  const noLanguage = perValue(pool.languages, lacks(need.requiredLanguages));
  const notAvailable = perValue(pool.availableFrom, (from) => (from === null || from > need.startsOn ? 1 : 0));
  // Points, once per distinct value, by the functions rankCandidates scores with.
  const occupation = perValue(pool.occupations, (list) => occupationPoints(list, p, null));
  const skills = perValue(pool.skills, (list) => skillPoints(list, p, null));
  const distance = perValue(pool.districts, (code) => distancePoints(code, p, null));
  const extent = perValue(pool.extents, (percent) => extentPoints(percent, p, null));
  const target = perValue(pool.targetGroups, (list) => targetGroupPoints(list, p, null));
  const waiting = perValue(pool.unemployedSince, (since) => waitingPoints(since, p, null));

  const excludedByFilter: ExcludedByFilter = { no_consent: 0, missing_driving_licence: 0, missing_language: 0, not_available: 0 };
  const passed = new Int32Array(n);
  const scores = new Int32Array(n);
  let count = 0;
  let maxScore = 0;
  for (let i = 0; i < n; i++) {
    const a = consents[i] === 1 ? 0 : 1;
    const b = noLicence[pool.licences.of[i]!]!;
    const c = noLanguage[pool.languages.of[i]!]!;
    const d = notAvailable[pool.availableFrom.of[i]!]!;
    if (a | b | c | d) {
      excludedByFilter.no_consent += a;
      excludedByFilter.missing_driving_licence += b;
      excludedByFilter.missing_language += c;
      excludedByFilter.not_available += d;
      continue;
    }
    const score =
      occupation[pool.occupations.of[i]!]! +
      skills[pool.skills.of[i]!]! +
      distance[pool.districts.of[i]!]! +
      extent[pool.extents.of[i]!]! +
      target[pool.targetGroups.of[i]!]! +
      waiting[pool.unemployedSince.of[i]!]!;
    passed[count] = i;
    scores[count] = score;
    count++;
    if (score > maxScore) maxScore = score;
  }

  // The top `limit` without sorting everyone: count candidates per score, find the lowest score
  // that still makes the list, and sort only those at or above it.
  const limit = options.limit === undefined ? count : Math.min(options.limit, count);
  let threshold = 0;
  if (limit < count) {
    const perScore = new Int32Array(maxScore + 1);
    for (let k = 0; k < count; k++) perScore[scores[k]!]!++;
    let atOrAbove = 0;
    for (threshold = maxScore; threshold > 0; threshold--) {
      atOrAbove += perScore[threshold]!;
      if (atOrAbove >= limit) break;
    }
  }
  const chosen: number[] = [];
  for (let k = 0; k < count; k++) if (scores[k]! >= threshold) chosen.push(k);
  chosen.sort((x, y) => scores[y]! - scores[x]! || pool.tieRank[passed[x]!]! - pool.tieRank[passed[y]!]!);
  const ranked = chosen.slice(0, limit).map((k) => scoreCandidate({ ...pool.candidates[passed[k]!]!, consentsToShare: true }, need, asOf));
  return { ranked, scored: n, excludedByFilter };
}

/** One consent as the pool's consent mask reads it. */
export interface ShareConsent {
  participantId: string;
  scope: string;
  supplierId: string | null;
  givenOn: string;
  revokedOn: string | null;
}

/**
 * Which pooled candidates may be shown to `supplierId` on `asOf`: an unrevoked consent to share
 * the profile, given on or before that day, with that supplier or with any (docs/matching.md).
 */
export function consentMask(pool: CandidatePool, consents: readonly ShareConsent[], supplierId: string, asOf: string): Uint8Array {
  const sharing = new Set<string>();
  for (const c of consents) {
    if (c.scope !== 'share_profile' || c.givenOn > asOf || (c.revokedOn !== null && c.revokedOn <= asOf)) continue;
    if (c.supplierId === null || c.supplierId === supplierId) sharing.add(c.participantId);
  }
  const mask = new Uint8Array(pool.candidates.length);
  pool.candidates.forEach((c, i) => (mask[i] = sharing.has(c.participantId) ? 1 : 0));
  return mask;
}
