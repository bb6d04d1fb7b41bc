import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client';
import { fieldErrorsOf, fieldKeyOf } from './problems';

const t = ((key: string, options?: { defaultValue?: string }) => (key === 'errors.fields.required' ? 'Fyll i fältet.' : (options?.defaultValue ?? key))) as never;

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
