import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { decodeText, detectDelimiter, detectFormat, normaliseXlsxCell, readSpreadsheet, SpreadsheetReadError } from './read-spreadsheet.js';

async function workbookOf(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('xlsx', () => {
  it('reads only the first worksheet, normalising every kind of cell value', async () => {
    const buffer = await workbookOf((wb) => {
      const sheet = wb.addWorksheet('Upphandlingar');
      sheet.addRow(['Titel', 'Planerad start', 'Värde', 'Formel', 'Rik text', 'Länk', 'Sant']);
      sheet.addRow([
        'Lokalvård',
        new Date(Date.UTC(2026, 3, 1)),
        1234567.89,
        { formula: 'A1&"x"', result: 'cachat' },
        { richText: [{ text: 'Fet ' }, { text: 'text' }] },
        { text: 'Hänsyn', hyperlink: 'https://hansyn.se' },
        true,
      ]);
      sheet.addRow([]);
      sheet.addRow(['Rad fyra', { formula: 'NOW()' }, { formula: '1/0', result: { error: '#DIV/0!' } }]);
      wb.addWorksheet('Annat').addRow(['ska inte läsas']);
    });
    const table = await readSpreadsheet(buffer, 'register.xlsx');
    expect(table.format).toBe('xlsx');
    expect(table.rows).toEqual([
      { number: 1, cells: ['Titel', 'Planerad start', 'Värde', 'Formel', 'Rik text', 'Länk', 'Sant'] },
      { number: 2, cells: ['Lokalvård', '2026-04-01', 1234567.89, 'cachat', 'Fet text', 'Hänsyn', 'TRUE'] },
      { number: 4, cells: ['Rad fyra', null, '#DIV/0!'] },
    ]);
  });

  it('uses the cached result of a formula and never evaluates it', () => {
    expect(normaliseXlsxCell({ formula: 'A1+1', result: 42 } as ExcelJS.CellValue)).toBe(42);
    expect(normaliseXlsxCell({ formula: 'WEBSERVICE("http://evil")' } as ExcelJS.CellValue)).toBeNull();
    expect(normaliseXlsxCell({ sharedFormula: 'B2', result: 'x' } as unknown as ExcelJS.CellValue)).toBe('x');
  });

  it('refuses a file named .xlsx that is not a zip, an old .xls, and a zip that is no workbook', async () => {
    await expect(readSpreadsheet(Buffer.from('Titel;Diarienummer\n'), 'register.xlsx')).rejects.toMatchObject({ reason: 'unsupported_format' });
    await expect(readSpreadsheet(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]), 'register.xls')).rejects.toMatchObject({ reason: 'unsupported_format' });
    // A minimal empty zip: the end-of-central-directory record only.
    const emptyZip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18)]);
    await expect(readSpreadsheet(emptyZip, 'x.xlsx')).rejects.toBeInstanceOf(SpreadsheetReadError);
  });

  it('refuses a workbook that unpacks to more than the limit', async () => {
    const buffer = await workbookOf((wb) => {
      const sheet = wb.addWorksheet('A');
      for (let i = 0; i < 200; i++) sheet.addRow([`${i}${'x'.repeat(1000)}`]);
    });
    await expect(readSpreadsheet(buffer, 'a.xlsx', { maxRows: 10_000, maxUncompressedBytes: 50_000, maxZipEntries: 100 })).rejects.toMatchObject({
      reason: 'too_large',
    });
  });

  it('refuses more rows than the limit', async () => {
    const buffer = await workbookOf((wb) => {
      const sheet = wb.addWorksheet('A');
      for (let i = 0; i < 12; i++) sheet.addRow([`rad ${i}`]);
    });
    await expect(readSpreadsheet(buffer, 'a.xlsx', { maxRows: 10, maxUncompressedBytes: 10_000_000, maxZipEntries: 100 })).rejects.toMatchObject({
      reason: 'too_many_rows',
    });
    await expect(readSpreadsheet(buffer, 'a.xlsx', { maxRows: 11, maxUncompressedBytes: 10_000_000, maxZipEntries: 100 })).resolves.toBeTruthy();
  });
});

describe('csv', () => {
  it('detects UTF-8 with and without BOM, UTF-16 and falls back to Windows-1252', () => {
    expect(decodeText(Buffer.from('\ufeffÅre;Växjö', 'utf8'))).toEqual({ text: 'Åre;Växjö', encoding: 'utf-8' });
    expect(decodeText(Buffer.from('Åre;Växjö', 'utf8'))).toEqual({ text: 'Åre;Växjö', encoding: 'utf-8' });
    expect(decodeText(Buffer.from('Åre;Växjö', 'latin1'))).toEqual({ text: 'Åre;Växjö', encoding: 'windows-1252' });
    // 0x80 is the euro sign in Windows-1252 (a control character in Latin-1).
    expect(decodeText(Buffer.from([0x80, 0x20, 0x31])).text).toBe('€ 1');
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Titel\tÖvrigt', 'utf16le')]))).toEqual({ text: 'Titel\tÖvrigt', encoding: 'utf-16le' });
  });

  it.each([
    ['Diarienummer;Titel;Uppskattat värde (SEK)\n', ';'],
    ['Diarienummer,Titel,Belopp\n', ','],
    ['"Titel, lång";Diarienummer\n', ';'],
    ['a;b,c,d\n', ','],
    ['a\tb\tc\n', '\t'],
    ['Titel\n', ';'],
  ])('detects the delimiter of %j as %j', (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });

  it('reads a semicolon file from Swedish Excel (Windows-1252) with quoted line breaks, numbering rows as Excel does', async () => {
    const text = 'Diarienummer;Titel;Värde\r\nKS-1;"Städning\r\nav skolor";1 234,50\r\n;;\r\nKS-2;Snöröjning;"12 000"\r\n';
    const table = await readSpreadsheet(Buffer.from(text, 'latin1'), 'export.csv');
    expect(table).toEqual({
      format: 'csv',
      rows: [
        { number: 1, cells: ['Diarienummer', 'Titel', 'Värde'] },
        { number: 2, cells: ['KS-1', 'Städning\r\nav skolor', '1 234,50'] },
        { number: 4, cells: ['KS-2', 'Snöröjning', '12 000'] },
      ],
    });
  });

  it('refuses binary content that is neither xlsx nor text, and files of another kind', async () => {
    expect(() => detectFormat(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]), 'bild.png')).toThrow(SpreadsheetReadError);
    expect(() => detectFormat(Buffer.from('%PDF-1.7'), 'avtal.pdf')).toThrow(/xlsx/);
    expect(detectFormat(Buffer.from('a;b'), 'register.csv')).toBe('csv');
    expect(detectFormat(Buffer.from('a;b'), '')).toBe('csv');
  });
});
