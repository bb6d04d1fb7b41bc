import { PassThrough, type Readable } from 'node:stream';
import type { Database } from '../../../db/client.js';
import { can, type Actor } from '../../../domain/access/can.js';
import { exportOnlyCells, parseProcurementSheet, PROCUREMENT_COLUMNS, type ColumnKey, type ExportRow, type ProcurementSheetRow, type SheetProblem } from '../../../interop/spreadsheet/procurement-sheet.js';
import { readSpreadsheet, SpreadsheetReadError } from '../../../interop/spreadsheet/read-spreadsheet.js';
import {
  procurementCsvTemplate,
  procurementXlsxTemplate,
  writeProcurementCsv,
  writeProcurementXlsx,
} from '../../../interop/spreadsheet/write-procurement-sheet.js';
import { AppError } from '../../errors.js';
import type { ListFilter } from './procurement-repository.js';
import type { ProcurementCreate } from './procurement-schemas.js';
import type { Who } from '../../access.js';
import { checkDrafts, draftFromInput, insertCheckedDrafts } from './procurement-service.js';
import {
  findOrganisationSlug,
  findRegisterRows,
  listMatchingIds,
  listUnitCodes,
  memberIdsByEmail,
  type RegisterRow,
} from './procurement-transfer-repository.js';
import { assertCan } from '../../access.js';

/** Rows an export may hold; a larger register is exported with filters (e.g. per year). */
export const EXPORT_ROW_CAP = 100_000;
const EXPORT_BATCH = 2_000;
/** At most this many problems are listed in one answer; the detail says how many there were. */
const MAX_REPORTED_PROBLEMS = 1_000;
/** Stands in for a unit code or e-mail that matched nothing, so checkDraft reports it by its rule. */
const NO_SUCH_ID = '00000000-0000-0000-0000-000000000000';

export type SheetFormat = 'xlsx' | 'csv';

export const CONTENT_TYPES: Record<SheetFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** Where a problem of the domain rules (a draft path) shows in the spreadsheet. */
const COLUMN_OF_PATH: Record<string, ColumnKey> = {
  referenceNumber: 'referenceNumber',
  title: 'title',
  description: 'description',
  unitId: 'unitCode',
  responsibleUserId: 'responsibleEmail',
  contractNature: 'contractNature',
  mainCpv: 'mainCpv',
  additionalCpv: 'additionalCpv',
  estimatedValueOre: 'estimatedValueOre',
  contractStart: 'contractStart',
  durationMonths: 'durationMonths',
  extensionMonths: 'extensionMonths',
  procedureType: 'procedureType',
  labourNeedFte: 'labourNeedFte',
};

export function assertMayImport(actor: Actor): void {
  assertCan(actor, 'procurement:import', { organisationId: actor.organisationId });
}

function invalid(problems: SheetProblem[]): AppError {
  const shown = problems.slice(0, MAX_REPORTED_PROBLEMS);
  const detail =
    problems.length === 1
      ? 'The file has 1 error; nothing was imported.'
      : `The file has ${problems.length} errors${problems.length > shown.length ? ` (the first ${shown.length} are listed)` : ''}; nothing was imported.`;
  return new AppError('import_invalid', detail, { errors: shown, errorCount: problems.length });
}

function readProblem(error: SpreadsheetReadError): AppError {
  switch (error.reason) {
    case 'unsupported_format':
      return new AppError('unsupported_media_type', error.message);
    case 'too_large':
      return new AppError('payload_too_large', error.message);
    case 'corrupt':
      return new AppError('bad_request', error.message);
    case 'too_many_rows':
      return new AppError('import_invalid', error.message, { errors: [{ row: 1, column: '', code: 'too_many_rows', message: error.message }] });
  }
}

/**
 * Imports a spreadsheet into the register. Every row goes through the same rules as the API
 * (the TypeBox row schema, validateProcurementDraft and checkDraft's rules — via checkDrafts,
 * its bulk form — for unit, responsible person and reference number) plus uniqueness of reference numbers within the file. Nothing is stored
 * unless every row is valid; then all rows are stored in one transaction, each with an audit
 * event `procurement.imported` (insertCheckedDrafts, the bulk form of insertCheckedDraft). A dry run checks the same way and stores nothing.
 */
export async function importProcurementFile(
  db: Database,
  who: Who,
  file: { buffer: Buffer; filename: string },
  options: { dryRun: boolean; now: Date },
): Promise<{ created: number; dryRun: boolean }> {
  assertMayImport(who.actor);
  let table;
  try {
    table = await readSpreadsheet(file.buffer, file.filename);
  } catch (error) {
    if (error instanceof SpreadsheetReadError) throw readProblem(error);
    throw error;
  }
  const sheet = parseProcurementSheet(table);
  const problems: SheetProblem[] = [...sheet.problems];
  const organisationId = who.actor.organisationId;

  return db.transaction(async (tx) => {
    const unitIds = new Map((await listUnitCodes(tx, organisationId)).map((u) => [u.code, u.id]));
    const unitIdsFolded = new Map([...unitIds].map(([code, id]) => [code.toLocaleUpperCase('sv'), id]));
    const members = await memberIdsByEmail(tx, organisationId);
    // Rows with failed cells are checked too (with stand-ins for those cells), so every
    // problem of every row is reported in one answer; only complete rows can be stored.
    const checkedRows = [
      ...sheet.rows.map((r) => ({ ...r, failed: new Set<ColumnKey>() as ReadonlySet<ColumnKey> })),
      ...sheet.incomplete,
    ].sort((a, b) => a.row - b.row);
    const drafts = checkedRows.map(({ value }) =>
      draftFromInput(toCreateInput(value, unitIds.get(value.unitCode) ?? unitIdsFolded.get(value.unitCode.toLocaleUpperCase('sv')) ?? NO_SUCH_ID, members)),
    );
    const checked = await checkDrafts(tx, who, drafts);
    const firstRowOf = new Map<string, number>();
    checkedRows.forEach(({ row, value, failed }, i) => {
      const draft = drafts[i]!;
      for (const p of checked[i]!) {
        const key = COLUMN_OF_PATH[p.path.split('/')[1] ?? ''] ?? 'referenceNumber';
        if (failed.has(key)) continue; // already reported by the sheet parser
        const message =
          p.code === 'unknown_unit'
            ? `No unit with code "${value.unitCode}" in your organisation.`
            : p.code === 'unknown_user'
              ? `${value.responsibleEmail} is not a user in your organisation.`
              : p.message;
        problems.push({ row, column: sheet.headerOf(key), code: p.code, message });
      }
      if (failed.has('referenceNumber')) return;
      const first = firstRowOf.get(draft.referenceNumber);
      if (first !== undefined) {
        problems.push({
          row,
          column: sheet.headerOf('referenceNumber'),
          code: 'duplicate_in_file',
          message: `Reference number ${draft.referenceNumber} is also on row ${first}.`,
        });
      } else firstRowOf.set(draft.referenceNumber, row);
    });
    if (problems.length > 0) {
      // By row, then in the order of the columns, as a person reads the file.
      const order = new Map(PROCUREMENT_COLUMNS.map((c, i) => [sheet.headerOf(c.key), i]));
      problems.sort((a, b) => a.row - b.row || (order.get(a.column) ?? -1) - (order.get(b.column) ?? -1));
      throw invalid(problems);
    }
    if (options.dryRun) return { created: 0, dryRun: true };
    const ids = await insertCheckedDrafts(tx, who, drafts.filter((_, i) => checkedRows[i]!.failed.size === 0), options.now, 'procurement.imported');
    return { created: ids.length, dryRun: false };
  });
}

function toCreateInput(row: ProcurementSheetRow, unitId: string, members: Map<string, string>): ProcurementCreate {
  return {
    referenceNumber: row.referenceNumber,
    title: row.title,
    description: row.description,
    unitId,
    responsibleUserId: row.responsibleEmail === null ? null : (members.get(row.responsibleEmail) ?? NO_SUCH_ID),
    contractNature: row.contractNature,
    mainCpv: row.mainCpv,
    additionalCpv: row.additionalCpv,
    estimatedValueOre: row.estimatedValueOre,
    contractStart: row.contractStart,
    durationMonths: row.durationMonths,
    extensionMonths: row.extensionMonths,
    procedureType: row.procedureType,
    labourNeedFte: row.labourNeedFte,
    lots: [],
  };
}

/** `upphandlingar-goteborg-2026-11-22.xlsx`, dated in Swedish time. */
export function exportFilename(prefix: string, slug: string, now: Date, format: SheetFormat): string {
  const date = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return `${prefix}-${slug.replace(/[^a-z0-9-]/gi, '')}-${date}.${format}`;
}

function toSheetRow(row: RegisterRow, showPersonalData: boolean): ExportRow {
  return {
    ...exportOnlyCells(row),
    referenceNumber: row.referenceNumber,
    title: row.title,
    description: row.description,
    unitCode: row.unitCode,
    responsibleEmail: showPersonalData ? row.responsibleEmail : null,
    contractNature: row.contractNature,
    mainCpv: row.mainCpv,
    additionalCpv: row.additionalCpv,
    estimatedValueOre: row.estimatedValueOre,
    contractStart: row.contractStart,
    durationMonths: row.durationMonths,
    extensionMonths: row.extensionMonths,
    procedureType: row.procedureType,
    labourNeedFte: row.labourNeedFte,
  };
}

/**
 * The register as a spreadsheet with the same filter and order as the list, in the import
 * template's columns. The responsible person's e-mail is only included for those who may
 * read personal data. The file is streamed, read from the database in batches.
 */
export async function exportProcurements(
  db: Database,
  actor: Actor,
  filter: ListFilter & { sort: string },
  format: SheetFormat,
  now: Date,
): Promise<{ filename: string; body: Readable }> {
  assertCan(actor, 'procurement:read', { organisationId: actor.organisationId });
  const organisationId = actor.organisationId;
  const ids = await listMatchingIds(db, organisationId, filter, EXPORT_ROW_CAP + 1);
  if (ids.length > EXPORT_ROW_CAP) {
    throw new AppError('bad_request', `More than ${EXPORT_ROW_CAP.toLocaleString('en')} procurements match; narrow the export with filters, e.g. by year.`);
  }
  const showPersonalData = can(actor, 'personal_data:read', { organisationId });
  const filename = exportFilename('upphandlingar', await findOrganisationSlug(db, organisationId), now, format);
  async function* batches(): AsyncGenerator<ExportRow[]> {
    for (let i = 0; i < ids.length; i += EXPORT_BATCH) {
      const rows = await findRegisterRows(db, organisationId, ids.slice(i, i + EXPORT_BATCH));
      yield rows.map((r) => toSheetRow(r, showPersonalData));
    }
  }
  const body = new PassThrough();
  const write = format === 'xlsx' ? writeProcurementXlsx : writeProcurementCsv;
  write(batches(), body).catch((error: unknown) => body.destroy(error instanceof Error ? error : new Error(String(error))));
  return { filename, body };
}

/** The import template; the .xlsx lists the organisation's unit codes. */
export async function importTemplate(db: Database, actor: Actor, format: SheetFormat, now: Date): Promise<{ filename: string; body: Buffer }> {
  const slug = await findOrganisationSlug(db, actor.organisationId);
  const body = format === 'csv' ? procurementCsvTemplate() : await procurementXlsxTemplate(await listUnitCodes(db, actor.organisationId));
  return { filename: exportFilename('importmall-upphandlingar', slug, now, format), body };
}
