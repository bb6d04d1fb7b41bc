import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type ExcelJS from 'exceljs';
import { loadExcelJs } from '../heavy-libraries.js';
import {
  contractNatureLabel,
  formatDecimal,
  neutraliseFormula,
  oreToSekNumber,
  procedureTypeLabel,
} from './parse-cell-values.js';
import { EXPORT_ONLY_COLUMNS, PROCUREMENT_COLUMNS, type ColumnKey, type ExportRow, type ProcurementSheetRow } from './procurement-sheet.js';
import { withXmlSafeText } from '../xml-text.js';
import { formatOreAsPlainSek } from '../../domain/shared/format.js';

/**
 * Writing the register in the columns of procurement-sheet.ts: the import template, and
 * exports as .xlsx (streamed, real number and date cells) and as CSV for Swedish Excel
 * (UTF-8 with BOM, semicolons, decimal comma, CRLF). Every text cell is neutralised against
 * formula injection in both formats.
 */

export const DATA_SHEET = 'Upphandlingar';
export const INSTRUCTIONS_SHEET = 'Instruktioner';
export const UNITS_SHEET = 'Enheter';

const TEXT_KEYS = new Set<ColumnKey>(['referenceNumber', 'title', 'description', 'unitCode', 'responsibleEmail', 'mainCpv', 'additionalCpv']);

/** Display text of each column for CSV, already neutralised. */
function csvRecord(row: ProcurementSheetRow): string[] {
  return PROCUREMENT_COLUMNS.map((c) => {
    switch (c.key) {
      case 'contractNature':
        return contractNatureLabel(row.contractNature);
      case 'procedureType':
        return row.procedureType === null ? '' : procedureTypeLabel(row.procedureType);
      case 'additionalCpv':
        return row.additionalCpv.join('; ');
      case 'estimatedValueOre':
        return row.estimatedValueOre === null ? '' : formatOreAsPlainSek(row.estimatedValueOre);
      case 'labourNeedFte':
        return row.labourNeedFte === null ? '' : formatDecimal(row.labourNeedFte);
      case 'durationMonths':
      case 'extensionMonths':
        return row[c.key] === null ? '' : String(row[c.key]);
      default:
        return neutraliseFormula(String(row[c.key] ?? ''));
    }
  });
}

/** The export-only columns' cells (status, screening, decision), neutralised like every text. */
function exportOnlyRecord(row: ExportRow): string[] {
  return EXPORT_ONLY_COLUMNS.map((c) => neutraliseFormula(row[c.key] ?? ''));
}

/** Cell values of each column for .xlsx: numbers as numbers, the start as a real date cell. */
function xlsxRecord(row: ProcurementSheetRow): ExcelJS.CellValue[] {
  return PROCUREMENT_COLUMNS.map((c) => {
    switch (c.key) {
      case 'estimatedValueOre':
        return row.estimatedValueOre === null ? null : oreToSekNumber(row.estimatedValueOre);
      case 'contractStart':
        return row.contractStart === null ? null : new Date(`${row.contractStart}T00:00:00Z`);
      case 'durationMonths':
      case 'extensionMonths':
      case 'labourNeedFte':
        return row[c.key];
      default: {
        const value = csvRecord(row)[PROCUREMENT_COLUMNS.indexOf(c)]!;
        return value === '' ? null : value;
      }
    }
  });
}

function styleDataSheet(sheet: ExcelJS.Worksheet, withExportColumns = false): void {
  sheet.columns = [...PROCUREMENT_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style: TEXT_KEYS.has(c.key)
      ? { numFmt: '@' }
      : c.key === 'estimatedValueOre'
        ? { numFmt: '#,##0.00' }
        : c.key === 'contractStart'
          ? { numFmt: 'yyyy-mm-dd' }
          : {},
  })), ...(withExportColumns ? EXPORT_ONLY_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, style: { numFmt: '@' } })) : [])];
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
}

/**
 * Streams an export workbook: one data sheet in the template's columns. Rows come in
 * batches so that a large register never sits in memory as a whole.
 */
export async function writeProcurementXlsx(batches: AsyncIterable<ExportRow[]>, output: Writable): Promise<void> {
  const Excel = await loadExcelJs();
  const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Hänsyn';
  const sheet = workbook.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  styleDataSheet(sheet, true);
  sheet.getRow(1).commit();
  for await (const batch of batches) {
    // XML-safe: one stored U+FFFF must not make the whole workbook unreadable.
    for (const row of batch) {
      const safe = withXmlSafeText(row);
      sheet.addRow([...xlsxRecord(safe), ...exportOnlyRecord(safe).map((v) => (v === '' ? null : v))]).commit();
    }
  }
  sheet.commit();
  await workbook.commit();
}

/** Streams an export as CSV for Swedish Excel: UTF-8 with BOM, `;`, CRLF. */
export async function writeProcurementCsv(batches: AsyncIterable<ExportRow[]>, output: Writable): Promise<void> {
  const stringifier = stringify({ delimiter: ';', bom: true, record_delimiter: 'windows', quoted_match: /[";\r\n]/ });
  stringifier.pipe(output);
  const write = (record: string[]) =>
    new Promise<void>((resolve, reject) => {
      if (stringifier.write(record)) resolve();
      else stringifier.once('drain', resolve).once('error', reject);
    });
  await write([...PROCUREMENT_COLUMNS.map((c) => c.header), ...EXPORT_ONLY_COLUMNS.map((c) => c.header)]);
  for await (const batch of batches) {
    for (const row of batch) await write([...csvRecord(row), ...exportOnlyRecord(row)]);
  }
  await new Promise<void>((resolve, reject) => {
    output.once('finish', resolve).once('error', reject);
    stringifier.end();
  });
}

/** The CSV import template: the header line only, so an unedited template imports nothing. */
export function procurementCsvTemplate(): Buffer {
  const header = PROCUREMENT_COLUMNS.map((c) => (/[";]/.test(c.header) ? `"${c.header.replaceAll('"', '""')}"` : c.header)).join(';');
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${header}\r\n`, 'utf8')]);
}

/**
 * The .xlsx import template: an empty data sheet with headers (first, so it is the sheet
 * the import reads), the sheet Instruktioner describing every column in Swedish and English
 * with an example row, and the organisation's unit codes on the sheet Enheter.
 */
export async function procurementXlsxTemplate(units: Array<{ code: string; name: string }>): Promise<Buffer> {
  const Excel = await loadExcelJs();
  const workbook = new Excel.Workbook();
  workbook.creator = 'Hänsyn';
  const data = workbook.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  styleDataSheet(data);

  const help = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  help.columns = [
    { header: 'Kolumn', width: 34 },
    { header: 'Column (code name)', width: 22 },
    { header: 'Obligatorisk / Required', width: 14 },
    { header: 'Format och regler', width: 60 },
    { header: 'Format and rules', width: 60 },
    { header: 'Exempel (inte en rad att importera) / Example (not imported)', width: 36 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of PROCUREMENT_COLUMNS) {
    const row = help.addRow([c.header, c.code, c.required ? 'Ja / Yes' : 'Nej / No', c.formatSv, c.formatEn, c.example]);
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  help.addRow([]);
  const notes = [
    `Fyll i en rad per upphandling på bladet ${DATA_SHEET}, med början på rad 2. Rubrikraden får inte ändras; kolumner kan komma i valfri ordning och okända kolumner ignoreras.`,
    'Fill in one row per procurement on the first sheet, starting at row 2. Keep the header row; columns may come in any order and unknown columns are ignored.',
    'Ingenting sparas om någon rad har fel: alla fel visas med radnummer och kolumn. Importerade upphandlingar får status Planerad.',
    'Nothing is saved if any row has an error: every error is listed with its row number and column. Imported procurements get the status Planned.',
    'Högst 10 000 rader och 20 MB per fil. CSV: UTF-8 eller Windows-1252, semikolon eller komma som avgränsare.',
    'At most 10,000 rows and 20 MB per file. CSV: UTF-8 or Windows-1252, semicolon or comma as delimiter.',
  ];
  for (const note of notes) help.addRow([note]).alignment = { wrapText: false };

  const unitSheet = workbook.addWorksheet(UNITS_SHEET);
  unitSheet.columns = [
    { header: 'Enhet (kod)', width: 14 },
    { header: 'Namn / Name', width: 50 },
  ];
  unitSheet.getRow(1).font = { bold: true };
  for (const unit of withXmlSafeText(units)) unitSheet.addRow([neutraliseFormula(unit.code), neutraliseFormula(unit.name)]);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
