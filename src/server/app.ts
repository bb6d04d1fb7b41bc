import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from '../db/client.js';
import type { AppConfig } from './config.js';
import type { App, AppDeps } from './deps.js';
import { AppError, ProblemSchema } from './errors.js';
import { registerAuthentication } from './plugins/authenticate.js';
import { createSessionCache } from './plugins/session-cache.js';
import { registerErrorHandler, sendProblem } from './plugins/error-handler.js';
import { registerInputGuard } from './plugins/input-guard.js';
import { registerMetrics } from './plugins/metrics.js';
import { registerSecurityHeaders, swaggerUiPolicy } from './plugins/security-headers.js';
import { auditRoutes } from './features/audit/audit-routes.js';
import { authRoutes } from './features/auth/auth-routes.js';
import { ocdsRoutes } from './features/ocds/ocds-routes.js';
import { marketRoutes } from './features/market/market-routes.js';
import { noticeRoutes } from './features/notices/notice-routes.js';
import { memberRoutes } from './features/members/member-routes.js';
import { organisationRoutes } from './features/organisations/organisation-routes.js';
import { overviewRoutes } from './features/overview/overview-routes.js';
import { procurementRoutes } from './features/procurements/procurement-routes.js';
import { procurementTransferRoutes } from './features/procurements/procurement-transfer-routes.js';
import { referenceRoutes } from './features/reference/reference-routes.js';
import { decisionRoutes } from './features/decisions/decision-routes.js';
import { createJobRegistry, createJobRunner, type JobRegistry } from './features/jobs/job-service.js';
import { jobRoutes } from './features/jobs/job-routes.js';
import { followUpJobs } from './features/jobs/follow-up-jobs.js';
import { mailRoutes } from './features/mail/mail-routes.js';
import { notificationRoutes } from './features/notifications/notification-routes.js';
import { requirementRoutes } from './features/requirements/requirement-routes.js';
import { screeningRoutes } from './features/screening/screening-routes.js';
import { contractRoutes } from './features/contracts/contract-routes.js';
import { followUpRoutes } from './features/contracts/follow-up-routes.js';
import { supplierPortalRoutes } from './features/supplier-portal/supplier-portal-routes.js';
import { matchingRoutes } from './features/matching/matching-routes.js';
import { occupationRoutes } from './features/matching/occupation-routes.js';
import { ephemeralKeyring, parseKeyring, type ParticipantKeyring } from './features/matching/participant-crypto.js';
import { effectsRoutes } from './features/effects/effects-routes.js';
import { resultsRoutes } from './features/results/results-routes.js';
import { lazySchemaCompilers } from './startup/lazy-schema-compilers.js';

export interface BuildAppOptions {
  config: AppConfig;
  database: DatabaseHandle;
  now?: () => Date;
  logger?: FastifyServerOptions['logger'];
  /** Where features define background jobs; a test may pass one with extra jobs. */
  jobs?: JobRegistry;
  /** The participant keyring (main.ts resolves it, decision 0701); null turns participants off (503). */
  participantKeys?: ParticipantKeyring | null;
  /** Run the job worker in this process (the server does; tests drive runs themselves). */
  runJobs?: boolean;
  /** How often the job worker looks for due runs, in ms. */
  jobPollMs?: number;
}

/** Upload limit for spreadsheets and notices. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** The wall clock: the shell's one reading of it, for `deps.now` and main.ts (decision 0503). */
export const systemClock = (): Date => new Date();

/**
 * Composes the application. Never listens: main.ts does, tests use `app.inject`.
 */
export async function buildApp({
  config,
  database,
  now = systemClock,
  logger,
  jobs = createJobRegistry(),
  participantKeys,
  runJobs = false,
  jobPollMs,
}: BuildAppOptions): Promise<App> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    // Route schemas are compiled on first use, not at start (decision 0421).
    schemaController: { compilersFactory: lazySchemaCompilers() },
    bodyLimit: 2 * 1024 * 1024,
    // A union here confuses Fastify's server-type overloads; every member is a valid trustProxy value.
    trustProxy: config.trustProxy as boolean,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true } },
    // The error handler lists the fields; a message joining 200,000 Ajv errors would only cost time.
    schemaErrorFormatter: (errors, dataVar) => new Error(`${dataVar} has ${errors.length} invalid value(s)`),
    // Malformed URLs and the like never reach a route; answer them as problem+json too.
    frameworkErrors: (error, _request, reply) => {
      sendProblem(reply, new AppError('bad_request', error.message));
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // The embedded database admits one process, so only there may resolved sessions be cached (0303).
  const deps: AppDeps = { db: database.db, config, now, notifications: database.notifications, sessionCache: createSessionCache(database.kind === 'pglite'), jobs,
    // main.ts resolves the real keyring (decision 0701); an app built without one (tests) uses
    // HANSYN_PARTICIPANT_KEYS or a key that lives only as long as the process.
    participantKeys: participantKeys !== undefined ? participantKeys : config.participants.keys ? parseKeyring(config.participants.keys, 'environment') : ephemeralKeyring() };

  app.addSchema(ProblemSchema);
  registerErrorHandler(app);
  // Before any route (and before swagger records them): every route's input is guarded.
  registerInputGuard(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Hänsyn API',
        version: '0.1.0',
        description:
          'Social considerations and employment requirements in public procurement. Every error is RFC 9457 problem+json with a stable `code`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'hansyn_session' },
          token: { type: 'http', scheme: 'bearer', description: 'Personal API token (hsn_…)' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (json.$id as string | undefined) ?? `def-${i}` },
  });
  const https = config.publicUrl?.startsWith('https://') ?? false;
  registerSecurityHeaders(app, { https });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, transformStaticCSP: (header) => swaggerUiPolicy(header, https) });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { public: true, anonymous: true } }, async () => app.swagger());

  await app.register(cookie);
  await app.register(rateLimit, { global: false, hook: 'preHandler' });
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } });
  registerMetrics(app);
  registerAuthentication(app, database.db, config.publicUrl ? new URL(config.publicUrl).origin : null, { now, sessionCache: deps.sessionCache });

  app.get(
    '/api/health',
    { config: { public: true, anonymous: true }, schema: { tags: ['operations'], summary: 'Liveness', response: { 200: Type.Object({ status: Type.Literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/api/ready',
    {
      config: { public: true, anonymous: true },
      schema: {
        tags: ['operations'],
        summary: 'Readiness: the database answers and every migration is applied',
        response: { 200: Type.Object({ status: Type.Literal('ready'), database: Type.String() }), 503: { $ref: 'Problem#' } },
      },
    },
    async (_request, reply) => {
      try {
        await database.db.execute(sql`select 1`);
      } catch {
        return sendProblem(reply, new AppError('not_ready', 'The database does not answer.'));
      }
      if (!(await database.isMigrated())) return sendProblem(reply, new AppError('not_ready', 'Database migrations are pending.'));
      return { status: 'ready' as const, database: database.kind };
    },
  );

  for (const feature of [
    authRoutes,
    organisationRoutes,
    memberRoutes,
    overviewRoutes,
    procurementRoutes,
    procurementTransferRoutes,
    screeningRoutes,
    requirementRoutes,
    decisionRoutes,
    auditRoutes,
    referenceRoutes,
    ocdsRoutes,
    noticeRoutes,
    marketRoutes,
    contractRoutes,
    followUpRoutes,
    supplierPortalRoutes,
    mailRoutes,
    notificationRoutes,
    jobRoutes,
    followUpJobs,
    matchingRoutes,
    occupationRoutes,
    effectsRoutes,
    resultsRoutes,
  ]) {
    await feature(app, deps);
  }
  if (runJobs) {
    const runner = createJobRunner({ db: database.db, registry: jobs, now, log: app.log, ...(jobPollMs ? { pollMs: jobPollMs } : {}) });
    // After the port is bound (not on ready): the first poll may have a day of catching up to do,
    // and the server must answer while it runs (the runner yields between runs).
    app.addHook('onListen', async () => runner.start());
    // Before the database closes (main.ts closes the app first): finish the runs in hand.
    app.addHook('onClose', async () => runner.stop());
  }

  const webDir = config.webDir;
  const indexHtml = webDir ? path.join(webDir, 'index.html') : null;
  if (webDir && indexHtml && fs.existsSync(indexHtml)) {
    await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false, index: false, maxAge: '1h' });
    const html = fs.readFileSync(indexHtml, 'utf8');
    app.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !request.url.startsWith('/api/') && !path.extname(request.url.split('?')[0]!)) {
        return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
      }
      return sendProblem(reply, new AppError('not_found', `No route ${request.method} ${request.url.split('?')[0]}.`));
    });
  } else {
    app.setNotFoundHandler((request, reply) =>
      sendProblem(reply, new AppError('not_found', `No route ${request.method} ${request.url.split('?')[0]}.`)),
    );
  }

  return app;
}
