import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../domain/access/can.js';
import { AppError } from '../errors.js';
import { API_TOKEN_PREFIX, safeEqual, sha256 } from '../features/auth/auth-crypto.js';
import { findActiveToken, findSession, loadActor, touchToken } from '../features/auth/auth-repository.js';
import { cachedSession, cacheSession } from './session-cache.js';

export const SESSION_COOKIE = 'hansyn_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface AuthContext {
  actor: Actor;
  user: { id: string; email: string; displayName: string };
  via: 'session' | 'token';
  /** Present for cookie sessions. */
  session?: { tokenHash: string; csrfToken: string };
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    /** Routes that answer without a signed-in user. */
    public?: boolean;
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

async function resolve(db: Database, request: FastifyRequest, now: Date): Promise<AuthContext | null> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match || !match[1]!.startsWith(API_TOKEN_PREFIX)) {
      throw new AppError('unauthenticated', 'The Authorization header must be "Bearer hsn_…".');
    }
    const token = await findActiveToken(db, sha256(match[1]!));
    if (token === null) throw new AppError('unauthenticated', 'The API token is unknown or revoked.');
    const actor = await loadActor(db, token.userId, token.organisationId);
    if (actor === null) throw new AppError('unauthenticated', 'The API token no longer has any role.');
    await touchToken(db, token.id, now);
    return { actor, user: { id: token.userId, email: token.email, displayName: token.displayName }, via: 'token' };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie === undefined || cookie === '') return null;
  const tokenHash = sha256(cookie);
  const cached = cachedSession(tokenHash, now.getTime());
  if (cached !== null) return cached;
  const session = await findSession(db, tokenHash, now);
  if (session === null) return null;
  const actor = await loadActor(db, session.userId, session.organisationId);
  if (actor === null) return null;
  const context: AuthContext = {
    actor,
    user: { id: session.userId, email: session.email, displayName: session.displayName },
    via: 'session',
    session: { tokenHash, csrfToken: session.csrfToken },
  };
  cacheSession(tokenHash, context, session.expiresAt, now.getTime());
  return context;
}

/**
 * Resolves who is calling (session cookie or personal API token), refuses unauthenticated
 * calls to non-public API routes, and guards every state-changing cookie request against
 * cross-site request forgery: the Origin, when sent, must be our own, and the request must
 * carry the session's CSRF token in a header (which a cross-site form cannot set).
 */
export function registerAuthentication(app: FastifyInstance, db: Database, publicOrigin: string | null): void {
  app.decorateRequest('auth', null);
  app.addHook('preHandler', async (request) => {
    // Unmatched routes fall through to the 404 problem; the API docs are public.
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs') || request.routeOptions.url === undefined) return;
    const isPublic = request.routeOptions.config.public === true;
    const unsafe = !SAFE_METHODS.has(request.method);
    if (unsafe) {
      const origin = request.headers.origin;
      if (origin !== undefined && origin !== 'null') {
        const expected = publicOrigin ?? `${request.protocol}://${request.host}`;
        if (origin !== expected) throw new AppError('csrf_failed', 'Cross-site requests are not accepted.');
      }
    }
    request.auth = await resolve(db, request, new Date());
    if (request.auth === null) {
      if (isPublic) return;
      throw new AppError('unauthenticated', 'Sign in first.');
    }
    if (unsafe && !isPublic && request.auth.via === 'session') {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, request.auth.session!.csrfToken)) {
        throw new AppError('csrf_failed', `State-changing requests must send the ${CSRF_HEADER} header from GET /api/me.`);
      }
    }
  });
}
