/**
 * A short-lived, in-process cache of resolved cookie sessions (who the caller is and what
 * roles they hold), keyed by the SHA-256 of the session cookie. Without it every API request
 * costs two extra queries (session, memberships) before it starts its own work, which at 32
 * concurrent connections on the embedded database is most of the time spent.
 *
 * Why it is safe enough (docs/decisions/0201-session-cache.md):
 *  - an entry lives at most TTL_MS (5 s) and never past the session's own expiry;
 *  - signing out, changing the password and changing or disabling a user forget the affected
 *    entries at once in this process (auth-repository and the user routes call forget*);
 *  - with several server processes on one PostgreSQL database, another process may accept a
 *    signed-out cookie or old roles for at most TTL_MS.
 * Personal API tokens are not cached: their use is recorded (last used) on every request.
 */
import type { AuthContext } from './authenticate.js';

export const SESSION_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  context: AuthContext;
  /** Epoch ms after which the entry is stale. */
  until: number;
}

const entries = new Map<string, Entry>();

export function cachedSession(tokenHash: string, nowMs: number): AuthContext | null {
  const entry = entries.get(tokenHash);
  if (entry === undefined) return null;
  if (entry.until <= nowMs) {
    entries.delete(tokenHash);
    return null;
  }
  return entry.context;
}

export function cacheSession(tokenHash: string, context: AuthContext, expiresAt: Date, nowMs: number): void {
  if (entries.size >= MAX_ENTRIES) {
    // Drop the oldest insertion; a Map iterates in insertion order.
    const oldest = entries.keys().next().value;
    if (oldest !== undefined) entries.delete(oldest);
  }
  entries.set(tokenHash, { context, until: Math.min(nowMs + SESSION_CACHE_TTL_MS, expiresAt.getTime()) });
}

/** Forget one session (sign-out). */
export function forgetSession(tokenHash: string): void {
  entries.delete(tokenHash);
}

/** Forget every cached session of a user (password changed, roles changed, user disabled). */
export function forgetUserSessions(userId: string): void {
  for (const [key, entry] of entries) if (entry.context.user.id === userId) entries.delete(key);
}
