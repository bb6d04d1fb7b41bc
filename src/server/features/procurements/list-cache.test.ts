import { describe, expect, it } from 'vitest';
import { createListCache } from './list-cache.js';

describe('createListCache', () => {
  it('is off for zero entries', () => {
    expect(createListCache(0)).toBeNull();
  });

  it('answers only for the version it was stored with', () => {
    const cache = createListCache<string>(10)!;
    cache.set('org-a', 'q', 3, 'page');
    expect(cache.get('org-a', 'q', 3)).toBe('page');
    expect(cache.get('org-a', 'q', 4)).toBeUndefined();
    // A stale entry is dropped, not kept for an older version to find.
    expect(cache.get('org-a', 'q', 3)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps organisations and queries apart', () => {
    const cache = createListCache<string>(10)!;
    cache.set('org-a', 'q', 1, 'a');
    expect(cache.get('org-b', 'q', 1)).toBeUndefined();
    expect(cache.get('org-a', 'other', 1)).toBeUndefined();
  });

  it('drops the least recently used entry beyond its size', () => {
    const cache = createListCache<number>(2)!;
    cache.set('o', 'one', 1, 1);
    cache.set('o', 'two', 1, 2);
    expect(cache.get('o', 'one', 1)).toBe(1); // "one" is now the most recent
    cache.set('o', 'three', 1, 3);
    expect(cache.size).toBe(2);
    expect(cache.get('o', 'two', 1)).toBeUndefined();
    expect(cache.get('o', 'one', 1)).toBe(1);
    expect(cache.get('o', 'three', 1)).toBe(3);
  });
});
