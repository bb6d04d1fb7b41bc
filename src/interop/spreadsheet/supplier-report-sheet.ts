import { loadExcelJs } from '../heavy-libraries.js';
import { END_REASONS, type EndReason } from '../../domain/follow-up/evaluate-commitment.js';
import type { ReportedEnding, ReportedHire, ReportError } from '../../domain/supplier-portal/supplier-report.js';
import { withXmlSafeText } from '../xml-text.js';
import { cellText, fold, isBlank, neutraliseFormula, parseCalendarDate, parseWholeNumber, readHeaderRow, restoreNeutralised, type CellValue } from './parse-cell-values.js';
import type { ReadLimits, WorkbookSheet } from './read-spreadsheet.js';
import { AFTER_END_INSTRUCTIONS, AFTER_END_SHEET, addAfterEndSheet, parseAfterEndSheet, type AfterEndQuestion, type ParsedAfterEndSheet } from './supplier-after-end-sheet.js';

/*
 * A supplier's period report as an .xlsx (docs/supplier-portal.md): the supplier downloads a
 * template pre-filled with the placements known so far, marks endings and adds hires, and uploads
 * it again. This module writes the template and turns an uploaded workbook into the same hires
 * and endings the web form sends; the domain (validateSupplierReport) judges them afterwards.
 * The optional "still employed with us after the end" answers have their own sheet
 * (supplier-after-end-sheet.ts), present when the form has something to ask.
 */

export const REPORT_SHEET = 'Rapport';
export const REPORT_INSTRUCTIONS_SHEET = 'Instruktioner';
const EXPECTED_SHEETS = new Set([REPORT_SHEET, AFTER_END_SHEET, REPORT_INSTRUCTIONS_SHEET]);

/** An uploaded report workbook is small: a few hundred rows, a dozen parts. */
export const REPORT_UPLOAD_MAX_BYTES = 2 * 1024 * 1024;
export const REPORT_READ_LIMITS: ReadLimits = { maxRows: 500, maxUncompressedBytes: 20 * 1024 * 1024, maxZipEntries: 100 };

type ColumnKey = 'placementId' | 'participantRef' | 'commitment' | 'startedOn' | 'extentPercent' | 'employmentForm' | 'ssykCode' | 'endedOn' | 'endReason';

interface ReportColumn {
  key: ColumnKey;
  header: string;
  /** The English code name, also accepted as the header. */
  code: string;
  width: number;
  sv: string;
  en: string;
}

export const REPORT_COLUMNS: readonly ReportColumn[] = [
  {
    key: 'placementId',
    header: 'Anställnings-id',
    code: 'placementId',
    width: 38,
    sv: 'Ifyllt för anställningar vi redan känner till; ändra det inte. Tomt på en ny rad = en ny anställning.',
    en: 'Filled in for hires already known; do not change it. Empty on a new row = a new hire.',
  },
  {
    key: 'participantRef',
    header: 'Referens',
    code: 'participantRef',
    width: 16,
    sv: 'Den referens arbetsmarknadsenheten gav vid anvisningen. Aldrig namn eller personnummer.',
    en: 'The reference the labour-market unit gave at referral. Never a name or personal identity number.',
  },
  {
    key: 'commitment',
    header: 'Åtagande',
    code: 'commitment',
    width: 34,
    sv: 'Åtagandets namn (se listan nedan). Kan lämnas tomt när avtalet har ett enda åtagande för anställningar.',
    en: 'The commitment’s name (see the list below). May be left empty when the contract has one commitment for hires.',
  },
  { key: 'startedOn', header: 'Första arbetsdag', code: 'startedOn', width: 16, sv: 'Datum ÅÅÅÅ-MM-DD, senast periodens sista dag.', en: 'Date YYYY-MM-DD, no later than the period’s last day.' },
  { key: 'extentPercent', header: 'Omfattning (%)', code: 'extentPercent', width: 14, sv: 'Procent av heltid, heltal 1–100.', en: 'Per cent of full time, a whole number 1–100.' },
  { key: 'employmentForm', header: 'Anställningsform', code: 'employmentForm', width: 30, sv: 'En av formerna i listan nedan.', en: 'One of the forms in the list below.' },
  { key: 'ssykCode', header: 'Yrke (SSYK)', code: 'ssykCode', width: 12, sv: 'SSYK 2012-kod med fyra siffror, t.ex. 9111. Kan lämnas tomt.', en: 'SSYK 2012 code of four digits, e.g. 9111. May be left empty.' },
  {
    key: 'endedOn',
    header: 'Sista arbetsdag',
    code: 'endedOn',
    width: 16,
    sv: 'Fyll i bara när en känd anställning har upphört: datum ÅÅÅÅ-MM-DD, senast periodens sista dag.',
    en: 'Only when a known hire has ended: date YYYY-MM-DD, no later than the period’s last day.',
  },
  { key: 'endReason', header: 'Orsak till avslut', code: 'endReason', width: 34, sv: 'Krävs med sista arbetsdag: en av orsakerna i listan nedan.', en: 'Required with the last day: one of the reasons in the list below.' },
];

const HIRE_KEYS: readonly ColumnKey[] = ['participantRef', 'commitment', 'startedOn', 'extentPercent', 'employmentForm', 'ssykCode'];
const TEXT_KEYS = new Set<ColumnKey>(['placementId', 'participantRef', 'commitment', 'employmentForm', 'ssykCode', 'endReason']);

/** How the template writes an end reason; the code and the English words are read too. */
export const END_REASON_LABELS: Record<EndReason, { sv: string; en: string }> = {
  completed: { sv: 'Löpte ut som planerat', en: 'Ended as planned' },
  resigned: { sv: 'Den anställda sa upp sig', en: 'The employee resigned' },
  dismissed_with_cause: { sv: 'Avsked eller uppsägning av personliga skäl', en: 'Dismissed for personal reasons' },
  ended_by_supplier: { sv: 'Vi avslutade anställningen', en: 'We ended the employment' },
  other: { sv: 'Annat skäl', en: 'Another reason' },
};

export interface ReportSheetContext {
  contract: { referenceNumber: string; title: string; buyerName: string };
  period: { sequence: number; startsOn: string; endsOn: string; dueOn: string };
  /** The contract's commitments followed up by placements. */
  commitments: ReadonlyArray<{ id: string; title: { sv: string; en: string } }>;
  placements: ReadonlyArray<{ id: string; commitmentId: string; participantRef: string; startedOn: string; endedOn: string | null; endReason: string | null; extentPercent: number; employmentForm: string; ssykCode: string | null }>;
  employmentForms: ReadonlyArray<{ value: string; label: { sv: string; en: string } }>;
  /** The web form's "still employed with us after the end" questions, in its order (decision 0806). */
  afterEnd: readonly AfterEndQuestion[];
}

const dateCell = (iso: string | null) => (iso === null ? null : new Date(`${iso}T00:00:00Z`));
const META_CONTRACT = 'Avtal / Contract';
const META_PERIOD = 'Period';

/**
 * The template of one period: the sheet Rapport with a row per known placement (its hire
 * fields as recorded, the ending columns empty unless it has ended); the sheet Efter
 * anställningen when the form asks about ended placements; and the sheet Instruktioner naming
 * the contract and period and explaining every column in Swedish and English with the valid
 * commitments, employment forms and end reasons.
 */
export async function writeSupplierReportTemplate(input: ReportSheetContext): Promise<Buffer> {
  const ctx = withXmlSafeText(input);
  const Excel = await loadExcelJs();
  const workbook = new Excel.Workbook();
  workbook.creator = 'Hänsyn';
  const sheet = workbook.addWorksheet(REPORT_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = REPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, style: TEXT_KEYS.has(c.key) ? { numFmt: '@' } : c.key.endsWith('On') ? { numFmt: 'yyyy-mm-dd' } : {} }));
  sheet.getRow(1).font = { bold: true };
  const commitmentTitle = new Map(ctx.commitments.map((c) => [c.id, c.title.sv]));
  const formLabel = new Map(ctx.employmentForms.map((f) => [f.value, f.label.sv]));
  for (const p of ctx.placements) {
    sheet.addRow({
      placementId: p.id,
      participantRef: neutraliseFormula(p.participantRef),
      commitment: neutraliseFormula(commitmentTitle.get(p.commitmentId) ?? ''),
      startedOn: dateCell(p.startedOn),
      extentPercent: p.extentPercent,
      employmentForm: formLabel.get(p.employmentForm) ?? p.employmentForm,
      ssykCode: p.ssykCode,
      endedOn: dateCell(p.endedOn),
      endReason: p.endReason && p.endReason in END_REASON_LABELS ? END_REASON_LABELS[p.endReason as EndReason].sv : p.endReason,
    });
  }
  addAfterEndSheet(workbook, ctx.afterEnd);

  const help = workbook.addWorksheet(REPORT_INSTRUCTIONS_SHEET);
  help.columns = [{ width: 26 }, { width: 40 }, { width: 60 }, { width: 60 }];
  help.addRow([META_CONTRACT, neutraliseFormula(ctx.contract.referenceNumber), neutraliseFormula(ctx.contract.title)]);
  help.addRow([META_PERIOD, ctx.period.sequence, `${ctx.period.startsOn} – ${ctx.period.endsOn}`, `Lämnas senast / Due ${ctx.period.dueOn}`]);
  help.addRow(['Beställare / Buyer', neutraliseFormula(ctx.contract.buyerName)]);
  help.addRow([]);
  const notes: Array<[string, string]> = [
    [
      'Bladet Rapport har en rad för varje anställning vi redan känner till. Har en anställning upphört: fyll i sista arbetsdag och orsak på dess rad. Har ni anställt någon: lägg till en rad med tomt anställnings-id. Har inget ändrats: ladda upp filen som den är.',
      'The sheet Rapport has a row for every hire already known. If one has ended, fill in the last working day and the reason on its row. For a new hire, add a row with an empty placement id. If nothing has changed, upload the file as it is.',
    ],
    [
      'Efter uppladdningen ser du vad som kommer att ändras innan du skickar. Har någon rad fel sparas ingenting; alla fel visas med rad och kolumn. Formler tas inte emot: skriv värdena.',
      'After the upload you see what will change before you send. If any row has an error nothing is saved; every error is shown with its row and column. Formulas are not accepted: type the values.',
    ],
    ['Lägg inte till blad eller kolumner; rubrikraden ska vara kvar. Högst 500 rader och 2 MB.', 'Do not add sheets or columns; keep the header row. At most 500 rows and 2 MB.'],
  ];
  if (ctx.afterEnd.length > 0) notes.push([AFTER_END_INSTRUCTIONS.note.sv, AFTER_END_INSTRUCTIONS.note.en]);
  for (const [sv, en] of notes) help.addRow(['', '', sv, en]).alignment = { wrapText: true, vertical: 'top' };
  help.addRow([]);
  help.addRow(['Kolumn / Column', 'Kodnamn / Code name', 'Svenska', 'English']).font = { bold: true };
  for (const c of REPORT_COLUMNS) help.addRow([c.header, c.code, c.sv, c.en]).alignment = { wrapText: true, vertical: 'top' };
  help.addRow([]);
  if (ctx.afterEnd.length > 0) {
    help.addRow([`Bladet ${AFTER_END_SHEET}`, 'Kodnamn / Code name', 'Svenska', 'English']).font = { bold: true };
    for (const c of AFTER_END_INSTRUCTIONS.columns) help.addRow([c.header, c.code, c.sv, c.en]).alignment = { wrapText: true, vertical: 'top' };
    help.addRow([]);
  }
  help.addRow(['Åtaganden / Commitments', '', 'Svenska', 'English']).font = { bold: true };
  for (const c of ctx.commitments) help.addRow(['', '', neutraliseFormula(c.title.sv), neutraliseFormula(c.title.en)]);
  help.addRow(['Anställningsformer / Forms', 'Kod / Code', 'Svenska', 'English']).font = { bold: true };
  for (const f of ctx.employmentForms) help.addRow(['', f.value, f.label.sv, f.label.en]);
  help.addRow(['Orsaker / End reasons', 'Kod / Code', 'Svenska', 'English']).font = { bold: true };
  for (const r of END_REASONS) help.addRow(['', r, END_REASON_LABELS[r].sv, END_REASON_LABELS[r].en]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A problem with one cell, or with the file (column ''), as the upload reports it. */
export interface ReportSheetProblem {
  /** The sheet the row is on; '' for the whole file. */
  sheet: string;
  row: number;
  column: string;
  code: string;
  message: string;
}

export interface ParsedReportSheet {
  hires: Array<{ row: number; value: ReportedHire }>;
  endings: Array<{ row: number; value: ReportedEnding }>;
  /** Known placements listed without a change. */
  unchanged: number;
  /** The answers of the sheet Efter anställningen (none when the file has no such sheet). */
  afterEnd: ParsedAfterEndSheet;
  problems: ReportSheetProblem[];
  /** The column header as written in the file, for problems found later by the domain. */
  headerOf(key: string): string;
}

const HEADER_LOOKUP = new Map<string, ColumnKey>(REPORT_COLUMNS.flatMap((c) => [[fold(c.header), c.key] as const, [fold(c.code), c.key] as const]));

function lookup<T extends string>(pairs: ReadonlyArray<[T, readonly string[]]>): Map<string, T> {
  return new Map(pairs.flatMap(([value, names]) => names.map((n) => [fold(n), value] as const)));
}

/**
 * An uploaded workbook → the hires and endings of the report (and the after-end answers), or
 * every problem of every row. Only the sheets Rapport, Efter anställningen and Instruktioner may
 * be present; the template must be this contract's and this period's; the header must hold the
 * template's columns and no others; no cell may hold a formula. A known placement's row may only
 * gain an ending; a row without an id is a hire. The sheet Efter anställningen is optional and
 * read by its own rules (parseAfterEndSheet).
 */
export function parseSupplierReportSheet(sheets: readonly WorkbookSheet[], ctx: ReportSheetContext): ParsedReportSheet {
  const afterEndData = sheets.find((s) => s.name === AFTER_END_SHEET);
  const afterEnd = afterEndData ? parseAfterEndSheet(afterEndData, ctx.afterEnd) : { answers: [], problems: [], headerOf: (key: string) => key };
  const parsed = parseReportSheet(sheets, ctx, afterEnd);
  // After the sheet Rapport's problems, so every problem of both sheets is reported at once.
  parsed.problems.push(...afterEnd.problems);
  return parsed;
}

function parseReportSheet(sheets: readonly WorkbookSheet[], ctx: ReportSheetContext, afterEnd: ParsedAfterEndSheet): ParsedReportSheet {
  const problems: ReportSheetProblem[] = [];
  const written = new Map<ColumnKey, string>();
  const headerOf = (key: string) => written.get(key as ColumnKey) ?? REPORT_COLUMNS.find((c) => c.key === key)?.header ?? key;
  const result: ParsedReportSheet = { hires: [], endings: [], unchanged: 0, afterEnd, problems, headerOf };
  const fileProblem = (code: string, message: string) => problems.push({ sheet: '', row: 1, column: '', code, message });
  const at = (row: number, column: string, code: string, message: string) => problems.push({ sheet: REPORT_SHEET, row, column, code, message });

  for (const s of sheets) if (!EXPECTED_SHEETS.has(s.name)) fileProblem('unexpected_sheet', `The sheet "${s.name}" is not part of the template; remove it.`);
  const data = sheets.find((s) => s.name === REPORT_SHEET);
  const help = sheets.find((s) => s.name === REPORT_INSTRUCTIONS_SHEET);
  if (!data) {
    fileProblem('missing_sheet', `The sheet ${REPORT_SHEET} is missing; start from the template of this period.`);
    return result;
  }
  const meta = new Map((help?.rows ?? []).map((r) => [cellText(r.cells[0] ?? null), r.cells[1] ?? null]));
  const metaContract = restoreNeutralised(cellText(meta.get(META_CONTRACT) ?? null));
  const metaPeriod = cellText(meta.get(META_PERIOD) ?? null);
  if (metaContract !== ctx.contract.referenceNumber || metaPeriod !== String(ctx.period.sequence)) {
    fileProblem('wrong_template', `This file is not the template of contract ${ctx.contract.referenceNumber}, period ${ctx.period.sequence}; download the template of this period.`);
  }

  const [header, ...rows] = data.rows;
  if (!header || header.number !== 1) {
    at(1, '', 'missing_header', 'The first row must be the template’s header row.');
    return result;
  }
  const index = readHeaderRow(header.cells, HEADER_LOOKUP, written, (text, code) =>
    at(1, text, code, code === 'unexpected_column' ? `The column "${text}" is not part of the template; remove it.` : `The column "${text}" appears twice.`),
  );
  for (const c of REPORT_COLUMNS) if (!index.has(c.key)) at(1, c.header, 'missing_column', `The column ${c.header} (${c.code}) is missing.`);
  const columnOfIndex = new Map([...index].map(([key, i]) => [i, key]));
  for (const f of data.formulas) {
    const key = columnOfIndex.get(f.column);
    at(f.row, key ? headerOf(key) : '', 'formula_not_allowed', 'Formulas are not accepted; type the value.');
  }
  if (problems.length > 0) return result;

  const commitments = lookup(ctx.commitments.map((c) => [c.id, [c.id, c.title.sv, c.title.en]]));
  const forms = lookup(ctx.employmentForms.map((f) => [f.value, [f.value, f.label.sv, f.label.en]]));
  const reasons = lookup(END_REASONS.map((r) => [r, [r, END_REASON_LABELS[r].sv, END_REASON_LABELS[r].en]]));
  const known = new Map(ctx.placements.map((p) => [p.id, p]));
  const seen = new Map<string, number>();
  const formulaRows = new Set(data.formulas.map((f) => f.row));

  for (const { number, cells } of rows) {
    if (formulaRows.has(number)) continue;
    const cell = (key: ColumnKey): CellValue => cells[index.get(key)!] ?? null;
    const text = (key: ColumnKey) => restoreNeutralised(cellText(cell(key)));
    const fail = (key: ColumnKey, code: string, message: string) => at(number, headerOf(key), code, message);
    const date = (key: ColumnKey): string | null => {
      if (isBlank(cell(key))) return null;
      const parsed = parseCalendarDate(cell(key));
      if (parsed.ok) return parsed.value;
      fail(key, parsed.code, parsed.message);
      return null;
    };
    const endedOn = date('endedOn');
    const reasonText = text('endReason');
    const endReason = reasonText === '' ? null : (reasons.get(fold(reasonText)) ?? null);
    if (reasonText !== '' && endReason === null) fail('endReason', 'unknown_end_reason', `"${reasonText}" is not an end reason; use one from the list on the sheet ${REPORT_INSTRUCTIONS_SHEET}.`);
    const hasEnding = !isBlank(cell('endedOn')) || reasonText !== '';
    const placementId = text('placementId');

    if (placementId !== '') {
      const placement = known.get(placementId);
      if (!placement) {
        fail('placementId', 'unknown_placement', 'This id is not one of the known hires of this period; leave it empty for a new hire.');
        continue;
      }
      if (seen.has(placementId)) {
        fail('placementId', 'duplicate', `The same hire is on row ${seen.get(placementId)}.`);
        continue;
      }
      seen.set(placementId, number);
      // A known hire's recorded facts are the buyer's; the sheet only adds an ending.
      const recorded: Record<string, string> = {
        participantRef: placement.participantRef,
        startedOn: placement.startedOn,
        extentPercent: String(placement.extentPercent),
        ssykCode: placement.ssykCode ?? '',
      };
      for (const key of ['participantRef', 'startedOn', 'extentPercent', 'ssykCode'] as const) {
        const now = key === 'startedOn' ? (date(key) ?? text(key)) : text(key);
        if (now !== recorded[key]) fail(key, 'known_hire_changed', `A known hire cannot be changed here (recorded: ${recorded[key] || 'empty'}); end it and report a new hire, or write to the buyer.`);
      }
      const form = text('employmentForm');
      if (form !== '' && forms.get(fold(form)) !== placement.employmentForm) fail('employmentForm', 'known_hire_changed', 'A known hire’s employment form cannot be changed here.');
      if (!hasEnding || (placement.endedOn !== null && endedOn === placement.endedOn)) {
        result.unchanged += 1;
        continue;
      }
      if (endedOn === null && isBlank(cell('endedOn'))) fail('endedOn', 'required', 'Write the last working day with the reason.');
      if (reasonText === '') fail('endReason', 'required', 'Choose why the employment ended.');
      if (endedOn !== null && endReason !== null) result.endings.push({ row: number, value: { placementId, endedOn, endReason } });
      continue;
    }

    // A new hire.
    if (hasEnding) fail('endedOn', 'ending_of_new_hire', 'A new hire cannot end in the same report; report the hire now and its ending next time.');
    const missing = HIRE_KEYS.filter((k) => k !== 'ssykCode' && k !== 'commitment' && isBlank(cell(k)));
    for (const k of missing) fail(k, 'required', `Enter ${headerOf(k)} for the new hire.`);
    const startedOn = date('startedOn');
    let extentPercent: number | null = null;
    if (!isBlank(cell('extentPercent'))) {
      const parsed = parseWholeNumber(cell('extentPercent'));
      if (parsed.ok) extentPercent = parsed.value;
      else fail('extentPercent', parsed.code, parsed.message);
    }
    const formText = text('employmentForm');
    const employmentForm = formText === '' ? null : (forms.get(fold(formText)) ?? null);
    if (formText !== '' && employmentForm === null) fail('employmentForm', 'unknown_employment_form', `"${formText}" is not an employment form; use one from the list on the sheet ${REPORT_INSTRUCTIONS_SHEET}.`);
    const commitmentText = text('commitment');
    let commitmentId: string | null = null;
    if (commitmentText === '') {
      if (ctx.commitments.length === 1) commitmentId = ctx.commitments[0]!.id;
      else fail('commitment', 'required', 'This contract has several commitments for hires; name the one this hire counts toward.');
    } else {
      commitmentId = commitments.get(fold(commitmentText)) ?? null;
      if (commitmentId === null) fail('commitment', 'unknown_commitment', `"${commitmentText}" is not a commitment of this contract followed up by hires.`);
    }
    const ssyk = text('ssykCode');
    if (missing.length === 0 && startedOn !== null && extentPercent !== null && employmentForm !== null && commitmentId !== null && !hasEnding) {
      result.hires.push({ row: number, value: { commitmentId, participantRef: text('participantRef'), startedOn, extentPercent, employmentForm, ssykCode: ssyk === '' ? null : ssyk } });
    }
  }
  return result;
}

const FIELD_TO_COLUMN: Record<string, ColumnKey> = {
  commitmentId: 'commitment',
  participantRef: 'participantRef',
  startedOn: 'startedOn',
  extentPercent: 'extentPercent',
  employmentForm: 'employmentForm',
  ssykCode: 'ssykCode',
  placementId: 'placementId',
  endedOn: 'endedOn',
  endReason: 'endReason',
};

/** The domain's report errors (`/hires/2/startedOn`) as problems at the rows and columns they came from. */
export function sheetProblemsOf(errors: readonly ReportError[], parsed: ParsedReportSheet): ReportSheetProblem[] {
  return errors.map((e) => {
    const [, list, position, field] = e.field.split('/');
    const source = list === 'hires' ? parsed.hires[Number(position)] : list === 'endings' ? parsed.endings[Number(position)] : undefined;
    const key = field ? FIELD_TO_COLUMN[field] : undefined;
    return { sheet: source ? REPORT_SHEET : '', row: source?.row ?? 1, column: key ? parsed.headerOf(key) : '', code: e.code, message: e.message };
  });
}
