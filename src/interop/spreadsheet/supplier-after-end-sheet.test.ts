import { describe, expect, it } from 'vitest';
import type { CellValue } from './parse-cell-values.js';
import type { WorkbookSheet } from './read-spreadsheet.js';
import { AFTER_END_SHEET, parseAfterEndSheet, type AfterEndQuestion } from './supplier-after-end-sheet.js';

const P1 = '11111111-1111-4111-8111-111111111111';
const P2 = '22222222-2222-4222-8222-222222222222';
const QUESTIONS: AfterEndQuestion[] = [
  { placementId: P1, participantRef: 'E-1', endedOn: '2025-03-31', monthsAfterEnd: 6, answer: null },
  { placementId: P2, participantRef: '=E-2', endedOn: '2024-10-31', monthsAfterEnd: 12, answer: { status: 'employed_elsewhere', source: 'officer' } },
];
const HEADER = ['Anställnings-id', 'Referens', 'Sista arbetsdag', 'Månader efter slutet', 'Anställd hos oss', 'Beställarens svar'];

function sheet(rows: CellValue[][], header: CellValue[] = HEADER, formulas: WorkbookSheet['formulas'] = []): WorkbookSheet {
  return { name: AFTER_END_SHEET, rows: [header, ...rows].map((cells, i) => ({ number: i + 1, cells })), formulas };
}
const row = (answer: CellValue, overrides: Partial<Record<'id' | 'ref' | 'months', CellValue>> = {}): CellValue[] => [overrides.id ?? P1, overrides.ref ?? 'E-1', '2025-03-31', overrides.months ?? 6, answer, null];
const codes = (s: WorkbookSheet) => parseAfterEndSheet(s, QUESTIONS).problems.map((p) => `${p.row} ${p.column} ${p.code}`);

describe('reading the sheet Efter anställningen', () => {
  it.each([
    ['Ja', 'employed_by_supplier'],
    [' nej ', 'not_employed'],
    ['YES', 'employed_by_supplier'],
    ['Nej, inte anställd hos oss', 'not_employed'],
    ['employed_by_supplier', 'employed_by_supplier'],
  ])('reads "%s" as %s', (answer, status) => {
    expect(parseAfterEndSheet(sheet([row(answer)]), QUESTIONS)).toMatchObject({ problems: [], answers: [{ row: 2, value: { placementId: P1, monthsAfterEnd: 6, status } }] });
  });

  it.each([[null], [''], ['Vet ej'], ['inget svar']])('reads %j as no answer, whatever else the row says', (answer) => {
    expect(parseAfterEndSheet(sheet([row(answer, { id: 'not-an-id', months: 7 })]), QUESTIONS)).toMatchObject({ problems: [], answers: [] });
  });

  it('refuses the codes only an officer may use, and anything else, at the answer’s cell', () => {
    expect(codes(sheet([row('employed_elsewhere'), row('unknown', { id: P2, ref: '=E-2', months: 12 }), row('kanske')]))).toEqual(['2 Anställd hos oss unknown_answer', '3 Anställd hos oss unknown_answer', '4 Anställd hos oss unknown_answer']);
  });

  it('refuses an answer without an id, for a placement not asked about, with another placement’s reference, at other months, or twice', () => {
    expect(codes(sheet([row('Ja', { id: '' }), row('Ja', { id: '33333333-3333-4333-8333-333333333333' }), row('Ja', { ref: 'E-9' }), row('Ja', { id: P2, ref: '=E-2', months: 9 }), row('Nej', { id: P2, ref: "'=E-2", months: 12 }), row('Ja', { id: P2, months: 12, ref: '' })]))).toEqual([
      '2 Anställnings-id required',
      '3 Anställnings-id unknown_placement',
      '4 Referens reference_changed',
      '5 Månader efter slutet invalid_months',
      '7 Anställnings-id duplicate',
    ]);
  });

  it('reads the reference as the template wrote it (a neutralised formula character) and an empty reference as unchanged', () => {
    const parsed = parseAfterEndSheet(sheet([row('Nej', { id: P2, ref: "'=E-2", months: 12 }), row('Ja', { ref: null })]), QUESTIONS);
    expect(parsed.problems).toEqual([]);
    expect(parsed.answers.map((a) => a.value.placementId)).toEqual([P2, P1]);
  });

  it('takes the code names as headers in any order, and refuses foreign, missing and doubled columns and formulas', () => {
    const byCode = ['status', 'placementId', 'participantRef', 'endedOn', 'monthsAfterEnd', 'answeredByBuyer'];
    expect(parseAfterEndSheet(sheet([['Ja', P1, 'E-1', '2025-03-31', 6, null]], byCode), QUESTIONS).answers).toHaveLength(1);
    expect(codes(sheet([row('Ja')], [...HEADER.slice(0, 5), 'Lön', 'Referens']))).toEqual(['1 Lön unexpected_column', '1 Referens duplicate_column', '1 Beställarens svar missing_column']);
    expect(codes(sheet([row('Ja')], HEADER, [{ row: 2, column: 4 }]))).toEqual(['2 Anställd hos oss formula_not_allowed']);
    expect(parseAfterEndSheet(sheet([row('Ja')], HEADER, [{ row: 2, column: 4 }]), QUESTIONS).answers).toEqual([]);
  });
});
