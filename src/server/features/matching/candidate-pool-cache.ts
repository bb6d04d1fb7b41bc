import type { CandidatePool, ShareConsent } from '../../../domain/matching/candidate-pool.js';
import { consentMask } from '../../../domain/matching/candidate-pool.js';
import type { MatchingVersions } from './matching-versions.js';

/**
 * Each server process keeps, per organisation, its candidates in the pool form ranking reads
 * (docs/decisions/0703), stored with the organisation's matching version read *before* the
 * participants and consents were loaded. A pool is used only while that version is still
 * current, and the version moves in the same transaction as every write to participants or
 * consents (migration 0014 triggers), so no writer — this process, another server process on
 * the same PostgreSQL, the CLI, hand-written SQL — can make ranking read facts older than its own
 * committed write. A write committing between the version read and the load only makes the pool
 * newer than its version says; the next request sees the new version and loads again.
 */
export interface LoadedPool {
  pool: CandidatePool;
  consents: readonly ShareConsent[];
}

export interface PoolEntry extends LoadedPool {
  version: number;
  /** Consent masks already worked out, per supplier and day. */
  masks: Map<string, Uint8Array>;
}

export interface CandidatePoolCache {
  /** The organisation's current pool: from memory when its version is current, else loaded. */
  entry(organisationId: string): Promise<PoolEntry>;
  close(): Promise<void>;
}

/** Consent masks kept per pool (a few suppliers a day is the usual use). */
const MASKS_PER_POOL = 32;

/** The consent mask of `supplierId` on `asOf`, worked out once per pool. */
export function maskOf(entry: PoolEntry, supplierId: string, asOf: string): Uint8Array {
  const key = `${supplierId} ${asOf}`;
  let mask = entry.masks.get(key);
  if (mask === undefined) {
    mask = consentMask(entry.pool, entry.consents, supplierId, asOf);
    if (entry.masks.size >= MASKS_PER_POOL) entry.masks.clear();
    entry.masks.set(key, mask);
  }
  return mask;
}

export function createCandidatePoolCache(options: {
  versions: MatchingVersions;
  load: (organisationId: string) => Promise<LoadedPool>;
  /** Organisations whose pools are kept (least recently used dropped first). */
  maxOrganisations: number;
  onLookup?: (hit: boolean) => void;
}): CandidatePoolCache {
  const entries = new Map<string, PoolEntry>();
  // One load per organisation and version at a time: concurrent misses share it.
  const loading = new Map<string, { version: number; promise: Promise<PoolEntry> }>();
  return {
    async entry(organisationId) {
      const version = await options.versions.current(organisationId);
      const kept = entries.get(organisationId);
      if (kept !== undefined && kept.version === version) {
        entries.delete(organisationId);
        entries.set(organisationId, kept); // most recently used goes last
        options.onLookup?.(true);
        return kept;
      }
      options.onLookup?.(false);
      const inFlight = loading.get(organisationId);
      if (inFlight !== undefined && inFlight.version === version) return inFlight.promise;
      const promise = options.load(organisationId).then((loaded) => {
        const entry: PoolEntry = { ...loaded, version, masks: new Map() };
        const current = entries.get(organisationId);
        if (current === undefined || current.version <= version) {
          entries.delete(organisationId);
          entries.set(organisationId, entry);
          while (entries.size > options.maxOrganisations) entries.delete(entries.keys().next().value!);
        }
        return entry;
      });
      loading.set(organisationId, { version, promise });
      try {
        return await promise;
      } finally {
        if (loading.get(organisationId)?.promise === promise) loading.delete(organisationId);
      }
    },
    close: () => options.versions.close(),
  };
}
