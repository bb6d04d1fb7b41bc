import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { procurements } from '../../../db/schema/index.js';
import { cellText, isBlank, parseCalendarDate, parseSekToOre, type CellValue } from '../../../interop/spreadsheet/parse-cell-values.js';
import { readSpreadsheet, SpreadsheetReadError } from '../../../interop/spreadsheet/read-spreadsheet.js';
import { AppError, type ImportRowError } from '../../errors.js';
import type { ContractCreate } from './contract-schemas.js';
import { checkContractDraft, insertCheckedContract, type ContractDraftChecked } from './contract-service.js';
import { assertCan, type Who } from '../../access.js';

/** The columns of a contract import, by Swedish header; the English code name is accepted too. */
export const CONTRACT_COLUMNS = [
  { key: 'procurementReference', header: 'Upphandlingens diarienummer', required: true },
  { key: 'referenceNumber', header: 'Avtalsnummer', required: true },
  { key: 'supplierOrganisationNumber', header: 'Leverantörens organisationsnummer', required: true },
  { key: 'supplierName', header: 'Leverantör', required: true },
  { key: 'lotNumbers', header: 'Delområden', required: false },
  { key: 'signedOn', header: 'Undertecknat', required: true },
  { key: 'startsOn', header: 'Avtalsstart', required: true },
  { key: 'endsOn', header: 'Avtalsslut', required: true },
  { key: 'valueSek', header: 'Värde (SEK)', required: false },
] as const;
type ColumnKey = (typeof CONTRACT_COLUMNS)[number]['key'];

const fold = (s: string) => s.trim().toLocaleLowerCase('sv');

/**
 * Imports existing contracts from .xlsx or .csv. Every row is checked by the same rules as
 * `POST /api/contracts` (awarded procurement, lots, dates, organisation number, unique
 * reference — also within the file); any error answers 422 `import_invalid` listing row, column
 * and code, and nothing is stored. Otherwise all rows are stored in one transaction, each with
 * its commitments and audit event.
 */
export async function importContractFile(db: Database, who: Who, file: { buffer: Buffer; filename: string }, options: { dryRun: boolean }, now: Date): Promise<{ created: number; dryRun: boolean }> {
  assertCan(who.actor, 'contract:manage', { organisationId: who.actor.organisationId });
  let table;
  try {
    table = await readSpreadsheet(file.buffer, file.filename);
  } catch (error) {
    if (error instanceof SpreadsheetReadError) {
      if (error.reason === 'too_many_rows') throw new AppError('import_invalid', error.message, { errors: [{ row: 1, column: '', code: 'too_many_rows', message: error.message }] });
      throw new AppError(error.reason === 'unsupported_format' ? 'unsupported_media_type' : error.reason === 'too_large' ? 'payload_too_large' : 'bad_request', error.message);
    }
    throw error;
  }
  const [header, ...rows] = table.rows;
  const errors: ImportRowError[] = [];
  if (!header) throw new AppError('import_invalid', 'The file is empty.', { errors: [{ row: 1, column: '', code: 'empty', message: 'The file is empty.' }] });
  const columnIndex = new Map<ColumnKey, number>();
  const headers = header.cells.map((c) => cellText(c));
  for (const column of CONTRACT_COLUMNS) {
    const index = headers.findIndex((h) => fold(h) === fold(column.header) || fold(h) === fold(column.key));
    if (index >= 0) columnIndex.set(column.key, index);
    else if (column.required) errors.push({ row: header.number, column: column.header, code: 'missing_column', message: `The column "${column.header}" is missing.` });
  }
  if (errors.length > 0) throw new AppError('import_invalid', 'The file lacks required columns; nothing was imported.', { errors });
  const columnName = (key: ColumnKey) => headers[columnIndex.get(key)!] ?? key;
  const cell = (cells: CellValue[], key: ColumnKey): CellValue => (columnIndex.has(key) ? (cells[columnIndex.get(key)!] ?? null) : null);
  const PATH_TO_COLUMN: Record<string, ColumnKey> = {
    procurementId: 'procurementReference',
    referenceNumber: 'referenceNumber',
    supplier: 'supplierOrganisationNumber',
    lotNumbers: 'lotNumbers',
    signedOn: 'signedOn',
    startsOn: 'startsOn',
    endsOn: 'endsOn',
  };
  return db.transaction(async (tx) => {
    const references = rows.map((r) => cellText(cell(r.cells, 'procurementReference')));
    const found = references.length === 0 ? [] : await tx.select({ id: procurements.id, ref: procurements.referenceNumber }).from(procurements).where(and(eq(procurements.organisationId, who.actor.organisationId), inArray(procurements.referenceNumber, [...new Set(references)])));
    const idByRef = new Map(found.map((f) => [f.ref, f.id]));
    const seen = new Map<string, number>();
    const checked: Array<{ body: ContractCreate; checked: ContractDraftChecked }> = [];
    for (const row of rows) {
      const rowErrors: ImportRowError[] = [];
      const fail = (key: ColumnKey, code: string, message: string) => rowErrors.push({ row: row.number, column: columnName(key), code, message });
      for (const column of CONTRACT_COLUMNS) if (column.required && isBlank(cell(row.cells, column.key))) fail(column.key, 'required', `${column.header} is required.`);
      const dates: Partial<Record<'signedOn' | 'startsOn' | 'endsOn', string>> = {};
      for (const key of ['signedOn', 'startsOn', 'endsOn'] as const) {
        const value = cell(row.cells, key);
        if (isBlank(value)) continue;
        const parsed = parseCalendarDate(value);
        if (parsed.ok) dates[key] = parsed.value;
        else fail(key, parsed.code, parsed.message);
      }
      let valueOre: number | null = null;
      if (!isBlank(cell(row.cells, 'valueSek'))) {
        const parsed = parseSekToOre(cell(row.cells, 'valueSek'));
        if (parsed.ok) valueOre = parsed.value;
        else fail('valueSek', parsed.code, parsed.message);
      }
      let lotNumbers: number[] | null = null;
      const lotsText = cellText(cell(row.cells, 'lotNumbers'));
      if (lotsText !== '') {
        const parts = lotsText.split(/[;,\s]+/).filter(Boolean);
        if (parts.every((p) => /^\d+$/.test(p))) lotNumbers = [...new Set(parts.map(Number))];
        else fail('lotNumbers', 'invalid_lots', 'Lots are numbers separated by semicolons, e.g. "1;2".');
      }
      const reference = cellText(cell(row.cells, 'referenceNumber'));
      if (reference !== '') {
        if (seen.has(reference)) fail('referenceNumber', 'duplicate_in_file', `The same contract reference is on row ${seen.get(reference)}.`);
        else seen.set(reference, row.number);
      }
      const procurementId = idByRef.get(cellText(cell(row.cells, 'procurementReference')));
      if (!isBlank(cell(row.cells, 'procurementReference')) && !procurementId) fail('procurementReference', 'unknown_procurement', 'No procurement of your organisation has this reference number.');
      if (rowErrors.length === 0 && procurementId && dates.signedOn && dates.startsOn && dates.endsOn) {
        const body: ContractCreate = {
          procurementId,
          lotNumbers,
          supplier: { organisationNumber: cellText(cell(row.cells, 'supplierOrganisationNumber')), name: cellText(cell(row.cells, 'supplierName')) },
          referenceNumber: reference,
          signedOn: dates.signedOn,
          startsOn: dates.startsOn,
          endsOn: dates.endsOn,
          valueOre,
        };
        let result: Awaited<ReturnType<typeof checkContractDraft>>;
        try {
          result = await checkContractDraft(tx, who, body, now);
        } catch (error) {
          if (!(error instanceof AppError && error.code === 'forbidden')) throw error;
          result = { errors: [{ path: '/body/procurementId', code: 'forbidden', message: 'You may not record contracts for this procurement’s unit.' }], checked: null };
        }
        for (const e of result.errors) {
          const field = e.path.split('/')[2] ?? '';
          fail(PATH_TO_COLUMN[field] ?? 'referenceNumber', e.code, e.message);
        }
        if (result.checked) checked.push({ body, checked: result.checked });
      }
      errors.push(...rowErrors);
    }
    if (errors.length > 0) {
      const shown = errors.slice(0, 1000);
      throw new AppError('import_invalid', `The file has ${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was imported.`, { errors: shown, errorCount: errors.length });
    }
    if (options.dryRun) return { created: 0, dryRun: true };
    for (const { body, checked: c } of checked) await insertCheckedContract(tx, who, body, c, now);
    return { created: checked.length, dryRun: false };
  });
}
