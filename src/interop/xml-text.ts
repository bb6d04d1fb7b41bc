/**
 * Characters an XML 1.0 document cannot contain (XML 1.0 §2.2, production `Char`): the C0
 * controls other than tab, line feed and carriage return, U+FFFE, U+FFFF and UTF-16 surrogates
 * that are not part of a pair. PostgreSQL refuses U+0000 in text and lone surrogates in JSON,
 * and a .docx or .xlsx that contains any of them will not open, so the API refuses them at the
 * input edge (src/server/plugins/input-guard.ts) and the document writers strip them as well.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const FORBIDDEN_ALL = new RegExp(FORBIDDEN.source, 'g');

/** The first character of `text` that XML 1.0 forbids, as `U+XXXX`, or null when there is none. */
export function findForbiddenXmlCharacter(text: string): string | null {
  const match = FORBIDDEN.exec(text);
  if (!match) return null;
  return `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * `text` without the characters XML 1.0 forbids, so a generated document is always well-formed,
 * whatever was stored before the input edge refused them (older rows, imports, other writers).
 */
export function toXmlSafeText(text: string): string {
  return FORBIDDEN.test(text) ? text.replace(FORBIDDEN_ALL, '') : text;
}

/**
 * `value` with every string in it made XML-safe (toXmlSafeText): strings, arrays and plain
 * objects are copied, anything else (numbers, dates, null) is kept. The document writers pass
 * their whole input through it once, so no single text run or cell can be forgotten.
 */
export function withXmlSafeText<T>(value: T): T {
  if (typeof value === 'string') return toXmlSafeText(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => withXmlSafeText(item)) as T;
  if (value !== null && typeof value === 'object') {
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== null) return value;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withXmlSafeText(item)])) as T;
  }
  return value;
}
