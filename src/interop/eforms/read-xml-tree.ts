import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';

/**
 * A small, safe XML reader for eForms notices: builds a light element tree whose names are
 * canonical `prefix:local` strings resolved from namespace URIs, so `<cbc:ID>`, `<a:ID>` and
 * `<ID xmlns="…CommonBasicComponents-2">` all read as `cbc:ID`.
 *
 * Safety (see docs/eforms.md): any DOCTYPE is rejected before the root element, so no DTD,
 * external entity or entity expansion is ever processed (saxes itself never fetches anything and
 * only knows the five predefined entities); element depth is bounded; the caller bounds size.
 */

/** Canonical prefixes for the namespaces eForms uses; prefixes in files vary, URIs do not. */
const CANONICAL_PREFIX_BY_URI: ReadonlyMap<string, string> = new Map([
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

export interface XmlElement {
  /** `prefix:local` with a canonical prefix, or `{uri}local` for other namespaces. */
  readonly name: string;
  readonly attributes: Readonly<Record<string, SaxesAttributeNS>>;
  /** Character data of a leaf element (whitespace around child elements is dropped). */
  text: string;
  readonly children: XmlElement[];
}

export type XmlReadErrorCode = 'dtd-forbidden' | 'too-deep' | 'malformed-xml' | 'invalid-encoding';

export type XmlReadResult =
  | { ok: true; root: XmlElement }
  | { ok: false; code: XmlReadErrorCode | 'root-rejected'; message: string };

export interface XmlReadOptions {
  maxDepth: number;
  /** Called with the root element's canonical name before anything else is read; false stops reading. */
  acceptRoot?: (name: string) => boolean;
}

/** Thrown inside saxes handlers to stop at once; never escapes {@link readXmlTree}. */
class StopReading {
  constructor(
    readonly code: XmlReadErrorCode | 'root-rejected',
    readonly message: string,
  ) {}
}

/** Options shared with the benchmark baseline so both measure the same saxes configuration. */
export const SAXES_OPTIONS = { xmlns: true, position: true } as const;

function canonicalName(tag: SaxesTagNS): string {
  const prefix = CANONICAL_PREFIX_BY_URI.get(tag.uri);
  return prefix === undefined ? `{${tag.uri}}${tag.local}` : `${prefix}:${tag.local}`;
}

/** Reads `xml` into an element tree, or explains why it refused. Never throws for bad input. */
export function readXmlTree(xml: string, options: XmlReadOptions): XmlReadResult {
  const parser = new SaxesParser(SAXES_OPTIONS);
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let current: XmlElement | undefined;

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
    if (stack.length >= options.maxDepth) {
      throw new StopReading('too-deep', `element nesting deeper than ${options.maxDepth}`);
    }
    const element: XmlElement = { name: canonicalName(tag), attributes: tag.attributes, text: '', children: [] };
    if (current === undefined) {
      if (options.acceptRoot !== undefined && !options.acceptRoot(element.name)) {
        throw new StopReading('root-rejected', element.name);
      }
      root = element;
    } else {
      if (current.children.length === 0) current.text = '';
      current.children.push(element);
    }
    stack.push(element);
    current = element;
  });
  parser.on('closetag', () => {
    stack.pop();
    current = stack[stack.length - 1];
  });
  const appendText = (text: string): void => {
    // Only leaves keep text: eForms has no mixed content, and this avoids building whitespace strings.
    if (current !== undefined && current.children.length === 0) current.text += text;
  };
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

/** Trimmed text, or null when absent or blank. */
export function textOf(element: XmlElement | undefined): string | null {
  if (element === undefined) return null;
  const text = element.text.trim();
  return text === '' ? null : text;
}

/** Trimmed value of an unprefixed attribute, or null when absent or blank. */
export function attributeOf(element: XmlElement | undefined, name: string): string | null {
  const value = element?.attributes[name]?.value.trim();
  return value === undefined || value === '' ? null : value;
}
