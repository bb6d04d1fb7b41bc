import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { CONTRACT_NATURES, PROCEDURE_TYPES } from '../../domain/procurement/procurement.js';
import {
  cellText,
  isBlank,
  parseCalendarDate,
  parseContractNature,
  parseCpvCode,
  parseCpvList,
  parseDecimal,
  parseProcedureType,
  parseSekToOre,
  parseWholeNumber,
  restoreNeutralised,
  type CellValue,
  type Parsed,
} from './parse-cell-values.js';
import type { SheetTable } from './read-spreadsheet.js';

/**
 * The procurement register as a spreadsheet: one row per procurement, one column per field.
 * The same columns are used by the import template, the import and the export, so an export
 * can be edited and imported again (also into another organisation). docs/import-export.md
 * documents them for people.
 */

/** One procurement as a spreadsheet row, after parsing: the file-import edge schema. */
export const ProcurementSheetRow = Type.Object(
  {
    referenceNumber: Type.String({ minLength: 1, maxLength: 64 }),
    title: Type.String({ minLength: 1, maxLength: 300 }),
    description: Type.String({ maxLength: 20_000 }),
    unitCode: Type.String({ minLength: 1, maxLength: 64 }),
    responsibleEmail: Type.Union([Type.String({ pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$', maxLength: 254 }), Type.Null()]),
    contractNature: Type.Union(CONTRACT_NATURES.map((c) => Type.Literal(c))),
    mainCpv: Type.String({ pattern: '^[0-9]{8}$' }),
    additionalCpv: Type.Array(Type.String({ pattern: '^[0-9]{8}$' }), { maxItems: 50 }),
    estimatedValueOre: Type.Union([Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }), Type.Null()]),
    contractStart: Type.Union([Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }), Type.Null()]),
    durationMonths: Type.Union([Type.Integer({ minimum: 1, maximum: 600 }), Type.Null()]),
    extensionMonths: Type.Union([Type.Integer({ minimum: 0, maximum: 600 }), Type.Null()]),
    procedureType: Type.Union([Type.Union(PROCEDURE_TYPES.map((c) => Type.Literal(c))), Type.Null()]),
    labourNeedFte: Type.Union([Type.Number({ minimum: 0, maximum: 100_000 }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type ProcurementSheetRow = Static<typeof ProcurementSheetRow>;
export type ColumnKey = keyof ProcurementSheetRow;

export interface ColumnSpec {
  key: ColumnKey;
  /** The Swedish header written in templates and exports. */
  header: string;
  /** The English code name, also recognised as a header. */
  code: string;
  required: boolean;
  formatSv: string;
  formatEn: string;
  example: string;
  /** Excel column width in characters. */
  width: number;
}

export const PROCUREMENT_COLUMNS: readonly ColumnSpec[] = [
  {
    key: 'referenceNumber',
    header: 'Diarienummer',
    code: 'referenceNumber',
    required: true,
    formatSv: 'Text, högst 64 tecken. Unikt inom organisationen och inom filen.',
    formatEn: 'Text, at most 64 characters. Unique within the organisation and within the file.',
    example: 'KS 2026/0142',
    width: 18,
  },
  { key: 'title', header: 'Titel', code: 'title', required: true, formatSv: 'Text, högst 300 tecken.', formatEn: 'Text, at most 300 characters.', example: 'Lokalvård i förskolor, Angered', width: 40 },
  {
    key: 'description',
    header: 'Beskrivning',
    code: 'description',
    required: false,
    formatSv: 'Text, högst 20 000 tecken.',
    formatEn: 'Text, at most 20,000 characters.',
    example: 'Städning av tolv förskolor med sysselsättningskrav.',
    width: 50,
  },
  {
    key: 'unitCode',
    header: 'Enhet (kod)',
    code: 'unitCode',
    required: true,
    formatSv: 'Koden för en förvaltning eller ett bolag i er organisation (se bladet Enheter). Upphandlare med behörighet för vissa enheter kan bara importera rader för dem.',
    formatEn: 'The code of a unit of your organisation (see the sheet Enheter). Procurers limited to some units can only import rows for those.',
    example: 'LOK',
    width: 12,
  },
  {
    key: 'responsibleEmail',
    header: 'Ansvarig (e-post)',
    code: 'responsibleEmail',
    required: false,
    formatSv: 'E-postadressen till en användare i er organisation.',
    formatEn: 'The e-mail address of a user in your organisation.',
    example: 'anna.andersson@kommun.se',
    width: 28,
  },
  {
    key: 'contractNature',
    header: 'Kontraktsform',
    code: 'contractNature',
    required: true,
    formatSv: 'Tjänster, Varor eller Byggentreprenader (eller koderna services, supplies, works).',
    formatEn: 'Tjänster, Varor or Byggentreprenader (or the codes services, supplies, works).',
    example: 'Tjänster',
    width: 18,
  },
  {
    key: 'mainCpv',
    header: 'Huvud-CPV',
    code: 'mainCpv',
    required: true,
    formatSv: 'CPV-kod med 8 siffror, med eller utan kontrollsiffra (90911200 eller 90911200-8).',
    formatEn: 'CPV code of 8 digits, with or without check digit (90911200 or 90911200-8).',
    example: '90911200',
    width: 12,
  },
  {
    key: 'additionalCpv',
    header: 'Övriga CPV',
    code: 'additionalCpv',
    required: false,
    formatSv: 'CPV-koder åtskilda med semikolon eller komma.',
    formatEn: 'CPV codes separated by semicolons or commas.',
    example: '90919200; 90911300',
    width: 22,
  },
  {
    key: 'estimatedValueOre',
    header: 'Uppskattat värde (SEK)',
    code: 'estimatedValueSek',
    required: false,
    formatSv: 'Belopp i kronor exklusive moms; mellanslag mellan tusental och decimalkomma går bra, högst två decimaler.',
    formatEn: 'Amount in SEK excluding VAT; spaces between thousands and a decimal comma are fine, at most two decimals.',
    example: '12 500 000,50',
    width: 20,
  },
  {
    key: 'contractStart',
    header: 'Planerad start',
    code: 'contractStart',
    required: false,
    formatSv: 'Datum ÅÅÅÅ-MM-DD eller en datumcell i Excel.',
    formatEn: 'Date YYYY-MM-DD or an Excel date cell.',
    example: '2027-04-01',
    width: 14,
  },
  { key: 'durationMonths', header: 'Löptid (mån)', code: 'durationMonths', required: false, formatSv: 'Heltal 1–600.', formatEn: 'Whole number 1–600.', example: '24', width: 12 },
  {
    key: 'extensionMonths',
    header: 'Förlängning (mån)',
    code: 'extensionMonths',
    required: false,
    formatSv: 'Heltal 0–600; kräver löptid.',
    formatEn: 'Whole number 0–600; needs a duration.',
    example: '12',
    width: 16,
  },
  {
    key: 'procedureType',
    header: 'Förfarande',
    code: 'procedureType',
    required: false,
    formatSv: 'Förfarande enligt eForms, t.ex. Öppet, Selektivt, Förhandlat förfarande utan föregående meddelande om upphandling (eller koderna open, restricted, neg-wo-call …).',
    formatEn: 'eForms procedure type, e.g. Öppet, Selektivt (or the codes open, restricted, neg-wo-call …).',
    example: 'Öppet',
    width: 18,
  },
  {
    key: 'labourNeedFte',
    header: 'Arbetskraftsbehov (årsarbetskrafter)',
    code: 'labourNeedFte',
    required: false,
    formatSv: 'Uppskattat antal årsarbetskrafter i uppdraget, decimalkomma går bra (6,5).',
    formatEn: 'Estimated full-time equivalents in the contract; a decimal comma is fine (6,5).',
    example: '6,5',
    width: 20,
  },
];

/**
 * What an export adds after the template's columns: what Hänsyn knows beyond the register's
 * facts (status, the screening's outcome and the comply-or-explain decision). The import
 * ignores these columns, so an export can still be edited and imported again.
 */
export interface ExportColumnSpec {
  key: 'status' | 'screening' | 'decision' | 'decidedAt' | 'justification';
  header: string;
  width: number;
}

export const EXPORT_ONLY_COLUMNS: readonly ExportColumnSpec[] = [
  { key: 'status', header: 'Status', width: 18 },
  { key: 'screening', header: 'Granskning', width: 34 },
  { key: 'decision', header: 'Beslut om sociala krav', width: 22 },
  { key: 'decidedAt', header: 'Beslutsdatum', width: 14 },
  { key: 'justification', header: 'Motivering (inga krav)', width: 50 },
];

/** A register row as exported: the template's columns and the export-only ones (Swedish text; dates ISO). */
export type ExportRow = ProcurementSheetRow & { [K in ExportColumnSpec['key']]: string | null };

const STATUS_SV: Record<string, string> = {
  planned: 'Planerad',
  in_preparation: 'Under förberedelse',
  published: 'Publicerad',
  evaluation: 'Utvärdering',
  awarded: 'Tilldelad',
  cancelled: 'Avbruten',
};
const RECOMMENDATION_SV: Record<string, string> = {
  recommended: 'Sysselsättningskrav rekommenderas',
  not_recommended: 'Sysselsättningskrav rekommenderas inte',
  needs_assessment: 'Behöver bedömas',
};
const DECISION_SV: Record<string, string> = { apply: 'Ställ sociala krav', none: 'Inga sociala krav' };

/** The export-only cells of a procurement, in Swedish as the register shows them. */
export function exportOnlyCells(facts: {
  status: string;
  recommendation: string | null;
  decisionKind: string | null;
  decidedAt: string | null;
  justification: string | null;
}): { [K in ExportColumnSpec['key']]: string | null } {
  return {
    status: STATUS_SV[facts.status] ?? facts.status,
    screening: facts.recommendation === null ? null : (RECOMMENDATION_SV[facts.recommendation] ?? facts.recommendation),
    decision: facts.decisionKind === null ? null : (DECISION_SV[facts.decisionKind] ?? facts.decisionKind),
    decidedAt: facts.decidedAt,
    justification: facts.decisionKind === 'none' && facts.justification ? facts.justification : null,
  };
}

const COLUMN_BY_KEY = new Map(PROCUREMENT_COLUMNS.map((c) => [c.key, c]));
const COLUMN_ORDER = new Map(PROCUREMENT_COLUMNS.map((c, i) => [c.key, i]));

/** A problem with one cell (or with the file, then column is ''), as the import reports it. */
export interface SheetProblem {
  /** Spreadsheet row number; the header is row 1. */
  row: number;
  /** The column header as written in the file (the Swedish header when the column is missing). */
  column: string;
  code: string;
  message: string;
}

export interface ParsedSheet {
  rows: Array<{ row: number; value: ProcurementSheetRow }>;
  /**
   * Rows with problems in some cells: the other cells as parsed, the failed ones replaced by
   * neutral stand-ins (`failed` names them), so the import can still check the rest of the row
   * against the register (unit, CPV, people) and report every problem of the row at once.
   */
  incomplete: Array<{ row: number; value: ProcurementSheetRow; failed: ReadonlySet<ColumnKey> }>;
  problems: SheetProblem[];
  /** The header as written in the file for a column, for reporting problems found later. */
  headerOf(key: ColumnKey): string;
}

const foldHeader = (s: string) => s.normalize('NFC').toLocaleLowerCase('sv').replace(/\s+/g, ' ').replace(/\s*\*$/, '').trim();

const HEADER_LOOKUP = new Map<string, ColumnKey>(
  PROCUREMENT_COLUMNS.flatMap((c) => [
    [foldHeader(c.header), c.key] as const,
    [foldHeader(c.code), c.key] as const,
  ]),
);

type CellParser = (value: CellValue) => Parsed<unknown>;

const text: CellParser = (value) => ({ ok: true, value: restoreNeutralised(cellText(value)) });
const optional =
  (parse: CellParser): CellParser =>
  (value) =>
    isBlank(value) ? { ok: true, value: null } : parse(value);

const PARSERS: Record<ColumnKey, CellParser> = {
  referenceNumber: text,
  title: text,
  description: text,
  unitCode: (value) => ({ ok: true, value: cellText(value) }),
  responsibleEmail: optional((value) => ({ ok: true, value: cellText(value).toLowerCase() })),
  contractNature: parseContractNature,
  mainCpv: parseCpvCode,
  additionalCpv: parseCpvList,
  estimatedValueOre: optional(parseSekToOre),
  contractStart: optional(parseCalendarDate),
  durationMonths: optional(parseWholeNumber),
  extensionMonths: optional(parseWholeNumber),
  procedureType: optional(parseProcedureType),
  labourNeedFte: optional(parseDecimal),
};

/**
 * What a failed cell stands in for while the rest of its row is checked. The stand-ins pass the
 * row schema or fail only on their own (failed) key, whose problems are already reported.
 */
const STAND_IN: Record<ColumnKey, unknown> = {
  referenceNumber: '',
  title: '',
  description: '',
  unitCode: '',
  responsibleEmail: null,
  contractNature: 'services',
  mainCpv: '',
  additionalCpv: [],
  estimatedValueOre: null,
  contractStart: null,
  durationMonths: null,
  extensionMonths: null,
  procedureType: null,
  labourNeedFte: null,
};

/** A failed schema check in words a spreadsheet user understands, with a stable code. */
function schemaProblem(key: ColumnKey, schema: Record<string, unknown>): { code: string; message: string } {
  const branches = schema.anyOf as Array<Record<string, unknown>> | undefined;
  const s = branches?.find((b) => b.type !== 'null') ?? schema;
  if (key === 'responsibleEmail') return { code: 'invalid_email', message: 'Enter an e-mail address.' };
  if (typeof s.maxLength === 'number') return { code: 'too_long', message: `At most ${s.maxLength} characters.` };
  if (typeof s.maxItems === 'number') return { code: 'too_many', message: `At most ${s.maxItems} codes.` };
  if (typeof s.minimum === 'number' && typeof s.maximum === 'number') {
    return { code: 'out_of_range', message: `Enter a number from ${s.minimum} to ${s.maximum.toLocaleString('en')}.` };
  }
  return { code: 'invalid_value', message: 'The value is not valid here.' };
}

/**
 * Maps a read table to validated procurement rows. The first non-empty row is the header;
 * columns are found by Swedish header or English code name, in any order, and unknown
 * columns are ignored. Every problem is returned, not just the first.
 */
export function parseProcurementSheet(table: SheetTable): ParsedSheet {
  const problems: SheetProblem[] = [];
  const [header, ...data] = table.rows;
  const columnIndex = new Map<ColumnKey, number>();
  const written = new Map<ColumnKey, string>();
  const headerOf = (key: ColumnKey) => written.get(key) ?? COLUMN_BY_KEY.get(key)!.header;
  const result: ParsedSheet = { rows: [], incomplete: [], problems, headerOf };

  if (header === undefined) {
    problems.push({ row: 1, column: '', code: 'empty_file', message: 'The file is empty; start from the import template.' });
    return result;
  }
  header.cells.forEach((cell, i) => {
    const key = HEADER_LOOKUP.get(foldHeader(cellText(cell)));
    if (key === undefined) return;
    if (columnIndex.has(key)) {
      problems.push({ row: header.number, column: cellText(cell), code: 'duplicate_column', message: `The column ${cellText(cell)} appears twice.` });
      return;
    }
    columnIndex.set(key, i);
    written.set(key, cellText(cell));
  });
  for (const column of PROCUREMENT_COLUMNS) {
    if (column.required && !columnIndex.has(column.key)) {
      problems.push({ row: header.number, column: column.header, code: 'missing_column', message: `The required column ${column.header} (${column.code}) is missing.` });
    }
  }
  if (problems.length > 0) return result;
  if (data.length === 0) {
    problems.push({
      row: header.number + 1,
      column: '',
      code: 'no_rows',
      message: 'The file has no procurements below the header row. Fill in one row per procurement; the example is on the sheet Instruktioner.',
    });
    return result;
  }

  for (const { number, cells } of data) {
    const candidate: Record<string, unknown> = {};
    const failed = new Set<ColumnKey>();
    const rowProblems: Array<{ key: ColumnKey; problem: SheetProblem }> = [];
    for (const column of PROCUREMENT_COLUMNS) {
      const index = columnIndex.get(column.key);
      const raw = index === undefined ? null : (cells[index] ?? null);
      if (column.required && isBlank(raw)) {
        rowProblems.push({ key: column.key, problem: { row: number, column: headerOf(column.key), code: 'required', message: `Enter ${column.header}.` } });
        failed.add(column.key);
        candidate[column.key] = STAND_IN[column.key];
        continue;
      }
      const parsed = column.key === 'additionalCpv' && isBlank(raw) ? { ok: true as const, value: [] } : PARSERS[column.key](raw);
      if (!parsed.ok) {
        rowProblems.push({ key: column.key, problem: { row: number, column: headerOf(column.key), code: parsed.code, message: parsed.message } });
        failed.add(column.key);
        candidate[column.key] = STAND_IN[column.key];
      } else candidate[column.key] = parsed.value;
    }
    // The schema checks every cell that parsed, also on a row where others failed: a user
    // fixing a file wants every problem in one round (docs/import-export.md).
    const seen = new Set<string>();
    for (const error of Value.Errors(ProcurementSheetRow, candidate)) {
      const key = error.path.split('/')[1] as ColumnKey;
      if (failed.has(key) || seen.has(key)) continue; // a union reports each branch; one message per cell is enough
      seen.add(key);
      rowProblems.push({ key, problem: { row: number, column: headerOf(key), ...schemaProblem(key, error.schema as Record<string, unknown>) } });
    }
    for (const key of seen) {
      failed.add(key as ColumnKey);
      candidate[key] = STAND_IN[key as ColumnKey];
    }
    // In the order of the columns, as a person reads the row.
    rowProblems.sort((a, b) => COLUMN_ORDER.get(a.key)! - COLUMN_ORDER.get(b.key)!);
    problems.push(...rowProblems.map((p) => p.problem));
    if (failed.size > 0) result.incomplete.push({ row: number, value: candidate as ProcurementSheetRow, failed });
    else result.rows.push({ row: number, value: candidate as ProcurementSheetRow });
  }
  return result;
}
