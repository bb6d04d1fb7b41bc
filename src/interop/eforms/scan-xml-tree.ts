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
 * The eForms notice reader (decisions 0901 and 0904): one pass over the document's UTF-8 bytes,
 * each byte looked at once through a table of byte classes, materialising only the elements in
 * `keep`, with the same result and the same refusals as the saxes reader it replaced
 * ({@link readXmlTree}, kept as the reference a differential test compares against).
 *
 * What it checks, as an XML 1.0 parser must (and saxes did): every character is one XML allows;
 * names are XML names; start and end tags match; attributes are quoted, separated by white space,
 * unique, free of `<`, and their references are defined; character data holds no `]]>` and only
 * the five predefined entities or character references to allowed characters; comments hold no
 * `--`; only white space, comments and processing instructions stand outside the root element;
 * an XML declaration stands only at the start and declares version 1.0.
 *
 * Characters XML forbids (C0 controls but tab, line feed and carriage return; U+FFFE and U+FFFF)
 * are found by the same loops that read text, attribute values, names, comments and the rest, so
 * every byte before the current position has been checked: a refusal that is not `malformed-xml`
 * (too deep, DOCTYPE, too much text, root rejected) can only be reported when no disallowed
 * character came before it, as saxes, which reads strictly in order, did.
 *
 * Safety: a DOCTYPE before the root stops reading at once (`dtd-forbidden`): nothing of it is
 * interpreted, so no DTD, external entity or entity expansion exists here at all. Nesting is
 * bounded by `maxDepth`; kept text is bounded per element and per document exactly as in the
 * reference reader.
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
const disallowed = (at: number): ScanStop => malformed(`disallowed character at offset ${at}`);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const BOM = [0xef, 0xbb, 0xbf] as const;

/**
 * UTF-8 bytes of a notice given as a string (tests, the CLI's text input): a byte order mark is
 * dropped, and a lone surrogate (which UTF-8 cannot carry) becomes U+FFFF, a character XML forbids,
 * so the document is refused at the same place as before.
 */
function bytesOfString(input: string): Buffer {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  return Buffer.from(text.replace(LONE_SURROGATE, '\uFFFF'), 'utf8');
}

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const AMPERSAND = 0x26;
const SEMICOLON = 0x3b;
const HASH = 0x23;
const DASH = 0x2d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
/** First byte of U+FFFE and U+FFFF (EF BF BE, EF BF BF), the two non-characters of the BMP XML forbids. */
const EF = 0xef;

// Byte classes, so that each loop below tests one table entry per byte. Bytes from 0x80 are parts
// of multi-byte UTF-8 sequences (validity is checked first, with `isUtf8`).
/** May start an ASCII name. */
const NAME_START = 1;
/** May continue an ASCII name. */
const NAME_PART = 2;
const WHITE = 4;
/** Ends a plain run of character data: `<`, `&`, CR, `]`, a disallowed control, any non-ASCII byte. */
const TEXT_STOP = 8;
/** Ends a plain run of an attribute value: quotes, `<`, `&`, tab, LF, CR, a disallowed control, any non-ASCII byte. */
const VALUE_STOP = 16;
/** A C0 control XML 1.0 forbids (all but tab, LF and CR). */
const CONTROL = 32;

const BYTE_CLASS = new Uint8Array(256);
for (let code = 0; code < 256; code += 1) {
  const char = String.fromCharCode(code);
  let byteClass = 0;
  if (/[A-Za-z_:]/.test(char)) byteClass |= NAME_START | NAME_PART;
  if (/[0-9.-]/.test(char)) byteClass |= NAME_PART;
  if (code === SPACE || code === TAB || code === LF || code === CR) byteClass |= WHITE;
  if (code < 0x20 && byteClass === 0) byteClass |= CONTROL | TEXT_STOP | VALUE_STOP;
  if (code >= 0x80 || code === LT || code === AMPERSAND || code === CR || code === CLOSE_BRACKET) byteClass |= TEXT_STOP;
  if (code >= 0x80 || code === LT || code === AMPERSAND || code === QUOTE || code === APOSTROPHE || code === TAB || code === LF || code === CR) {
    byteClass |= VALUE_STOP;
  }
  BYTE_CLASS[code] = byteClass;
}

const XML_NAME =
  // eslint-disable-next-line no-misleading-character-class -- XML 1.0 Name: ZWNJ/ZWJ and combining marks are name characters on their own
  /^[:A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}][:A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}\-.0-9\u00B7\u0300-\u036F\u203F\u2040]*$/u;

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

/** The value of `&name;` (name without `&` and `;`), which {@link Scanner.referenceEnd} has checked: a predefined entity or a character reference. */
function entityValue(name: string): string {
  if (name.charCodeAt(0) !== HASH) return PREDEFINED_ENTITIES[name]!;
  return String.fromCodePoint(name.charCodeAt(1) === 0x78 /* x */ ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
}

/** Value of a hexadecimal digit byte, or -1. */
function hexDigit(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/** In-scope namespace bindings plus a cache of canonical names resolved under them (one per read). */
interface Scope {
  readonly uriByPrefix: ReadonlyMap<string, string>;
  readonly canonicalByQName: Map<string, string>;
  /** ASCII qualified names by a hash of their bytes, so a name seen before is resolved without slicing it. */
  readonly byHash: Map<number, CachedName>;
  /** Whether {@link byHash} is shared between documents (and counts against {@link MAX_CACHED_NAMES}). */
  readonly shared: boolean;
}

interface CachedName {
  /** The qualified name's bytes (ASCII; a copy, so no document stays in memory), compared with the document's bytes. */
  readonly qName: Uint8Array;
  readonly canonical: string;
  /** The `keep` set {@link kept} was last looked up in, so most elements skip the set lookup. */
  keptBy: ReadonlySet<string> | undefined;
  kept: boolean;
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
 * sliced or resolved again. What is kept are copies, so no document stays in memory through them,
 * and it is bounded whatever the input: at most 64 binding sets of up to 4,096 characters, and
 * 16,384 element names in all (and as many attribute names), each at most 256 bytes with a canonical
 * name of at most 512 characters (a few tens of megabytes at worst; real notices use a few hundred
 * names under one or two binding sets). Longer names are resolved, just not cached.
 */
const MAX_BINDING_SETS = 64;
const MAX_CACHED_BINDINGS = 4096;
const MAX_CACHED_NAMES = 16_384;
const MAX_CACHED_NAME_BYTES = 256;
const MAX_CACHED_CANONICAL_NAME = 512;
let cachedElementNames = 0;
const namesByBindings = new Map<string, Map<number, CachedName>>();

/** The shared name cache of a set of bindings, or undefined when it may not have one. */
function sharedNameCache(bindings: ReadonlyMap<string, string>): Map<number, CachedName> | undefined {
  let key = '';
  for (const [prefix, uri] of bindings) key += `${prefix}\u0000${uri}\u0001`;
  const found = namesByBindings.get(key);
  if (found !== undefined || namesByBindings.size >= MAX_BINDING_SETS || key.length > MAX_CACHED_BINDINGS) return found;
  const names = new Map<number, CachedName>();
  namesByBindings.set(flat(key), names);
  return names;
}

function scopeWith(uriByPrefix: ReadonlyMap<string, string>, shared: Map<number, CachedName> | undefined): Scope {
  return { uriByPrefix, canonicalByQName: new Map(), byHash: shared ?? new Map(), shared: shared !== undefined };
}

/** Attribute names (ASCII) by a hash of their bytes, shared between documents like element names; bounded. */
const attributeNames = new Map<number, string>();

/**
 * `value` as V8's internalized string of the same characters (the one the string literals in the
 * extraction code are), so comparing names with those literals is a pointer comparison. Property
 * keys are internalized; used only when a name enters a cache.
 */
function internalized(value: string): string {
  return Object.keys({ [value]: true })[0]!;
}

/** A flat copy of `value` that shares no memory with the document it was cut from. */
function flat(value: string): string {
  return value.length < 13 ? value : (' ' + value).slice(1);
}

/** `<?xml version="1.0" encoding="…" standalone="…"?>` at the very start. */
const XML_DECLARATION =
  /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.0\1(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])([A-Za-z][A-Za-z0-9._-]*)\2)?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(?:yes|no)\4)?[ \t\r\n]*\?>/;

/**
 * Up to this size the whole document is also read as a Latin-1 string once, so the text kept is
 * cut from it (a slice costs a few nanoseconds, a Buffer decode call about a hundred). Longer
 * documents are not: V8 places strings over 128 kB in its large-object space, and making one cost
 * more than scanning the document (measured: ≈ 3 ms for the 1.7 MB 100-lot notice).
 */
const MAX_STRING_COPY = 100_000;

/**
 * Reads a notice (UTF-8 bytes, or a string) into an element tree, or explains why it refused.
 * Never throws for bad input.
 *
 * All markup is ASCII, so the scanner works on the bytes: positions are byte offsets, and only the
 * text and attribute values kept are decoded from UTF-8 (pure-ASCII ones are Latin-1 slices).
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
  try {
    return { ok: true, root: new Scanner(bytes, options).read() };
  } catch (error) {
    if (!(error instanceof ScanStop)) throw error;
    return { ok: false, code: error.code, message: error.message };
  }
}

/** Flags of a run of text or of an attribute value. */
const HAS_REFERENCE = 1;
const HAS_LINE_END = 2;
const NON_ASCII = 4;
/** An attribute value with a reference, tab, LF or CR: decoded, not sliced. */
const NEEDS_DECODING = 8;

/** From this many attributes on one tag, duplicates are found with a set instead of pairwise. */
const MANY_ATTRIBUTES = 16;
/** Numbers kept per attribute of the tag being read: name start, name end, value start, value end, flags, name hash. */
const ATTRIBUTE_STRIDE = 6;

const EMPTY_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze({});
const NO_BYTES = new Uint8Array(0);

/**
 * One read of one document. A class (not closures) so the hot methods are monomorphic and V8
 * inlines them into the main loop.
 */
class Scanner {
  private readonly bytes: Buffer;
  /** The document as Latin-1 (one character per byte) when it is small; see {@link MAX_STRING_COPY}. */
  private readonly latin1: string | undefined;
  private readonly length: number;
  private readonly maxDepth: number;
  private readonly keep: ReadonlySet<string> | undefined;
  private readonly acceptRoot: ((name: string) => boolean) | undefined;
  private readonly maxElementText: number;
  private readonly maxDocumentText: number;

  // Open elements: where each name is in the document, to match end tags without slicing.
  private readonly nameStarts: number[] = [];
  private readonly nameEnds: number[] = [];
  private depth = 0;
  private sawRoot = false;
  /** Depth of the outermost skipped element, 0 when not skipping. */
  private skippedAt = 0;
  private readonly scopes: Scope[];
  private readonly elements: XmlElement[] = [];
  private root: XmlElement | undefined;
  private current: XmlElement | undefined;
  private keptText = 0;
  /**
   * The first piece of text of the current element, not cut out yet: most kept elements hold only
   * child elements, and the white space between them is dropped when the first child starts.
   */
  private pendingStart = -1;
  private pendingEnd = -1;
  private pendingFlags = 0;
  /**
   * The element whose kept text has reached the per-element limit with more than white space:
   * its later pieces are dropped without being cut out (still checked by the scan), so text split
   * into many pieces past the limit costs nothing per piece.
   */
  private fullText: XmlElement | undefined;

  /** Hash of the last name read when it is ASCII (for the name caches), else -1. */
  private nameHash = -1;
  /** Whether the last start tag read ended with `/>`. */
  private selfClosing = false;
  /** Attributes of the tag being read ({@link ATTRIBUTE_STRIDE} numbers each), reused between tags. */
  private readonly attributeRanges: number[] = [];
  private attributeCount = 0;
  private readonly manyNames = new Set<string>();

  constructor(bytes: Buffer, options: XmlReadOptions) {
    this.bytes = bytes;
    this.length = bytes.length;
    this.latin1 = bytes.length <= MAX_STRING_COPY ? bytes.toString('latin1') : undefined;
    this.maxDepth = options.maxDepth;
    this.keep = options.keep;
    this.acceptRoot = options.acceptRoot;
    this.maxElementText = options.maxElementText ?? DEFAULT_MAX_ELEMENT_TEXT;
    this.maxDocumentText = options.maxDocumentText ?? DEFAULT_MAX_DOCUMENT_TEXT;
    this.scopes = [scopeWith(new Map([['xml', XML_NAMESPACE]]), undefined)];
  }

  read(): XmlElement {
    const bytes = this.bytes;
    let at = this.declarationEnd();
    for (;;) {
      const lt = this.depth === 0 ? this.outsideText(at) : this.text(at);
      if (lt === this.length) break;
      const next = bytes[lt + 1];
      if (next === SLASH) at = this.endTag(lt);
      else if (next === BANG) at = this.markup(lt);
      else if (next === QUESTION) at = this.processingInstruction(lt);
      else at = this.startTag(lt);
    }
    if (this.depth !== 0) {
      throw malformed(`unexpected end of document inside <${this.slice(this.nameStarts[this.depth - 1]!, this.nameEnds[this.depth - 1]!)}>`);
    }
    if (this.root === undefined) throw malformed('no root element');
    return this.root;
  }

  /** Position after the XML declaration, 0 when there is none. */
  private declarationEnd(): number {
    const bytes = this.bytes;
    // Only a document starting `<?xml` can have one; a start that does not match is read as a
    // processing instruction (and refused when its target is xml). Declarations are looked for in
    // the first 300 bytes, as before.
    if (!(bytes[0] === LT && bytes[1] === QUESTION && bytes[2] === 0x78 && bytes[3] === 0x6d && bytes[4] === 0x6c)) return 0;
    const head = this.latin1 === undefined ? bytes.toString('latin1', 0, Math.min(300, this.length)) : this.latin1.slice(0, 300);
    const declaration = XML_DECLARATION.exec(head);
    if (declaration === null) return 0;
    const encoding = declaration[3];
    if (encoding !== undefined && encoding.toLowerCase() !== 'utf-8') {
      throw new ScanStop('invalid-encoding', `declared encoding ${encoding} is not UTF-8`);
    }
    return declaration[0].length;
  }

  /** Outside the root element only white space may stand; returns the position of the next `<` (or the end). */
  private outsideText(start: number): number {
    const bytes = this.bytes;
    const length = this.length;
    let at = start;
    while (at < length) {
      const code = bytes[at]!;
      if (code === LT) return at;
      if ((BYTE_CLASS[code]! & WHITE) === 0) throw malformed('text data outside of the root element');
      at += 1;
    }
    return at;
  }

  /**
   * Character data from `start` up to the next `<` (or the end), whose position it returns:
   * references, `]]>` and disallowed characters are checked, and the text is kept when the current
   * element is read and has no child elements yet.
   */
  private text(start: number): number {
    const bytes = this.bytes;
    const length = this.length;
    let flags = 0;
    let at = start;
    while (at < length) {
      const code = bytes[at]!;
      if ((BYTE_CLASS[code]! & TEXT_STOP) === 0) {
        at += 1;
      } else if (code === LT) {
        break;
      } else if (code === AMPERSAND) {
        at = this.referenceEnd(at, LT);
        flags |= HAS_REFERENCE;
      } else if (code === CR) {
        flags |= HAS_LINE_END;
        at += 1;
      } else if (code === CLOSE_BRACKET) {
        if (bytes[at + 1] === CLOSE_BRACKET && bytes[at + 2] === GT) throw malformed('the string "]]>" is not allowed in character data');
        at += 1;
      } else if (code >= 0x80) {
        if (code === EF) this.checkNonCharacter(at);
        flags |= NON_ASCII;
        at += 1;
      } else {
        throw disallowed(at);
      }
    }
    if (at > start && this.skippedAt === 0 && this.current!.children.length === 0) this.addText(start, at, flags);
    return at;
  }

  /** U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters. */
  private checkNonCharacter(at: number): void {
    const bytes = this.bytes;
    if (bytes[at + 1] === 0xbf && (bytes[at + 2] === 0xbe || bytes[at + 2] === 0xbf)) throw disallowed(at);
  }

  /** Checks that bytes `[start, end)` (inside a comment, processing instruction, CDATA section or DOCTYPE) are all characters XML allows. */
  private checkCharacters(start: number, end: number): void {
    const bytes = this.bytes;
    for (let at = start; at < end; at += 1) {
      const code = bytes[at]!;
      if ((BYTE_CLASS[code]! & CONTROL) !== 0) throw disallowed(at);
      if (code === EF) this.checkNonCharacter(at);
    }
  }

  /**
   * Checks the reference `&…;` at `at` (a predefined entity or a character reference to an allowed
   * character; nothing else is defined, there being no DTD) and returns the position after it.
   * `stop` (`<`, or the quote of an attribute value) ends the text it may stand in.
   */
  private referenceEnd(at: number, stop: number): number {
    const bytes = this.bytes;
    let end = at + 1;
    while (end < this.length && bytes[end] !== SEMICOLON && bytes[end] !== stop) end += 1;
    if (end === this.length || bytes[end] !== SEMICOLON) throw malformed('unterminated entity reference');
    if (end === at + 1) throw malformed('empty entity name');
    if (bytes[at + 1] === HASH) {
      const hex = bytes[at + 2] === 0x78; /* x */
      const digitsStart = hex ? at + 3 : at + 2;
      let code = 0;
      for (let index = digitsStart; index < end; index += 1) {
        const digit = hex ? hexDigit(bytes[index]!) : bytes[index]! - 0x30;
        if (digit < 0 || digit >= (hex ? 16 : 10)) {
          code = -1;
          break;
        }
        code = Math.min(code * (hex ? 16 : 10) + digit, 0x110000);
      }
      if (end === digitsStart || !isXmlCharacter(code)) throw malformed(`malformed character reference &${this.slice(at + 1, Math.min(end, at + 41))};`);
      return end + 1;
    }
    const name = end - at - 1 <= 4 ? this.slice(at + 1, end) : '';
    if (!Object.hasOwn(PREDEFINED_ENTITIES, name)) throw malformed(`undefined entity &${this.slice(at + 1, Math.min(end, at + 41))};`);
    return end + 1;
  }

  /** Keeps a piece of text of the current element; the first piece waits (see {@link pendingStart}). */
  private addText(start: number, end: number, flags: number): void {
    if (this.current === this.fullText) return;
    if (this.pendingStart < 0 && this.current!.text === '') {
      this.pendingStart = start;
      this.pendingEnd = end;
      this.pendingFlags = flags;
      return;
    }
    this.flushPendingText();
    this.appendText(this.characterData(start, end, flags));
  }

  private flushPendingText(): void {
    if (this.pendingStart < 0) return;
    const start = this.pendingStart;
    this.pendingStart = -1;
    this.appendText(this.characterData(start, this.pendingEnd, this.pendingFlags));
  }

  /** Character data of bytes `[start, end)`: references replaced and line ends normalised when there are any. */
  private characterData(start: number, end: number, flags: number): string {
    return (flags & (HAS_REFERENCE | HAS_LINE_END)) !== 0 ? this.decodeRange(start, end, false) : this.sliceAs(start, end, (flags & NON_ASCII) !== 0);
  }

  private appendText(piece: string): void {
    let text = piece;
    const element = this.current!;
    if (element.text.length + text.length > this.maxElementText) {
      // Bounded memory whatever the input (issue 8): values are trimmed, so leading blanks go first.
      if (element.text.trim() === '') {
        element.text = '';
        text = text.trimStart();
      }
      text = text.slice(0, Math.max(0, this.maxElementText - element.text.length));
    }
    element.text += text;
    // Full and not blank (checked once): nothing later can change it. A full blank text is still
    // replaced by the next piece, as above.
    if (element.text.length >= this.maxElementText && element.text.trim() !== '') this.fullText = element;
  }

  /** The characters of bytes `[start, end)`. */
  private slice(start: number, end: number): string {
    const bytes = this.bytes;
    let nonAscii = false;
    for (let at = start; at < end; at += 1) {
      if (bytes[at]! >= 0x80) {
        nonAscii = true;
        break;
      }
    }
    return this.sliceAs(start, end, nonAscii);
  }

  /** The characters of bytes `[start, end)`: decoded from UTF-8 when they are not all ASCII, else a Latin-1 slice. */
  private sliceAs(start: number, end: number, nonAscii: boolean): string {
    if (nonAscii) return this.bytes.toString('utf8', start, end);
    return this.latin1 === undefined ? this.bytes.toString('latin1', start, end) : this.latin1.slice(start, end);
  }

  /**
   * Bytes `[start, end)` as character data or an attribute value (already checked): references
   * replaced, line ends normalised to `\n` (and, in attribute values, `\n`, `\r\n`, `\r` and tab to
   * a space, as XML requires).
   */
  private decodeRange(start: number, end: number, attribute: boolean): string {
    const bytes = this.bytes;
    let out = '';
    let from = start;
    for (let at = start; at < end; at += 1) {
      const code = bytes[at]!;
      if (code === AMPERSAND) {
        const semicolon = bytes.indexOf(SEMICOLON, at + 1);
        out += this.slice(from, at) + entityValue(this.slice(at + 1, semicolon));
        at = semicolon;
        from = semicolon + 1;
      } else if (code === CR) {
        out += this.slice(from, at) + (attribute ? ' ' : '\n');
        if (bytes[at + 1] === LF && at + 1 < end) at += 1;
        from = at + 1;
      } else if (attribute && (code === LF || code === TAB)) {
        out += `${this.slice(from, at)} `;
        from = at + 1;
      }
    }
    return out + this.slice(from, end);
  }

  /** Reads a name starting at `start` (setting {@link nameHash}); returns where it ends. */
  private readName(start: number, what: string): number {
    const bytes = this.bytes;
    const length = this.length;
    const first = start < length ? bytes[start]! : 0;
    if (!(first < 0x80 ? (BYTE_CLASS[first]! & NAME_START) !== 0 : first >= 0xc0)) throw malformed(`invalid ${what} at offset ${start}`);
    let at = start + 1;
    let ascii = first < 0x80;
    let hash = first;
    while (at < length) {
      const code = bytes[at]!;
      if (code < 0x80) {
        if ((BYTE_CLASS[code]! & NAME_PART) === 0) break;
        hash = (Math.imul(hash, 31) + code) | 0;
      } else {
        ascii = false;
      }
      at += 1;
    }
    if (!ascii && !XML_NAME.test(this.slice(start, at))) throw malformed(`invalid ${what} at offset ${start}`);
    this.nameHash = ascii ? hash & 0x3fffffff : -1;
    return at;
  }

  private skipWhite(from: number): number {
    const bytes = this.bytes;
    let at = from;
    while (at < this.length && (BYTE_CLASS[bytes[at]!]! & WHITE) !== 0) at += 1;
    return at;
  }

  private sameRange(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
    if (aEnd - aStart !== bEnd - bStart) return false;
    const bytes = this.bytes;
    for (let offset = 0; offset < aEnd - aStart; offset += 1) {
      if (bytes[aStart + offset] !== bytes[bStart + offset]) return false;
    }
    return true;
  }

  /** `<` at `lt` starts a start tag; returns the position after it. */
  private startTag(lt: number): number {
    if (this.sawRoot && this.depth === 0) throw malformed(`a second root element at offset ${lt}`);
    const nameStart = lt + 1;
    const nameEnd = this.readName(nameStart, 'element name');
    const elementHash = this.nameHash;
    const afterName = nameEnd < this.length ? this.bytes[nameEnd]! : 0;
    if (!((BYTE_CLASS[afterName]! & WHITE) !== 0 || afterName === GT || afterName === SLASH)) throw malformed(`invalid element name at offset ${nameStart}`);
    const at = this.readAttributes(nameEnd);
    const depth = this.depth + 1;
    this.depth = depth;
    if (depth > this.maxDepth) throw new ScanStop('too-deep', `element nesting deeper than ${this.maxDepth}`);
    this.nameStarts[depth - 1] = nameStart;
    this.nameEnds[depth - 1] = nameEnd;
    // Inside a skipped subtree nothing is resolved: its names cannot affect what we read.
    if (this.skippedAt === 0) this.openElement(nameStart, nameEnd, elementHash);
    if (this.selfClosing) this.closeElement();
    return at;
  }

  /** Resolves the name of an element outside skipped subtrees and materialises it when it is kept. */
  private openElement(nameStart: number, nameEnd: number, hash: number): void {
    const scope = this.scopeOfTag(this.scopes[this.scopes.length - 1]!);
    this.scopes.push(scope);
    const entry = this.elementName(scope, nameStart, nameEnd, hash);
    const name = entry.canonical;
    const parent = this.current;
    const keep = this.keep;
    if (parent === undefined) {
      if (this.acceptRoot !== undefined && !this.acceptRoot(name)) throw new ScanStop('root-rejected', name);
    } else if (keep !== undefined) {
      if (entry.keptBy !== keep) {
        entry.kept = keep.has(name);
        entry.keptBy = keep;
      }
      if (!entry.kept) {
        this.skippedAt = this.depth;
        return;
      }
    }
    const element: XmlElement = { name, attributes: this.attributeCount === 0 ? EMPTY_ATTRIBUTES : this.attributesOfTag(), text: '', children: [] };
    if (parent === undefined) {
      this.root = element;
    } else {
      if (parent.children.length === 0) {
        parent.text = '';
        this.pendingStart = -1;
      }
      parent.children.push(element);
    }
    this.elements.push(element);
    this.current = element;
  }

  /** `</` at `lt`: the end tag must name the open element. Returns the position after it. */
  private endTag(lt: number): number {
    if (this.depth === 0) throw malformed(`end tag without a start tag at offset ${lt}`);
    const openStart = this.nameStarts[this.depth - 1]!;
    const openEnd = this.nameEnds[this.depth - 1]!;
    const nameEnd = lt + 2 + (openEnd - openStart);
    if (nameEnd > this.length || !this.sameRange(lt + 2, nameEnd, openStart, openEnd)) throw this.mismatch(lt);
    const at = this.skipWhite(nameEnd);
    if (at === this.length || this.bytes[at] !== GT) throw this.mismatch(lt);
    this.closeElement();
    return at + 1;
  }

  private mismatch(lt: number): ScanStop {
    return malformed(`end tag does not match <${this.slice(this.nameStarts[this.depth - 1]!, this.nameEnds[this.depth - 1]!)}> at offset ${lt}`);
  }

  private closeElement(): void {
    if (this.skippedAt === 0) {
      const closing = this.current!;
      if (closing.children.length === 0) {
        this.flushPendingText();
        this.keptText += closing.text.length;
        if (this.keptText > this.maxDocumentText) throw new ScanStop('too-much-text', `more than ${this.maxDocumentText} characters of text in the elements read`);
      }
      this.scopes.pop();
      this.elements.pop();
      this.current = this.elements[this.elements.length - 1];
    } else if (this.depth === this.skippedAt) {
      this.scopes.pop();
      this.skippedAt = 0;
    }
    this.depth -= 1;
    if (this.depth === 0) this.sawRoot = true;
  }

  /** Reads the attributes and the end of a start tag from `start` (just after the name); returns the position after `>` or `/>`. */
  private readAttributes(start: number): number {
    const bytes = this.bytes;
    const length = this.length;
    this.attributeCount = 0;
    let at = start;
    for (;;) {
      const before = at;
      at = this.skipWhite(at);
      if (at === length) throw malformed('unexpected end inside a start tag');
      const code = bytes[at]!;
      if (code === GT) {
        this.selfClosing = false;
        return at + 1;
      }
      if (code === SLASH) {
        if (bytes[at + 1] !== GT) throw malformed(`expected > after / at offset ${at}`);
        this.selfClosing = true;
        return at + 2;
      }
      if (at === before) throw malformed(`white space required between attributes at offset ${at}`);
      const nameStart = at;
      const nameEnd = this.readName(at, 'attribute name');
      const nameHash = this.nameHash;
      at = this.skipWhite(nameEnd);
      if (bytes[at] !== EQUALS) throw malformed(`expected = after an attribute name at offset ${at}`);
      at = this.skipWhite(at + 1);
      const quote = bytes[at];
      if (quote !== QUOTE && quote !== APOSTROPHE) throw malformed(`attribute value not quoted at offset ${at}`);
      const valueStart = at + 1;
      const valueEnd = this.valueEnd(valueStart, quote);
      this.checkUnique(nameStart, nameEnd);
      const base = this.attributeCount * ATTRIBUTE_STRIDE;
      const ranges = this.attributeRanges;
      ranges[base] = nameStart;
      ranges[base + 1] = nameEnd;
      ranges[base + 2] = valueStart;
      ranges[base + 3] = valueEnd;
      ranges[base + 4] = this.valueFlags;
      ranges[base + 5] = nameHash;
      this.attributeCount += 1;
      at = valueEnd + 1;
    }
  }

  /** Flags of the last attribute value read by {@link valueEnd}. */
  private valueFlags = 0;

  /** The position of the quote that ends the attribute value starting at `start`; checks the value. */
  private valueEnd(start: number, quote: number): number {
    const bytes = this.bytes;
    const length = this.length;
    let flags = 0;
    let at = start;
    for (;;) {
      if (at === length) throw malformed('unterminated attribute value');
      const code = bytes[at]!;
      if ((BYTE_CLASS[code]! & VALUE_STOP) === 0) {
        at += 1;
      } else if (code === quote) {
        break;
      } else if (code === QUOTE || code === APOSTROPHE) {
        at += 1;
      } else if (code === LT) {
        throw malformed(`< in an attribute value at offset ${at}`);
      } else if (code === AMPERSAND) {
        at = this.referenceEnd(at, quote);
        flags |= NEEDS_DECODING;
      } else if (code === TAB || code === LF || code === CR) {
        flags |= NEEDS_DECODING;
        at += 1;
      } else if (code >= 0x80) {
        if (code === EF) this.checkNonCharacter(at);
        flags |= NON_ASCII;
        at += 1;
      } else {
        throw disallowed(at);
      }
    }
    this.valueFlags = flags;
    return at;
  }

  /** Refuses an attribute named like one read before on the same tag. */
  private checkUnique(nameStart: number, nameEnd: number): void {
    const count = this.attributeCount;
    const ranges = this.attributeRanges;
    if (count < MANY_ATTRIBUTES) {
      for (let other = 0; other < count; other += 1) {
        const base = other * ATTRIBUTE_STRIDE;
        if (this.sameRange(ranges[base]!, ranges[base + 1]!, nameStart, nameEnd)) throw malformed(`duplicate attribute ${this.slice(nameStart, nameEnd)}`);
      }
      return;
    }
    // A tag with very many attributes (hostile input) is checked through a set, in linear time.
    if (count === MANY_ATTRIBUTES) {
      this.manyNames.clear();
      for (let other = 0; other < count; other += 1) {
        this.manyNames.add(this.slice(ranges[other * ATTRIBUTE_STRIDE]!, ranges[other * ATTRIBUTE_STRIDE + 1]!));
      }
    }
    const name = this.slice(nameStart, nameEnd);
    if (this.manyNames.has(name)) throw malformed(`duplicate attribute ${name}`);
    this.manyNames.add(name);
  }

  private attributeValue(index: number): string {
    const base = index * ATTRIBUTE_STRIDE;
    const ranges = this.attributeRanges;
    const flags = ranges[base + 4]!;
    if ((flags & NEEDS_DECODING) !== 0) return this.decodeRange(ranges[base + 2]!, ranges[base + 3]!, true);
    return this.sliceAs(ranges[base + 2]!, ranges[base + 3]!, (flags & NON_ASCII) !== 0);
  }

  /** The name of an attribute of the tag just read, from the shared cache when it was seen before. */
  private attributeName(index: number): string {
    const base = index * ATTRIBUTE_STRIDE;
    const ranges = this.attributeRanges;
    const start = ranges[base]!;
    const end = ranges[base + 1]!;
    const hash = ranges[base + 5]!;
    const cached = hash < 0 ? undefined : attributeNames.get(hash);
    if (cached !== undefined && this.equalsName(cached, start, end)) return cached;
    const name = this.slice(start, end);
    if (hash >= 0 && end - start <= MAX_CACHED_NAME_BYTES && attributeNames.size < MAX_CACHED_NAMES) attributeNames.set(hash, internalized(name));
    return name;
  }

  /** Whether `name` holds the bytes `[start, end)` of the document. */
  private sameBytes(name: Uint8Array, start: number, end: number): boolean {
    if (name.length !== end - start) return false;
    const bytes = this.bytes;
    for (let offset = 0; offset < name.length; offset += 1) {
      if (name[offset] !== bytes[start + offset]) return false;
    }
    return true;
  }

  /** Whether `name` (ASCII) is spelt by bytes `[start, end)`. */
  private equalsName(name: string, start: number, end: number): boolean {
    if (name.length !== end - start) return false;
    const bytes = this.bytes;
    for (let offset = 0; offset < name.length; offset += 1) {
      if (name.charCodeAt(offset) !== bytes[start + offset]) return false;
    }
    return true;
  }

  /** The canonical name of the element named by bytes `[start, end)` in `scope`, from the scope's cache when it was seen before. */
  private elementName(scope: Scope, start: number, end: number, hash: number): CachedName {
    const cached = hash < 0 ? undefined : scope.byHash.get(hash);
    if (cached !== undefined && this.sameBytes(cached.qName, start, end)) return cached;
    const canonical = canonicalNameIn(scope, this.slice(start, end));
    if (hash < 0 || end - start > MAX_CACHED_NAME_BYTES || canonical.length > MAX_CACHED_CANONICAL_NAME || (scope.shared && cachedElementNames >= MAX_CACHED_NAMES)) {
      return { qName: NO_BYTES, canonical, keptBy: undefined, kept: false };
    }
    const entry: CachedName = { qName: Uint8Array.from(this.bytes.subarray(start, end)), canonical: internalized(canonical), keptBy: undefined, kept: false };
    // A colliding name already cached under this hash stays; this one is resolved each time.
    if (!scope.byHash.has(hash)) {
      scope.byHash.set(hash, entry);
      if (scope.shared) cachedElementNames += 1;
    }
    return entry;
  }

  /** A new scope if the tag declares namespaces, else the parent's (the common case: declarations sit on the root). */
  private scopeOfTag(parent: Scope): Scope {
    const bytes = this.bytes;
    const ranges = this.attributeRanges;
    let bindings: Map<string, string> | undefined;
    for (let index = 0; index < this.attributeCount; index += 1) {
      const base = index * ATTRIBUTE_STRIDE;
      const nameStart = ranges[base]!;
      const nameEnd = ranges[base + 1]!;
      // `xmlns`
      if (!(bytes[nameStart] === 0x78 && bytes[nameStart + 1] === 0x6d && bytes[nameStart + 2] === 0x6c && bytes[nameStart + 3] === 0x6e && bytes[nameStart + 4] === 0x73)) {
        continue;
      }
      let prefix: string;
      if (nameEnd - nameStart === 5) prefix = '';
      else if (bytes[nameStart + 5] === 0x3a /* : */) prefix = this.slice(nameStart + 6, nameEnd);
      else continue;
      const uri = this.attributeValue(index);
      if (prefix !== '' && uri === '') throw malformed(`prefix ${prefix} bound to an empty namespace`);
      if (prefix === 'xml' && uri !== XML_NAMESPACE) throw malformed('xml prefix rebound');
      bindings ??= new Map(parent.uriByPrefix);
      bindings.set(prefix, uri);
    }
    return bindings === undefined ? parent : scopeWith(bindings, sharedNameCache(bindings));
  }

  private attributesOfTag(): Record<string, string> {
    const attributes: Record<string, string> = {};
    for (let index = 0; index < this.attributeCount; index += 1) attributes[this.attributeName(index)] = this.attributeValue(index);
    return attributes;
  }

  /** `<!` at `lt`: a comment, a CDATA section or a DOCTYPE (refused). Returns the position after it. */
  private markup(lt: number): number {
    const bytes = this.bytes;
    if (bytes[lt + 2] === DASH && bytes[lt + 3] === DASH) return this.commentEnd(lt);
    if (this.startsWith('[CDATA[', lt + 2)) return this.cdata(lt);
    if (this.startsWith('DOCTYPE', lt + 2) && this.depth === 0 && !this.sawRoot && lt + 9 < this.length && (BYTE_CLASS[bytes[lt + 9]!]! & WHITE) !== 0) {
      // Refused before anything in it is interpreted; its end is found only to report a disallowed character in it first.
      this.checkCharacters(lt + 9, this.doctypeEnd(lt + 9));
      throw new ScanStop('dtd-forbidden', 'DOCTYPE declarations are not allowed in eForms notices');
    }
    throw malformed(`unexpected markup at offset ${lt}`);
  }

  private startsWith(ascii: string, at: number): boolean {
    if (at + ascii.length > this.length) return false;
    return this.equalsName(ascii, at, at + ascii.length);
  }

  /** `<!--` at `lt`: returns the position after `-->`; `--` may not occur inside. */
  private commentEnd(lt: number): number {
    const bytes = this.bytes;
    for (let at = lt + 4; at < this.length; at += 1) {
      const code = bytes[at]!;
      if (code === DASH) {
        if (bytes[at + 1] !== DASH) continue;
        if (bytes[at + 2] === GT) return at + 3;
        if (at + 2 < this.length) throw malformed(`-- inside a comment at offset ${lt}`);
      } else if ((BYTE_CLASS[code]! & CONTROL) !== 0) {
        throw disallowed(at);
      } else if (code === EF) {
        this.checkNonCharacter(at);
      }
    }
    throw malformed('unterminated comment');
  }

  /** `<![CDATA[` at `lt`: returns the position after `]]>`; its text is kept like character data. */
  private cdata(lt: number): number {
    if (this.depth === 0) throw malformed('CDATA section outside of the root element');
    const bytes = this.bytes;
    const start = lt + 9;
    let flags = 0;
    let end = start;
    for (;; end += 1) {
      if (end >= this.length) throw malformed('unterminated CDATA section');
      const code = bytes[end]!;
      if (code === CLOSE_BRACKET && bytes[end + 1] === CLOSE_BRACKET && bytes[end + 2] === GT) break;
      if (code === CR) flags |= HAS_LINE_END;
      else if ((BYTE_CLASS[code]! & CONTROL) !== 0) throw disallowed(end);
      else if (code >= 0x80) {
        if (code === EF) this.checkNonCharacter(end);
        flags |= NON_ASCII;
      }
    }
    if (this.skippedAt === 0 && this.current!.children.length === 0) {
      const content = this.sliceAs(start, end, (flags & NON_ASCII) !== 0);
      this.flushPendingText();
      this.appendText((flags & HAS_LINE_END) !== 0 ? content.replace(/\r\n?/g, '\n') : content);
    }
    return end + 3;
  }

  /** `<?` at `lt`: a processing instruction (an XML declaration here is refused). Returns the position after `?>`. */
  private processingInstruction(lt: number): number {
    const bytes = this.bytes;
    const targetEnd = this.readName(lt + 2, 'processing instruction target');
    if (targetEnd - (lt + 2) === 3 && this.slice(lt + 2, targetEnd).toLowerCase() === 'xml') {
      throw malformed(`XML declaration not at the start of the document (offset ${lt})`);
    }
    let end = targetEnd;
    while (end < this.length && !(bytes[end] === QUESTION && bytes[end + 1] === GT)) end += 1;
    if (end >= this.length) throw malformed('unterminated processing instruction');
    if (end !== targetEnd && (BYTE_CLASS[bytes[targetEnd]!]! & WHITE) === 0) throw malformed(`invalid processing instruction at offset ${lt}`);
    this.checkCharacters(targetEnd, end);
    return end + 2;
  }

  /** Position after the `>` that ends a DOCTYPE declaration starting before `from` (quotes and an internal subset skipped). */
  private doctypeEnd(from: number): number {
    const bytes = this.bytes;
    let quote = 0;
    let inSubset = false;
    for (let at = from; at < this.length; at += 1) {
      const code = bytes[at]!;
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
}
