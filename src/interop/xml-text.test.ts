import { describe, expect, it } from 'vitest';
import { findForbiddenXmlCharacter, toXmlSafeText, withXmlSafeText } from './xml-text.js';

describe('characters XML 1.0 forbids', () => {
  it.each([
    ['U+0000 (NUL)', 'a\u0000b', 'U+0000', 'ab'],
    ['U+0001, the first C0 control after NUL', '\u0001', 'U+0001', ''],
    ['U+001F, the last C0 control', 'x\u001F', 'U+001F', 'x'],
    ['U+000B vertical tab', 'a\u000Bb', 'U+000B', 'ab'],
    ['U+FFFE', 'a\uFFFEb', 'U+FFFE', 'ab'],
    ['U+FFFF', 'a\uFFFFb', 'U+FFFF', 'ab'],
    ['a lone high surrogate', 'a\uD800b', 'U+D800', 'ab'],
    ['a lone high surrogate at the end', 'a\uDBFF', 'U+DBFF', 'a'],
    ['a lone low surrogate', '\uDC00b', 'U+DC00', 'b'],
    ['two high surrogates in a row', '\uD800\uD800', 'U+D800', ''],
  ])('refuses and strips %s', (_name, text, found, safe) => {
    expect(findForbiddenXmlCharacter(text)).toBe(found);
    expect(toXmlSafeText(text)).toBe(safe);
  });

  it.each([
    ['tab, line feed and carriage return', 'a\tb\nc\rd'],
    ['U+0020, the first printable character', ' '],
    ['U+D7FF, the last character before the surrogates', '\uD7FF'],
    ['U+E000, the first after them', '\uE000'],
    ['U+FFFD, the last allowed in the BMP', '\uFFFD'],
    ['a surrogate pair (U+1F600)', 'a\uD83D\uDE00b'],
    ['DEL and C1 controls, which XML 1.0 allows', '\u007F\u0085\u009F'],
    ['Swedish letters', 'Lokalvård i förskolor – Hänsyn'],
  ])('keeps %s', (_name, text) => {
    expect(findForbiddenXmlCharacter(text)).toBeNull();
    expect(toXmlSafeText(text)).toBe(text);
  });
});

describe('withXmlSafeText', () => {
  it('cleans every string in nested objects and arrays and keeps other values', () => {
    const date = new Date('2026-04-01T00:00:00Z');
    const input = { title: 'a\uFFFFb', lots: [{ name: '\u0000x' }], value: 12, start: date, none: null, codes: ['9091\uD8001200'] };
    expect(withXmlSafeText(input)).toEqual({ title: 'ab', lots: [{ name: 'x' }], value: 12, start: date, none: null, codes: ['90911200'] });
    expect(withXmlSafeText(input).start).toBe(date);
    expect(input.title).toBe('a\uFFFFb');
  });
});
