import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { noticeVariant } from '../../../tests/support/notice-variants.js';
import type { ParseResult } from './notice-schema.js';
import { parseNotice, parseNoticeWithSaxes, type ParseNoticeOptions } from './parse-notice.js';

/**
 * Differential test of the single-pass scanner (decision 0901) against the saxes reader it replaced
 * (decision 0101): on every fixture, on generated variants and on hostile and mangled input, both
 * give exactly the same notice, or both refuse with the same error code.
 */

const FIXTURES = fileURLToPath(new URL('../../../tests/fixtures/eforms/', import.meta.url));
const fixtures = ['sdk-examples', 'real-notices', 'constructed'].flatMap((folder) =>
  readdirSync(join(FIXTURES, folder))
    .filter((name) => name.endsWith('.xml'))
    .map((name) => ({ name: `${folder}/${name}`, bytes: readFileSync(join(FIXTURES, folder, name)) })),
);
const social = readFileSync(join(FIXTURES, 'sdk-examples', 'cn-social_25.xml'), 'utf8');
const CN_NS = 'urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2';
const CBC_NS = 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2';

/** What must agree: the whole result when parsed, the error code when refused (messages are worded by each reader). */
function outcome(result: ParseResult): unknown {
  return result.ok ? result : { refused: result.error.code };
}

function expectSame(input: Uint8Array | string, options?: ParseNoticeOptions): ParseResult {
  const before = parseNoticeWithSaxes(input, options);
  const after = parseNotice(input, options);
  expect(outcome(after)).toEqual(outcome(before));
  if (!after.ok) expect(after.error.message.length).toBeGreaterThan(0);
  return after;
}

describe('the scanner reads every fixture exactly as the saxes reader did', () => {
  it('has the fixtures', () => {
    expect(fixtures.length).toBeGreaterThan(115);
  });

  it.each(fixtures)('$name (bytes and string)', ({ bytes }) => {
    expectSame(bytes);
    expectSame(bytes.toString('utf8'));
  });
});

describe('generated variants', () => {
  const variants: Array<[string, string]> = [
    ['the constructed notice', noticeVariant()],
    ['another id, version and title', noticeVariant({ noticeId: 'a1b2c3d4-0000-4000-8000-000000000001', version: '02', title: 'Städ och fönsterputs' })],
    ['no social signals, foreign value', noticeVariant({ social: false, value: { amount: '12.50', currency: 'EUR' } })],
    ['no value, other buyer and country', noticeVariant({ value: null, buyerNumber: '556000-0000', buyerName: 'Bolag Åäö', country: 'NOR' })],
    ['joint procurement, result form', noticeVariant({ coBuyer: { number: '212000-0001', name: 'Grannkommunen' }, formType: 'result', issueDate: '2024-12-31' })],
  ];
  const transforms: Array<[string, (xml: string) => string]> = [
    ['as written', (xml) => xml],
    ['CRLF line ends', (xml) => xml.replaceAll('\n', '\r\n')],
    ['CR line ends', (xml) => xml.replaceAll('\n', '\r')],
    ['tabs and newlines inside values', (xml) => xml.replace('Lokalvård', 'Lokal\tvård\r\n i\n').replace('listName="cpv"', 'listName="\tcpv\n"')],
    ['single-quoted attributes with spaces around =', (xml) => xml.replace(/ listName="([^"]*)"/g, " listName = '$1'")],
    ['entities and character references', (xml) => xml.replace('Lokalvård', 'Lokal&#x76;&#229;rd &amp; &lt;st&auml;d&gt; &quot;&apos;&#128512;'.replace('&auml;', 'ä'))],
    ['CDATA sections', (xml) => xml.replace('Lokalvård', '<![CDATA[Lokal<vård> & ]]]]><![CDATA[> städ]]>')],
    ['comments and processing instructions', (xml) => xml.replaceAll('<cbc:ID', '<!-- a comment - with dashes --><?pi data?><cbc:ID')],
    ['no XML declaration', (xml) => xml.replace(/^<\?xml[^>]*>\s*/, '')],
    ['declaration with encoding and standalone', (xml) => xml.replace(/^<\?xml[^>]*>/, "<?xml version='1.0' encoding='utf-8' standalone='yes' ?>")],
    ['byte order mark', (xml) => `\uFEFF${xml}`],
    ['other prefixes', (xml) => xml.replace(/(<\/?)cbc:/g, '$1b:').replace(/xmlns:cbc=/g, 'xmlns:b=').replace(/(<\/?)cac:/g, '$1a:').replace(/xmlns:cac=/g, 'xmlns:a=')],
    ['namespaces declared again on inner elements', (xml) => xml.replaceAll('<cac:ProcurementProject>', `<cac:ProcurementProject xmlns:cbc="${CBC_NS}" xmlns:x="urn:x">`)],
    ['white space inside tags', (xml) => xml.replaceAll('<cbc:ID', '<cbc:ID \n').replaceAll('</cbc:ID>', '</cbc:ID \t>').replaceAll('/>', ' />')],
    ['empty elements written as pairs and self-closing', (xml) => xml.replace(/<(cbc:[A-Za-z]+)([^>]*)><\/\1>/g, '<$1$2/>')],
    ['unknown elements and attributes everywhere', (xml) => xml.replaceAll('</cbc:Name>', '</cbc:Name><x:y xmlns:x="urn:x" a="1"><x:z>zz</x:z></x:y>').replaceAll('<cac:', '<cac:')],
    ['non-ASCII element and attribute names', (xml) => xml.replaceAll('</cbc:Name>', '</cbc:Name><Ünïcödé ä="ö">ß</Ünïcödé>')],
    ['padding with blanks around values', (xml) => xml.replaceAll('</cbc:ID>', `${' '.repeat(300)}</cbc:ID>`).replaceAll('<cac:ProcurementProject>', `<cac:ProcurementProject>${'\n '.repeat(200)}`)],
  ];
  for (const [variantName, variant] of variants) {
    it.each(transforms)(`${variantName}: %s`, (_name, transform) => {
      const xml = transform(variant);
      expectSame(xml);
      expectSame(new TextEncoder().encode(xml));
    });
  }

  it('the variants parse (so the comparisons above compare notices, not refusals)', () => {
    for (const [, variant] of variants) expect(parseNotice(variant).ok).toBe(true);
  });
});

describe('text limits give the same values', () => {
  const TITLE = '<cbc:Name languageID="ENG">At the End of the Tunnel vol3</cbc:Name>';
  const padded = (padding: string) => social.replace(TITLE, `<cbc:Name languageID="ENG">${padding}At the End of the Tunnel vol3</cbc:Name>`);
  it.each<[string, string, ParseNoticeOptions | undefined]>([
    ['a value behind 1 MB of blanks', padded(' '.repeat(1024 * 1024)), undefined],
    ['a value longer than the element limit', padded('x'.repeat(150_000)), undefined],
    ['a small element limit', padded('x'.repeat(500)), { maxElementText: 100 }],
    ['a limit met by blanks split by a comment', padded(`${' '.repeat(60)}<!-- c -->${' '.repeat(60)}&amp;xyz`), { maxElementText: 100 }],
    ['a limit met by CDATA', padded(`<![CDATA[${'y'.repeat(120)}]]>`), { maxElementText: 100 }],
    ['the notice limit passed', padded('x'.repeat(5_000)), { maxNoticeText: 4_000 }],
    ['the notice limit kept', padded('x'.repeat(3_000)), { maxNoticeText: 20_000 }],
    ['blanks between elements not counted', social.replace('<cac:ProcurementProject>', `<cac:ProcurementProject>${' '.repeat(50_000)}`), { maxNoticeText: 40_000 }],
    ['a shallow depth limit', social, { maxDepth: 5 }],
    ['a sufficient depth limit', social, { maxDepth: 20 }],
  ])('%s', (_name, xml, options) => {
    expectSame(xml, options);
  });
});

describe('the scanner refuses every hostile input the saxes reader refused, with the same code', () => {
  const laughs = `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol0 "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('')}]>\n`;
  const root = (inner: string, attributes = '') => `<ContractNotice xmlns="${CN_NS}" xmlns:cbc="${CBC_NS}"${attributes}>${inner}</ContractNotice>`;
  const hostile: Array<[string, string | Uint8Array]> = [
    ['external entity (XXE)', `<?xml version="1.0"?><!DOCTYPE c [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${root('<cbc:ID>&xxe;</cbc:ID>')}`],
    ['external DTD', `<!DOCTYPE ContractNotice SYSTEM "file:///etc/passwd">${root('')}`],
    ['parameter entities', `<!DOCTYPE x [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>${root('')}`],
    ['billion laughs', `${laughs}${root('&lol9;')}`],
    ['billion laughs followed by garbage', `${laughs}<<<not xml &undefined; <unclosed`],
    ['DOCTYPE with a quoted >', `<!DOCTYPE c SYSTEM "a>b">${root('')}`],
    ['DOCTYPE before a real notice', social.replace('<ContractNotice', '<!DOCTYPE ContractNotice>\n<ContractNotice')],
    ['a NUL inside a DOCTYPE', `<!DOCTYPE c [\u0000]>${root('')}`],
    ['unterminated DOCTYPE', '<!DOCTYPE c [<!ENTITY a "b">'],
    ['DOCTYPE after the root started', root('<!DOCTYPE x>')],
    ['lower-case doctype', '<!doctype html><html/>'],
    ['entity without a DTD', root('<cbc:ID>&xxe;</cbc:ID>')],
    ['entity in an attribute', root('', ' a="&xxe;"')],
    ['unterminated entity', root('<cbc:ID>&amp</cbc:ID>')],
    ['character reference to NUL', root('<cbc:ID>&#0;</cbc:ID>')],
    ['character reference to U+FFFE', root('<cbc:ID>&#xFFFE;</cbc:ID>')],
    ['character reference out of range', root('<cbc:ID>&#x110000;</cbc:ID>')],
    ['empty entity name', root('<cbc:ID>&;</cbc:ID>')],
    ['NUL in text', social.replace('At the End', 'At\u0000the End')],
    ['a C0 control in an unread element', social.replace('<cbc:CityName', '<cbc:CityName x="\u0001"')],
    ['U+FFFE in text', social.replace('At the End', 'At\uFFFEthe End')],
    ['U+FFFF in a comment', `<!-- \uFFFF -->${social.replace(/^<\?xml[^>]*>/, '')}`],
    ['a NUL after a rejected root', `<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">\u0000</Invoice>`],
    ['a NUL before the declared encoding', `<?xml version="1.0" encoding="ISO-8859-1"?>\u0000<a/>`],
    ['invalid UTF-8', new Uint8Array([...new TextEncoder().encode(`<ContractNotice xmlns="${CN_NS}">`), 0xc3, 0x28])],
    ['UTF-8 encoded surrogate', new Uint8Array([...new TextEncoder().encode(`<ContractNotice xmlns="${CN_NS}">`), 0xed, 0xa0, 0x80])],
    ['declared non-UTF-8 encoding', `<?xml version="1.0" encoding="ISO-8859-1"?>${root('')}`],
    ['"]]>" in text', root('<cbc:ID>a]]>b</cbc:ID>')],
    ['"]]>" in unread text', social.replace('</cbc:CityName>', ']]></cbc:CityName>')],
    ['CDATA outside the root', `<![CDATA[x]]>${root('')}`],
    ['unterminated CDATA', root('<cbc:ID><![CDATA[x</cbc:ID>')],
    ['duplicate attribute', root('<cbc:ID a="1" a="2">x</cbc:ID>')],
    ['duplicate attribute in an unread element', root('<x a="1" b="" a="2"/>')],
    ['duplicate among many attributes', root(`<x ${Array.from({ length: 40 }, (_, i) => `a${i}="${i}"`).join(' ')} a39="again"/>`)],
    ['duplicate after 100,000 attributes (linear, not pairwise)', root(`<x ${Array.from({ length: 100_000 }, (_, i) => `a${i}=""`).join(' ')} a0=""/>`)],
    ['unquoted attribute', root('<cbc:ID a=1>x</cbc:ID>')],
    ['attribute without value', root('<cbc:ID a>x</cbc:ID>')],
    ['attributes without white space between', root('<cbc:ID a="1"b="2">x</cbc:ID>')],
    ['< in an attribute value', root('<cbc:ID a="<">x</cbc:ID>')],
    ['unterminated attribute value', `<ContractNotice xmlns="${CN_NS}" a="`],
    ['mismatched end tag', root('<cbc:ID>x</cbc:Id>')],
    ['mismatched end tag in an unread element', social.replace('</cbc:CityName>', '</cbc:CityNome>')],
    ['end tag longer than the start tag', root('<cbc:ID>x</cbc:IDX>')],
    ['end tag without start tag', `${root('')}</x>`],
    ['unclosed element', `<ContractNotice xmlns="${CN_NS}"><a>`],
    ['text before the root', `x${root('')}`],
    ['text after the root', `${root('')}x`],
    ['two root elements', `${root('')}${root('')}`],
    ['XML declaration not at the start', ` <?xml version="1.0"?>${root('')}`],
    ['XML declaration inside', root('<?xml version="1.0"?>')],
    ['processing instruction named XmL', root('<?XmL x?>')],
    ['unterminated processing instruction', root('<?pi x')],
    ['comment with --', root('<!-- a -- b -->')],
    ['comment ending --->', root('<!-- a --->')],
    ['unterminated comment', root('<!-- a')],
    ['invalid element name', root('<1a/>')],
    ['invalid non-ASCII element name', root('<a\u00D7b/>')],
    ['space after <', root('< a/>')],
    ['unbound prefix', root('<x:ID>1</x:ID>')],
    ['prefix bound to an empty namespace', root('<cbc:ID xmlns:cbc="">1</cbc:ID>')],
    ['xml prefix rebound', root('', ' xmlns:xml="urn:x"')],
    ['wrong root', '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>'],
    ['root in no namespace', '<ContractNotice/>'],
    ['empty input', ''],
    ['only white space', '  \n '],
    ['plain text', 'hello'],
    ['JSON', '{"a":1}'],
    ['binary', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff])],
    ['nesting deeper than 100', `<ContractNotice xmlns="${CN_NS}">${'<a>'.repeat(100)}${'</a>'.repeat(100)}</ContractNotice>`],
    ['nesting of 100,000', `<ContractNotice xmlns="${CN_NS}">${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</ContractNotice>`],
    ['deep self-closing nesting', `<ContractNotice xmlns="${CN_NS}">${'<a>'.repeat(99)}<b/>${'</a>'.repeat(99)}</ContractNotice>`],
    ['XML 1.0 declaration with a bad version', `<?xml version="2.0"?>${root('')}`],
  ];
  it.each(hostile)('%s', (_name, input) => {
    const before = parseNoticeWithSaxes(input);
    expect(before.ok).toBe(false);
    expectSame(input);
  });

  it('refuses lone surrogates in string input, which the saxes reader let through (UTF-8 bytes cannot carry them)', () => {
    for (const surrogate of ['\uD800', '\uDC00', '\uDBFF']) {
      const result = parseNotice(social.replace('At the End', `At${surrogate}the End`));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('malformed-xml');
    }
    // A pair is one character, and fine.
    expect(parseNotice(social.replace('At the End', 'At\u{1F600}the End')).ok).toBe(true);
  });

  it('accepts many distinct attributes on an unread element, as saxes did', () => {
    const many = social.replace('<cbc:CityName', `<cbc:CityName ${Array.from({ length: 50_000 }, (_, i) => `a${i}="${i}"`).join(' ')}`);
    expect(expectSame(many).ok).toBe(true);
  });

  it('truncated notices', () => {
    const bytes = new TextEncoder().encode(social);
    for (let cut = 1; cut < bytes.length; cut += 997) expectSame(bytes.slice(0, cut));
  });

  it('mangled notices: deterministic deletions, duplications and replacements', () => {
    let seed = 987654321;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const replacements = ['<', '>', '&', '"', "'", '=', '/', '</cbc:ID>', '<!DOCTYPE x>', '\u0000', '\r', ']]>', '<![CDATA[', '-->', '<?', 'xmlns:cbc="x"', '&amp;', '&#1;', ' ', ''];
    let parsed = 0;
    for (let round = 0; round < 600; round += 1) {
      let mangled = social;
      const edits = 1 + Math.floor(random() * 3);
      for (let edit = 0; edit < edits; edit += 1) {
        const at = Math.floor(random() * mangled.length);
        const length = Math.floor(random() * 12);
        const replacement = replacements[Math.floor(random() * replacements.length)] ?? '';
        mangled = mangled.slice(0, at) + replacement + mangled.slice(at + length);
      }
      if (expectSame(mangled).ok) parsed += 1;
    }
    // Both kinds occur: edits inside text keep the notice readable, edits in markup do not.
    expect(parsed).toBeGreaterThan(50);
    expect(parsed).toBeLessThan(550);
  });
});

describe('the byte loops of the scanner check what saxes checked (decision 0904)', () => {
  const root = (inner: string) => `<ContractNotice xmlns="${CN_NS}" xmlns:cbc="${CBC_NS}">${inner}</ContractNotice>`;
  const refusedLikeSaxes = (input: string): void => {
    expect(parseNoticeWithSaxes(input).ok).toBe(false);
    expectSame(input);
  };

  // Each place is read by a different loop; a character XML forbids must be refused in every one.
  const places: Array<[string, (char: string) => string]> = [
    ['read text', (char) => social.replace('At the End', `At${char}the End`)],
    ['unread text', (char) => social.replace('</cbc:CityName>', `${char}</cbc:CityName>`)],
    ['white space between read elements', (char) => social.replace('<cac:ProcurementProject>', `<cac:ProcurementProject>${char}`)],
    ['a read attribute value', (char) => social.replace('listName="cpv"', `listName="c${char}pv"`)],
    ['an unread attribute value', (char) => social.replace('<cbc:CityName', `<cbc:CityName x="${char}"`)],
    ['between attributes', (char) => social.replace('<cbc:CityName', `<cbc:CityName x="1"${char} y="2"`)],
    ['an end tag', (char) => social.replace('</cbc:CityName>', `</cbc:CityName${char}>`)],
    ['a comment inside the root', (char) => social.replace('</cbc:CityName>', `</cbc:CityName><!-- ${char} -->`)],
    ['a comment before the root', (char) => social.replace('<ContractNotice', `<!-- ${char} --><ContractNotice`)],
    ['a read CDATA section', (char) => social.replace('At the End', `<![CDATA[At${char}]]>`)],
    ['an unread CDATA section', (char) => social.replace('New Horizons', `<![CDATA[New${char}]]>`)],
    ['a processing instruction', (char) => social.replace('</cbc:CityName>', `</cbc:CityName><?pi a${char}b?>`)],
    ['a processing instruction before the root', (char) => social.replace('<ContractNotice', `<?pi ${char}?><ContractNotice`)],
    ['after the root', (char) => `${social}${char}`],
    ['a DOCTYPE', (char) => social.replace('<ContractNotice', `<!DOCTYPE x [${char}]><ContractNotice`)],
  ];
  const forbidden = ['\u0000', '\u0001', '\u0008', '\u000B', '\u000C', '\u001F', '\uFFFE', '\uFFFF'];
  it.each(places)('refuses a disallowed character in %s', (_place, insert) => {
    for (const char of forbidden) refusedLikeSaxes(insert(char));
  });

  it('allows the characters next to the forbidden ones in the same places', () => {
    for (const [, insert] of places.filter(([place]) => !/DOCTYPE|between attributes|end tag|after the root|white space/.test(place))) {
      for (const char of ['\t', '\u007F', '\u0085', '\uFFFD', '\uEFBF', '\u{1F600}']) expect(expectSame(insert(char)).ok).toBe(true);
    }
  });

  it('reports a disallowed character met before a refusal of another kind, and that refusal when it comes first', () => {
    const deep = (before: string, after: string) => `<ContractNotice xmlns="${CN_NS}">${before}${'<a>'.repeat(101)}${after}${'</a>'.repeat(101)}</ContractNotice>`;
    const inputs = [
      `<!-- \u0001 --><!DOCTYPE x>${root('')}`,
      `<!DOCTYPE x>\u0001${root('')}`,
      `<!DOCTYPE x [<!-- \uFFFF -->]>${root('')}`,
      deep('\u0001', ''),
      deep('', '\u0001'),
      `<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" a="\u0001"/>`,
      `<?pi \u0001?><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>`,
    ];
    for (const input of inputs) refusedLikeSaxes(input);
    const deepFirst = parseNotice(deep('', '\u0001'));
    expect(deepFirst.ok ? null : deepFirst.error.code).toBe('too-deep');
  });

  it('checks references in text and attribute values, read or not, as saxes did', () => {
    const references = [
      '&#X41;', '&#x;', '&#;', '&#65a;', '&#x4g;', '&#-1;', '&#x-1;', '&am;', '&ampx;', '&amp ;', '& amp;', '&#1114112;', '&#x110000;', '&#xD800;',
      '&#xFFFE;', '&#8;', '&#99999999999999999999;', '&__proto__;', '&constructor;', '&toString;', '&', '&amp', 'a & b', '&&amp;',
      '&#65;', '&#x10FFFF;', '&#0065;', '&#x00041;', '&quot;&apos;&lt;&gt;&amp;', '&#9;&#10;&#13;&#x20;', '&#xe5;&#229;&#128512;',
    ];
    let parsed = 0;
    for (const reference of references) {
      expectSame(social.replace('At the End', `At ${reference} End`));
      expectSame(social.replace('New Horizons', `New ${reference}`));
      expectSame(social.replace('listName="cpv"', `listName="cpv" x="${reference}"`));
      expectSame(social.replace('<cbc:CityName', `<cbc:CityName x="${reference}"`));
      if (parseNotice(social.replace('At the End', `At ${reference} End`)).ok) parsed += 1;
    }
    expect(parsed).toBe(7);
  });

  it('reads comments as saxes did', () => {
    for (const comment of ['<!---->', '<!--->', '<!-- - -->', '<!-- a --->', '<!-- -- -->', '<!--a-->', '<!---a-->', '<!-- a- -->', '<!-- -', '<!--']) {
      expectSame(social.replace('At the End', `At${comment}the End`));
      expectSame(social.replace('<ContractNotice', `${comment}<ContractNotice`));
    }
  });

  it('joins the pieces of a read element’s text as saxes did', () => {
    const title = '<cbc:Name languageID="ENG">At the End of the Tunnel vol3</cbc:Name>';
    for (const pieces of [
      'a<x:y xmlns:x="urn:x">unread</x:y>b',
      'a<!-- c -->b<?pi?>c',
      '<![CDATA[a]]>b',
      ' \n <![CDATA[x]]>',
      '&amp;a\r\nb',
      'a\rb<![CDATA[c\r\nd]]>e',
      '<x:y xmlns:x="urn:x"/>',
      '  <x:y xmlns:x="urn:x"/>  ',
      'ä<!---->ö',
    ]) {
      const result = expectSame(social.replace(title, `<cbc:Name languageID="ENG">${pieces}</cbc:Name>`));
      expect(result.ok).toBe(true);
    }
  });

  it('reads a notice over 100 kB (no Latin-1 copy of the whole document) as saxes did', () => {
    const padding = `<cbc:Note>${'Lång text &amp; mer. '.repeat(6_000)}</cbc:Note>`;
    const big = social
      .replace('At the End', 'Städ &amp; fönster\r\n &#x263A; At the End')
      .replace('listName="cpv"', 'listName="c&#112;v"')
      .replace('</cbc:CityName>', `</cbc:CityName>${padding}`);
    expect(big.length).toBeGreaterThan(100_000);
    const result = expectSame(big);
    expect(result.ok && result.notice.title).toBe('Städ & fönster\n ☺ At the End of the Tunnel vol3');
    expectSame(new TextEncoder().encode(big));
  });
});
