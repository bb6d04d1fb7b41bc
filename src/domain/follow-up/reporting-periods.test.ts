import { describe, expect, it } from 'vitest';
import { detectDeviations, remindersDue } from './deviations.js';
import { evaluateCommitment } from './evaluate-commitment.js';
import { deriveCommitmentTerms } from './commitment-terms.js';
import { reportingPeriods } from './reporting-periods.js';
import { validatePlacement } from './validate-placement.js';

describe('reportingPeriods', () => {
  it('quarterly from 1 Jan over one year: four periods, each due 14 days after it ends', () => {
    expect(reportingPeriods({ startsOn: '2025-01-01', endsOn: '2025-12-31' }, 3)).toEqual([
      { sequence: 1, startsOn: '2025-01-01', endsOn: '2025-03-31', dueOn: '2025-04-14' },
      { sequence: 2, startsOn: '2025-04-01', endsOn: '2025-06-30', dueOn: '2025-07-14' },
      { sequence: 3, startsOn: '2025-07-01', endsOn: '2025-09-30', dueOn: '2025-10-14' },
      { sequence: 4, startsOn: '2025-10-01', endsOn: '2025-12-31', dueOn: '2026-01-14' },
    ]);
  });
  it('cuts the last period at the contract end', () => {
    const periods = reportingPeriods({ startsOn: '2025-01-01', endsOn: '2025-05-15' }, 3);
    expect(periods.at(-1)).toEqual({ sequence: 2, startsOn: '2025-04-01', endsOn: '2025-05-15', dueOn: '2025-05-29' });
  });
  it('a start on 31 January does not drift: periods start on month ends', () => {
    const periods = reportingPeriods({ startsOn: '2024-01-31', endsOn: '2024-12-31' }, 1);
    expect(periods.slice(0, 2).map((p) => [p.startsOn, p.endsOn])).toEqual([
      ['2024-01-31', '2024-02-28'],
      ['2024-02-29', '2024-03-30'],
    ]);
    expect(periods[2]!.startsOn).toBe('2024-03-31');
  });
});

describe('detectDeviations and remindersDue', () => {
  const periods = reportingPeriods({ startsOn: '2025-01-01', endsOn: '2025-12-31' }, 3).map((p) => ({ ...p, reportedOn: null as string | null }));
  const terms = deriveCommitmentTerms({ type: 'employment_condition', parameters: { positions: 1, employment_months: 6, first_hire_within_months: 6 } }, { calledOffValueOre: null });
  const contract = { startsOn: '2025-01-01', endsOn: '2026-06-30' };
  it('a report is overdue from the day after its due date, not on it', () => {
    expect(detectDeviations({ asOf: '2025-04-14', periods, commitments: [] })).toEqual([]);
    expect(detectDeviations({ asOf: '2025-04-15', periods, commitments: [] }).map((d) => d.key)).toEqual(['report_overdue:1']);
    const reported = periods.map((p) => (p.sequence === 1 ? { ...p, reportedOn: '2025-04-10' } : p));
    expect(detectDeviations({ asOf: '2025-04-15', periods: reported, commitments: [] })).toEqual([]);
  });
  it('finds a missed first hire, a lack of time and a shortfall, each under a stable key', () => {
    const at = (asOf: string) => detectDeviations({ asOf, periods: [], commitments: [{ commitmentId: 'c1', fulfilment: evaluateCommitment({ terms, contract, placements: [], asOf }) }] }).map((d) => d.key);
    expect(at('2025-07-01')).toEqual([]);
    expect(at('2025-07-02')).toEqual(['first_hire_missed:c1']);
    expect(at('2025-12-31')).toEqual(['first_hire_missed:c1']);
    expect(at('2026-01-01')).toEqual(['first_hire_missed:c1', 'at_risk:c1']);
    expect(at('2026-07-01')).toEqual(['shortfall:c1']);
  });
  it('reminds exactly 7 days before a due date, on the first overdue day, and 7 days before a correction deadline', () => {
    expect(remindersDue({ asOf: '2025-04-07', periods, correctionNotices: [] })).toEqual([{ kind: 'report_due_soon', subjectKey: 'period:1', dueOn: '2025-04-14' }]);
    expect(remindersDue({ asOf: '2025-04-08', periods, correctionNotices: [] })).toEqual([]);
    expect(remindersDue({ asOf: '2025-04-15', periods, correctionNotices: [] })).toEqual([{ kind: 'report_overdue', subjectKey: 'period:1', dueOn: '2025-04-14' }]);
    const notices = [{ id: 'n1', deadline: '2025-05-10', correctedOn: null }];
    expect(remindersDue({ asOf: '2025-05-03', periods: [], correctionNotices: notices })).toEqual([{ kind: 'correction_deadline_near', subjectKey: 'correction:n1', dueOn: '2025-05-10' }]);
    expect(remindersDue({ asOf: '2025-05-03', periods: [], correctionNotices: [{ ...notices[0]!, correctedOn: '2025-05-01' }] })).toEqual([]);
  });
});

describe('validatePlacement', () => {
  const ok = { offeredOn: null, startedOn: '2025-03-01', plannedEndOn: null, endedOn: null, endReason: null, extentPercent: 100 };
  it.each([
    ['a plain placement is valid', ok, []],
    ['ending on the start day is allowed', { ...ok, endedOn: '2025-03-01', endReason: 'other' }, []],
    ['an end before the start names endedOn', { ...ok, endedOn: '2025-02-28', endReason: 'other' }, ['endedOn:end_before_start']],
    ['extent 0 is out of range', { ...ok, extentPercent: 0 }, ['extentPercent:extent_out_of_range']],
    ['extent 1 is the lowest allowed', { ...ok, extentPercent: 1 }, []],
    ['extent 101 is out of range', { ...ok, extentPercent: 101 }, ['extentPercent:extent_out_of_range']],
    ['an end needs a reason', { ...ok, endedOn: '2025-04-01' }, ['endReason:end_reason_required']],
    ['an offer after the start is refused', { ...ok, offeredOn: '2025-03-02' }, ['offeredOn:offer_after_start']],
    ['a date that does not exist', { ...ok, startedOn: '2025-02-29' }, ['startedOn:invalid_date']],
  ] as const)('%s', (_name, input, expected) => {
    expect(validatePlacement(input as never).map((e) => `${e.field}:${e.code}`)).toEqual(expected);
  });
});
