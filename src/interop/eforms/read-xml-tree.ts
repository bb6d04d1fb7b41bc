import { SaxesParser, type SaxesTagPlain } from 'saxes';

/**
 * The reference XML reader for eForms notices, on saxes (decision 0101). `parseNotice` reads with
 * the faster single-pass scanner in scan-xml-tree.ts (decision 0901), which must give exactly this
 * reader's tree and refusals: a differential test compares the two. This module also holds what
 * both share (the element tree, its accessors, the canonical prefixes and the text limits).
 *
 * A small, safe XML reader for eForms notices: builds a light element tree whose names are
 * canonical `prefix:local` strings resolved from namespace URIs, so `<cbc:ID>`, `<a:ID>` and
 * `<ID xmlns="…CommonBasicComponents-2">` all read as `cbc:ID`.
 *
 * Safety (see docs/eforms.md): any DOCTYPE is rejected before the root element, so no DTD,
 * external entity or entity expansion is ever processed (saxes itself never fetches anything and
 * only knows the five predefined entities); element depth is bounded; the caller bounds size.
 *
 * Speed (see docs/decisions/0101-eforms-xml-parser.md): saxes runs without its own namespace
 * processing; we resolve prefixes here with a per-scope cache, and only materialise elements whose
 * canonical name is in `keep`, so subtrees nobody reads cost no allocations. Namespace
 * well-formedness (bound prefixes) is therefore checked for the elements we resolve, not inside
 * skipped subtrees; saxes still checks that the whole document is well-formed XML.
 */

/** Canonical prefixes for the namespaces eForms uses; prefixes in files vary, URIs do not. */
export const CANONICAL_PREFIX_BY_URI: ReadonlyMap<string, string> = new Map([
  ['urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2', 'cbc'],
  ['urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2', 'cac'],
  ['urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2', 'ext'],
  ['http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1', 'efac'],
  ['http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1', 'efbc'],
  ['http://data.europa.eu/p27/eforms-ubl-extensions/1', 'efext'],
  ['urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2', 'cn'],
  ['urn:oasis:names:specification:ubl:schema:xsd:ContractAwardNotice-2', 'can'],
  ['urn:oasis:names:specification:ubl:schema:xsd:PriorInformationNotice-2', 'pin'],
]);

export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

export interface XmlElement {
  /** `prefix:local` with a canonical prefix, or `{uri}local` for other namespaces. */
  readonly name: string;
  /** Attributes as written (qualified names); eForms reads only unprefixed ones such as `listName`. */
  readonly attributes: Readonly<Record<string, string>>;
  /** Character data of a leaf element (whitespace around child elements is dropped). */
  text: string;
  readonly children: XmlElement[];
}

export type XmlReadErrorCode = 'dtd-forbidden' | 'too-deep' | 'too-much-text' | 'malformed-xml' | 'invalid-encoding';

export type XmlReadResult =
  | { ok: true; root: XmlElement }
  | { ok: false; code: XmlReadErrorCode | 'root-rejected'; message: string };

export interface XmlReadOptions {
  maxDepth: number;
  /** Called with the root element's canonical name before anything else is read; false stops reading. */
  acceptRoot?: (name: string) => boolean;
  /** Canonical names of the elements to materialise below the root; others are skipped with their subtrees. Default: all. */
  keep?: ReadonlySet<string>;
  /**
   * Characters of text kept per element (default {@link DEFAULT_MAX_ELEMENT_TEXT}); the rest is
   * dropped, blanks before the value first, so padding cannot push a value out.
   */
  maxElementText?: number;
  /** Characters of text kept in the whole document (default {@link DEFAULT_MAX_DOCUMENT_TEXT}); past it reading stops (`too-much-text`). */
  maxDocumentText?: number;
}

/**
 * eForms' longest free-text fields (BT-24, BT-70, BT-777 …) allow a few thousand characters per
 * language (SDK `fields.json` maxLength ≤ 10,000), so 100,000 characters keeps every real value.
 */
export const DEFAULT_MAX_ELEMENT_TEXT = 100_000;
/** The largest real notices (hundreds of lots) keep well under a megabyte of text in the elements we read. */
export const DEFAULT_MAX_DOCUMENT_TEXT = 2_000_000;

/** Thrown inside saxes handlers to stop at once; never escapes {@link readXmlTree}. */
class StopReading {
  constructor(
    readonly code: XmlReadErrorCode | 'root-rejected',
    readonly message: string,
  ) {}
}

/** Options shared with the benchmark baseline so both measure the same saxes configuration. */
export const SAXES_OPTIONS = { xmlns: false, position: true } as const;

/** In-scope namespace bindings plus a cache of the canonical names already resolved under them. */
interface Scope {
  readonly uriByPrefix: ReadonlyMap<string, string>;
  readonly canonicalByQName: Map<string, string>;
}

const INITIAL_SCOPE: Scope = { uriByPrefix: new Map([['xml', XML_NAMESPACE]]), canonicalByQName: new Map() };

/** A new scope if the tag declares namespaces, else the parent's (the common case: declarations sit on the root). */
function scopeFor(tag: SaxesTagPlain, parent: Scope): Scope {
  let bindings: Map<string, string> | undefined;
  for (const name in tag.attributes) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
    const prefix = name === 'xmlns' ? '' : name.slice(6);
    const uri = tag.attributes[name] ?? '';
    if (prefix !== '' && uri === '') throw new StopReading('malformed-xml', `prefix ${prefix} bound to an empty namespace`);
    if (prefix === 'xml' && uri !== XML_NAMESPACE) throw new StopReading('malformed-xml', 'xml prefix rebound');
    bindings ??= new Map(parent.uriByPrefix);
    bindings.set(prefix, uri);
  }
  return bindings === undefined ? parent : { uriByPrefix: bindings, canonicalByQName: new Map() };
}

function canonicalNameIn(scope: Scope, qName: string): string {
  const cached = scope.canonicalByQName.get(qName);
  if (cached !== undefined) return cached;
  const colon = qName.indexOf(':');
  const prefix = colon < 0 ? '' : qName.slice(0, colon);
  const local = colon < 0 ? qName : qName.slice(colon + 1);
  const uri = scope.uriByPrefix.get(prefix) ?? (prefix === '' ? '' : undefined);
  if (uri === undefined) throw new StopReading('malformed-xml', `unbound namespace prefix ${prefix} on <${qName}>`);
  const canonicalPrefix = CANONICAL_PREFIX_BY_URI.get(uri);
  const canonical = canonicalPrefix === undefined ? `{${uri}}${local}` : `${canonicalPrefix}:${local}`;
  scope.canonicalByQName.set(qName, canonical);
  return canonical;
}

/** Reads `xml` into an element tree, or explains why it refused. Never throws for bad input. */
export function readXmlTree(xml: string, options: XmlReadOptions): XmlReadResult {
  const parser = new SaxesParser(SAXES_OPTIONS);
  const { maxDepth, keep } = options;
  const maxElementText = options.maxElementText ?? DEFAULT_MAX_ELEMENT_TEXT;
  const maxDocumentText = options.maxDocumentText ?? DEFAULT_MAX_DOCUMENT_TEXT;
  /** Characters kept in closed leaf elements so far (a container's blanks are dropped when its first child opens). */
  let keptText = 0;
  const scopes: Scope[] = [INITIAL_SCOPE];
  const elements: XmlElement[] = [];
  let root: XmlElement | undefined;
  let current: XmlElement | undefined;
  let depth = 0;
  /** Depth of the outermost skipped element, 0 when not skipping. */
  let skippedAt = 0;

  const appendText = (text: string): void => {
    // Only kept leaves keep text: eForms has no mixed content, and this avoids building whitespace strings.
    if (skippedAt !== 0 || current === undefined || current.children.length !== 0) return;
    let piece = text;
    if (current.text.length + piece.length > maxElementText) {
      // Bounded memory whatever the input (issue 8): values are trimmed, so leading blanks go first.
      if (current.text.trim() === '') {
        current.text = '';
        piece = piece.trimStart();
      }
      piece = piece.slice(0, Math.max(0, maxElementText - current.text.length));
    }
    current.text += piece;
  };

  parser.on('xmldecl', (decl) => {
    // eForms notices are UTF-8 (and we decoded them as such); refuse a contradicting declaration.
    if (decl.encoding !== undefined && decl.encoding.toLowerCase() !== 'utf-8') {
      throw new StopReading('invalid-encoding', `declared encoding ${decl.encoding} is not UTF-8`);
    }
  });
  parser.on('doctype', () => {
    throw new StopReading('dtd-forbidden', 'DOCTYPE declarations are not allowed in eForms notices');
  });
  parser.on('opentag', (tag) => {
    depth += 1;
    if (depth > maxDepth) throw new StopReading('too-deep', `element nesting deeper than ${maxDepth}`);
    // Inside a skipped subtree nothing is resolved: its names cannot affect what we read.
    if (skippedAt !== 0) return;
    const scope = scopeFor(tag, scopes[scopes.length - 1] ?? INITIAL_SCOPE);
    scopes.push(scope);
    const name = canonicalNameIn(scope, tag.name);
    if (current === undefined) {
      if (options.acceptRoot !== undefined && !options.acceptRoot(name)) throw new StopReading('root-rejected', name);
    } else if (keep !== undefined && !keep.has(name)) {
      skippedAt = depth;
      return;
    }
    const element: XmlElement = { name, attributes: tag.attributes, text: '', children: [] };
    if (current === undefined) {
      root = element;
    } else {
      if (current.children.length === 0) current.text = '';
      current.children.push(element);
    }
    elements.push(element);
    current = element;
  });
  parser.on('closetag', () => {
    if (skippedAt === 0) {
      if (current !== undefined && current.children.length === 0) {
        keptText += current.text.length;
        if (keptText > maxDocumentText) throw new StopReading('too-much-text', `more than ${maxDocumentText} characters of text in the elements read`);
      }
      scopes.pop();
      elements.pop();
      current = elements[elements.length - 1];
    } else if (depth === skippedAt) {
      scopes.pop();
      skippedAt = 0;
    }
    depth -= 1;
  });
  parser.on('text', appendText);
  parser.on('cdata', appendText);

  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof StopReading) return { ok: false, code: error.code, message: error.message };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, code: 'malformed-xml', message };
  }
  if (root === undefined) return { ok: false, code: 'malformed-xml', message: 'no root element' };
  return { ok: true, root };
}

/** First child called `name`. */
export function childOf(element: XmlElement | undefined, name: string): XmlElement | undefined {
  if (element === undefined) return undefined;
  for (const child of element.children) if (child.name === name) return child;
  return undefined;
}

/** All children called `name`, in document order. */
export function childrenOf(element: XmlElement | undefined, name: string): XmlElement[] {
  if (element === undefined) return [];
  const found: XmlElement[] = [];
  for (const child of element.children) if (child.name === name) found.push(child);
  return found;
}

/** Follows first children along `names`. */
export function pathOf(element: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  let at = element;
  for (const name of names) {
    at = childOf(at, name);
    if (at === undefined) return undefined;
  }
  return at;
}

/** Every element reached along `names` (all branches), in document order. */
export function allOf(element: XmlElement | undefined, ...names: string[]): XmlElement[] {
  let level: XmlElement[] = element === undefined ? [] : [element];
  for (const name of names) {
    const next: XmlElement[] = [];
    for (const at of level) for (const child of at.children) if (child.name === name) next.push(child);
    level = next;
  }
  return level;
}

/**
 * A copy of `text` that does not keep the document alive. Strings saxes hands out are slices of the
 * decoded document, and V8 keeps the whole document in memory while any slice lives: a notice padded
 * with megabytes of blanks kept all of them through a three-character code (issue 8). Concatenation
 * then slicing makes V8 flatten into a fresh string of the value's own length (≈40 ns).
 */
function detached(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

/** Trimmed text, or null when absent or blank. Never a slice of the document (see `detached`). */
export function textOf(element: XmlElement | undefined): string | null {
  if (element === undefined) return null;
  const text = element.text.trim();
  return text === '' ? null : detached(text);
}

/** Trimmed value of an unprefixed attribute, or null when absent or blank. Never a slice of the document. */
export function attributeOf(element: XmlElement | undefined, name: string): string | null {
  const value = element?.attributes[name]?.trim();
  return value === undefined || value === '' ? null : detached(value);
}
