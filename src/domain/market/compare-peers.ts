/**
 * Benchmarking an organisation against comparable buyers. Pure.
 *
 * "Comparable" (documented in docs/eforms.md and decision 0104): a buyer in the same country whose
 * number of notices in the same period is within half to double the organisation's own count
 * (at least 1 and at most 5 notices when the organisation has fewer than 3), excluding the
 * organisation itself. Volume is the best proxy we have for size and procurement maturity that
 * TED itself carries; country keeps the legal frame (LOU, national guidance) the same.
 */

export interface BuyerVolume {
  key: string;
  name: string | null;
  notices: number;
  noticesWithSocial: number;
  noticesWithEmployment: number;
}

export interface VolumeRange {
  min: number;
  max: number;
}

/** Notice counts that count as "similar volume" to `ownNotices`. */
export function comparableVolumeRange(ownNotices: number): VolumeRange {
  if (ownNotices < 3) return { min: 1, max: 5 };
  return { min: Math.ceil(ownNotices / 2), max: ownNotices * 2 };
}

/** Share of notices with social considerations, 0 when there are none (never NaN). */
export function shareOf(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

export interface PeerSummary {
  peers: number;
  notices: number;
  /** All peers' notices with social considerations over all their notices. */
  pooledShare: number;
  /** The median of the peers' own shares (each buyer counts once). */
  medianShare: number;
  pooledEmploymentShare: number;
}

/** Pooled and median shares of a set of peers. */
export function summarisePeers(peers: readonly BuyerVolume[]): PeerSummary {
  const notices = peers.reduce((sum, peer) => sum + peer.notices, 0);
  const social = peers.reduce((sum, peer) => sum + peer.noticesWithSocial, 0);
  const employment = peers.reduce((sum, peer) => sum + peer.noticesWithEmployment, 0);
  const shares = peers.map((peer) => shareOf(peer.noticesWithSocial, peer.notices)).sort((a, b) => a - b);
  const middle = Math.floor(shares.length / 2);
  const medianShare = shares.length === 0 ? 0 : shares.length % 2 === 1 ? shares[middle]! : (shares[middle - 1]! + shares[middle]!) / 2;
  return {
    peers: peers.length,
    notices,
    pooledShare: shareOf(social, notices),
    medianShare,
    pooledEmploymentShare: shareOf(employment, notices),
  };
}

/**
 * Orders peers by closeness of volume to the organisation's (ratio on a log scale), then by key,
 * so the listed peers are the most comparable ones and the order is stable.
 */
export function orderByCloseness(peers: readonly BuyerVolume[], ownNotices: number): BuyerVolume[] {
  const reference = Math.max(ownNotices, 1);
  const distance = (peer: BuyerVolume) => Math.abs(Math.log(peer.notices / reference));
  return [...peers].sort((a, b) => distance(a) - distance(b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
