import { describe, expect, it } from 'vitest';
import { comparableVolumeRange, orderByCloseness, shareOf, summarisePeers, type BuyerVolume } from './compare-peers.js';

const buyer = (key: string, notices: number, social: number): BuyerVolume => ({ key, name: key, notices, noticesWithSocial: social, noticesWithEmployment: 0 });

describe('comparableVolumeRange', () => {
  it.each([
    [0, 1, 5],
    [2, 1, 5],
    [3, 2, 6],
    [10, 5, 20],
    [101, 51, 202],
  ])('%d own notices → peers with %d–%d notices', (own, min, max) => expect(comparableVolumeRange(own)).toEqual({ min, max }));
});

describe('summarisePeers', () => {
  it('pools notices and takes the median of the peers’ own shares', () => {
    expect(summarisePeers([buyer('a', 10, 5), buyer('b', 2, 2), buyer('c', 4, 0)])).toEqual({ peers: 3, notices: 16, pooledShare: 7 / 16, medianShare: 0.5, pooledEmploymentShare: 0 });
    expect(summarisePeers([buyer('a', 4, 1), buyer('b', 4, 3)]).medianShare).toBe(0.5);
  });

  it('is all zeros without peers (never NaN)', () => {
    expect(summarisePeers([])).toEqual({ peers: 0, notices: 0, pooledShare: 0, medianShare: 0, pooledEmploymentShare: 0 });
    expect(shareOf(1, 0)).toBe(0);
  });
});

describe('orderByCloseness', () => {
  it('lists peers by volume ratio to ours (half and double are equally close), then by key', () => {
    expect(orderByCloseness([buyer('d', 20, 0), buyer('c', 5, 0), buyer('b', 11, 0), buyer('a', 10, 0)], 10).map((b) => b.key)).toEqual(['a', 'b', 'c', 'd']);
  });
});
