import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { reservedExecutionOnLot2, sampleAnnexInput } from '../../../tests/support/annex-input.js';
import { malformedXmlParts, xmlWellFormednessError } from '../../../tests/support/well-formed-xml.js';
import { renderRequirementsAnnex } from './render-requirements-annex.js';

/** Reads every entry of a zip held in memory into a name → text map. */
function unzip(buffer: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error !== null) return reject(error);
      const files = new Map<string, string>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError !== null) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** The visible text of document.xml: the contents of its w:t runs, joined. */
function visibleText(documentXml: string): string {
  return [...documentXml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1] ?? '').join('');
}

describe('renderRequirementsAnnex', () => {
  it('produces a valid zip with word/document.xml holding the Swedish annex and its filled values', async () => {
    const buffer = await renderRequirementsAnnex(sampleAnnexInput('sv'));
    expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');
    const files = await unzip(buffer);
    expect([...files.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']));
    const text = visibleText(files.get('word/document.xml') ?? '');
    for (const expected of [
      'Särskilda kontraktsvillkor – social hänsyn',
      'Exempelstads kommun',
      'UH-2026-0142',
      'Lokalvård och fastighetsskötsel i Exempelstad',
      'Gäller: Delområdena 1 (Lokalvård, norra distriktet) och 2 (Lokalvård, södra distriktet)',
      'anställa sammanlagt 4 personer',
      'personer som har varit arbetslösa länge, nyanlända och personer som får ekonomiskt bistånd',
      'vite med 75\u00a0000\u00a0kr',
      'Uppföljning och påföljder',
      '2. Lärlingar',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('{{');
    expect(files.get('word/styles.xml')).toContain('sv-SE');
  });

  it('uses the English title and texts when lang is en', async () => {
    const files = await unzip(await renderRequirementsAnnex(sampleAnnexInput('en')));
    const text = visibleText(files.get('word/document.xml') ?? '');
    expect(text).toContain('Special contract conditions – social considerations');
    expect(text).toContain('Reference number: UH-2026-0142');
    expect(text).toContain('penalty of SEK\u00a075,000');
    expect(text).not.toContain('Särskilda kontraktsvillkor');
  });

  it('escapes characters that are special in XML', async () => {
    const input = reservedExecutionOnLot2();
    const buffer = await renderRequirementsAnnex({ ...input, organisationName: 'Bolag & Förvaltning <Väst>' });
    const xml = (await unzip(buffer)).get('word/document.xml') ?? '';
    expect(xml).toContain('Bolag &amp; Förvaltning &lt;Väst&gt;');
  });
});

function hasLibreOffice(): boolean {
  for (const command of ['libreoffice', 'soffice']) {
    try {
      execFileSync('which', [command], { stdio: 'ignore' });
      return true;
    } catch {
      // not on PATH; try the next name
    }
  }
  return false;
}

describe('LibreOffice conversion', () => {
  it.skipIf(!hasLibreOffice())('scripts/check-docx-libreoffice.sh turns the sample annex into PDF', () => {
    const script = fileURLToPath(new URL('../../../scripts/check-docx-libreoffice.sh', import.meta.url));
    const output = execFileSync('bash', [script], { encoding: 'utf8', timeout: 120_000 });
    expect(output).toMatch(/annex-sv\.docx → annex-sv\.pdf/);
    expect(output).toMatch(/annex-en\.docx → annex-en\.pdf/);
  }, 150_000);
});

describe('renderRequirementsAnnex with characters XML 1.0 forbids', () => {
  it('writes a well-formed document whatever the stored title and organisation contain', async () => {
    const hostile = sampleAnnexInput('sv', {
      organisationName: 'Exempel\u0000stads kommun',
      procurement: { ...sampleAnnexInput('sv').procurement, title: 'Lokalvård\uFFFE i \uFFFFExempelstad\uD800', referenceNumber: 'UH-\u00012026' },
    });
    const files = await unzip(await renderRequirementsAnnex(hostile));
    expect(malformedXmlParts(files)).toEqual([]);
    expect(visibleText(files.get('word/document.xml') ?? '')).toContain('Lokalvård i Exempelstad');
  });

  it('the check can fail: the same characters written raw are not well-formed', () => {
    expect(xmlWellFormednessError('<w:t>Lokalv\uFFFEård</w:t>')).not.toBeNull();
    expect(xmlWellFormednessError('<w:t>a\u0000b</w:t>')).not.toBeNull();
  });
});
