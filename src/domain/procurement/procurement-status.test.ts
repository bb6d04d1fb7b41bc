import { describe, expect, it } from 'vitest';
import { PROCUREMENT_STATUSES } from './procurement.js';
import { canTransition, isDeletable, isFinalStatus, isPublishedOrLater } from './procurement-status.js';

const allowed: Array<[string, string]> = [
  ['planned', 'in_preparation'],
  ['planned', 'cancelled'],
  ['in_preparation', 'published'],
  ['in_preparation', 'cancelled'],
  ['published', 'evaluation'],
  ['published', 'cancelled'],
  ['evaluation', 'awarded'],
  ['evaluation', 'cancelled'],
];

describe('procurement status transitions', () => {
  for (const from of PROCUREMENT_STATUSES) {
    for (const to of PROCUREMENT_STATUSES) {
      const expected = allowed.some(([a, b]) => a === from && b === to);
      it(`${from} → ${to} is ${expected ? 'allowed' : 'refused'}`, () => {
        expect(canTransition(from, to)).toBe(expected);
      });
    }
  }

  it('awarded and cancelled are final, nothing else is', () => {
    expect(PROCUREMENT_STATUSES.filter(isFinalStatus)).toEqual(['awarded', 'cancelled']);
  });

  it('only a planned procurement can be deleted', () => {
    expect(PROCUREMENT_STATUSES.filter(isDeletable)).toEqual(['planned']);
  });

  it('published, evaluation and awarded count as published or later', () => {
    expect(PROCUREMENT_STATUSES.filter(isPublishedOrLater)).toEqual(['published', 'evaluation', 'awarded']);
  });
});
