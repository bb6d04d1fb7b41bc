import { CONTRACT_NATURES, PROCEDURE_TYPES, type ContractNature, type ProcedureType } from '../../domain/procurement/procurement.js';
import { codelist } from '../reference/codelists.js';
import { formatOreAsPlainSek } from '../../domain/shared/format.js';

/**
 * Turning what people type into a spreadsheet cell into exact values. A cell arrives as a
 * string or a number (see read-spreadsheet.ts); every parser answers a value or a problem
 * with a stable code, never throws, and never goes through floating point for money.
 */
export type CellValue = string | number | null;

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (code: string, message: string): Parsed<never> => ({ ok: false, code, message });

/** Spaces Swedish Excel uses as thousands separators: space, no-break space, narrow no-break space. */
const GROUP_SPACES = /[\s\u00a0\u202f\u2007]/g;

/** A cell as trimmed text; numbers in their shortest exact decimal form (no exponent for sane sizes). */
export function cellText(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return numberText(value);
  return value.trim();
}

function numberText(n: number): string {
  // Excel keeps 15 significant digits, so rounding to them drops only float noise such as
  // 0.30000000000000004 from =0.1+0.2. Number#toString then gives the shortest exact
  // decimal: 1234567.89 stays "1234567.89" instead of becoming 123456788.99999999 öre.
  const text = String(Number(n.toPrecision(15)));
  if (!/e/i.test(text)) return text;
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? BigInt(n).toString() : text;
}

/** Whether a cell has nothing in it (only whitespace counts as nothing). */
export function isBlank(value: CellValue): boolean {
  return cellText(value) === '';
}

/**
 * An amount in Swedish kronor → integer öre. Accepts `1 234 567,89`, `1234567.89`,
 * `1 234 567 kr`, `12 000 000 SEK` and numeric cells. Spaces (also no-break) group
 * thousands; a comma or a single dot is the decimal sign; at most two decimals (öre).
 */
export function parseSekToOre(value: CellValue): Parsed<number> {
  let text = cellText(value)
    .replace(/\s*(kr|kronor|sek):?\s*$/i, '')
    .replace(/^(sek)\s*/i, '')
    .replace(GROUP_SPACES, '');
  if (text === '') return fail('invalid_amount', 'Enter an amount in SEK, e.g. 1 234 567,89.');
  if (text.startsWith('-')) return fail('negative_amount', 'The amount cannot be negative.');
  if (text.includes(',') && text.includes('.')) {
    return fail('invalid_amount', 'Use either a comma or a dot as the decimal sign, and spaces between thousands.');
  }
  text = text.replace(',', '.');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return fail('invalid_amount', `"${cellText(value)}" is not an amount in SEK.`);
  const fraction = match[2] ?? '';
  if (fraction.length > 2) return fail('too_many_decimals', 'An amount in SEK has at most two decimals (öre).');
  const ore = BigInt(match[1]!) * 100n + BigInt(fraction.padEnd(2, '0') || '0');
  if (ore > BigInt(Number.MAX_SAFE_INTEGER)) return fail('amount_too_large', 'The amount is too large.');
  return ok(Number(ore));
}

/** Öre → a number of kronor for a numeric spreadsheet cell (exact for every öre below 2^53/100 SEK). */
export function oreToSekNumber(ore: number): number {
  return Number(formatOreAsPlainSek(ore).replace(',', '.'));
}

/** Days between Excel's day zero (1899-12-30, 1900 date system) and 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25_569;
const MS_PER_DAY = 86_400_000;

function isoOfUtc(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** An Excel serial date (1900 date system) → ISO date; the time of day is dropped. */
export function excelSerialToIsoDate(serial: number): string {
  const ms = Math.round((serial - EXCEL_EPOCH_OFFSET) * MS_PER_DAY / 1000) * 1000;
  return isoOfUtc(new Date(ms));
}

/** An ISO date → the Excel serial of that day. */
export function isoDateToExcelSerial(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY + EXCEL_EPOCH_OFFSET;
}

/**
 * A planned start date → `YYYY-MM-DD`. Accepts ISO dates (with or without a time part, as
 * Swedish Excel writes them in CSV), `YYYYMMDD`, and Excel serial numbers from cells that
 * were not formatted as dates (1954–2119, so a stray amount is not taken for a date).
 * Real date cells arrive already as ISO text from the reader.
 */
export function parseCalendarDate(value: CellValue): Parsed<string> {
  if (typeof value === 'number') {
    if (value >= 20_000 && value < 80_000) return ok(excelSerialToIsoDate(value));
    return fail('invalid_date', `${value} is not a date; write it as YYYY-MM-DD.`);
  }
  const text = cellText(value);
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!match) return fail('invalid_date', `"${text}" is not a date; write it as YYYY-MM-DD.`);
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!isRealDate(y, m, d)) return fail('invalid_date', `${text} is not a real calendar date.`);
  return ok(`${match[1]}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
}

/** A whole number of months. */
export function parseWholeNumber(value: CellValue): Parsed<number> {
  const text = cellText(value).replace(GROUP_SPACES, '').replace(/,0+$|\.0+$/, '');
  if (!/^-?\d+$/.test(text)) return fail('invalid_number', `"${cellText(value)}" is not a whole number.`);
  const n = Number(text);
  return Number.isSafeInteger(n) ? ok(n) : fail('invalid_number', 'The number is too large.');
}

/** A decimal with a comma or a dot and at most two decimals, e.g. full-time equivalents `6,5`. */
export function parseDecimal(value: CellValue): Parsed<number> {
  const text = cellText(value).replace(GROUP_SPACES, '').replace(',', '.');
  const match = /^(-?\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return fail('invalid_number', `"${cellText(value)}" is not a number.`);
  if ((match[2] ?? '').length > 2) return fail('too_many_decimals', 'Use at most two decimals.');
  // Scaled integers, so 6,55 is exactly the double nearest to 6.55.
  const sign = match[1]!.startsWith('-') ? -1 : 1;
  const hundredths = Math.abs(Number(match[1])) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return ok((sign * hundredths) / 100);
}

/** Decimal with a comma, as Swedish Excel reads it from CSV. */
export function formatDecimal(n: number): string {
  return String(n).replace('.', ',');
}

/** Text as a person may type a code, a label or a header: NFC, lower case (Swedish rules), white space collapsed. */
export const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase('sv').replace(/\s+/g, ' ').trim();

/**
 * A template's header row: the column index of each header the template knows (`lookup`, by
 * folded text), recording the header as written in `written`; `refuse` hears a header that is not
 * the template's or appears twice. Missing columns are the caller's to report.
 */
export function readHeaderRow<K>(
  cells: readonly CellValue[],
  lookup: ReadonlyMap<string, K>,
  written: Map<K, string>,
  refuse: (text: string, code: 'unexpected_column' | 'duplicate_column') => void,
): Map<K, number> {
  const index = new Map<K, number>();
  cells.forEach((cell, i) => {
    const text = cellText(cell);
    if (text === '') return;
    const key = lookup.get(fold(text));
    if (key === undefined) refuse(text, 'unexpected_column');
    else if (index.has(key)) refuse(text, 'duplicate_column');
    else {
      index.set(key, i);
      written.set(key, text);
    }
  });
  return index;
}

function labelLookup<T extends string>(codes: readonly T[], list: Parameters<typeof codelist>[0], extra: Record<string, T> = {}) {
  const byText = new Map<string, T>();
  for (const code of codes) byText.set(fold(code), code);
  for (const entry of codelist(list)) {
    if (!(codes as readonly string[]).includes(entry.code)) continue;
    byText.set(fold(entry.sv), entry.code as T);
    byText.set(fold(entry.en), entry.code as T);
  }
  for (const [text, code] of Object.entries(extra)) byText.set(fold(text), code);
  return byText;
}

let natures: Map<string, ContractNature> | null = null;
let procedures: Map<string, ProcedureType> | null = null;

/** Kontraktsform (BT-23): the eForms code or its Swedish or English label, any case. */
export function parseContractNature(value: CellValue): Parsed<ContractNature> {
  natures ??= labelLookup(CONTRACT_NATURES, 'contract-nature', { Tjänst: 'services', Vara: 'supplies', Byggentreprenad: 'works', Entreprenad: 'works' });
  const found = natures.get(fold(cellText(value)));
  return found
    ? ok(found)
    : fail('unknown_contract_nature', `"${cellText(value)}" is not a contract nature; use Tjänster, Varor or Byggentreprenader (services, supplies, works).`);
}

/**
 * Förfarande (BT-105): the eForms code or its Swedish or English label. "Öppet förfarande"
 * and "Selektivt förfarande" are read as the labels "Öppet" and "Selektivt".
 */
export function parseProcedureType(value: CellValue): Parsed<ProcedureType> {
  procedures ??= labelLookup(PROCEDURE_TYPES, 'procurement-procedure-type');
  const text = fold(cellText(value));
  const found = procedures.get(text) ?? procedures.get(text.replace(/ förfarande$/, ''));
  return found ? ok(found) : fail('unknown_procedure_type', `"${cellText(value)}" is not a procedure type from the eForms list.`);
}

/** Swedish label of a contract nature or procedure type, for export. */
export function contractNatureLabel(code: ContractNature): string {
  return codelist('contract-nature').find((c) => c.code === code)?.sv ?? code;
}

export function procedureTypeLabel(code: ProcedureType): string {
  return codelist('procurement-procedure-type').find((c) => c.code === code)?.sv ?? code;
}

/**
 * A CPV code → eight digits. Accepts the check digit (`90911200-8`) and numeric cells that
 * lost their leading zero (`9310000` → `09310000`). Whether the code exists is the domain's
 * rule (validateProcurementDraft), not the reader's.
 */
export function parseCpvCode(value: CellValue): Parsed<string> {
  const text = cellText(value).replace(GROUP_SPACES, '');
  const match = /^(\d{7,8})(?:-\d)?$/.exec(text);
  if (!match) return fail('invalid_cpv', `"${cellText(value)}" is not a CPV code (8 digits, e.g. 90911200).`);
  return ok(match[1]!.padStart(8, '0'));
}

/** Several CPV codes separated by semicolons, commas or line breaks. */
export function parseCpvList(value: CellValue): Parsed<string[]> {
  const parts = cellText(value)
    .split(/[;,\n\r]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const codes: string[] = [];
  for (const part of parts) {
    const parsed = parseCpvCode(part);
    if (!parsed.ok) return parsed;
    codes.push(parsed.value);
  }
  return ok(codes);
}

/**
 * Text that a spreadsheet program could take for a formula gets a leading apostrophe
 * (OWASP "CSV injection"): `=`, `+`, `-`, `@`, tab and carriage return.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** The inverse on import: an apostrophe that neutralised a formula character is dropped again. */
export function restoreNeutralised(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}
