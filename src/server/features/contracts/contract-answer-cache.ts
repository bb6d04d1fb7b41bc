import type { ListCache } from '../procurements/procurement-service.js';
import type { ContractPageVersions } from './follow-up-versions.js';

/**
 * The app's cache of contract pages and fulfilments (docs/decisions/0432), as the follow-up
 * queue's (0911): whole answers per organisation and contract, each stored with the versions
 * read *before* it was computed and served only while they are current. The follow-up version
 * is the entry's version; the register version, for answers that show register fields, is part
 * of the key (an answer stored under an older one is never asked for again and ages out).
 */
export interface ContractAnswerCache {
  cache: ListCache<CachedContractAnswer>;
  versions: ContractPageVersions;
  onLookup?: (answer: 'contract_page' | 'contract_fulfilment', hit: boolean) => void;
}

/**
 * A stored answer and the contract's unit, which the permission check needs on every request
 * (it is in the contract row, so the follow-up version keeps it current). `views` holds one
 * answer per view the key does not tell apart, e.g. the contract page with placements and the
 * one without; each is built on its own and never trimmed from the other.
 */
export interface CachedContractAnswer {
  unitId: string;
  views: Readonly<Record<string, unknown>>;
}

/** Computations under way, per app cache: requests that miss on the same answer and version share one. */
const inFlight = new WeakMap<object, Map<string, Promise<CachedContractAnswer | null>>>();

/**
 * The answer for `key` from the cache while the organisation's versions are unchanged, else
 * computed (null: no such contract in the organisation, never stored). Answers are shared:
 * callers never change them.
 */
export async function cachedContractAnswer(
  cached: ContractAnswerCache,
  answer: 'contract_page' | 'contract_fulfilment',
  organisationId: string,
  key: string,
  showsRegisterFields: boolean,
  compute: () => Promise<CachedContractAnswer | null>,
): Promise<CachedContractAnswer | null> {
  const version = await cached.versions.current(organisationId);
  const slot = showsRegisterFields ? `${answer} ${key} register:${version.register}` : `${answer} ${key}`;
  const hit = cached.cache.get(organisationId, slot, version.followUp);
  cached.onLookup?.(answer, hit !== undefined);
  if (hit !== undefined) return hit;
  const flight = `${organisationId} ${slot} ${version.followUp}`;
  const flights = inFlight.get(cached.cache) ?? inFlight.set(cached.cache, new Map()).get(cached.cache)!;
  const running = flights.get(flight);
  if (running) return running;
  const computing = compute().finally(() => flights.delete(flight));
  flights.set(flight, computing);
  const computed = await computing;
  if (computed !== null) cached.cache.set(organisationId, slot, version.followUp, computed);
  return computed;
}
