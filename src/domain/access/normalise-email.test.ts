import { describe, expect, it } from 'vitest';
import { normaliseEmail } from './normalise-email.js';

describe('normaliseEmail', () => {
  it.each([
    ['leading spaces are removed', '       anna@test.example', 'anna@test.example'],
    ['trailing spaces are removed', 'anna@test.example ', 'anna@test.example'],
    ['a leading tab is removed', '\tanna@test.example', 'anna@test.example'],
    ['a trailing line break is removed', 'anna@test.example\r\n', 'anna@test.example'],
    ['upper case becomes lower case', 'Anna.Berg@Test.Example', 'anna.berg@test.example'],
    ['a decomposed å (a + ring) equals the precomposed one', 'ma\u0300ns@test.example'.replace('\u0300', '\u030a'), 'm\u00e5ns@test.example'],
  ])('%s', (_name, raw, expected) => {
    expect(normaliseEmail(raw)).toBe(expected);
  });

  it('keeps inner white space (it is not the same address)', () => {
    expect(normaliseEmail('an na@test.example')).toBe('an na@test.example');
  });
});
