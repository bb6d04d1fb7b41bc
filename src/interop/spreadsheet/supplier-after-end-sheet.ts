import type ExcelJS from 'exceljs';
import { cellText, fold, neutraliseFormula, parseWholeNumber, readHeaderRow, restoreNeutralised, type CellValue } from './parse-cell-values.js';
import type { WorkbookSheet } from './read-spreadsheet.js';
import type { ReportSheetProblem } from './supplier-report-sheet.js';

/*
 * The sheet "Efter anställningen" of a period's report template (decision 0806, docs/supplier-portal.md):
 * the optional "still employed with us N months after the end" question the web form asks, one
 * row per placement it asks about, pre-filled as the form is. It lives on its own sheet so the
 * sheet Rapport keeps meaning "hires and endings", and it is written only when there is something
 * to ask, so most templates do not change. On upload an empty answer is no answer.
 */

export const AFTER_END_SHEET = 'Efter anställningen';

/** One question as the report form lists it (supplier-portal-service `afterEndQuestions`). */
export interface AfterEndQuestion {
  placementId: string;
  participantRef: string;
  endedOn: string;
  monthsAfterEnd: number;
  answer: { status: string; source: 'officer' | 'supplier' } | null;
}

export type AfterEndStatus = 'employed_by_supplier' | 'not_employed';
export interface AfterEndAnswer {
  placementId: string;
  monthsAfterEnd: number;
  status: AfterEndStatus;
}

type AfterEndKey = 'placementId' | 'participantRef' | 'endedOn' | 'monthsAfterEnd' | 'status' | 'answeredByBuyer';

const COLUMNS: ReadonlyArray<{ key: AfterEndKey; header: string; width: number; sv: string; en: string }> = [
  { key: 'placementId', header: 'Anställnings-id', width: 38, sv: 'Ifyllt; ändra det inte.', en: 'Filled in; do not change it.' },
  { key: 'participantRef', header: 'Referens', width: 16, sv: 'Referensen från anvisningen, så att ni känner igen personen. Ändra den inte.', en: 'The reference from the referral, so you recognise the person. Do not change it.' },
  { key: 'endedOn', header: 'Sista arbetsdag', width: 16, sv: 'Anställningens sista dag (bara information).', en: 'The placement’s last day (information only).' },
  { key: 'monthsAfterEnd', header: 'Månader efter slutet', width: 12, sv: 'Frågan gäller så här många månader efter sista dagen: 6, eller 12 när ett år har gått. Ändra det inte.', en: 'The question is about this many months after the last day: 6, or 12 once a year has passed. Do not change it.' },
  { key: 'status', header: 'Anställd hos oss', width: 18, sv: 'Ja eller Nej. Lämna tomt om ni inte vet (frivilligt).', en: 'Yes or No (Ja/Nej). Leave it empty if you do not know (optional).' },
  { key: 'answeredByBuyer', header: 'Beställarens svar', width: 40, sv: 'Ifyllt när beställaren redan har registrerat svaret; då behövs inget svar från er.', en: 'Filled in when the buyer has already recorded the answer; then no answer is needed from you.' },
];

const YES = 'Ja';
const NO = 'Nej';
const ANSWERED_BY_BUYER = 'Beställaren har redan registrerat svaret.';

const HEADER_LOOKUP = new Map<string, AfterEndKey>(COLUMNS.flatMap((c) => [[fold(c.header), c.key] as const, [fold(c.key), c.key] as const]));

/** The words read as an answer: the template's, the web form's labels in Swedish and English, and the API codes. */
const STATUS_WORDS = new Map<string, AfterEndStatus | null>([
  ...['ja', 'yes', 'ja, anställd hos oss', 'yes, employed with us', 'employed_by_supplier'].map((w) => [w, 'employed_by_supplier'] as const),
  ...['nej', 'no', 'nej, inte anställd hos oss', 'no, not employed with us', 'not_employed'].map((w) => [w, 'not_employed'] as const),
  // Spelled-out "no answer": the same as an empty cell.
  ...['vet ej', 'vet inte', 'inget svar', 'no answer', 'do not know', 'don’t know', "don't know"].map((w) => [w, null] as const),
]);

/** The notes and column explanations the sheet Instruktioner adds when the template has this sheet. */
export const AFTER_END_INSTRUCTIONS = {
  note: {
    sv: `Bladet ${AFTER_END_SHEET} (frivilligt): för avtalets anställningar som slutade för minst sex månader sedan – arbetar personen fortfarande hos er? Skriv Ja eller Nej, eller lämna tomt om ni inte vet. Har beställaren redan registrerat svaret behövs inget svar.`,
    en: `The sheet ${AFTER_END_SHEET} (optional): for the contract’s placements that ended at least six months ago – does the person still work for you? Write Ja (yes) or Nej (no), or leave it empty if you do not know. Where the buyer has already recorded the answer, none is needed.`,
  },
  columns: COLUMNS.map((c) => ({ header: c.header, code: c.key, sv: c.sv, en: c.en })),
};

/**
 * Adds the sheet to a template when there is something to ask: a row per question with the
 * supplier's own earlier answer pre-filled; a question the buyer's officer has answered is shown
 * (greyed, "already recorded") and not asked, as in the web form. Texts must be XML-safe already.
 */
export function addAfterEndSheet(workbook: ExcelJS.Workbook, questions: readonly AfterEndQuestion[]): void {
  if (questions.length === 0) return;
  const sheet = workbook.addWorksheet(AFTER_END_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, style: c.key === 'endedOn' ? { numFmt: 'yyyy-mm-dd' } : c.key === 'monthsAfterEnd' ? {} : { numFmt: '@' } }));
  sheet.getRow(1).font = { bold: true };
  for (const q of questions) {
    const byOfficer = q.answer?.source === 'officer';
    const own = q.answer?.source === 'supplier' ? (q.answer.status === 'employed_by_supplier' ? YES : q.answer.status === 'not_employed' ? NO : null) : null;
    const row = sheet.addRow({
      placementId: q.placementId,
      participantRef: neutraliseFormula(q.participantRef),
      endedOn: new Date(`${q.endedOn}T00:00:00Z`),
      monthsAfterEnd: q.monthsAfterEnd,
      status: own,
      answeredByBuyer: byOfficer ? ANSWERED_BY_BUYER : null,
    });
    const status = row.getCell('status');
    if (byOfficer) {
      row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };
    } else {
      // A drop-down for Ja/Nej; the upload checks the value anyway (validations are not read back).
      status.dataValidation = { type: 'list', allowBlank: true, formulae: [`"${YES},${NO}"`], showErrorMessage: true, errorTitle: 'Ja eller Nej', error: 'Skriv Ja eller Nej, eller lämna tomt om ni inte vet.' };
    }
  }
}

export interface ParsedAfterEndSheet {
  answers: Array<{ row: number; value: AfterEndAnswer }>;
  problems: ReportSheetProblem[];
  /** The column header as written in the file. */
  headerOf(key: string): string;
}

/**
 * The sheet → the answers to send, or every problem at its row and column. The header holds the
 * sheet's columns (Swedish or code name, any order) and no others; no cell holds a formula. A row
 * without an answer says nothing and is skipped; a row with one must name a placement the form
 * asks about (`unknown_placement`), keep its reference (`reference_changed`, e.g. one column
 * sorted alone), ask at 6 or 12 months, and not repeat a placement and months (`duplicate`).
 * Whether N months have passed and whether an officer's answer is kept are the service's rules.
 */
export function parseAfterEndSheet(data: WorkbookSheet, questions: readonly AfterEndQuestion[]): ParsedAfterEndSheet {
  const problems: ReportSheetProblem[] = [];
  const written = new Map<string, string>();
  const headerOf = (key: string) => written.get(key) ?? COLUMNS.find((c) => c.key === key)?.header ?? key;
  const result: ParsedAfterEndSheet = { answers: [], problems, headerOf };
  const at = (row: number, column: string, code: string, message: string) => problems.push({ sheet: AFTER_END_SHEET, row, column, code, message });
  const [header, ...rows] = data.rows;
  if (!header || header.number !== 1) {
    at(1, '', 'missing_header', `The first row of the sheet ${AFTER_END_SHEET} must be the template’s header row.`);
    return result;
  }
  const index = readHeaderRow(header.cells, HEADER_LOOKUP, written, (text, code) =>
    at(1, text, code, code === 'unexpected_column' ? `The column "${text}" is not part of the sheet ${AFTER_END_SHEET}; remove it.` : `The column "${text}" appears twice.`),
  );
  for (const c of COLUMNS) if (!index.has(c.key)) at(1, c.header, 'missing_column', `The column ${c.header} (${c.key}) is missing from the sheet ${AFTER_END_SHEET}.`);
  const keyOfIndex = new Map([...index].map(([key, i]) => [i, key]));
  for (const f of data.formulas) {
    const key = keyOfIndex.get(f.column);
    at(f.row, key ? headerOf(key) : '', 'formula_not_allowed', 'Formulas are not accepted; type the value.');
  }
  if (problems.length > 0) return result;

  const asked = new Map(questions.map((q) => [q.placementId, q]));
  const seen = new Map<string, number>();
  for (const { number, cells } of rows) {
    const cell = (key: AfterEndKey): CellValue => cells[index.get(key)!] ?? null;
    const text = (key: AfterEndKey) => restoreNeutralised(cellText(cell(key)));
    const fail = (key: AfterEndKey, code: string, message: string) => at(number, headerOf(key), code, message);
    const answerText = text('status');
    const status = answerText === '' ? null : STATUS_WORDS.get(fold(answerText));
    if (status === undefined) {
      fail('status', 'unknown_answer', `"${answerText}" is not an answer; write Ja or Nej, or leave it empty if you do not know.`);
      continue;
    }
    if (status === null) continue;
    const placementId = text('placementId');
    if (placementId === '') {
      fail('placementId', 'required', 'The row has an answer but no placement id; start from the template.');
      continue;
    }
    const question = asked.get(placementId);
    if (!question) {
      fail('placementId', 'unknown_placement', 'This id is not one of this contract’s placements asked about; start from the template of this period.');
      continue;
    }
    const ref = text('participantRef');
    if (ref !== '' && ref !== question.participantRef) fail('participantRef', 'reference_changed', `The reference does not belong to this placement (recorded: ${question.participantRef}); was one column sorted alone? Start from the template.`);
    const months = parseWholeNumber(cell('monthsAfterEnd'));
    if (!months.ok || (months.value !== 6 && months.value !== 12)) {
      fail('monthsAfterEnd', 'invalid_months', 'Write 6 or 12 as in the template.');
      continue;
    }
    const key = `${placementId} ${months.value}`;
    if (seen.has(key)) {
      fail('placementId', 'duplicate', `The same placement and months are answered on row ${seen.get(key)}.`);
      continue;
    }
    seen.set(key, number);
    if (ref === '' || ref === question.participantRef) result.answers.push({ row: number, value: { placementId, monthsAfterEnd: months.value, status } });
  }
  return result;
}

const AFTER_END_FIELDS: Record<string, AfterEndKey> = { placementId: 'placementId', monthsAfterEnd: 'monthsAfterEnd', status: 'status' };

/** The service's after-end errors (`/body/afterEnd/2/monthsAfterEnd`) at the rows they came from. */
export function afterEndProblemsOf(errors: ReadonlyArray<{ path: string; code: string; message: string }>, parsed: ParsedAfterEndSheet): ReportSheetProblem[] {
  return errors.map((e) => {
    const [, , , position, field] = e.path.split('/');
    const key = field ? AFTER_END_FIELDS[field] : undefined;
    return { sheet: AFTER_END_SHEET, row: parsed.answers[Number(position)]?.row ?? 1, column: key ? parsed.headerOf(key) : '', code: e.code, message: e.message };
  });
}
