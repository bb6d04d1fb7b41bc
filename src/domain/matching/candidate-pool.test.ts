import { describe, expect, it } from 'vitest';
import { buildCandidatePool, consentMask, rankPool, type PooledCandidate, type ShareConsent } from './candidate-pool.js';
import { rankCandidates, type CandidateFacts, type NeedFacts } from './rank-candidates.js';

/** A small deterministic generator, so a failure names a reproducible case. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const some = <T>(list: readonly T[], p: number): T[] => list.filter(() => next() < p);
  return { next, pick, some };
}

const CODES = ['9111', '9112', '9121', '912', '91', '7111', '5120', null];
const NAMES = ['jt-a', 'jt-b', null];
const DISTRICTS = ['gbg-angered', 'gbg-centrum', 'gbg-lundby', 'unknown-district', null];

function candidates(seed: number, count: number): PooledCandidate[] {
  const g = generator(seed);
  return Array.from({ length: count }, (_, i) => ({
    participantId: `p${i}`,
    reference: `R-${String(Math.floor(g.next() * 1e6)).padStart(6, '0')}-${i}`,
    occupations: Array.from({ length: Math.floor(g.next() * 3) }, () => ({ ssykCode: g.pick(CODES), occupationNameId: g.pick(NAMES), experienced: g.next() < 0.5 })),
    skills: g.some(['städning', 'truck', 'kassa', 'storkök'], 0.3),
    languages: g.some(['sv', 'en', 'ar'], 0.6),
    drivingLicences: g.some(['B', 'C', 'CE'], 0.4),
    availableFrom: g.pick(['2026-01-01', '2026-04-01', '2026-04-02', null]),
    extentWantedPercent: g.pick([50, 75, 80, 100]),
    districtCode: g.pick(DISTRICTS),
    targetGroups: g.some(['newly_arrived', 'income_support', 'disability'], 0.3),
    // Few distinct dates, so many ties reach the tie-break.
    unemployedSince: g.pick(['2023-05-15', '2024-06-01', '2025-12-31', '2026-02-28', null]),
  }));
}

function consents(seed: number, pool: readonly PooledCandidate[]): ShareConsent[] {
  const g = generator(seed + 7);
  return pool.flatMap((c) =>
    g.next() < 0.85
      ? [{ participantId: c.participantId, scope: g.pick(['share_profile', 'share_profile', 'interview']), supplierId: g.pick([null, 'sup-1', 'sup-2']), givenOn: g.pick(['2025-01-01', '2026-03-01', '2026-03-02']), revokedOn: g.pick([null, null, '2026-03-01', '2026-06-01']) }]
      : [],
  );
}

const NEEDS: Array<[string, NeedFacts]> = [
  ['SSYK 4 need with licence and language', { ssykCode: '9111', occupationNameId: null, skills: ['städning', 'kassa'], requiredLanguages: ['sv'], requiredDrivingLicences: ['B'], startsOn: '2026-04-01', extentPercent: 100, districtCode: 'gbg-centrum', targetGroups: ['newly_arrived'] }],
  ['occupation name need, no requirements', { ssykCode: '9112', occupationNameId: 'jt-a', skills: [], requiredLanguages: [], requiredDrivingLicences: [], startsOn: '2026-04-02', extentPercent: 75, districtCode: null, targetGroups: [] }],
  ['need with a licence nobody holds', { ssykCode: '7111', occupationNameId: null, skills: ['truck'], requiredLanguages: ['en'], requiredDrivingLicences: ['D'], startsOn: '2026-04-01', extentPercent: 50, districtCode: 'gbg-angered', targetGroups: ['income_support', 'disability'] }],
  ['need with no occupation', { ssykCode: null, occupationNameId: null, skills: ['storkök'], requiredLanguages: [], requiredDrivingLicences: ['C'], startsOn: '2026-12-31', extentPercent: 100, districtCode: 'gbg-lundby', targetGroups: [] }],
];

describe('rankPool gives exactly what rankCandidates gives', () => {
  const asOf = '2026-03-01';
  for (const seed of [1, 2, 3]) {
    const pooled = candidates(seed, 600);
    const pool = buildCandidatePool(pooled);
    const given = consents(seed, pooled);
    for (const supplierId of ['sup-1', 'sup-2']) {
      const mask = consentMask(pool, given, supplierId, asOf);
      const facts: CandidateFacts[] = pooled.map((c, i) => ({ ...c, consentsToShare: mask[i] === 1 }));
      it.each(NEEDS)(`seed ${seed}, ${supplierId}: %s`, (_name, need) => {
        for (const limit of [undefined, 1, 20, 150, 10_000]) {
          const options = limit === undefined ? {} : { limit };
          const expected = rankCandidates(facts, need, asOf, options);
          const actual = rankPool(pool, mask, need, asOf, options);
          expect(actual.ranked).toEqual(expected.ranked);
          const counts = { no_consent: 0, missing_driving_licence: 0, missing_language: 0, not_available: 0 };
          for (const e of expected.excluded) for (const r of e.reasons) counts[r.code]++;
          expect(actual.excludedByFilter).toEqual(counts);
          expect(actual.scored).toBe(facts.length);
        }
      });
    }
  }
});

describe('consentMask', () => {
  const pool = buildCandidatePool(candidates(9, 3));
  const base = { participantId: 'p0', scope: 'share_profile', supplierId: null, givenOn: '2026-03-01', revokedOn: null };
  it.each<[string, Partial<ShareConsent>, number]>([
    ['a consent with any supplier shares from the day it was given', {}, 1],
    ['a consent given tomorrow does not share yet', { givenOn: '2026-03-02' }, 0],
    ['a consent revoked today no longer shares', { revokedOn: '2026-03-01' }, 0],
    ['a consent revoked tomorrow still shares today', { revokedOn: '2026-03-02' }, 1],
    ['a consent with this supplier shares', { supplierId: 'sup-1' }, 1],
    ['a consent with another supplier does not', { supplierId: 'sup-2' }, 0],
    ['an interview consent alone does not share the profile', { scope: 'interview' }, 0],
  ])('%s', (_name, overrides, expected) => {
    expect(consentMask(pool, [{ ...base, ...overrides }], 'sup-1', '2026-03-01')[0]).toBe(expected);
  });
});
