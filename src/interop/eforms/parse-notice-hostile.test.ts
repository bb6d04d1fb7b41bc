import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ParseErrorCode, ParseResult } from './notice-schema.js';
import { DEFAULT_MAX_BYTES, parseNotice } from './parse-notice.js';

const FIXTURE = fileURLToPath(new URL('../../../tests/fixtures/eforms/sdk-examples/cn-social_25.xml', import.meta.url));
const notice = readFileSync(FIXTURE, 'utf8');
const CN_NS = 'urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2';
const CBC_NS = 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2';

function expectError(result: ParseResult, code: ParseErrorCode): string {
  expect(result.ok).toBe(false);
  if (result.ok) return '';
  expect(result.error.code).toBe(code);
  expect(result.error.message.length).toBeGreaterThan(0);
  return result.error.message;
}

/** Text after the prolog that would be a syntax error; if we see `dtd-forbidden`, reading stopped at the DOCTYPE. */
const GARBAGE_AFTER_DOCTYPE = '<<<not xml at all &undefined; <unclosed';

const secretDir = mkdtempSync(join(tmpdir(), 'hansyn-xxe-'));
const secretFile = join(secretDir, 'secret.txt');
const SECRET = 'TOP-SECRET-7f3a9c';
writeFileSync(secretFile, SECRET);
afterAll(() => rmSync(secretDir, { recursive: true, force: true }));

describe('parseNotice rejects DTDs and entities', () => {
  it('rejects an external entity (XXE) without reading the referenced file', () => {
    const xxe = `<?xml version="1.0"?>
<!DOCTYPE ContractNotice [<!ENTITY xxe SYSTEM "file://${secretFile}">]>
<ContractNotice xmlns="${CN_NS}" xmlns:cbc="${CBC_NS}"><cbc:ID schemeName="notice-id">&xxe;</cbc:ID></ContractNotice>`;
    const result = parseNotice(xxe);
    const message = expectError(result, 'dtd-forbidden');
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(message).not.toContain(SECRET);
  });

  it('rejects an external DTD subset and parameter entities', () => {
    expectError(parseNotice(`<!DOCTYPE ContractNotice SYSTEM "file://${secretFile}"><ContractNotice xmlns="${CN_NS}"/>`), 'dtd-forbidden');
    expectError(
      parseNotice(`<!DOCTYPE x [<!ENTITY % p SYSTEM "file://${secretFile}"> %p;]><ContractNotice xmlns="${CN_NS}"/>`),
      'dtd-forbidden',
    );
  });

  it('rejects "billion laughs" at the DOCTYPE, before reading any further', () => {
    const levels = ['<!ENTITY lol0 "lol">'];
    for (let level = 1; level <= 9; level += 1) {
      levels.push(`<!ENTITY lol${level} "${`&lol${level - 1};`.repeat(10)}">`);
    }
    const laughs = `<?xml version="1.0"?>\n<!DOCTYPE lolz [${levels.join('\n')}]>\n`;
    expectError(parseNotice(`${laughs}<ContractNotice xmlns="${CN_NS}">&lol9;</ContractNotice>`), 'dtd-forbidden');
    // Same prolog followed by garbage: still dtd-forbidden, so nothing after the DOCTYPE was parsed.
    expectError(parseNotice(`${laughs}${GARBAGE_AFTER_DOCTYPE}`), 'dtd-forbidden');
  });

  it('rejects a DOCTYPE in front of a real notice', () => {
    const withDoctype = notice.replace('<ContractNotice', '<!DOCTYPE ContractNotice>\n<ContractNotice');
    expectError(parseNotice(withDoctype), 'dtd-forbidden');
  });

  it('treats entity references without a DTD as malformed, not as empty text', () => {
    const result = parseNotice(`<ContractNotice xmlns="${CN_NS}" xmlns:cbc="${CBC_NS}"><cbc:ID schemeName="notice-id">&xxe;</cbc:ID></ContractNotice>`);
    expectError(result, 'malformed-xml');
  });
});

describe('parseNotice bounds size and depth', () => {
  it('rejects input over the default 20 MB limit before decoding it', () => {
    const tooLarge = new Uint8Array(DEFAULT_MAX_BYTES + 1); // all zero bytes: would be invalid XML if it were read
    expect(DEFAULT_MAX_BYTES).toBe(20 * 1024 * 1024);
    expectError(parseNotice(tooLarge), 'input-too-large');
  });

  it('honours a smaller maxBytes option, for bytes and strings', () => {
    expectError(parseNotice(new TextEncoder().encode(notice), { maxBytes: 1000 }), 'input-too-large');
    expectError(parseNotice(notice, { maxBytes: 1000 }), 'input-too-large');
    expect(parseNotice(notice, { maxBytes: notice.length }).ok).toBe(true);
  });

  const nested = (depth: number): string =>
    `<ContractNotice xmlns="${CN_NS}">${'<a>'.repeat(depth - 1)}${'</a>'.repeat(depth - 1)}</ContractNotice>`;

  it('rejects nesting deeper than 100 elements by default', () => {
    expectError(parseNotice(nested(101)), 'too-deep');
    // 100 levels are allowed: it fails later, for the missing notice identifier.
    expectError(parseNotice(nested(100)), 'missing-required-field');
  });

  it('honours a maxDepth option', () => {
    expectError(parseNotice(notice, { maxDepth: 5 }), 'too-deep');
    expect(parseNotice(notice, { maxDepth: 20 }).ok).toBe(true);
  });

  it('rejects a very deep document without recursion trouble', () => {
    expectError(parseNotice(nested(100_000)), 'too-deep');
  });
});

describe('parseNotice turns bad input into error values', () => {
  it.each<[string, string | Uint8Array, ParseErrorCode]>([
    ['empty input', '', 'malformed-xml'],
    ['only whitespace', '   \n ', 'malformed-xml'],
    ['plain text', 'hello world', 'malformed-xml'],
    ['JSON', '{"noticeId": "x"}', 'malformed-xml'],
    ['binary (PNG header)', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]), 'invalid-encoding'],
    ['invalid UTF-8 in a notice', new Uint8Array([...new TextEncoder().encode(`<ContractNotice xmlns="${CN_NS}">`), 0xc3, 0x28]), 'invalid-encoding'],
    ['declared non-UTF-8 encoding', `<?xml version="1.0" encoding="ISO-8859-1"?><ContractNotice xmlns="${CN_NS}"/>`, 'invalid-encoding'],
    ['wrong root element', `<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>`, 'unsupported-root'],
    ['right root name in no namespace', '<ContractNotice/>', 'unsupported-root'],
    ['right root name in the wrong UBL namespace', `<ContractNotice xmlns="urn:oasis:names:specification:ubl:schema:xsd:ContractAwardNotice-2"/>`, 'unsupported-root'],
    ['HTML page (lower-case doctype is not XML)', '<!doctype html><html><body>Not found</body></html>', 'malformed-xml'],
    ['HTML page without doctype', '<html><body>Not found</body></html>', 'unsupported-root'],
    ['unbound prefix', `<ContractNotice xmlns="${CN_NS}"><cbc:ID>1</cbc:ID></ContractNotice>`, 'malformed-xml'],
    ['two root elements', `<ContractNotice xmlns="${CN_NS}"/><ContractNotice xmlns="${CN_NS}"/>`, 'malformed-xml'],
    ['SDK older than 1.3', notice.replace('eforms-sdk-1.15', 'eforms-sdk-1.2'), 'unsupported-sdk-version'],
    ['unknown customisation', notice.replace('eforms-sdk-1.15', 'urn:cen.eu:en16931:2017'), 'unsupported-sdk-version'],
    ['missing notice type', notice.replace(/<cbc:NoticeTypeCode[^>]*>[^<]*<\/cbc:NoticeTypeCode>/, ''), 'missing-required-field'],
  ])('%s', (_name, input, code) => {
    expectError(parseNotice(input), code);
  });

  it.each([0.1, 0.5, 0.9, 0.999])('rejects a notice truncated at %s of its length', (fraction) => {
    const truncated = new TextEncoder().encode(notice).slice(0, Math.floor(notice.length * fraction));
    const result = parseNotice(truncated);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(['malformed-xml', 'invalid-encoding']).toContain(result.error.code);
  });

  it('never throws on mangled notices', () => {
    // Deterministic mutations: delete, duplicate or replace short runs of characters.
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const replacements = ['<', '>', '&', '"', '</cbc:ID>', '<!DOCTYPE x>', '\u0000', ']]>', 'xmlns:cbc="x"'];
    for (let round = 0; round < 300; round += 1) {
      let mangled = notice;
      for (let edit = 0; edit < 3; edit += 1) {
        const at = Math.floor(random() * mangled.length);
        const length = Math.floor(random() * 20);
        const replacement = replacements[Math.floor(random() * replacements.length)] ?? '';
        mangled = mangled.slice(0, at) + replacement + mangled.slice(at + length);
      }
      const result = parseNotice(mangled);
      expect(typeof result.ok).toBe('boolean');
    }
  });
});

describe('parseNotice bounds the text it keeps (issue 8: notices padded with megabytes of blanks)', () => {
  const TITLE = '<cbc:Name languageID="ENG">At the End of the Tunnel vol3</cbc:Name>';
  const padded = (padding: string) => notice.replace(TITLE, `<cbc:Name languageID="ENG">${padding}At the End of the Tunnel vol3</cbc:Name>`);

  it('keeps a value behind 5 MB of blanks, and no more than the per-element limit', () => {
    const result = parseNotice(padded(' '.repeat(5 * 1024 * 1024)));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.notice.title).toBe('At the End of the Tunnel vol3');
  });

  it('cuts a value at the per-element limit (100,000 characters by default)', () => {
    const long = parseNotice(padded('x'.repeat(150_000)));
    expect(long.ok).toBe(true);
    if (long.ok) expect(long.notice.title?.length).toBe(100_000);
    const limited = parseNotice(padded('x'.repeat(500)), { maxElementText: 100 });
    if (limited.ok) expect(limited.notice.title).toBe('x'.repeat(100));
    expect(limited.ok).toBe(true);
  });

  it('stops with too-much-text once the kept text of one notice passes the per-notice limit', () => {
    expectError(parseNotice(padded('x'.repeat(5_000)), { maxNoticeText: 4_000 }), 'too-much-text');
    expect(parseNotice(padded('x'.repeat(3_000)), { maxNoticeText: 20_000 }).ok).toBe(true);
  });

  it('does not count the blanks between elements it reads toward the per-notice limit', () => {
    const blanks = ' '.repeat(50_000);
    expect(parseNotice(notice.replace('<cac:ProcurementProject>', `<cac:ProcurementProject>${blanks}`), { maxNoticeText: 40_000 }).ok).toBe(true);
  });
});
