import { Type } from '@sinclair/typebox';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { apiTokens } from '../../../db/schema/index.js';
import { rolesOf, ROLES } from '../../../domain/access/can.js';
import { AppError, validationFailed } from '../../errors.js';
import { authOf, CSRF_HEADER, SESSION_COOKIE } from '../../plugins/authenticate.js';
import { forgetUserSessions } from '../../plugins/session-cache.js';
import type { App, AppDeps } from '../../deps.js';
import { enumOf, errorResponses, IdParams, Uuid } from '../../schemas.js';
import { recordAudit } from '../audit/audit-repository.js';
import { API_TOKEN_PREFIX, hashPassword, MIN_PASSWORD_LENGTH, randomToken, sha256, verifyPassword } from './auth-crypto.js';
import {
  deleteExpiredSessions,
  deleteOtherSessions,
  deleteSession,
  findUserByEmail,
  findUserById,
  insertSession,
  listUserOrganisations,
  loadActor,
  updatePasswordHash,
} from './auth-repository.js';

const Me = Type.Object({
  user: Type.Object({ id: Uuid, email: Type.String(), displayName: Type.String() }),
  organisation: Type.Object({ id: Uuid, slug: Type.String(), name: Type.String() }),
  organisations: Type.Array(Type.Object({ id: Uuid, slug: Type.String(), name: Type.String() })),
  roles: Type.Array(enumOf(ROLES)),
  memberships: Type.Array(
    Type.Object({ role: Type.String(), unitIds: Type.Union([Type.Array(Uuid), Type.Null()]) }),
  ),
  csrfToken: Type.Union([Type.String(), Type.Null()]),
  via: Type.Union([Type.Literal('session'), Type.Literal('token')]),
});

const Token = Type.Object({
  id: Uuid,
  name: Type.String(),
  prefix: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

/**
 * Sign-in, sign-out, the current user, password change and personal API tokens.
 * Login errors never reveal whether the e-mail exists.
 */
export async function authRoutes(app: App, { db, config, now }: AppDeps): Promise<void> {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.secureCookies,
  };

  async function buildMe(userId: string, organisationId: string, csrfToken: string | null, via: 'session' | 'token') {
    const user = await findUserById(db, userId);
    const organisations = await listUserOrganisations(db, userId);
    const organisation = organisations.find((o) => o.id === organisationId);
    const actor = await loadActor(db, userId, organisationId);
    if (!user || !organisation || !actor) throw new AppError('unauthenticated', 'Sign in first.');
    return {
      user: { id: user.id, email: user.email, displayName: user.displayName },
      organisation,
      organisations,
      roles: rolesOf(actor),
      memberships: actor.memberships.map((m) => ({ role: m.role, unitIds: m.unitIds ? [...m.unitIds] : null })),
      csrfToken,
      via,
    };
  }

  app.post(
    '/api/auth/login',
    {
      config: {
        public: true,
        rateLimit: {
          max: config.loginRateLimit,
          timeWindow: '15 minutes',
          keyGenerator: (request) => {
            const email = (request.body as { email?: unknown } | undefined)?.email;
            return `${request.ip}|${typeof email === 'string' ? email.toLowerCase() : ''}`;
          },
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password; sets the session cookie',
        body: Type.Object(
          {
            email: Type.String({ minLength: 3, maxLength: 320 }),
            password: Type.String({ minLength: 1, maxLength: 1024 }),
            organisation: Type.Optional(Type.String({ description: 'Slug of the organisation to sign in to' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Me, ...errorResponses, 429: errorResponses[400] },
      },
    },
    async (request, reply) => {
      const { email, password, organisation } = request.body;
      const user = await findUserByEmail(db, email.trim());
      const ok = await verifyPassword(user?.disabledAt ? null : (user?.passwordHash ?? null), password);
      if (!user || !ok) throw new AppError('invalid_credentials', 'The e-mail address or password is wrong.');
      const organisations = await listUserOrganisations(db, user.id);
      const chosen = organisation ? organisations.find((o) => o.slug === organisation) : organisations[0];
      if (!chosen) throw new AppError('invalid_credentials', 'The e-mail address or password is wrong.');
      const token = randomToken();
      const csrfToken = randomToken(24);
      const expiresAt = new Date(now().getTime() + config.sessionTtlHours * 3_600_000);
      await deleteExpiredSessions(db, now());
      await insertSession(db, { tokenHash: sha256(token), userId: user.id, organisationId: chosen.id, csrfToken, expiresAt });
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, expires: expiresAt });
      return buildMe(user.id, chosen.id, csrfToken, 'session');
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { public: true },
      schema: { tags: ['auth'], summary: 'Sign out and end the session', response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      if (request.auth?.session) await deleteSession(db, request.auth.session.tokenHash);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/me',
    {
      schema: {
        tags: ['auth'],
        summary: `The signed-in user, organisation, roles and the CSRF token to send as ${CSRF_HEADER}`,
        response: { 200: Me, 401: errorResponses[401] },
      },
    },
    async (request) => {
      const auth = authOf(request);
      return buildMe(auth.user.id, auth.actor.organisationId, auth.session?.csrfToken ?? null, auth.via);
    },
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change the password; ends the user’s other sessions',
        body: Type.Object(
          {
            currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
            newPassword: Type.String({ minLength: 1, maxLength: 1024 }),
          },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const user = await findUserById(db, auth.user.id);
      if (!user || !(await verifyPassword(user.passwordHash, request.body.currentPassword))) {
        throw validationFailed([{ path: '/body/currentPassword', code: 'wrong_password', message: 'The current password is wrong.' }]);
      }
      if (request.body.newPassword.length < MIN_PASSWORD_LENGTH) {
        throw validationFailed([
          { path: '/body/newPassword', code: 'too_short', message: `Use at least ${MIN_PASSWORD_LENGTH} characters.` },
        ]);
      }
      await db.transaction(async (tx) => {
        await updatePasswordHash(tx, user.id, await hashPassword(request.body.newPassword), now());
        await deleteOtherSessions(tx, user.id, auth.session?.tokenHash ?? null);
        await recordAudit(tx, { actor: auth.actor, label: auth.user.email }, {
          action: 'user.password_changed',
          entityType: 'user',
          entityId: user.id,
        });
      });
      // Again after the commit, so no request in between cached the sessions just ended.
      forgetUserSessions(user.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/me/tokens',
    { schema: { tags: ['auth'], summary: 'My personal API tokens (never the secrets)', response: { 200: Type.Array(Token) } } },
    async (request) => {
      const auth = authOf(request);
      const rows = await db
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.userId, auth.user.id), eq(apiTokens.organisationId, auth.actor.organisationId), isNull(apiTokens.revokedAt)))
        .orderBy(desc(apiTokens.createdAt));
      return rows.map((t) => ({
        id: t.id,
        name: t.name,
        prefix: t.prefix,
        createdAt: t.createdAt.toISOString(),
        lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
      }));
    },
  );

  app.post(
    '/api/me/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create a personal API token; the secret is shown only in this response',
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
        response: { 201: Type.Object({ token: Type.String(), id: Uuid, name: Type.String(), prefix: Type.String() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const created = await createApiToken(db, auth.user.id, auth.actor.organisationId, request.body.name, {
        actor: auth.actor,
        label: auth.user.email,
      });
      return reply.status(201).send(created);
    },
  );

  app.delete(
    '/api/me/tokens/:id',
    { schema: { tags: ['auth'], summary: 'Revoke a personal API token', params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (request, reply) => {
      const auth = authOf(request);
      const revoked = await db
        .update(apiTokens)
        .set({ revokedAt: now() })
        .where(and(eq(apiTokens.id, request.params.id), eq(apiTokens.userId, auth.user.id), isNull(apiTokens.revokedAt)))
        .returning({ id: apiTokens.id });
      if (revoked.length === 0) throw new AppError('not_found', 'The token was not found.');
      await recordAudit(db, { actor: auth.actor, label: auth.user.email }, { action: 'api_token.revoked', entityType: 'api_token', entityId: request.params.id });
      return reply.status(204).send(null);
    },
  );
}


/** Creates a personal API token and returns its secret once. Used by the API and the CLI. */
export async function createApiToken(
  db: AppDeps['db'],
  userId: string,
  organisationId: string,
  name: string,
  who: Parameters<typeof recordAudit>[1],
): Promise<{ token: string; id: string; name: string; prefix: string }> {
  const token = `${API_TOKEN_PREFIX}${randomToken(32)}`;
  const prefix = token.slice(0, 10);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ userId, organisationId, name, tokenHash: sha256(token), prefix })
      .returning({ id: apiTokens.id });
    await recordAudit(tx, who, { action: 'api_token.created', entityType: 'api_token', entityId: row!.id, after: { name, prefix } });
    return { token, id: row!.id, name, prefix };
  });
}
