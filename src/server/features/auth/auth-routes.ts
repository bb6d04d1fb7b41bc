import { Type } from '@sinclair/typebox';
import { AppError } from '../../errors.js';
import { authOf, CSRF_HEADER, identityOf, SESSION_COOKIE } from '../../plugins/authenticate.js';
import type { App, AppDeps } from '../../deps.js';
import { errorResponses, IdParams, problem } from '../../schemas.js';
import { AccountBody, ChooseOrganisationBody, CreatedToken, LoginBody, Me, PasswordChangeBody, Token, TokenBody } from './auth-schemas.js';
import * as auth from './auth-service.js';

/**
 * Sign-in, sign-out, choosing the organisation, the current person, their own account (name,
 * password) and personal API tokens. Login errors never reveal whether the e-mail exists.
 */
export async function authRoutes(app: App, { db, config, now, sessionCache }: AppDeps): Promise<void> {
  const deps = { db, now, sessionCache };
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies };
  const limits = { perEmail: config.loginRateLimit, perIp: config.loginIpRateLimit, windowMs: auth.LOGIN_WINDOW_MS };

  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password; sets the session cookie',
        description:
          'With several organisations and no `organisation`, the session starts without one (`organisation: null`) until POST /api/auth/organisation. Failed attempts are limited per e-mail (normalised) and per client address, across all server processes; successes are not counted.',
        body: LoginBody,
        response: { 200: Me, ...errorResponses, 429: problem },
      },
    },
    async (request, reply) => {
      try {
        const result = await auth.signIn({ ...deps, sessionTtlHours: config.sessionTtlHours, limits }, { ...request.body, ip: request.ip });
        reply.setCookie(SESSION_COOKIE, result.token, { ...cookieOptions, expires: result.expiresAt });
        return result.me;
      } catch (error) {
        if (error instanceof AppError && error.code === 'rate_limited') reply.header('retry-after', String(error.details.retryAfterSeconds));
        throw error;
      }
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { public: true }, schema: { tags: ['auth'], summary: 'Sign out and end the session', response: { 204: Type.Null() } } },
    async (request, reply) => {
      await auth.signOut(deps, request.identity);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/organisation',
    {
      config: { withoutOrganisation: true },
      schema: { tags: ['auth'], summary: 'Choose or switch the organisation this session acts in', body: ChooseOrganisationBody, response: { 200: Me, ...errorResponses } },
    },
    async (request) => auth.chooseOrganisation(deps, identityOf(request), request.body.organisation),
  );

  app.get(
    '/api/me',
    {
      config: { withoutOrganisation: true },
      schema: {
        tags: ['auth'],
        summary: `The signed-in person, organisation, roles and the CSRF token to send as ${CSRF_HEADER}`,
        response: { 200: Me, 401: errorResponses[401] },
      },
    },
    async (request) => auth.buildMe(db, identityOf(request), request.auth?.actor ?? null),
  );

  app.patch(
    '/api/me/account',
    {
      config: { withoutOrganisation: true },
      schema: { tags: ['auth'], summary: 'Change my own name (my account is mine: no organisation changes it)', body: AccountBody, response: { 200: Me, ...errorResponses } },
    },
    async (request) => {
      const identity = identityOf(request);
      await auth.renameOwnAccount(deps, identity, request.body.displayName);
      return auth.buildMe(db, identity, request.auth?.actor ?? null);
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { withoutOrganisation: true },
      schema: {
        tags: ['auth'],
        summary: 'Change my password; ends my other sessions, keeps my API tokens',
        description: 'At least 12 characters, not a common or breached password, not the e-mail or name, not the current password (NIST SP 800-63B).',
        body: PasswordChangeBody,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await auth.changeOwnPassword(deps, identityOf(request), request.body.currentPassword, request.body.newPassword);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/me/tokens',
    { schema: { tags: ['auth'], summary: 'My personal API tokens in this organisation (never the secrets)', response: { 200: Type.Array(Token) } } },
    async (request) => auth.listTokens(db, authOf(request)),
  );

  app.post(
    '/api/me/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create a personal API token for this organisation; the secret is shown only in this response',
        body: TokenBody,
        response: { 201: CreatedToken, ...errorResponses },
      },
    },
    async (request, reply) => {
      const a = authOf(request);
      const created = await auth.createApiToken(db, a.user.id, a.actor.organisationId, request.body.name, { actor: a.actor, label: a.user.email });
      return reply.status(201).send(created);
    },
  );

  app.delete(
    '/api/me/tokens/:id',
    { schema: { tags: ['auth'], summary: 'Revoke a personal API token', params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (request, reply) => {
      await auth.revokeOwnToken(deps, authOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
