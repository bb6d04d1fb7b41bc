import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-next-path';

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
