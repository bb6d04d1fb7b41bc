import { describe, expect, it } from 'vitest';
import { districtDistanceKm } from './districts.js';
import { rankCandidates, scoreCandidate, wholeMonthsBetween, WEIGHTS, type CandidateFacts, type NeedFacts } from './rank-candidates.js';

const AS_OF = '2026-03-01';

const need = (overrides: Partial<NeedFacts> = {}): NeedFacts => ({
  ssykCode: '9111',
  occupationNameId: null,
  skills: [],
  requiredLanguages: [],
  requiredDrivingLicences: [],
  startsOn: '2026-04-01',
  extentPercent: 100,
  districtCode: null,
  targetGroups: [],
  ...overrides,
});

let n = 0;
const candidate = (overrides: Partial<CandidateFacts> = {}): CandidateFacts => {
  n++;
  return {
    participantId: `p${n}`,
    reference: `REF-${String(n).padStart(4, '0')}`,
    occupations: [],
    skills: [],
    languages: ['sv'],
    drivingLicences: [],
    availableFrom: '2026-01-01',
    extentWantedPercent: 50,
    districtCode: null,
    targetGroups: [],
    unemployedSince: null,
    consentsToShare: true,
    ...overrides,
  };
};

describe('rankCandidates: hard filters', () => {
  it.each<[string, Partial<CandidateFacts>, Partial<NeedFacts>, string]>([
    ['a missing driving licence excludes', { drivingLicences: [] }, { requiredDrivingLicences: ['B'] }, 'missing_driving_licence'],
    ['a licence of another class does not count', { drivingLicences: ['C'] }, { requiredDrivingLicences: ['B'] }, 'missing_driving_licence'],
    ['a missing required language excludes', { languages: ['ar'] }, { requiredLanguages: ['sv'] }, 'missing_language'],
    ['no consent to share the profile excludes', { consentsToShare: false }, {}, 'no_consent'],
    ['not available at all excludes', { availableFrom: null }, {}, 'not_available'],
    ['available one day after the start excludes', { availableFrom: '2026-04-02' }, { startsOn: '2026-04-01' }, 'not_available'],
  ])('%s', (_name, c, nd, code) => {
    const result = rankCandidates([candidate(c)], need(nd), AS_OF);
    expect(result.ranked).toEqual([]);
    expect(result.excluded[0]!.reasons.map((r) => r.code)).toContain(code);
  });

  it.each<[string, Partial<CandidateFacts>, Partial<NeedFacts>]>([
    ['holding the required licence passes', { drivingLicences: ['B', 'C'] }, { requiredDrivingLicences: ['B'] }],
    ['speaking every required language passes', { languages: ['sv', 'en'] }, { requiredLanguages: ['sv', 'en'] }],
    ['available on the start day itself passes', { availableFrom: '2026-04-01' }, { startsOn: '2026-04-01' }],
  ])('%s', (_name, c, nd) => {
    const result = rankCandidates([candidate(c)], need(nd), AS_OF);
    expect(result.excluded).toEqual([]);
    expect(result.ranked).toHaveLength(1);
  });

  it('lists every failed filter of an excluded candidate', () => {
    const result = rankCandidates([candidate({ consentsToShare: false, availableFrom: null, languages: [] })], need({ requiredLanguages: ['sv'], requiredDrivingLicences: ['B'] }), AS_OF);
    expect(result.excluded[0]!.reasons.map((r) => r.code)).toEqual(['no_consent', 'missing_driving_licence', 'missing_language', 'not_available']);
  });
});

describe('rankCandidates: occupation levels', () => {
  it('an exact SSYK 4 match with the licence ranks above an SSYK 2 match', () => {
    const ssyk2 = candidate({ occupations: [{ ssykCode: '9121', occupationNameId: null, experienced: true }], drivingLicences: ['B'] });
    const ssyk4 = candidate({ occupations: [{ ssykCode: '9111', occupationNameId: null, experienced: true }], drivingLicences: ['B'] });
    const noLicence = candidate({ occupations: [{ ssykCode: '9111', occupationNameId: null, experienced: true }], drivingLicences: [] });
    const result = rankCandidates([ssyk2, noLicence, ssyk4], need({ requiredDrivingLicences: ['B'] }), AS_OF);
    expect(result.ranked.map((r) => r.reference)).toEqual([ssyk4.reference, ssyk2.reference]);
    expect(result.excluded.map((r) => r.reference)).toEqual([noLicence.reference]);
  });

  it.each([
    ['the same JobTech occupation name', { ssykCode: '5120', occupationNameId: 'abc_123' }, 'occupation_name', WEIGHTS.occupationName],
    ['the same four-digit unit group', { ssykCode: '9111', occupationNameId: null }, 'ssyk_4', WEIGHTS.ssyk4],
    ['the same three-digit minor group', { ssykCode: '9112', occupationNameId: null }, 'ssyk_3', WEIGHTS.ssyk3],
    ['the same two-digit sub-major group', { ssykCode: '9121', occupationNameId: null }, 'ssyk_2', WEIGHTS.ssyk2],
  ])('%s earns its level’s points (wanted, not yet worked in)', (_name, occ, code, points) => {
    const scored = scoreCandidate(candidate({ occupations: [{ ...occ, experienced: false }] }), need({ occupationNameId: 'abc_123' }), AS_OF);
    expect(scored.reasons[0]).toMatchObject({ code, points });
  });

  it('another major group earns no occupation points', () => {
    const scored = scoreCandidate(candidate({ occupations: [{ ssykCode: '5120', occupationNameId: null, experienced: true }] }), need(), AS_OF);
    expect(scored.reasons.some((r) => r.code.startsWith('ssyk') || r.code === 'occupation_name')).toBe(false);
  });

  it('experience adds its bonus to the best occupation match, wanted-only does not', () => {
    const worked = scoreCandidate(candidate({ occupations: [{ ssykCode: '9111', occupationNameId: null, experienced: true }] }), need(), AS_OF);
    expect(worked.reasons[0]).toMatchObject({ code: 'ssyk_4', points: WEIGHTS.ssyk4 + WEIGHTS.experienceBonus });
  });
});

describe('scoreCandidate: the other reasons', () => {
  it.each([
    ['one skill in common earns 3', ['städning'], ['städning', 'svetsning'], 3],
    ['skills are capped at 15', ['a', 'b', 'c', 'd', 'e', 'f'], ['a', 'b', 'c', 'd', 'e', 'f'], 15],
  ])('%s', (_name, mine, needed, points) => {
    const scored = scoreCandidate(candidate({ skills: mine }), need({ skills: needed }), AS_OF);
    expect(scored.reasons.find((r) => r.code === 'skills')?.points).toBe(points);
  });

  it.each([
    ['the same district is 0 km and earns 10', 'gbg-angered', 'gbg-angered', 10],
    ['Angered to Östra Göteborg is within 10 km', 'gbg-angered', 'gbg-ostra', 6],
    ['Angered to Västra Göteborg is beyond 20 km and earns nothing', 'gbg-angered', 'gbg-vastra-goteborg', 0],
  ])('%s', (_name, home, work, points) => {
    const scored = scoreCandidate(candidate({ districtCode: home }), need({ districtCode: work }), AS_OF);
    expect(scored.reasons.find((r) => r.code === 'distance')?.points).toBe(points);
  });

  it('an unknown district gives no distance reason at all', () => {
    expect(districtDistanceKm('gbg-angered', 'elsewhere')).toBeNull();
    const scored = scoreCandidate(candidate({ districtCode: null }), need({ districtCode: 'gbg-angered' }), AS_OF);
    expect(scored.reasons.find((r) => r.code === 'distance')).toBeUndefined();
  });

  it.each([
    ['the exact extent wanted earns 8', 100, 100, 8],
    ['25 percentage points off is near and earns 4', 75, 100, 4],
    ['26 percentage points off earns nothing', 74, 100, undefined],
  ])('%s', (_name, wanted, extent, points) => {
    const scored = scoreCandidate(candidate({ extentWantedPercent: wanted }), need({ extentPercent: extent }), AS_OF);
    expect(scored.reasons.find((r) => r.code === 'extent')?.points).toBe(points);
  });

  it('belonging to a target group the commitment names earns 10; another group nothing', () => {
    const inGroup = scoreCandidate(candidate({ targetGroups: ['newly_arrived'] }), need({ targetGroups: ['newly_arrived', 'income_support'] }), AS_OF);
    const outside = scoreCandidate(candidate({ targetGroups: ['youth'] }), need({ targetGroups: ['newly_arrived'] }), AS_OF);
    expect(inGroup.reasons.find((r) => r.code === 'target_group')).toMatchObject({ points: 10, targetGroups: ['newly_arrived'] });
    expect(outside.reasons.find((r) => r.code === 'target_group')).toBeUndefined();
  });

  it.each([
    ['waiting 12 months earns half', '2025-03-01', 12, 5],
    ['waiting one day short of 12 months counts 11', '2025-03-02', 11, 5],
    ['waiting 24 months earns the full 10', '2024-03-01', 24, 10],
    ['waiting longer than 24 months earns no more', '2020-01-01', 74, 10],
  ])('%s', (_name, since, months, points) => {
    const scored = scoreCandidate(candidate({ unemployedSince: since }), need(), AS_OF);
    expect(scored.reasons.find((r) => r.code === 'waiting')).toEqual({ code: 'waiting', months, points });
  });

  it('the score is the sum of the reasons’ points', () => {
    const scored = scoreCandidate(candidate({ occupations: [{ ssykCode: '9111', occupationNameId: null, experienced: true }], extentWantedPercent: 100, unemployedSince: '2024-03-01' }), need(), AS_OF);
    expect(scored.score).toBe(45 + 8 + 10);
  });
});

describe('rankCandidates: order and limit', () => {
  it('breaks a tie by the longest wait, then by reference', () => {
    const a = candidate({ reference: 'B', unemployedSince: '2025-01-01' });
    const b = candidate({ reference: 'A', unemployedSince: '2025-01-01' });
    const c = candidate({ reference: 'C', unemployedSince: '2024-12-31' });
    // Same points: all three wait 14 months (6 points)
    const result = rankCandidates([a, b, c], need(), AS_OF);
    expect(result.ranked.map((r) => r.reference)).toEqual(['C', 'A', 'B']);
  });

  it('keeps only the top n with limit', () => {
    const list = Array.from({ length: 5 }, () => candidate());
    expect(rankCandidates(list, need(), AS_OF, { limit: 2 }).ranked).toHaveLength(2);
  });
});

describe('wholeMonthsBetween', () => {
  it.each([
    ['2025-01-31', '2025-02-28', 0],
    ['2025-01-31', '2025-03-01', 1],
    ['2025-05-01', '2025-04-01', 0],
  ])('%s → %s is %i', (from, to, months) => {
    expect(wholeMonthsBetween(from, to)).toBe(months);
  });
});
