/**
 * A short-lived cache of resolved cookie sessions, keyed by the SHA-256 of the session cookie,
 * for the embedded database only (docs/decisions/0303-auth-across-processes.md, replacing 0201).
 *
 * The embedded database admits one process (its data directory is locked, decision 0004), so
 * every write that changes who a session is — sign-out, organisation switch, password change,
 * a membership suspended, changed or removed — happens in this process, and the services forget
 * the affected entries at once. On a PostgreSQL server other processes write too, so the cache
 * is off there and each request resolves its session with one indexed query.
 * Personal API tokens are never cached: their use is recorded on every request.
 */
export const SESSION_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

export interface SessionCache<T extends { user: { id: string } }> {
  get(tokenHash: string, nowMs: number): T | null;
  set(tokenHash: string, value: T, expiresAt: Date, nowMs: number): void;
  /** Forget one session (sign-out, organisation switch). */
  forgetSession(tokenHash: string): void;
  /** Forget every cached session of a person (password, memberships or account changed). */
  forgetUser(userId: string): void;
}

/** A cache that holds entries when `enabled`, and otherwise holds nothing. */
export function createSessionCache<T extends { user: { id: string } }>(enabled: boolean): SessionCache<T> {
  const entries = new Map<string, { value: T; until: number }>();
  return {
    get(tokenHash, nowMs) {
      const entry = entries.get(tokenHash);
      if (entry === undefined) return null;
      if (entry.until <= nowMs) {
        entries.delete(tokenHash);
        return null;
      }
      return entry.value;
    },
    set(tokenHash, value, expiresAt, nowMs) {
      if (!enabled) return;
      if (entries.size >= MAX_ENTRIES) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      entries.set(tokenHash, { value, until: Math.min(nowMs + SESSION_CACHE_TTL_MS, expiresAt.getTime()) });
    },
    forgetSession(tokenHash) {
      entries.delete(tokenHash);
    },
    forgetUser(userId) {
      for (const [key, entry] of entries) if (entry.value.user.id === userId) entries.delete(key);
    },
  };
}
