import type { SQL, SQLWrapper } from 'drizzle-orm';
import type { Actor } from '../../../domain/access/can.js';

/** Who is signed in, whether or not they have chosen an organisation yet. */
export interface Identity {
  user: { id: string; email: string; displayName: string };
  via: 'session' | 'token';
  /** Present for cookie sessions. */
  session?: { tokenHash: string; csrfToken: string };
  /** The organisation chosen for this session or token; null until a person with several has chosen. */
  organisationId: string | null;
}

/** A signed-in caller acting in one organisation. */
export interface AuthContext extends Identity {
  actor: Actor;
  /**
   * The organisation's register version as read in the same statement as the caller, when this
   * request read one (a cookie session not answered from the in-process session cache): the list
   * cache checks against it instead of reading the version again (decision 0202, addendum
   * 2026-12-07). Belongs to this request only; never cached with the caller.
   */
  registerVersion?: number;
}

/**
 * One more value a route reads in the caller's statement (decision 0915), so that a request whose
 * caller is read from the database needs no second round trip: a scalar SQL expression of the
 * session's organisation, with its own placeholders (named apart from the caller's `tokenHash`
 * and `now`). It is evaluated for that organisation only; the route still decides permissions.
 */
export interface CallerRider {
  /** Names the statement that carries it (prepared once per rider). */
  readonly name: string;
  readonly value: (organisationId: SQLWrapper) => SQL<unknown>;
}

/** A rider with the values of its placeholders for one request. */
export interface RiderUse {
  rider: CallerRider;
  params: Record<string, unknown>;
}
