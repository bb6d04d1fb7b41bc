import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { loadExcelJs } from '../heavy-libraries.js';
import yauzl from 'yauzl';
import type { CellValue } from './parse-cell-values.js';

/** One spreadsheet row with its number as the spreadsheet shows it (first row = 1). */
export interface SheetRow {
  number: number;
  cells: CellValue[];
}

export interface SheetTable {
  format: 'xlsx' | 'csv';
  /** Non-empty rows only, in order; numbers keep the gaps of skipped empty rows. */
  rows: SheetRow[];
}

export interface ReadLimits {
  /** Data rows below the header; one more makes the file too long. */
  maxRows: number;
  /** Sum of the uncompressed parts of an .xlsx (zip bomb guard). */
  maxUncompressedBytes: number;
  maxZipEntries: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { maxRows: 10_000, maxUncompressedBytes: 60 * 1024 * 1024, maxZipEntries: 2_000 };

/** Why a file could not be read at all (as opposed to rows with wrong values). */
export class SpreadsheetReadError extends Error {
  constructor(
    readonly reason: 'unsupported_format' | 'corrupt' | 'too_large' | 'too_many_rows',
    message: string,
  ) {
    super(message);
    this.name = 'SpreadsheetReadError';
  }
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/** What kind of file this is, by its content first and its name second. */
export function detectFormat(buffer: Buffer, filename: string): 'xlsx' | 'csv' {
  const name = filename.toLowerCase();
  if (buffer.subarray(0, 4).equals(ZIP_MAGIC)) return 'xlsx';
  if (buffer.subarray(0, 4).equals(OLE_MAGIC) || name.endsWith('.xls')) {
    throw new SpreadsheetReadError('unsupported_format', 'Old Excel files (.xls) are not supported; save the file as .xlsx or CSV.');
  }
  if (name.endsWith('.xlsx') || name.endsWith('.xlsm')) {
    throw new SpreadsheetReadError('unsupported_format', 'The file is named .xlsx but is not an Excel workbook.');
  }
  const head = buffer.subarray(0, 8192);
  const isUtf16 = head[0] === 0xff && head[1] === 0xfe;
  if (!isUtf16 && head.includes(0)) {
    throw new SpreadsheetReadError('unsupported_format', 'The file is neither an Excel workbook (.xlsx) nor a CSV text file.');
  }
  if (name !== '' && !/\.(csv|txt|tsv)$/.test(name)) {
    throw new SpreadsheetReadError('unsupported_format', 'Upload an Excel workbook (.xlsx) or a CSV file (.csv).');
  }
  return 'csv';
}

/** Reads the first worksheet of an .xlsx, or a CSV file, into rows of strings and numbers. */
export async function readSpreadsheet(buffer: Buffer, filename: string, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<SheetTable> {
  const format = detectFormat(buffer, filename);
  const rows = format === 'xlsx' ? await readXlsx(buffer, limits) : readCsv(buffer, limits);
  // Header plus maxRows data rows.
  if (rows.length > limits.maxRows + 1) {
    throw new SpreadsheetReadError('too_many_rows', `The file has more than ${limits.maxRows} rows; split it into several files.`);
  }
  return { format, rows };
}

// ---------------------------------------------------------------------------------------
// XLSX

/**
 * Walks the zip before exceljs (JSZip) sees it: it must be an OOXML workbook, have a sane
 * number of parts, and inflate to a bounded size. Sizes are counted while inflating, so a
 * zip that lies about its sizes in the directory is caught too.
 */
async function checkZip(buffer: Buffer, limits: ReadLimits): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false });
  } catch {
    throw new SpreadsheetReadError('corrupt', 'The file is not a readable Excel workbook (.xlsx).');
  }
  if (zip.entryCount > limits.maxZipEntries) throw new SpreadsheetReadError('too_large', 'The workbook has too many parts.');
  let total = 0;
  let hasWorkbook = false;
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName === 'xl/workbook.xml') hasWorkbook = true;
      if (entry.fileName.endsWith('/')) continue;
      total += entry.uncompressedSize;
      if (total > limits.maxUncompressedBytes) throw new SpreadsheetReadError('too_large', 'The workbook is too large when unpacked.');
      const stream = await zip.openReadStreamPromise(entry);
      let inflated = 0;
      await pipeline(
        stream,
        new Writable({
          write(chunk: Buffer, _encoding, done) {
            inflated += chunk.length;
            done(inflated > entry.uncompressedSize ? new SpreadsheetReadError('corrupt', 'The workbook is damaged.') : null);
          },
        }),
      );
    }
  } catch (error) {
    if (error instanceof SpreadsheetReadError) throw error;
    throw new SpreadsheetReadError('corrupt', 'The file is not a readable Excel workbook (.xlsx).');
  } finally {
    zip.close();
  }
  if (!hasWorkbook) throw new SpreadsheetReadError('unsupported_format', 'The zip file is not an Excel workbook (.xlsx).');
}

/** Midnight UTC of an exceljs date cell (exceljs reads the serial as UTC) as `YYYY-MM-DD`. */
function isoDateOf(date: Date): string {
  return new Date(Math.round(date.getTime() / 1000) * 1000).toISOString().slice(0, 10);
}

/**
 * Any exceljs cell value → a string, a number or null. Formulas give their cached result and
 * are never evaluated; rich text and hyperlinks give their text; errors give their code.
 */
export function normaliseXlsxCell(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : isoDateOf(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('error' in value) return value.error;
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined) return null;
    if (typeof result === 'object' && result !== null && 'error' in result) return String((result as { error: unknown }).error);
    return normaliseXlsxCell(result as ExcelJS.CellValue);
  }
  if ('text' in value) return normaliseXlsxCell((value as { text: ExcelJS.CellValue }).text);
  return null;
}

async function readXlsx(buffer: Buffer, limits: ReadLimits): Promise<SheetRow[]> {
  await checkZip(buffer, limits);
  const Excel = await loadExcelJs();
  const workbook = new Excel.Workbook();
  try {
    // exceljs types its `Buffer` as an ArrayBuffer; Node's Buffer (a Uint8Array) is what it reads at run time.
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer, {
      ignoreNodes: ['dataValidations', 'conditionalFormatting', 'drawing', 'legacyDrawing', 'picture', 'tableParts', 'extLst', 'sheetProtection', 'autoFilter'],
    });
  } catch {
    throw new SpreadsheetReadError('corrupt', 'The file is not a readable Excel workbook (.xlsx).');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (rows.length > limits.maxRows + 1) return;
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = normaliseXlsxCell(cell.value);
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= null;
    if (cells.some((c) => c !== null && String(c).trim() !== '')) rows.push({ number, cells });
  });
  return rows;
}

/** One worksheet of a workbook read whole: its name, its non-empty rows and where formulas are. */
export interface WorkbookSheet {
  name: string;
  rows: SheetRow[];
  /** Cells holding a formula (row number as the spreadsheet shows it, column index from 0). */
  formulas: Array<{ row: number; column: number }>;
}

/**
 * Reads every worksheet of an .xlsx (never a CSV, never by its name): the bytes must be a zip,
 * pass the same zip-bomb guard as the register import (entry count, size counted while
 * inflating), and hold a workbook. Formulas are never evaluated; their cells are listed so the
 * caller can refuse them. A sheet with more than `maxRows` rows makes the file too long.
 */
export async function readXlsxWorkbook(buffer: Buffer, limits: ReadLimits): Promise<WorkbookSheet[]> {
  if (!buffer.subarray(0, 4).equals(ZIP_MAGIC)) throw new SpreadsheetReadError('unsupported_format', 'The file is not an Excel workbook (.xlsx).');
  await checkZip(buffer, limits);
  const Excel = await loadExcelJs();
  const workbook = new Excel.Workbook();
  try {
    // exceljs types its `Buffer` as an ArrayBuffer; Node's Buffer (a Uint8Array) is what it reads at run time.
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer, {
      ignoreNodes: ['dataValidations', 'conditionalFormatting', 'drawing', 'legacyDrawing', 'picture', 'tableParts', 'extLst', 'sheetProtection', 'autoFilter'],
    });
  } catch {
    throw new SpreadsheetReadError('corrupt', 'The file is not a readable Excel workbook (.xlsx).');
  }
  return workbook.worksheets.map((sheet) => {
    const rows: SheetRow[] = [];
    const formulas: WorkbookSheet['formulas'] = [];
    sheet.eachRow({ includeEmpty: false }, (row, number) => {
      if (rows.length > limits.maxRows + 1) throw new SpreadsheetReadError('too_many_rows', `The sheet ${sheet.name} has more than ${limits.maxRows} rows.`);
      const cells: CellValue[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        const value = cell.value;
        if (value !== null && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) formulas.push({ row: number, column: column - 1 });
        cells[column - 1] = normaliseXlsxCell(value);
      });
      for (let i = 0; i < cells.length; i++) cells[i] ??= null;
      if (cells.some((c) => c !== null && String(c).trim() !== '')) rows.push({ number, cells });
    });
    return { name: sheet.name, rows, formulas };
  });
}

// ---------------------------------------------------------------------------------------
// CSV

/**
 * Bytes → text. UTF-8 (with or without BOM) when the bytes are valid UTF-8, UTF-16 when it
 * has that BOM (Excel's "Unicode text"), otherwise Windows-1252, which is what Swedish Excel
 * writes for "CSV (semikolonavgränsad)" and a superset of Latin-1 for åäö.
 */
export function decodeText(buffer: Buffer): { text: string; encoding: 'utf-8' | 'utf-16le' | 'windows-1252' } {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(buffer.subarray(3)), encoding: 'utf-8' };
  }
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(buffer.subarray(2)), encoding: 'utf-16le' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buffer), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(buffer), encoding: 'windows-1252' };
  }
}

/** Windows-1252 bytes 0x80–0x9F; the rest is Latin-1. Undefined bytes stay as their C1 code points. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * Node's TextDecoder('windows-1252') decodes 0x80–0x9F as Latin-1 control characters, so
 * the euro sign and typographic quotes Swedish Excel writes would be lost; decode by hand.
 */
function decodeWindows1252(buffer: Buffer): string {
  const latin1 = buffer.toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/** The delimiter that occurs most often outside quotes in the first line: `;`, `,` or tab. */
export function detectDelimiter(text: string): ';' | ',' | '\t' {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  if (counts['\t'] > counts[';'] && counts['\t'] > counts[',']) return '\t';
  return counts[','] > counts[';'] ? ',' : ';';
}

function readCsv(buffer: Buffer, limits: ReadLimits): SheetRow[] {
  const { text } = decodeText(buffer);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      to: limits.maxRows + 2,
    }) as string[][];
  } catch (error) {
    throw new SpreadsheetReadError('corrupt', `The CSV file cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const rows: SheetRow[] = [];
  records.forEach((cells, i) => {
    if (cells.some((c) => c.trim() !== '')) rows.push({ number: i + 1, cells });
  });
  return rows;
}
