/**
 * Register snapshots (decision 0913): an organisation's whole register, as list rows, held in the
 * process at one register version, so a list the list cache does not hold — another filter, sort
 * or page — is cut from memory instead of being queried. A snapshot is read with one statement
 * (every row, with its place in each sort order as the database collates it) the first time a list
 * of that organisation misses the cache at a newer version than the snapshot's, and serves every
 * filter, sort and page while the register version stands. Free-text search asks the database only
 * for the matching ids (the Swedish stemming lives there), remembered per snapshot; a newer snapshot
 * takes over the remembered searches when no search vector changed in between (decision 0916).
 *
 * Correct across processes as the list cache is (decision 0202): the version is read with the
 * caller, before the snapshot, so a snapshot can only be newer than the version it is served at.
 * Bounded: an organisation with more than `maxRows` procurements is listed with SQL, and snapshots
 * beyond `maxTotalRows` rows in all are dropped, least recently used first.
 */
import type { Database } from '../../../db/client.js';
import {
  cpvDivisionRange,
  registerRows,
  searchProcurementIds,
  sortOf,
  toPrefixQuery,
  UNDECIDED_QUEUE,
  yearRange,
  type ListOptions,
  type ListRow,
  type RegisterRow,
} from './procurement-repository.js';

/** A search's matching ids and the register version the database found them at. */
type Found = { ids: Set<string>; version: number };

/** A remembered search: its answer, and the answer itself once it has come. */
interface Search {
  answer: Promise<Found>;
  found?: Found;
}

interface Snapshot {
  /** The register version the rows are at (read in their statement). */
  version: number;
  rows: RegisterRow[];
  /** Rows in each sort order (`title`, `-title`, …), built on first use. */
  orders: Map<string, RegisterRow[]>;
  /** Matching ids per prefix tsquery, a bounded number. */
  searches: Map<string, Search>;
}

interface Held {
  version: number;
  snapshot: Promise<Snapshot | null>;
  /** The snapshot once it has been read. */
  ready?: Snapshot;
  rows: number;
}

export interface RegisterSnapshots {
  /** One page of the register from the snapshot at `version` or newer; null when the organisation is too large for one. */
  list(db: Database, organisationId: string, version: number, options: ListOptions): Promise<{ rows: ListRow[]; total: number } | null>;
  /** Snapshots held and their rows, for the metrics and tests. */
  readonly held: { organisations: number; rows: number };
}

const MAX_SEARCHES_PER_SNAPSHOT = 256;
/** How long an organisation found too large is listed with SQL before it is measured again. */
const TOO_LARGE_RECHECK_MS = 10 * 60_000;

/** Organisations with more procurements than this are listed with SQL (a snapshot is read whole after every write). */
export const REGISTER_SNAPSHOT_MAX_ROWS = 10_000;

/**
 * `onLookup(built)` is told, per list, whether a snapshot had to be read for it; `onSearch(queried)`,
 * per free-text list, whether the database had to be asked for the matching ids.
 */
export function createRegisterSnapshots(
  limits: { maxRows: number; maxTotalRows: number },
  now: () => Date,
  onLookup?: (built: boolean) => void,
  onSearch?: (queried: boolean) => void,
): RegisterSnapshots {
  const held = new Map<string, Held>(); // least recently used first
  const tooLargeUntil = new Map<string, number>();
  let totalRows = 0;

  const drop = (organisationId: string) => {
    const entry = held.get(organisationId);
    if (entry === undefined) return;
    held.delete(organisationId);
    totalRows -= entry.rows;
  };

  const snapshotAt = (db: Database, organisationId: string, version: number): Promise<Snapshot | null> => {
    const entry = held.get(organisationId);
    // A snapshot built at this version or a later one serves: never older than the caller's version.
    if (entry !== undefined && entry.version >= version) {
      onLookup?.(false);
      held.delete(organisationId);
      held.set(organisationId, entry);
      return entry.snapshot;
    }
    const previous = entry?.ready ?? null;
    drop(organisationId);
    onLookup?.(true);
    const next: Held = { version, rows: 0, snapshot: Promise.resolve(null) };
    next.snapshot = registerRows(db, organisationId, limits.maxRows).then(
      (read) => {
        if (read === null) {
          tooLargeUntil.set(organisationId, now().getTime() + TOO_LARGE_RECHECK_MS);
          if (held.get(organisationId) === next) drop(organisationId);
          return null;
        }
        const { rows } = read;
        if (held.get(organisationId) === next) {
          next.rows = rows.length;
          totalRows += rows.length;
          for (const [id] of held) {
            if (totalRows <= limits.maxTotalRows || id === organisationId) break;
            drop(id);
          }
        }
        next.ready = { version: read.version, rows, orders: new Map(), searches: searchesStillTrue(previous, read) };
        return next.ready;
      },
      (error: unknown) => {
        if (held.get(organisationId) === next) drop(organisationId);
        throw error;
      },
    );
    held.set(organisationId, next);
    return next.snapshot;
  };

  return {
    async list(db, organisationId, version, options) {
      const until = tooLargeUntil.get(organisationId);
      if (until !== undefined) {
        if (now().getTime() < until) return null;
        tooLargeUntil.delete(organisationId);
      }
      const snapshot = await snapshotAt(db, organisationId, version);
      if (snapshot === null) return null;
      const prefixQuery = options.q === undefined ? null : toPrefixQuery(options.q);
      const found = prefixQuery === null ? null : (await searched(snapshot, prefixQuery, () => searchProcurementIds(db, organisationId, prefixQuery), onSearch)).ids;
      const keep = matcher(options, found);
      let total = 0;
      const rows: ListRow[] = [];
      const end = options.offset + options.limit;
      for (const { row } of ordered(snapshot, options.sort)) {
        if (!keep(row)) continue;
        if (total >= options.offset && total < end) rows.push(row);
        total += 1;
      }
      return { rows, total };
    },
    get held() {
      return { organisations: held.size, rows: totalRows };
    },
  };
}

function searched(snapshot: Snapshot, prefixQuery: string, search: () => Promise<Found>, onSearch?: (queried: boolean) => void): Promise<Found> {
  const remembered = snapshot.searches.get(prefixQuery);
  onSearch?.(remembered === undefined);
  if (remembered !== undefined) return remembered.answer;
  if (snapshot.searches.size >= MAX_SEARCHES_PER_SNAPSHOT) snapshot.searches.delete(snapshot.searches.keys().next().value!);
  const asked: Search = { answer: search() };
  snapshot.searches.set(prefixQuery, asked);
  asked.answer.then(
    (found) => {
      asked.found = found;
    },
    // An answer that fails is forgotten, so the next list asks again.
    () => {
      if (snapshot.searches.get(prefixQuery) === asked) snapshot.searches.delete(prefixQuery);
    },
  );
  return asked.answer;
}

/**
 * The previous snapshot's answered searches that are still true at the new rows (decision 0916).
 * A search's ids depend only on the organisation's search vectors. One found at exactly the
 * previous snapshot's version, when every row now has the search-vector digest it had then (no row
 * added, none whose text changed), finds the same ids now; a removed row is never listed, so its
 * id does no harm. Anything else, and a search still waiting for its answer, is asked again.
 */
function searchesStillTrue(before: Snapshot | null, read: { rows: RegisterRow[]; version: number }): Map<string, Search> {
  const searches = new Map<string, Search>();
  if (before === null || before.searches.size === 0) return searches;
  const digests = new Map(before.rows.map((r) => [r.row.id, r.searchDigest]));
  if (read.rows.some((r) => digests.get(r.row.id) !== r.searchDigest)) return searches;
  for (const [prefixQuery, { found }] of before.searches) {
    if (found?.version !== before.version) continue;
    const carried = { ids: found.ids, version: read.version };
    searches.set(prefixQuery, { answer: Promise.resolve(carried), found: carried });
  }
  return searches;
}

/**
 * The rows in the order orderByOf gives: `key asc nulls last, id asc`, or for `-key`
 * `key desc nulls last, id desc` — the values that are not null in reverse, then the nulls in reverse.
 */
function ordered(snapshot: Snapshot, sort: string): RegisterRow[] {
  let rows = snapshot.orders.get(sort);
  if (rows !== undefined) return rows;
  const { key, descending } = sortOf(sort);
  const ascending = [...snapshot.rows].sort((a, b) => a.ranks[key].rank - b.ranks[key].rank);
  rows = descending ? [...ascending.filter((r) => !r.ranks[key].isNull).reverse(), ...ascending.filter((r) => r.ranks[key].isNull).reverse()] : ascending;
  snapshot.orders.set(sort, rows);
  return rows;
}

/** The register list's filter (filterConditions) as a predicate over snapshot rows: only the conditions the filter sets are checked. */
function matcher(filter: ListOptions, found: Set<string> | null): (row: ListRow) => boolean {
  const checks: Array<(row: ListRow) => boolean> = [];
  if (filter.unitIds && filter.unitIds.length > 0) {
    const unitIds = new Set(filter.unitIds);
    checks.push((row) => unitIds.has(row.unit.id));
  }
  if (filter.statuses && filter.statuses.length > 0) {
    const statuses = new Set<string>(filter.statuses);
    checks.push((row) => statuses.has(row.status));
  }
  if (filter.contractNature) {
    const nature = filter.contractNature;
    checks.push((row) => row.contractNature === nature);
  }
  if (filter.year !== undefined) {
    const [from, to] = yearRange(filter.year);
    checks.push((row) => row.contractStart !== null && row.contractStart >= from && row.contractStart < to);
  }
  if (filter.cpvDivision) {
    const [from, to] = cpvDivisionRange(filter.cpvDivision);
    checks.push((row) => row.mainCpv >= from && row.mainCpv < to);
  }
  if (found !== null) checks.push((row) => found.has(row.id));
  if (filter.screening === 'none') checks.push((row) => row.screening === null);
  else if (filter.screening !== undefined) {
    const recommendation = filter.screening;
    checks.push((row) => row.screening === recommendation);
  }
  if (filter.queue === 'undecided') {
    const recommendations = new Set<string | null>(UNDECIDED_QUEUE.recommendations);
    const statuses = new Set<string>(UNDECIDED_QUEUE.statuses);
    checks.push((row) => recommendations.has(row.screening) && row.decision === null && statuses.has(row.status));
  }
  if (checks.length === 0) return () => true;
  if (checks.length === 1) return checks[0]!;
  return (row) => checks.every((check) => check(row));
}
