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
