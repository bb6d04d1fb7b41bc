import { describe, expect, it } from 'vitest';
import { deriveCommitmentTerms, type CommitmentTerms } from './commitment-terms.js';
import { evaluateCommitment, evaluatePlacement, firstHire, penaltyDue, type PlacementFacts } from './evaluate-commitment.js';

const terms = (overrides: Partial<CommitmentTerms> = {}): CommitmentTerms => ({
  measure: 'per_position',
  positions: 2,
  monthsPerPosition: 6,
  firstHireWithinMonths: 6,
  completionPercent: 75,
  reportingIntervalMonths: 3,
  correctionDays: 30,
  penaltyOre: 50_000_00,
  bonusOre: 0,
  employmentForm: 'las_employment',
  targetGroups: ['newly_arrived'],
  ...overrides,
});

let n = 0;
const placement = (overrides: Partial<PlacementFacts> = {}): PlacementFacts => ({
  id: `p${n++}`,
  offeredOn: null,
  startedOn: '2025-03-01',
  plannedEndOn: null,
  endedOn: null,
  endReason: null,
  extentPercent: 100,
  targetGroup: 'newly_arrived',
  employmentForm: 'las_employment',
  ...overrides,
});

const CONTRACT = { startsOn: '2025-01-01', endsOn: '2026-12-31' };

describe('evaluatePlacement: when a placement fills a position', () => {
  it.each([
    ['not started before its start date', placement({ startedOn: '2025-03-02' }), '2025-03-01', false, 'not_started'],
    ['the as-of day counts: 1 Mar–31 Aug as of 31 Aug serves 6.00 and fills', placement(), '2025-08-31', true, 'fulfilled'],
    ['one day short of the agreed months is still serving', placement(), '2025-08-30', false, 'serving'],
    ['part time at 50 % needs twice as long: 6 months in is 3.00', placement({ extentPercent: 50 }), '2025-08-31', false, 'serving'],
    ['resigned at exactly the completion share (16 Apr–31 Aug = 4.50 = 75 % of 6) counts', placement({ startedOn: '2025-04-16', endedOn: '2025-08-31', endReason: 'resigned' }), '2025-09-01', true, 'fulfilled_early_end'],
    ['resigned one day short of the completion share (17 Apr–31 Aug = 4.47) does not count', placement({ startedOn: '2025-04-17', endedOn: '2025-08-31', endReason: 'resigned' }), '2025-09-01', false, 'ended_short'],
    ['completed short of the agreed months does not count', placement({ endedOn: '2025-08-01', endReason: 'completed' }), '2025-09-01', false, 'ended_short'],
    ['dismissed with cause after the completion share counts', placement({ endedOn: '2025-08-01', endReason: 'dismissed_with_cause' }), '2025-09-01', true, 'fulfilled_early_end'],
    ['ended by the supplier after the completion share does not count', placement({ endedOn: '2025-08-01', endReason: 'ended_by_supplier' }), '2025-09-01', false, 'ended_short'],
    ['an end after as-of does not end it yet', placement({ endedOn: '2025-12-31', endReason: 'completed' }), '2025-05-01', false, 'serving'],
  ])('%s', (_name, p, asOf, counts, state) => {
    const e = evaluatePlacement(p, terms(), asOf);
    expect(e.countsAsFulfilled).toBe(counts);
    expect(e.state).toBe(state);
  });

  it('exactly the completion share is 4.50 months, not rounded up from 4.4999', () => {
    const exact = evaluatePlacement(placement({ startedOn: '2025-04-16', endedOn: '2025-08-31', endReason: 'resigned' }), terms(), '2025-09-01');
    expect(exact.fullTimeMonths).toBeCloseTo(4.5, 10);
  });
  it('a leap day counts: 1 Sep 2023–29 Feb 2024 at 100 % is 6.00', () => {
    expect(evaluatePlacement(placement({ startedOn: '2023-09-01' }), terms(), '2024-02-29').countsAsFulfilled).toBe(true);
    expect(evaluatePlacement(placement({ startedOn: '2023-09-01' }), terms(), '2024-02-28').countsAsFulfilled).toBe(false);
  });
});

describe('firstHire: started or offered on or before contract start + N months', () => {
  it.each([
    ['an offer on the deadline day counts', { offeredOn: '2025-07-01', startedOn: '2025-08-01' }, '2025-08-01', true],
    ['an offer the day after the deadline does not', { offeredOn: '2025-07-02', startedOn: '2025-08-01' }, '2025-08-01', false],
    ['a start on the deadline day counts', { startedOn: '2025-07-01' }, '2025-07-01', true],
    ['a hire recorded with a date after as-of does not count yet', { startedOn: '2025-06-01' }, '2025-05-01', false],
  ])('%s', (_name, p, asOf, met) => {
    const r = firstHire(terms(), CONTRACT, [placement(p)], asOf);
    expect(r.deadline).toBe('2025-07-01');
    expect(r.met).toBe(met);
  });
  it('has no deadline when the commitment has no first-hire term (framework variant)', () => {
    expect(firstHire(terms({ firstHireWithinMonths: null }), CONTRACT, [], '2025-01-01')).toEqual({ deadline: null, met: null });
  });
});

describe('penaltyDue: payable only once a correction deadline passed uncorrected', () => {
  const notice = { issuedOn: '2025-09-01', deadline: '2025-10-01', correctedOn: null };
  it.each([
    ['no notice, nothing payable', 2, null, '2026-01-01', 0],
    ['on the deadline day itself, nothing yet', 2, notice, '2025-10-01', 0],
    ['the day after the deadline, open positions × vite', 2, notice, '2025-10-02', 2 * 50_000_00],
    ['corrected on the deadline day, nothing', 2, { ...notice, correctedOn: '2025-10-01' }, '2025-12-01', 0],
    ['corrected too late still pays', 1, { ...notice, correctedOn: '2025-10-05' }, '2025-12-01', 50_000_00],
    ['no open positions, nothing', 0, notice, '2025-12-01', 0],
  ])('%s', (_name, open, n, asOf, expected) => {
    expect(penaltyDue(open, 50_000_00, n, asOf)).toBe(expected);
  });
});

describe('evaluateCommitment: status as of a date, with the numbers', () => {
  it('is not_started before the contract starts', () => {
    expect(evaluateCommitment({ terms: terms(), contract: CONTRACT, placements: [], asOf: '2024-12-31' }).status).toBe('not_started');
  });
  it('is on_track with no hire before the first-hire deadline', () => {
    const r = evaluateCommitment({ terms: terms(), contract: CONTRACT, placements: [], asOf: '2025-07-01' });
    expect(r).toMatchObject({ status: 'on_track', firstHireDeadline: '2025-07-01', firstHireMet: false, positionsFulfilled: 0, openPositions: 2 });
  });
  it('is at_risk the day after the first-hire deadline with no hire', () => {
    const r = evaluateCommitment({ terms: terms(), contract: CONTRACT, placements: [], asOf: '2025-07-02' });
    expect(r.status).toBe('at_risk');
    expect(r.reasons).toContain('first_hire_missed');
  });
  it('is at_risk when too little contract time is left to serve a vacant position', () => {
    const p = placement({ startedOn: '2025-02-01' });
    const r = evaluateCommitment({ terms: terms(), contract: CONTRACT, placements: [p], asOf: '2026-07-01' });
    // 1 Jul–31 Dec left after as-of is 5.00 months; the second position needs 6.
    expect(r.reasons).toEqual(['not_enough_time_left']);
    expect(r.status).toBe('at_risk');
  });
  it('a replacement fills a position left open by an employment ended by the supplier', () => {
    const ended = placement({ startedOn: '2025-02-01', endedOn: '2025-03-31', endReason: 'ended_by_supplier' });
    const replacement = placement({ startedOn: '2025-04-01' });
    const other = placement({ startedOn: '2025-02-01' });
    const before = evaluateCommitment({ terms: terms(), contract: CONTRACT, placements: [ended, replacement, other], asOf: '2025-09-29' });
    expect(before.positionsFulfilled).toBe(1);
    const after = evaluateCommitment({ terms: terms(), contract: CONTRACT, placements: [ended, replacement, other], asOf: '2025-09-30' });
    expect(after).toMatchObject({ status: 'fulfilled', positionsFulfilled: 2, openPositions: 0 });
    expect(after.placements.map((e) => e.countsAsFulfilled)).toEqual([false, true, true]);
  });
  it('is shortfall once the contract has ended with open positions, and the penalty follows the correction notice', () => {
    const p = placement({ startedOn: '2025-02-01' });
    const notice = { issuedOn: '2027-01-10', deadline: '2027-02-09', correctedOn: null };
    const r = evaluateCommitment({ terms: terms(), contract: CONTRACT, placements: [p], asOf: '2027-03-01', correctionNotice: notice });
    expect(r).toMatchObject({ status: 'shortfall', positionsFulfilled: 1, openPositions: 1, penaltyDueOre: 50_000_00 });
  });
  it('extra placements never count more positions than agreed', () => {
    const ps = [placement(), placement(), placement()];
    expect(evaluateCommitment({ terms: terms(), contract: CONTRACT, placements: ps, asOf: '2025-09-01' }).positionsFulfilled).toBe(2);
  });
  it('summed months: jobs that together equal at least N full-time months', () => {
    const summed = terms({ measure: 'summed_months' });
    // Two half-time jobs of 12 months and one 3-month full-time job: 6 + 6 = 12 months → both positions.
    const ps = [placement({ startedOn: '2025-01-01', extentPercent: 50 }), placement({ startedOn: '2025-01-01', extentPercent: 50 })];
    const short = evaluateCommitment({ terms: summed, contract: CONTRACT, placements: ps, asOf: '2025-12-30' });
    expect(short.positionsFulfilled).toBe(1);
    const done = evaluateCommitment({ terms: summed, contract: CONTRACT, placements: ps, asOf: '2025-12-31' });
    expect(done).toMatchObject({ status: 'fulfilled', positionsFulfilled: 2 });
    expect(done.fullTimeMonthsServed).toBeCloseTo(12, 10);
  });
  it('hiring bonus: bonus per qualifying extra hire up to its maximum, never a shortfall', () => {
    const bonus = deriveCommitmentTerms({ type: 'hiring_bonus', parameters: { bonus_ore: 40_000_00, max_extra_hires: 2, qualifying_months: 6 } }, { calledOffValueOre: null });
    const ps = [placement(), placement(), placement()];
    const r = evaluateCommitment({ terms: bonus, contract: CONTRACT, placements: ps, asOf: '2025-09-01' });
    expect(r).toMatchObject({ status: 'fulfilled', bonusEarnedOre: 80_000_00, penaltyDueOre: 0 });
    expect(evaluateCommitment({ terms: bonus, contract: CONTRACT, placements: [], asOf: '2027-09-01' }).status).toBe('fulfilled');
  });
  it('dialogue clause: met by a meeting held by the agreed month', () => {
    const dialogue = deriveCommitmentTerms({ type: 'dialogue_clause', parameters: { first_meeting_within_months: 2 } }, { calledOffValueOre: null });
    expect(evaluateCommitment({ terms: dialogue, contract: CONTRACT, placements: [], asOf: '2025-03-02' }).status).toBe('at_risk');
    const held = evaluateCommitment({ terms: dialogue, contract: CONTRACT, placements: [], asOf: '2025-03-02', meetingsHeldOn: ['2025-03-01'] });
    expect(held).toMatchObject({ status: 'fulfilled', firstHireMet: true });
  });
});

describe('deriveCommitmentTerms: every template kind', () => {
  const contract = { calledOffValueOre: 9_000_000_00 };
  it.each([
    ['employment condition', { type: 'employment_condition', parameters: { positions: 3, employment_months: 6, first_hire_within_months: 6, completion_percent: 75, penalty_ore: 5 } }, { measure: 'per_position', positions: 3, monthsPerPosition: 6, firstHireWithinMonths: 6, penaltyOre: 5 }],
    ['framework variant: one hire per called-off volume, rounded down', { type: 'employment_condition', parameters: { volume_per_hire_ore: 2_000_000_00, employment_months: 6 } }, { positions: 4, firstHireWithinMonths: null }],
    ['work placements: weeks as months', { type: 'apprenticeship', parameters: { placements: 2, placement_weeks: 13 } }, { measure: 'placements', positions: 2, monthsPerPosition: 3 }],
    ['apprenticeships', { type: 'apprenticeship', parameters: { apprentices: 2, employment_months: 12, first_hire_within_months: 6 } }, { measure: 'per_position', positions: 2, monthsPerPosition: 12, employmentForm: 'apprenticeship' }],
    ['dialogue clause: one meeting', { type: 'dialogue_clause', parameters: { first_meeting_within_months: 2 } }, { measure: 'meetings', positions: 1, firstHireWithinMonths: 2 }],
    ['hiring bonus', { type: 'hiring_bonus', parameters: { bonus_ore: 10, max_extra_hires: 5, qualifying_months: 6 } }, { measure: 'bonus', positions: 5, bonusOre: 10 }],
    ['summed-months wording', { type: 'employment_condition', parameters: { positions: 2 }, measure: 'summed_months' }, { measure: 'summed_months', positions: 2 }],
    ['completion share defaults to 75 %', { type: 'employment_condition', parameters: {} }, { completionPercent: 75 }],
  ] as const)('%s', (_name, source, expected) => {
    expect(deriveCommitmentTerms(source as never, contract)).toMatchObject(expected);
  });
});
