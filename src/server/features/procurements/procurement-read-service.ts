import type { Database } from '../../../db/client.js';
import { can, type Actor } from '../../../domain/access/can.js';
import { notFound } from '../../errors.js';
import type { ListCache } from './list-cache.js';
import { findProcurement, type ProcurementRecord } from './procurement-repository.js';

export type { ProcurementRecord };

/**
 * A procurement of the actor's organisation that the actor may read, or 404 — never 403, so
 * another organisation's (or another unit's) procurement is indistinguishable from none (0002).
 * Its own module so that screening and decisions can read a procurement without importing the
 * procurement service, which itself calls screening (no import circle).
 */
export async function getProcurement(db: Database, actor: Actor, id: string, cached?: PageCacheUse): Promise<ProcurementRecord> {
  const record = cached === undefined ? await findProcurement(db, actor.organisationId, id) : await findCached(db, actor.organisationId, id, cached);
  if (!record || !can(actor, 'procurement:read', { organisationId: record.organisationId, unitId: record.unitId })) {
    throw notFound('The procurement');
  }
  return record;
}

/**
 * The page cache of one read (decision 0914): records of the organisation's procurements, each
 * stored with the register version read with the caller before the record was read, and served
 * only at that same version. Only a read answers from it: a write reads its result fresh.
 */
export interface PageCacheUse {
  cache: ListCache<ProcurementRecord>;
  /** The register version this request's caller statement read. */
  version: number;
  onLookup?: (hit: boolean) => void;
}

async function findCached(db: Database, organisationId: string, id: string, { cache, version, onLookup }: PageCacheUse): Promise<ProcurementRecord | null> {
  const hit = cache.get(organisationId, id, version);
  onLookup?.(hit !== undefined);
  if (hit !== undefined) return hit;
  const record = await findProcurement(db, organisationId, id);
  if (record !== null) cache.set(organisationId, id, version, record);
  return record;
}
