import { describe, expect, it } from 'vitest';
import { detectEvidenceType } from './detect-evidence-type.js';

const ascii = (s: string) => new TextEncoder().encode(s);
const join = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('detectEvidenceType: the content decides, not the name', () => {
  const cases: Array<[string, Uint8Array, string | null]> = [
    ['a minimal PDF (header and %%EOF)', ascii('%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'), 'application/pdf'],
    ['a PDF header without %%EOF at the end (truncated or fake)', ascii('%PDF-1.7\nnot really a pdf'), null],
    ['a text file named .pdf', ascii('Anställningsavtal för Kim\n'), null],
    ['an HTML page posing as a PDF', ascii('<html><script>alert(1)</script></html>'), null],
    ['%%EOF more than 1 KiB before the end does not count', join(ascii('%PDF-1.4\n%%EOF'), new Uint8Array(2000)), null],
    ['a JPEG (SOI … EOI)', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]), 'image/jpeg'],
    ['a JPEG without its end marker', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), null],
    ['a PNG (signature … IEND)', join(PNG_SIGNATURE, ascii('IHDR....'), ascii('IEND'), new Uint8Array([0xae, 0x42, 0x60, 0x82])), 'image/png'],
    ['a PNG signature alone', PNG_SIGNATURE, null],
    ['an empty file', new Uint8Array(0), null],
    ['a GIF', ascii('GIF89a......;'), null],
  ];
  for (const [name, bytes, expected] of cases) {
    it(`${name} → ${expected ?? 'refused'}`, () => expect(detectEvidenceType(bytes)).toBe(expected));
  }
});
