import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../domain/access/can.js';
import { AppError } from '../errors.js';
import type { AuthContext, CallerRider, Identity } from '../features/auth/auth-context.js';
import { safeEqual } from '../features/auth/auth-crypto.js';
import { resolveCaller } from '../features/auth/auth-service.js';
import type { SessionCache } from './session-cache.js';

export type { AuthContext, CallerRider, Identity } from '../features/auth/auth-context.js';

export const SESSION_COOKIE = 'hansyn_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in caller acting in an organisation; null when signed out or none is chosen. */
    auth: AuthContext | null;
    /** The signed-in person, whether or not an organisation is chosen. */
    identity: Identity | null;
    /**
     * The value of the route's `callerRider`, read in the caller's statement (decision 0915); null
     * when the caller came without one (session cache, API token, no organisation).
     */
    ridden: { value: unknown } | null;
  }
  interface FastifyContextConfig {
    /** Routes that answer without a signed-in user. */
    public?: boolean;
    /**
     * Public routes that never look at who calls (liveness, readiness, metrics, the OpenAPI
     * document): credentials are not read at all, so a browser's session cookie costs them no
     * session lookup (two queries on PostgreSQL, decision 0912).
     */
    anonymous?: boolean;
    /** Routes a signed-in person may use before choosing an organisation (me, choose, own account). */
    withoutOrganisation?: boolean;
    /**
     * What the route reads along with the caller, in the same statement (decision 0915), and the
     * values of its placeholders from the validated request. Arrives as `request.ridden`.
     */
    callerRider?: { rider: CallerRider; params: (request: FastifyRequest) => Record<string, unknown> };
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The signed-in actor of a request on a non-public route (the hook guarantees one). */
export function actorOf(request: FastifyRequest): Actor {
  if (request.auth === null) throw new AppError('unauthenticated', 'Sign in first.');
  return request.auth.actor;
}

export function authOf(request: FastifyRequest): AuthContext {
  if (request.auth === null) throw new AppError('unauthenticated', 'Sign in first.');
  return request.auth;
}

/** The signed-in person on a `withoutOrganisation` route. */
export function identityOf(request: FastifyRequest): Identity {
  if (request.identity === null) throw new AppError('unauthenticated', 'Sign in first.');
  return request.identity;
}

export type CallerCache = SessionCache<Identity & { actor: Actor | null }>;

/**
 * Resolves who is calling (session cookie or personal API token), refuses unauthenticated
 * calls to non-public API routes, refuses calls that need an organisation before one is chosen,
 * and guards every state-changing cookie request against cross-site request forgery: the Origin,
 * when sent, must be our own, and the request must carry the session's CSRF token in a header
 * (which a cross-site form cannot set).
 */
export function registerAuthentication(
  app: FastifyInstance,
  db: Database,
  publicOrigin: string | null,
  options: { now: () => Date; sessionCache: CallerCache },
): void {
  app.decorateRequest('auth', null);
  app.decorateRequest('identity', null);
  app.decorateRequest('ridden', null);
  app.addHook('preHandler', async (request) => {
    // Unmatched routes fall through to the 404 problem; the API docs are public.
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs') || request.routeOptions.url === undefined) return;
    const { config } = request.routeOptions;
    if (config.anonymous === true && config.public === true) return;
    const isPublic = config.public === true;
    const unsafe = !SAFE_METHODS.has(request.method);
    if (unsafe) {
      const origin = request.headers.origin;
      if (origin !== undefined && origin !== 'null') {
        const expected = publicOrigin ?? `${request.protocol}://${request.host}`;
        if (origin !== expected) throw new AppError('csrf_failed', 'Cross-site requests are not accepted.');
      }
    }
    const header = request.headers.authorization;
    let bearer: string | null = null;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw new AppError('unauthenticated', 'The Authorization header must be "Bearer hsn_…".');
      bearer = match[1]!;
    }
    const rider = config.callerRider === undefined ? undefined : { rider: config.callerRider.rider, params: config.callerRider.params(request) };
    const caller = await resolveCaller({ db, now: options.now, sessionCache: options.sessionCache }, { bearer, cookie: request.cookies[SESSION_COOKIE] ?? null }, rider);
    if (caller === null) {
      if (isPublic) return;
      throw new AppError('unauthenticated', 'Sign in first.');
    }
    const { actor, registerVersion, ridden, ...identity } = caller;
    request.identity = identity;
    request.ridden = ridden ?? null;
    request.auth = actor === null ? null : { ...identity, actor, ...(registerVersion === undefined ? {} : { registerVersion }) };
    if (request.auth === null && !isPublic && config.withoutOrganisation !== true) {
      throw new AppError('organisation_required', 'Choose the organisation to work in first (POST /api/auth/organisation).');
    }
    if (unsafe && !isPublic && identity.via === 'session') {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, identity.session!.csrfToken)) {
        throw new AppError('csrf_failed', `State-changing requests must send the ${CSRF_HEADER} header from GET /api/me.`);
      }
    }
  });
}

/** The signed-in actor and a label for the audit trail. */
export function auditActorOf(request: FastifyRequest): { actor: Actor; label: string } {
  const auth = authOf(request);
  return { actor: auth.actor, label: auth.user.email };
}
