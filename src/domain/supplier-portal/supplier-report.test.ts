import { describe, expect, it } from 'vitest';
import { nextReport, overallStatus, validateSupplierReport, type SupplierReportContext, type SupplierReportInput } from './supplier-report.js';

const ctx: SupplierReportContext = {
  period: { startsOn: '2025-01-01', endsOn: '2025-03-31' },
  placementCommitmentIds: new Set(['c1']),
  placements: [
    { id: 'p1', startedOn: '2025-02-01', endedOn: null },
    { id: 'p2', startedOn: '2024-06-01', endedOn: '2024-12-31' },
  ],
  employmentForms: new Set(['las_employment', 'apprenticeship']),
  isSsykCode: (code) => code === '9111',
};
const hire = { commitmentId: 'c1', participantRef: 'AF-123', startedOn: '2025-03-01', extentPercent: 100, employmentForm: 'las_employment', ssykCode: '9111' };
const base: SupplierReportInput = { noChange: false, hires: [hire], endings: [], attestedBy: 'Kim Demo' };
const codes = (input: SupplierReportInput) => validateSupplierReport(input, ctx).map((e) => `${e.field}:${e.code}`);

describe('validateSupplierReport', () => {
  const cases: Array<[string, SupplierReportInput, string[]]> = [
    ['a hire within the period, attested', base, []],
    ['"nothing has changed" alone is a whole report', { ...base, noChange: true, hires: [] }, []],
    ['attestation needs a name of at least two letters', { ...base, attestedBy: ' x ' }, ['/attestedBy:attestation_required']],
    ['"nothing has changed" cannot list a hire', { ...base, noChange: true }, ['/noChange:no_change_with_changes']],
    ['an empty report must say nothing has changed', { ...base, hires: [] }, ['/noChange:empty_report']],
    ['a hire on the period’s last day belongs to it', { ...base, hires: [{ ...hire, startedOn: '2025-03-31' }] }, []],
    ['a hire the day after the period belongs to the next report', { ...base, hires: [{ ...hire, startedOn: '2025-04-01' }] }, ['/hires/0/startedOn:after_period']],
    ['a late report of an earlier hire is accepted', { ...base, hires: [{ ...hire, startedOn: '2024-11-15' }] }, []],
    ['extent 0 % is refused', { ...base, hires: [{ ...hire, extentPercent: 0 }] }, ['/hires/0/extentPercent:out_of_range']],
    ['extent 1 % is the least', { ...base, hires: [{ ...hire, extentPercent: 1 }] }, []],
    ['extent 101 % is refused', { ...base, hires: [{ ...hire, extentPercent: 101 }] }, ['/hires/0/extentPercent:out_of_range']],
    ['an unknown commitment', { ...base, hires: [{ ...hire, commitmentId: 'c9' }] }, ['/hires/0/commitmentId:unknown_commitment']],
    ['an unknown employment form', { ...base, hires: [{ ...hire, employmentForm: 'gig' }] }, ['/hires/0/employmentForm:unknown_employment_form']],
    ['an SSYK code that is no unit group', { ...base, hires: [{ ...hire, ssykCode: '12' }] }, ['/hires/0/ssykCode:unknown_ssyk_code']],
    ['no SSYK code is fine', { ...base, hires: [{ ...hire, ssykCode: null }] }, []],
    ['a personal identity number as reference is refused', { ...base, hires: [{ ...hire, participantRef: '19121212-1212' }] }, ['/hires/0/participantRef:looks_like_personal_identity_number']],
    ['the same reference twice', { ...base, hires: [hire, hire] }, ['/hires/1/participantRef:duplicate']],
    ['ending a running placement on the period’s last day', { ...base, hires: [], endings: [{ placementId: 'p1', endedOn: '2025-03-31', endReason: 'resigned' }] }, []],
    ['ending on its first day is allowed', { ...base, hires: [], endings: [{ placementId: 'p1', endedOn: '2025-02-01', endReason: 'completed' }] }, []],
    ['ending the day before it started', { ...base, hires: [], endings: [{ placementId: 'p1', endedOn: '2025-01-31', endReason: 'completed' }] }, ['/endings/0/endedOn:end_before_start']],
    ['ending after the period', { ...base, hires: [], endings: [{ placementId: 'p1', endedOn: '2025-04-01', endReason: 'completed' }] }, ['/endings/0/endedOn:after_period']],
    ['ending one already ended', { ...base, hires: [], endings: [{ placementId: 'p2', endedOn: '2025-01-10', endReason: 'other' }] }, ['/endings/0/placementId:already_ended']],
    ['ending another contract’s placement', { ...base, hires: [], endings: [{ placementId: 'p9', endedOn: '2025-03-01', endReason: 'other' }] }, ['/endings/0/placementId:unknown_placement']],
  ];
  for (const [name, input, expected] of cases) it(name, () => expect(codes(input)).toEqual(expected));
});

describe('overallStatus: the most urgent commitment decides', () => {
  it.each([
    [['on_track', 'shortfall'], 'shortfall'],
    [['fulfilled', 'at_risk'], 'at_risk'],
    [['fulfilled', 'not_started'], 'not_started'],
    [['fulfilled', 'fulfilled'], 'fulfilled'],
    [[], null],
  ] as const)('%j → %s', (statuses, expected) => expect(overallStatus(statuses)).toBe(expected));
});

describe('nextReport', () => {
  const p = (sequence: number, startsOn: string, endsOn: string, dueOn: string, reported = false, submitted = false) => ({ sequence, startsOn, endsOn, dueOn, reported, submitted });
  const periods = [p(1, '2025-01-01', '2025-03-31', '2025-04-14', true), p(2, '2025-04-01', '2025-06-30', '2025-07-14'), p(3, '2025-07-01', '2025-09-30', '2025-10-14')];
  it('the earliest unreported period that has started', () => expect(nextReport(periods, '2025-05-10')).toMatchObject({ sequence: 2, overdue: false }));
  it('overdue the day after its due date', () => expect(nextReport(periods, '2025-07-15')).toMatchObject({ sequence: 2, overdue: true }));
  it('on the due date it is not yet overdue', () => expect(nextReport(periods, '2025-07-14')).toMatchObject({ sequence: 2, overdue: false }));
  it('a submitted report is not asked for again; the next period comes', () => {
    expect(nextReport([periods[0]!, { ...periods[1]!, submitted: true }, periods[2]!], '2025-06-10')).toMatchObject({ sequence: 3 });
  });
  it('null when every period is reported', () => expect(nextReport([periods[0]!], '2025-06-01')).toBeNull());
});
