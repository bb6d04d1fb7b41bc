import { describe, expect, it } from 'vitest';
import type { CellValue } from './parse-cell-values.js';
import { parseProcurementSheet, PROCUREMENT_COLUMNS } from './procurement-sheet.js';

const table = (...rows: CellValue[][]) => ({ format: 'csv' as const, rows: rows.map((cells, i) => ({ number: i + 1, cells })) });

describe('parseProcurementSheet', () => {
  it('finds columns by Swedish header or English code name, in any order, ignoring unknown columns', () => {
    const parsed = parseProcurementSheet(
      table(
        ['title', 'Kommentar', 'Diarienummer', 'ENHET (KOD)', 'contractNature', 'Huvud-CPV', 'Uppskattat värde (SEK)', 'Arbetskraftsbehov (årsarbetskrafter)', 'Övriga CPV'],
        ['Lokalvård', 'intern anteckning', 'KS 2026/1', 'LOK', 'Tjänster', '90911200-8', '1 234 567,89', '6,5', '90919200;90911300'],
      ),
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toEqual([
      {
        row: 2,
        value: {
          referenceNumber: 'KS 2026/1',
          title: 'Lokalvård',
          description: '',
          unitCode: 'LOK',
          responsibleEmail: null,
          contractNature: 'services',
          mainCpv: '90911200',
          additionalCpv: ['90919200', '90911300'],
          estimatedValueOre: 123_456_789,
          contractStart: null,
          durationMonths: null,
          extensionMonths: null,
          procedureType: null,
          labourNeedFte: 6.5,
        },
      },
    ]);
  });

  it('reports every problem with the row number and the header as written', () => {
    const header = PROCUREMENT_COLUMNS.map((c) => c.header);
    header[0] = 'referenceNumber';
    const row = (overrides: Record<string, CellValue>) =>
      PROCUREMENT_COLUMNS.map((c) => overrides[c.key] ?? ({ referenceNumber: 'A', title: 'T', unitCode: 'U1', contractNature: 'works', mainCpv: '45000000' } as Record<string, CellValue>)[c.key] ?? null);
    const parsed = parseProcurementSheet(
      table(
        header,
        row({}),
        row({ referenceNumber: '', mainCpv: 'städning', durationMonths: '700' }),
        row({ estimatedValueOre: '12,345', title: 'x'.repeat(301), responsibleEmail: 'inte-en-adress' }),
      ),
    );
    expect(parsed.rows.map((r) => r.row)).toEqual([2]);
    expect(parsed.problems).toEqual([
      { row: 3, column: 'referenceNumber', code: 'required', message: expect.any(String) },
      { row: 3, column: 'Huvud-CPV', code: 'invalid_cpv', message: expect.any(String) },
      { row: 3, column: 'Löptid (mån)', code: 'out_of_range', message: expect.any(String) },
      // Every problem of a row at once, also those the schema finds beside a cell that failed to parse.
      { row: 4, column: 'Titel', code: 'too_long', message: expect.any(String) },
      { row: 4, column: 'Ansvarig (e-post)', code: 'invalid_email', message: expect.any(String) },
      { row: 4, column: 'Uppskattat värde (SEK)', code: 'too_many_decimals', message: expect.any(String) },
    ]);
    expect(parsed.incomplete.map((r) => [r.row, [...r.failed].sort()])).toEqual([
      [3, ['durationMonths', 'mainCpv', 'referenceNumber']],
      [4, ['estimatedValueOre', 'responsibleEmail', 'title']],
    ]);
    const schemaProblems = parseProcurementSheet(table(header, row({ title: 'x'.repeat(301), responsibleEmail: 'inte-en-adress', durationMonths: 700 }))).problems;
    expect(schemaProblems).toEqual([
      { row: 2, column: 'Titel', code: 'too_long', message: 'At most 300 characters.' },
      { row: 2, column: 'Ansvarig (e-post)', code: 'invalid_email', message: 'Enter an e-mail address.' },
      { row: 2, column: 'Löptid (mån)', code: 'out_of_range', message: 'Enter a number from 1 to 600.' },
    ]);
  });

  it('names missing required columns and an empty template clearly', () => {
    expect(parseProcurementSheet(table(['Titel', 'Diarienummer'])).problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [1, 'Enhet (kod)', 'missing_column'],
      [1, 'Kontraktsform', 'missing_column'],
      [1, 'Huvud-CPV', 'missing_column'],
    ]);
    expect(parseProcurementSheet(table(PROCUREMENT_COLUMNS.map((c) => c.header))).problems).toEqual([
      { row: 2, column: '', code: 'no_rows', message: expect.stringContaining('no procurements') },
    ]);
    expect(parseProcurementSheet(table()).problems[0]!.code).toBe('empty_file');
  });

  it('drops the apostrophe an export put before a formula character', () => {
    const parsed = parseProcurementSheet(
      table(['Diarienummer', 'Titel', 'Enhet (kod)', 'Kontraktsform', 'Huvud-CPV'], ["'-12", "'=HYPERLINK(\"x\")", 'U1', 'services', '90911200']),
    );
    expect(parsed.rows[0]!.value).toMatchObject({ referenceNumber: '-12', title: '=HYPERLINK("x")' });
  });
});
