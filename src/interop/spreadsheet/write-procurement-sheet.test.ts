import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { unzip } from '../../../tests/support/social.js';
import { malformedXmlParts } from '../../../tests/support/well-formed-xml.js';
import type { ExportRow } from './procurement-sheet.js';
import { procurementXlsxTemplate, writeProcurementXlsx } from './write-procurement-sheet.js';

const ROW: ExportRow = {
  referenceNumber: 'UH-2026-1',
  title: 'Lokalvård i förskolor',
  description: 'Städning',
  unitCode: 'U1',
  responsibleEmail: null,
  contractNature: 'services',
  mainCpv: '90911200',
  additionalCpv: [],
  estimatedValueOre: 100_00,
  contractStart: '2026-04-01',
  durationMonths: 24,
  extensionMonths: null,
  procedureType: 'open',
  labourNeedFte: 1.5,
  status: 'Planerad',
  screening: null,
  decision: 'Kontraktsvillkor \uFFFF',
  justification: null,
  decidedAt: null,
};

async function exportOf(rows: ExportRow[]): Promise<Map<string, string>> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  async function* batches() {
    yield rows;
  }
  await writeProcurementXlsx(batches(), output);
  return unzip(Buffer.concat(chunks));
}

describe('the .xlsx export with characters XML 1.0 forbids', () => {
  it('stays well-formed when one stored title has U+FFFE, U+FFFF, NUL or a lone surrogate', async () => {
    const files = await exportOf([
      ROW,
      { ...ROW, referenceNumber: 'UH-2026-2', title: 'Lokal\uFFFEvård\uFFFF', description: 'a\u0000b\uD800c\u0007' },
    ]);
    expect(malformedXmlParts(files)).toEqual([]);
    const sheet = [...files].find(([name]) => name.startsWith('xl/worksheets/'))![1];
    expect(sheet).toContain('Lokalvård');
    expect(sheet).toContain('abc');
  });

  it('the import template stays well-formed with such a unit name', async () => {
    const files = await unzip(await procurementXlsxTemplate([{ code: 'U\uFFFF1', name: 'Enhet\u0000 ett' }]));
    expect(malformedXmlParts(files)).toEqual([]);
  });
});
