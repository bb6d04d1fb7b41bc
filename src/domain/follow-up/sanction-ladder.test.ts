import { describe, expect, it } from 'vitest';
import { checkSanctionStep, latestCorrectionNotice, nextSanctionSteps, type SanctionStepFacts } from './sanction-ladder.js';

const ctx = { correctionDays: 30, penaltyOre: 50_000_00, openPositions: 2 };
const step = (kind: SanctionStepFacts['kind'], takenOn: string, extra: Partial<SanctionStepFacts> = {}): SanctionStepFacts => ({ kind, takenOn, deadline: null, correctedOn: null, amountOre: null, ...extra });

describe('sanction ladder', () => {
  it.each([
    ['a case starts with a dialogue note', [], ['dialogue_note']],
    ['after a dialogue note: more dialogue, a correction notice, or resolved', [step('dialogue_note', '2025-09-01')], ['dialogue_note', 'correction_notice', 'resolved']],
    ['after a correction notice: a penalty decision or resolved', [step('correction_notice', '2025-09-01')], ['penalty_decision', 'resolved']],
    ['after a penalty decision: exclusion, termination, or resolved', [step('penalty_decision', '2025-09-01')], ['exclusion', 'termination_recommendation', 'resolved']],
    ['after resolved, a new case starts from the bottom', [step('resolved', '2025-09-01')], ['dialogue_note']],
  ] as const)('%s', (_name, history, next) => {
    expect(nextSanctionSteps(history)).toEqual(next);
  });

  it('refuses skipping a rung: no correction notice before a dialogue note', () => {
    expect(checkSanctionStep([], 'correction_notice', '2025-09-01', ctx)).toMatchObject({ ok: false, field: 'kind', code: 'step_not_allowed' });
  });
  it('a correction notice gets the agreed correction days as its deadline', () => {
    expect(checkSanctionStep([step('dialogue_note', '2025-08-01')], 'correction_notice', '2025-09-01', ctx)).toEqual({ ok: true, step: step('correction_notice', '2025-09-01', { deadline: '2025-10-01' }) });
  });
  const withNotice = [step('dialogue_note', '2025-08-01'), step('correction_notice', '2025-09-01', { deadline: '2025-10-01' })];
  it('a penalty decision on the deadline day is refused; the day after it is computed', () => {
    expect(checkSanctionStep(withNotice, 'penalty_decision', '2025-10-01', ctx)).toMatchObject({ ok: false, code: 'correction_deadline_not_passed' });
    expect(checkSanctionStep(withNotice, 'penalty_decision', '2025-10-02', ctx)).toMatchObject({ ok: true, step: { amountOre: 100_000_00 } });
  });
  it('no penalty when the shortfall was corrected within the deadline', () => {
    const corrected = [withNotice[0]!, { ...withNotice[1]!, correctedOn: '2025-09-20' }];
    expect(checkSanctionStep(corrected, 'penalty_decision', '2025-10-02', ctx)).toMatchObject({ ok: false, code: 'already_corrected' });
  });
  it('no penalty with nothing open', () => {
    expect(checkSanctionStep(withNotice, 'penalty_decision', '2025-10-02', { ...ctx, openPositions: 0 })).toMatchObject({ ok: false, code: 'nothing_to_penalise' });
  });
  it('a step cannot be dated before the previous one', () => {
    expect(checkSanctionStep(withNotice, 'resolved', '2025-08-31', ctx)).toMatchObject({ ok: false, field: 'takenOn' });
  });
  it('the whole ladder: dialogue → correction → penalty → exclusion → termination recommendation', () => {
    const history: SanctionStepFacts[] = [];
    for (const [kind, on] of [['dialogue_note', '2025-08-01'], ['correction_notice', '2025-09-01'], ['penalty_decision', '2025-10-02'], ['exclusion', '2025-11-01'], ['termination_recommendation', '2025-12-01']] as const) {
      const r = checkSanctionStep(history, kind, on, ctx);
      expect(r.ok, kind).toBe(true);
      if (r.ok) history.push(r.step);
    }
    expect(latestCorrectionNotice(history)).toEqual({ issuedOn: '2025-09-01', deadline: '2025-10-01', correctedOn: null });
  });
});
