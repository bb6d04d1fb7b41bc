import { describe, expect, it } from 'vitest';
import { cpvPrefix, isCpvWithin, matchCpvLists } from './cpv-match.js';

describe('cpvPrefix', () => {
  it.each([
    ['45000000', '45'],
    ['03000000', '03'],
    ['90910000', '9091'],
    ['90911200', '909112'],
    ['60100000', '601'],
    ['77313000', '77313'],
    // A deepest-level code ending in 0 also loses that zero; harmless, as no sibling codes sit under it.
    ['98341130', '9834113'],
  ])('%s stands for the branch %s', (code, prefix) => {
    expect(cpvPrefix(code)).toBe(prefix);
  });
});

describe('isCpvWithin', () => {
  it.each([
    ['45262000', '45000000', true],
    ['45000000', '45000000', true],
    ['46000000', '45000000', false],
    ['90911200', '90910000', true],
    ['90921000', '90910000', false],
    ['50710000', '50700000', true],
    ['50800000', '50700000', false],
  ])('%s within %s → %s', (code, branch, expected) => {
    expect(isCpvWithin(code, branch)).toBe(expected);
  });
});

describe('matchCpvLists', () => {
  it('a more specific exclusion beats a division inclusion', () => {
    expect(matchCpvLists('60410000', ['60000000'], ['60400000'])).toEqual({ kind: 'exclude', branch: '60400000' });
  });
  it('a more specific inclusion beats a division exclusion', () => {
    expect(matchCpvLists('50710000', ['50700000'], ['50000000'])).toEqual({ kind: 'include', branch: '50700000' });
  });
  it('on equal specificity exclusion wins', () => {
    expect(matchCpvLists('45000000', ['45000000'], ['45000000'])).toEqual({ kind: 'exclude', branch: '45000000' });
  });
  it('a code in neither list matches nothing', () => {
    expect(matchCpvLists('30200000', ['45000000'], [])).toEqual({ kind: 'none' });
  });
});
