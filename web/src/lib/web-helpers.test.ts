import { describe, expect, it } from 'vitest';
import { ApiError, toQueryString } from './api-client';
import { fieldErrorsOf, fieldKeyOf } from './problems';
import { unitTree } from './reference-data';
import { safeNextPath } from './safe-next-path';

const t = ((key: string, options?: { defaultValue?: string }) => (key === 'errors.fields.required' ? 'Fyll i fältet.' : (options?.defaultValue ?? key))) as never;

describe('safeNextPath', () => {
  it.each([
    ['/procurements?status=published', '/procurements?status=published'],
    [null, '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['/login?next=/x', '/'],
  ])('sends %s to %s', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});

describe('field errors from problem+json', () => {
  it('maps API paths to field keys', () => {
    expect(fieldKeyOf('/body/title')).toBe('title');
    expect(fieldKeyOf('/body/lots/0/mainCpv')).toBe('lots.0.mainCpv');
  });

  it('translates known codes, falls back to the server message and keeps the first error per field', () => {
    const error = new ApiError({
      status: 400,
      code: 'validation_failed',
      errors: [
        { path: '/body/title', code: 'required', message: 'Enter a title.' },
        { path: '/body/title', code: 'maxLength', message: 'too long' },
        { path: '/body/lots/1/title', code: 'something_new', message: 'A new rule.' },
      ],
    });
    expect(fieldErrorsOf(error, t)).toEqual({ title: 'Fyll i fältet.', 'lots.1.title': 'A new rule.' });
    expect(fieldErrorsOf(new Error('x'), t)).toEqual({});
  });
});

describe('unitTree', () => {
  it('puts parents before children, siblings by Swedish name, with depth', () => {
    const units = [
      { id: 'c', code: 'C', name: 'Äldreförvaltningen', parentId: null, organisationNumber: null },
      { id: 'a', code: 'A', name: 'Stadsledningskontoret', parentId: null, organisationNumber: null },
      { id: 'b', code: 'B', name: 'Inköp', parentId: 'a', organisationNumber: null },
      { id: 'd', code: 'D', name: 'Orphan', parentId: 'missing', organisationNumber: null },
    ];
    expect(unitTree(units).map((u) => `${u.depth}:${u.name}`)).toEqual(['0:Orphan', '0:Stadsledningskontoret', '1:Inköp', '0:Äldreförvaltningen']);
  });
});

describe('toQueryString', () => {
  it('repeats arrays and leaves out empty values', () => {
    expect(toQueryString({ status: ['planned', 'published'], q: '', year: 2026, unitId: [] })).toBe('?status=planned&status=published&year=2026');
    expect(toQueryString({})).toBe('');
  });
});
