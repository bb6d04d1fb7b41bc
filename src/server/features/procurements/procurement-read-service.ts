import type { Database } from '../../../db/client.js';
import { can, type Actor } from '../../../domain/access/can.js';
import { notFound } from '../../errors.js';
import type { ListCache } from './list-cache.js';
import { findProcurement, pageFromJson, type PageJson, type ProcurementRecord } from './procurement-repository.js';

export type { PageJson, ProcurementRecord };
export { PAGE_RIDER } from './procurement-repository.js';

/**
 * A procurement of the actor's organisation that the actor may read, or 404 — never 403, so
 * another organisation's (or another unit's) procurement is indistinguishable from none (0002).
 * Its own module so that screening and decisions can read a procurement without importing the
 * procurement service, which itself calls screening (no import circle).
 */
export async function getProcurement(db: Database, actor: Actor, id: string, source: PageSource = {}): Promise<ProcurementRecord> {
  const { cache, ridden } = source;
  let record: ProcurementRecord | null;
  if (ridden !== undefined && ridden !== null) {
    // Read with the caller, at the version that statement read: the cache keeps it at that version.
    record = pageFromJson(ridden);
    cache?.onLookup?.(false);
    cache?.cache.set(PAGES, id, cache.version, record);
  } else {
    // No rider, or a null one: the copy held here was current (or there is no such page).
    record = cache === undefined ? await findProcurement(db, actor.organisationId, id) : await findCached(db, actor.organisationId, id, cache);
  }
  if (!record || !can(actor, 'procurement:read', { organisationId: record.organisationId, unitId: record.unitId })) {
    throw notFound('The procurement');
  }
  return record;
}

/**
 * Where a read finds the page besides the page's own statement: the page cache, and the page as
 * the caller's statement read it (`PAGE_RIDER`, decision 0915). A null rider means the copy in the
 * cache was current at that statement's version, or there is no such page: the cache decides.
 */
export interface PageSource {
  cache?: PageCacheUse | undefined;
  ridden?: PageJson | null;
}

/**
 * The page cache of one read (decision 0914): records of procurements, each stored with the
 * register version of its organisation read with the caller before (or in the same statement as)
 * the record, and served only at that same version, to a caller of the record's organisation.
 * Keyed by procurement id alone, so the rider's placeholders can name the copy held before the
 * caller's organisation is known. Only a read answers from it: a write reads its result fresh.
 */
export interface PageCacheUse {
  cache: ListCache<ProcurementRecord>;
  /** The register version this request's caller statement read. */
  version: number;
  onLookup?: (hit: boolean) => void;
}

/** The one namespace of the page cache: ids are unique across organisations. */
const PAGES = '';

/** The rider's placeholders for a page (decision 0915): the id, and the copy held here, if any. */
export function pageRiderParams(cache: ListCache<ProcurementRecord> | null, id: string): Record<string, unknown> {
  const held = cache?.peek(PAGES, id);
  return { pageId: id, pageCachedOrg: held?.value.organisationId ?? null, pageCachedAt: held?.version ?? null };
}

async function findCached(db: Database, organisationId: string, id: string, { cache, version, onLookup }: PageCacheUse): Promise<ProcurementRecord | null> {
  const held = cache.get(PAGES, id, version);
  const hit = held !== undefined && held.organisationId === organisationId ? held : undefined;
  onLookup?.(hit !== undefined);
  if (hit !== undefined) return hit;
  const record = await findProcurement(db, organisationId, id);
  if (record !== null) cache.set(PAGES, id, version, record);
  return record;
}
