/**
 * An in-process cache of register list answers, one per app. An answer is stored with the
 * organisation's register version (table register_versions, moved forward by database
 * triggers on every write to what the list shows) read *before* the list query ran, and is
 * served only while that version is still current. So a hit costs one primary-key lookup
 * instead of the list query, and no writer — this process, another server process on the
 * same PostgreSQL, the CLI — can make it serve a page older than its own committed write.
 * Least recently used answers are dropped beyond `maxEntries`. docs/decisions/0202.
 */
export interface ListCache<T> {
  get(organisationId: string, key: string, version: number): T | undefined;
  set(organisationId: string, key: string, version: number, value: T): void;
  /** The entry held for the key, whatever its version, without marking it used. */
  peek(organisationId: string, key: string): { version: number; value: T } | undefined;
  readonly size: number;
}

interface Entry<T> {
  version: number;
  value: T;
}

export function createListCache<T>(maxEntries: number): ListCache<T> | null {
  if (maxEntries <= 0) return null;
  const entries = new Map<string, Entry<T>>();
  const slot = (organisationId: string, key: string) => `${organisationId} ${key}`;
  return {
    get(organisationId, key, version) {
      const k = slot(organisationId, key);
      const entry = entries.get(k);
      if (entry === undefined) return undefined;
      entries.delete(k);
      if (entry.version !== version) return undefined;
      entries.set(k, entry); // most recently used goes last
      return entry.value;
    },
    set(organisationId, key, version, value) {
      const k = slot(organisationId, key);
      entries.delete(k);
      entries.set(k, { version, value });
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
    peek(organisationId, key) {
      return entries.get(slot(organisationId, key));
    },
    get size() {
      return entries.size;
    },
  };
}
