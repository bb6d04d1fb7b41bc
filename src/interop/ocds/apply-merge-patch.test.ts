import { describe, expect, it } from 'vitest';
import { applyMergePatch, type Json } from './apply-merge-patch.js';

describe('applyMergePatch (RFC 7386)', () => {
  // The test cases of RFC 7386 Appendix A, in order.
  const rfcCases: Array<[Json, Json, Json]> = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  it.each(rfcCases)('%j patched with %j is %j', (target, patch, expected) => {
    expect(applyMergePatch(target, patch)).toEqual(expected);
  });

  it('keeps null inside arrays (OCDS enums list null as a value)', () => {
    expect(applyMergePatch({}, { enum: ['a', null] })).toEqual({ enum: ['a', null] });
  });

  it('changes neither the target nor the patch', () => {
    const target: Json = { a: { b: 1 } };
    const patch: Json = { a: { c: 2 } };
    const result = applyMergePatch(target, patch) as { a: Record<string, Json> };
    result.a.d = 3;
    expect(target).toEqual({ a: { b: 1 } });
    expect(patch).toEqual({ a: { c: 2 } });
  });
});
