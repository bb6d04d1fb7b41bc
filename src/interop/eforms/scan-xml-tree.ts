import { Buffer, isUtf8 } from 'node:buffer';
import {
  CANONICAL_PREFIX_BY_URI,
  DEFAULT_MAX_DOCUMENT_TEXT,
  DEFAULT_MAX_ELEMENT_TEXT,
  XML_NAMESPACE,
  type XmlElement,
  type XmlReadErrorCode,
  type XmlReadOptions,
  type XmlReadResult,
} from './read-xml-tree.js';

/**
 * The eForms notice reader (decision 0901): one pass over the document's UTF-8 bytes with `indexOf`
 * and `charCodeAt`, materialising only the elements in `keep`, with the same result and the same
 * refusals as the saxes reader it replaced ({@link readXmlTree}, kept as the reference a
 * differential test compares against).
 *
 * What it checks, as an XML 1.0 parser must (and saxes did): every character is one XML allows;
 * names are XML names; start and end tags match; attributes are quoted, separated by white space,
 * unique, free of `<`, and their references are defined; character data holds no `]]>` and only
 * the five predefined entities or character references to allowed characters; comments hold no
 * `--`; only white space, comments and processing instructions stand outside the root element;
 * an XML declaration stands only at the start and declares version 1.0.
 *
 * Safety: a DOCTYPE before the root stops reading at once (`dtd-forbidden`): nothing of it is
 * interpreted, so no DTD, external entity or entity expansion exists here at all. Nesting is
 * bounded by `maxDepth` (an explicit stack, no recursion); kept text is bounded per element and per
 * document exactly as in the reference reader.
 *
 * Differences from saxes, all refusals either way: documents declaring XML 1.1 are refused
 * (`malformed-xml`; eForms is XML 1.0); where a document has two faults, the one reported may
 * differ in wording, not in code (a differential test checks the codes).
 */

/** Thrown inside the scanner to stop at once; never escapes {@link scanXmlTree}. */
class ScanStop {
  constructor(
    readonly code: XmlReadErrorCode | 'root-rejected',
    readonly message: string,
  ) {}
}

const malformed = (message: string): ScanStop => new ScanStop('malformed-xml', message);

/**
 * Characters XML 1.0 forbids, in valid UTF-8 read byte by byte (Latin-1): C0 controls but tab, line
 * feed and carriage return, and U+FFFE and U+FFFF (EF BF BE, EF BF BF). UTF-8 itself is checked
 * first, so surrogates cannot occur.
 */
// eslint-disable-next-line no-control-regex -- matching the control characters XML forbids is the point
const FORBIDDEN_CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** A byte that is part of a multi-byte UTF-8 sequence. */
const NON_ASCII = /[\x80-\xFF]/g;
const BOM = [0xef, 0xbb, 0xbf] as const;

/** Index of the first character XML 1.0 does not allow (in bytes), or the length when there is none. */
function firstForbiddenByte(bytes: string): number {
  let first = FORBIDDEN_CONTROL.exec(bytes)?.index ?? bytes.length;
  for (const nonCharacter of ['\xEF\xBF\xBE', '\xEF\xBF\xBF']) {
    const at = bytes.indexOf(nonCharacter);
    if (at >= 0 && at < first) first = at;
  }
  return first;
}

/**
 * UTF-8 bytes of a notice given as a string (tests, the CLI's text input): a byte order mark is
 * dropped, and a lone surrogate (which UTF-8 cannot carry) becomes U+FFFF, a character XML forbids,
 * so the document is refused at the same place as before.
 */
function bytesOfString(input: string): Buffer {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  return Buffer.from(text.replace(LONE_SURROGATE, '\uFFFF'), 'utf8');
}

// Name characters: 1 may start a name, 2 only continue one (ASCII); other code units take the slow path.
const NAME_CLASS = new Uint8Array(128);
for (let code = 0; code < 128; code += 1) {
  const char = String.fromCharCode(code);
  if (/[A-Za-z_:]/.test(char)) NAME_CLASS[code] = 1;
  else if (/[0-9.-]/.test(char)) NAME_CLASS[code] = 2;
}
const XML_NAME =
  // eslint-disable-next-line no-misleading-character-class -- XML 1.0 Name: ZWNJ/ZWJ and combining marks are name characters on their own
  /^[:A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}][:A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}\-.0-9\u00B7\u0300-\u036F\u203F\u2040]*$/u;

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const AMPERSAND = 0x26;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

const isSpace = (code: number): boolean => code === SPACE || code === LF || code === TAB || code === CR;

const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isXmlCharacter(code: number): boolean {
  return (
    code === TAB ||
    code === LF ||
    code === CR ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** The value of `&name;` (name without `&` and `;`): a predefined entity or a character reference. */
function entityValue(name: string): string {
  if (name.charCodeAt(0) !== 0x23 /* # */) {
    const value = PREDEFINED_ENTITIES[name];
    if (value === undefined || !Object.hasOwn(PREDEFINED_ENTITIES, name)) {
      throw malformed(name === '' ? 'empty entity name' : `undefined entity &${name.slice(0, 40)};`);
    }
    return value;
  }
  let code = Number.NaN;
  if (/^#x[0-9a-fA-F]+$/.test(name)) code = parseInt(name.slice(2), 16);
  else if (/^#[0-9]+$/.test(name)) code = parseInt(name.slice(1), 10);
  if (!isXmlCharacter(code)) throw malformed(`malformed character reference &${name.slice(0, 40)};`);
  return String.fromCodePoint(code);
}


/** In-scope namespace bindings plus a cache of canonical names resolved under them (one per read). */
interface Scope {
  readonly uriByPrefix: ReadonlyMap<string, string>;
  readonly canonicalByQName: Map<string, string>;
  /** ASCII qualified names by a hash of their characters, so a name seen before is resolved without slicing it. */
  readonly byHash: Map<number, { qName: string; canonical: string }>;
}

function canonicalNameIn(scope: Scope, qName: string): string {
  const cached = scope.canonicalByQName.get(qName);
  if (cached !== undefined) return cached;
  const colon = qName.indexOf(':');
  const prefix = colon < 0 ? '' : qName.slice(0, colon);
  const local = colon < 0 ? qName : qName.slice(colon + 1);
  const uri = scope.uriByPrefix.get(prefix) ?? (prefix === '' ? '' : undefined);
  if (uri === undefined) throw malformed(`unbound namespace prefix ${prefix} on <${qName}>`);
  const canonicalPrefix = CANONICAL_PREFIX_BY_URI.get(uri);
  const canonical = canonicalPrefix === undefined ? `{${uri}}${local}` : `${canonicalPrefix}:${local}`;
  scope.canonicalByQName.set(qName, canonical);
  return canonical;
}

/**
 * Element names resolved under the same namespace bindings are shared between documents: eForms
 * notices declare the same prefixes for the same URIs, so most names are found without being
 * sliced or resolved again. Bounded (binding sets and names per set); the strings kept are flat
 * copies, so no document stays in memory through them.
 */
const MAX_BINDING_SETS = 64;
const MAX_CACHED_NAMES = 4096;
const namesByBindings = new Map<string, Map<number, { qName: string; canonical: string }>>();

function sharedNameCache(bindings: ReadonlyMap<string, string>): Map<number, { qName: string; canonical: string }> {
  let key = '';
  for (const [prefix, uri] of bindings) key += `${prefix}\u0000${uri}\u0001`;
  const found = namesByBindings.get(key);
  if (found !== undefined) return found;
  const names = new Map<number, { qName: string; canonical: string }>();
  if (namesByBindings.size < MAX_BINDING_SETS) namesByBindings.set(flat(key), names);
  return names;
}

/** A flat copy of `value` that shares no memory with the document it was cut from. */
function flat(value: string): string {
  return value.length < 13 ? value : (' ' + value).slice(1);
}

/** `<?xml version="1.0" encoding="…" standalone="…"?>` at the very start. */
const XML_DECLARATION =
  /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.0\1(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])([A-Za-z][A-Za-z0-9._-]*)\2)?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(?:yes|no)\4)?[ \t\r\n]*\?>/;

/**
 * Reads a notice (UTF-8 bytes, or a string) into an element tree, or explains why it refused.
 * Never throws for bad input.
 *
 * The bytes are read as Latin-1, one character per byte, which V8 copies far faster than it decodes
 * UTF-8; all markup is ASCII, so positions are byte offsets, and only the text and attribute values
 * kept are decoded from UTF-8 (pure-ASCII ones are plain slices).
 */
export function scanXmlTree(input: Uint8Array | string, options: XmlReadOptions): XmlReadResult {
  let bytes: Buffer;
  if (typeof input === 'string') {
    bytes = bytesOfString(input);
  } else {
    bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    if (!isUtf8(bytes)) return { ok: false, code: 'invalid-encoding', message: 'input is not valid UTF-8' };
    if (bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2]) bytes = bytes.subarray(3);
  }
  const xml = bytes.toString('latin1');
  const forbiddenAt = firstForbiddenByte(xml);
  try {
    const root = scan(xml, bytes, options, forbiddenAt);
    if (forbiddenAt < xml.length) return { ok: false, code: 'malformed-xml', message: `disallowed character at offset ${forbiddenAt}` };
    return { ok: true, root };
  } catch (error) {
    if (!(error instanceof ScanStop)) throw error;
    return { ok: false, code: error.code, message: error.message };
  }
}

/** `xml` is `bytes` read as Latin-1. */
function scan(xml: string, bytes: Buffer, options: XmlReadOptions, forbiddenAt: number): XmlElement {
  const { maxDepth, keep, acceptRoot } = options;
  const maxElementText = options.maxElementText ?? DEFAULT_MAX_ELEMENT_TEXT;
  const maxDocumentText = options.maxDocumentText ?? DEFAULT_MAX_DOCUMENT_TEXT;
  const length = xml.length;

  /** A stop that is not `malformed-xml` at `at`: a disallowed character before it is reported instead, as saxes would have met it first. */
  const stopAt = (at: number, code: XmlReadErrorCode | 'root-rejected', message: string): ScanStop =>
    forbiddenAt < at ? malformed(`disallowed character at offset ${forbiddenAt}`) : new ScanStop(code, message);

  // Next occurrence at or after a position, searched again only when passed (each is found once).
  let nextLt = -1;
  let nextAmp = -1;
  let nextCr = -1;
  let nextCdataEnd = -1;
  const ltFrom = (from: number): number => {
    if (nextLt < from && nextLt !== length) nextLt = indexOrLength(xml, '<', from);
    return nextLt;
  };
  const ampFrom = (from: number): number => {
    if (nextAmp < from && nextAmp !== length) nextAmp = indexOrLength(xml, '&', from);
    return nextAmp;
  };
  const crFrom = (from: number): number => {
    if (nextCr < from && nextCr !== length) nextCr = indexOrLength(xml, '\r', from);
    return nextCr;
  };
  const cdataEndFrom = (from: number): number => {
    if (nextCdataEnd < from && nextCdataEnd !== length) nextCdataEnd = indexOrLength(xml, ']]>', from);
    return nextCdataEnd;
  };

  let nextNonAscii = -1;
  /** The characters of bytes `[start, end)`: a slice when they are ASCII, else decoded from UTF-8. */
  const text = (start: number, end: number): string => {
    if (nextNonAscii < start && nextNonAscii !== length) {
      NON_ASCII.lastIndex = start;
      nextNonAscii = NON_ASCII.exec(xml)?.index ?? length;
    }
    return nextNonAscii < end ? bytes.toString('utf8', start, end) : xml.slice(start, end);
  };

  /**
   * Bytes `[start, end)` as character data or an attribute value: references replaced, line ends
   * normalised to `\n` (and, in attribute values, `\n`, `\r\n`, `\r` and tab to a space, as XML
   * requires). Throws for a reference that is undefined or unterminated.
   */
  const decodeRange = (start: number, end: number, attribute: boolean): string => {
    let out = '';
    let from = start;
    for (let at = start; at < end; at += 1) {
      const code = xml.charCodeAt(at);
      if (code === AMPERSAND) {
        const semicolon = xml.indexOf(';', at + 1);
        if (semicolon < 0 || semicolon >= end) throw malformed('unterminated entity reference');
        out += text(from, at) + entityValue(text(at + 1, semicolon));
        at = semicolon;
        from = semicolon + 1;
      } else if (code === CR) {
        out += text(from, at) + (attribute ? ' ' : '\n');
        if (xml.charCodeAt(at + 1) === LF && at + 1 < end) at += 1;
        from = at + 1;
      } else if (attribute && (code === LF || code === TAB)) {
        out += `${text(from, at)} `;
        from = at + 1;
      }
    }
    return from === start ? text(start, end) : out + text(from, end);
  };

  // Open elements: where each name is in `xml`, to match end tags without slicing.
  const nameStarts: number[] = [];
  const nameEnds: number[] = [];
  let depth = 0;
  let sawRoot = false;
  /** Depth of the outermost skipped element, 0 when not skipping. */
  let skippedAt = 0;
  const initialScope: Scope = { uriByPrefix: new Map([['xml', XML_NAMESPACE]]), canonicalByQName: new Map(), byHash: new Map() };
  const scopes: Scope[] = [initialScope];
  const elements: XmlElement[] = [];
  let root: XmlElement | undefined;
  let current: XmlElement | undefined;
  let keptText = 0;

  // Attributes of the tag being read: name and value ranges, reused between tags.
  const attributeRanges: number[] = [];
  let attributeCount = 0;
  let attributeNeedsDecoding = 0;
  const manyNames = new Set<string>();

  const appendText = (piece: string): void => {
    let text = piece;
    const element = current!;
    if (element.text.length + text.length > maxElementText) {
      // Bounded memory whatever the input (issue 8): values are trimmed, so leading blanks go first.
      if (element.text.trim() === '') {
        element.text = '';
        text = text.trimStart();
      }
      text = text.slice(0, Math.max(0, maxElementText - element.text.length));
    }
    element.text += text;
  };

  /** Character data in `xml[start, end)` (no markup inside). */
  const readText = (start: number, end: number): void => {
    if (depth === 0) {
      for (let at = start; at < end; at += 1) {
        if (!isSpace(xml.charCodeAt(at))) throw malformed('text data outside of the root element');
      }
      return;
    }
    if (cdataEndFrom(start) < end) throw malformed('the string "]]>" is not allowed in character data');
    const hasReference = ampFrom(start) < end;
    if (skippedAt === 0 && current !== undefined && current.children.length === 0) {
      appendText(hasReference || crFrom(start) < end ? decodeRange(start, end, false) : text(start, end));
    } else if (hasReference) {
      decodeRange(start, end, false); // checks the references of text nobody keeps
    }
  };

  /** Reads a name starting at `start`; returns where it ends. */
  /** Hash of the last name read when it is ASCII (for the element name cache), else -1. */
  let nameHash = -1;
  const readName = (start: number, what: string): number => {
    const first = xml.charCodeAt(start);
    if (!(first < 128 ? NAME_CLASS[first] === 1 : first >= 0xc0)) throw malformed(`invalid ${what} at offset ${start}`);
    let at = start + 1;
    let ascii = first < 128;
    let hash = first;
    for (;;) {
      const code = xml.charCodeAt(at);
      if (code < 128) {
        if (NAME_CLASS[code] === 0) break;
        hash = (Math.imul(hash, 31) + code) | 0;
      } else if (Number.isNaN(code)) {
        break;
      } else {
        ascii = false;
      }
      at += 1;
    }
    if (!ascii && !XML_NAME.test(text(start, at))) throw malformed(`invalid ${what} at offset ${start}`);
    nameHash = ascii ? hash & 0x3fffffff : -1;
    return at;
  };

  /** The canonical name of the element named by bytes `[start, end)` in `scope`, from the scope's cache when it was seen before. */
  const elementName = (scope: Scope, start: number, end: number, hash: number): string => {
    const cached = hash < 0 ? undefined : scope.byHash.get(hash);
    if (cached !== undefined && cached.qName.length === end - start) {
      let same = true;
      for (let offset = 0; offset < end - start; offset += 1) {
        if (cached.qName.charCodeAt(offset) !== xml.charCodeAt(start + offset)) {
          same = false;
          break;
        }
      }
      if (same) return cached.canonical;
    }
    const qName = text(start, end);
    const canonical = canonicalNameIn(scope, qName);
    if (hash >= 0 && scope.byHash.size < MAX_CACHED_NAMES) scope.byHash.set(hash, { qName: flat(qName), canonical: flat(canonical) });
    return canonical;
  };

  const sameRange = (aStart: number, aEnd: number, bStart: number, bEnd: number): boolean => {
    if (aEnd - aStart !== bEnd - bStart) return false;
    for (let offset = 0; offset < aEnd - aStart; offset += 1) {
      if (xml.charCodeAt(aStart + offset) !== xml.charCodeAt(bStart + offset)) return false;
    }
    return true;
  };

  /** Reads the attributes and the end of a start tag from `at` (just after the name); returns the position after `>` and whether it was `/>`. */
  let selfClosing = false;
  const readAttributes = (start: number): number => {
    attributeCount = 0;
    attributeNeedsDecoding = 0;
    let at = start;
    for (;;) {
      const before = at;
      while (isSpace(xml.charCodeAt(at))) at += 1;
      const code = xml.charCodeAt(at);
      if (code === GT) {
        selfClosing = false;
        return at + 1;
      }
      if (code === SLASH) {
        if (xml.charCodeAt(at + 1) !== GT) throw malformed(`expected > after / at offset ${at}`);
        selfClosing = true;
        return at + 2;
      }
      if (Number.isNaN(code)) throw malformed('unexpected end inside a start tag');
      if (at === before) throw malformed(`white space required between attributes at offset ${at}`);
      const nameStart = at;
      const nameEnd = readName(at, 'attribute name');
      at = nameEnd;
      while (isSpace(xml.charCodeAt(at))) at += 1;
      if (xml.charCodeAt(at) !== EQUALS) throw malformed(`expected = after an attribute name at offset ${at}`);
      at += 1;
      while (isSpace(xml.charCodeAt(at))) at += 1;
      const quote = xml.charCodeAt(at);
      if (quote !== QUOTE && quote !== APOSTROPHE) throw malformed(`attribute value not quoted at offset ${at}`);
      const valueStart = at + 1;
      const valueEnd = xml.indexOf(quote === QUOTE ? '"' : "'", valueStart);
      if (valueEnd < 0) throw malformed('unterminated attribute value');
      if (ltFrom(valueStart) < valueEnd) throw malformed(`< in an attribute value at offset ${nextLt}`);
      let needsDecoding = ampFrom(valueStart) < valueEnd;
      if (needsDecoding) decodeRange(valueStart, valueEnd, true); // undefined references refuse the document
      else {
        for (let index = valueStart; index < valueEnd; index += 1) {
          const valueCode = xml.charCodeAt(index);
          if (valueCode === LF || valueCode === CR || valueCode === TAB) {
            needsDecoding = true;
            break;
          }
        }
      }
      if (attributeCount < MANY_ATTRIBUTES) {
        for (let other = 0; other < attributeCount; other += 1) {
          const base = other * 4;
          if (sameRange(attributeRanges[base]!, attributeRanges[base + 1]!, nameStart, nameEnd)) {
            throw malformed(`duplicate attribute ${text(nameStart, nameEnd)}`);
          }
        }
      } else {
        // A tag with very many attributes (hostile input) is checked through a set, in linear time.
        if (attributeCount === MANY_ATTRIBUTES) {
          manyNames.clear();
          for (let other = 0; other < attributeCount; other += 1) manyNames.add(xml.slice(attributeRanges[other * 4]!, attributeRanges[other * 4 + 1]!));
        }
        const name = xml.slice(nameStart, nameEnd);
        if (manyNames.has(name)) throw malformed(`duplicate attribute ${text(nameStart, nameEnd)}`);
        manyNames.add(name);
      }
      const base = attributeCount * 4;
      attributeRanges[base] = nameStart;
      attributeRanges[base + 1] = nameEnd;
      attributeRanges[base + 2] = valueStart;
      attributeRanges[base + 3] = valueEnd;
      if (needsDecoding) attributeNeedsDecoding |= 1 << Math.min(attributeCount, 30);
      attributeCount += 1;
      at = valueEnd + 1;
    }
  };

  const attributeValue = (index: number): string => {
    const base = index * 4;
    const start = attributeRanges[base + 2]!;
    const end = attributeRanges[base + 3]!;
    return (attributeNeedsDecoding & (1 << Math.min(index, 30))) !== 0 ? decodeRange(start, end, true) : text(start, end);
  };

  /** A new scope if the tag declares namespaces, else the parent's (the common case: declarations sit on the root). */
  const scopeOfTag = (parent: Scope): Scope => {
    let bindings: Map<string, string> | undefined;
    for (let index = 0; index < attributeCount; index += 1) {
      const base = index * 4;
      const nameStart = attributeRanges[base]!;
      const nameEnd = attributeRanges[base + 1]!;
      if (!xml.startsWith('xmlns', nameStart)) continue;
      let prefix: string;
      if (nameEnd - nameStart === 5) prefix = '';
      else if (xml.charCodeAt(nameStart + 5) === 0x3a /* : */) prefix = text(nameStart + 6, nameEnd);
      else continue;
      const uri = attributeValue(index);
      if (prefix !== '' && uri === '') throw malformed(`prefix ${prefix} bound to an empty namespace`);
      if (prefix === 'xml' && uri !== XML_NAMESPACE) throw malformed('xml prefix rebound');
      bindings ??= new Map(parent.uriByPrefix);
      bindings.set(prefix, uri);
    }
    return bindings === undefined ? parent : { uriByPrefix: bindings, canonicalByQName: new Map(), byHash: sharedNameCache(bindings) };
  };

  const attributesOfTag = (): Record<string, string> => {
    const attributes: Record<string, string> = {};
    for (let index = 0; index < attributeCount; index += 1) {
      const base = index * 4;
      attributes[text(attributeRanges[base]!, attributeRanges[base + 1]!)] = attributeValue(index);
    }
    return attributes;
  };

  const closeElement = (): void => {
    if (skippedAt === 0) {
      const closing = current!;
      if (closing.children.length === 0) {
        keptText += closing.text.length;
        if (keptText > maxDocumentText) throw stopAt(at, 'too-much-text', `more than ${maxDocumentText} characters of text in the elements read`);
      }
      scopes.pop();
      elements.pop();
      current = elements[elements.length - 1];
    } else if (depth === skippedAt) {
      scopes.pop();
      skippedAt = 0;
    }
    depth -= 1;
    nameStarts.pop();
    nameEnds.pop();
  };

  let at = 0;
  const declaration = xml.startsWith('<?xml') ? XML_DECLARATION.exec(xml.slice(0, 300)) : null;
  if (declaration !== null) {
    const encoding = declaration[3];
    if (encoding !== undefined && encoding.toLowerCase() !== 'utf-8') {
      throw stopAt(declaration[0].length, 'invalid-encoding', `declared encoding ${encoding} is not UTF-8`);
    }
    at = declaration[0].length;
  }

  for (;;) {
    const lt = ltFrom(at);
    if (lt > at) readText(at, lt);
    if (lt === length) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === SLASH) {
      // End tag: must name the open element.
      if (depth === 0) throw malformed(`end tag without a start tag at offset ${lt}`);
      const openStart = nameStarts[depth - 1]!;
      const openEnd = nameEnds[depth - 1]!;
      const nameEnd = lt + 2 + (openEnd - openStart);
      if (!sameRange(lt + 2, nameEnd, openStart, openEnd)) throw malformed(`end tag does not match <${text(openStart, openEnd)}> at offset ${lt}`);
      at = nameEnd;
      while (isSpace(xml.charCodeAt(at))) at += 1;
      if (xml.charCodeAt(at) !== GT) throw malformed(`end tag does not match <${text(openStart, openEnd)}> at offset ${lt}`);
      at += 1;
      closeElement();
      if (depth === 0) sawRoot = true;
    } else if (next === BANG) {
      if (xml.startsWith('--', lt + 2)) {
        const end = xml.indexOf('-->', lt + 4);
        if (end < 0) throw malformed('unterminated comment');
        if (xml.indexOf('--', lt + 4) < end) throw malformed(`-- inside a comment at offset ${lt}`);
        at = end + 3;
      } else if (xml.startsWith('[CDATA[', lt + 2)) {
        if (depth === 0) throw malformed('CDATA section outside of the root element');
        const end = cdataEndFrom(lt + 9);
        if (end === length) throw malformed('unterminated CDATA section');
        if (skippedAt === 0 && current !== undefined && current.children.length === 0) {
          const content = text(lt + 9, end);
          appendText(crFrom(lt + 9) < end ? content.replace(/\r\n?/g, '\n') : content);
        }
        at = end + 3;
      } else if (xml.startsWith('DOCTYPE', lt + 2) && depth === 0 && !sawRoot && isSpace(xml.charCodeAt(lt + 9))) {
        // Refused before anything in it is interpreted; find its end only to report a disallowed character in it first.
        throw stopAt(doctypeEnd(xml, lt + 9), 'dtd-forbidden', 'DOCTYPE declarations are not allowed in eForms notices');
      } else {
        throw malformed(`unexpected markup at offset ${lt}`);
      }
    } else if (next === QUESTION) {
      const targetEnd = readName(lt + 2, 'processing instruction target');
      if (targetEnd - (lt + 2) === 3 && xml.slice(lt + 2, targetEnd).toLowerCase() === 'xml') {
        throw malformed(`XML declaration not at the start of the document (offset ${lt})`);
      }
      const end = xml.indexOf('?>', targetEnd);
      if (end < 0) throw malformed('unterminated processing instruction');
      if (end !== targetEnd && !isSpace(xml.charCodeAt(targetEnd))) throw malformed(`invalid processing instruction at offset ${lt}`);
      at = end + 2;
    } else {
      // Start tag.
      if (sawRoot && depth === 0) throw malformed(`a second root element at offset ${lt}`);
      const nameStart = lt + 1;
      const nameEnd = readName(nameStart, 'element name');
      const elementHash = nameHash;
      const afterName = xml.charCodeAt(nameEnd);
      if (!(isSpace(afterName) || afterName === GT || afterName === SLASH)) throw malformed(`invalid element name at offset ${nameStart}`);
      at = readAttributes(nameEnd);
      depth += 1;
      if (depth > maxDepth) throw stopAt(at, 'too-deep', `element nesting deeper than ${maxDepth}`);
      nameStarts.push(nameStart);
      nameEnds.push(nameEnd);
      if (skippedAt === 0) {
        // Inside a skipped subtree nothing is resolved: its names cannot affect what we read.
        const scope = scopeOfTag(scopes[scopes.length - 1]!);
        scopes.push(scope);
        const name = elementName(scope, nameStart, nameEnd, elementHash);
        if (current === undefined) {
          if (acceptRoot !== undefined && !acceptRoot(name)) throw stopAt(at, 'root-rejected', name);
        } else if (keep !== undefined && !keep.has(name)) {
          skippedAt = depth;
        }
        if (skippedAt === 0) {
          const element: XmlElement = { name, attributes: attributeCount === 0 ? EMPTY_ATTRIBUTES : attributesOfTag(), text: '', children: [] };
          if (current === undefined) {
            root = element;
          } else {
            if (current.children.length === 0) current.text = '';
            current.children.push(element);
          }
          elements.push(element);
          current = element;
        }
      }
      if (selfClosing) {
        closeElement();
        if (depth === 0) sawRoot = true;
      }
    }
  }
  if (depth !== 0) throw malformed(`unexpected end of document inside <${text(nameStarts[depth - 1]!, nameEnds[depth - 1]!)}>`);
  if (root === undefined) throw malformed('no root element');
  return root;
}

/** From this many attributes on one tag, duplicates are found with a set instead of pairwise. */
const MANY_ATTRIBUTES = 16;

const EMPTY_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze({});

function indexOrLength(xml: string, search: string, from: number): number {
  const found = xml.indexOf(search, from);
  return found < 0 ? xml.length : found;
}

/** Position after the `>` that ends a DOCTYPE declaration starting before `from` (quotes and an internal subset skipped), or the end. */
function doctypeEnd(xml: string, from: number): number {
  let quote = 0;
  let inSubset = false;
  for (let at = from; at < xml.length; at += 1) {
    const code = xml.charCodeAt(at);
    if (quote !== 0) {
      if (code === quote) quote = 0;
    } else if (code === QUOTE || code === APOSTROPHE) {
      quote = code;
    } else if (code === OPEN_BRACKET) {
      inSubset = true;
    } else if (code === CLOSE_BRACKET) {
      inSubset = false;
    } else if (code === GT && !inSubset) {
      return at + 1;
    }
  }
  throw malformed('unterminated DOCTYPE declaration');
}
