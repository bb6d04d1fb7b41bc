import { describe, expect, it } from 'vitest';
import { toQueryString } from './api-client';

describe('toQueryString', () => {
  it('repeats arrays and leaves out empty values', () => {
    expect(toQueryString({ status: ['planned', 'published'], q: '', year: 2026, unitId: [] })).toBe('?status=planned&status=published&year=2026');
    expect(toQueryString({})).toBe('');
  });
});
