import type { FastifyInstance, FastifyBaseLogger, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Database, DatabaseNotifications } from '../db/client.js';
import type { AppConfig } from './config.js';
import type { CallerCache } from './plugins/authenticate.js';
import type { JobRegistry } from './features/jobs/job-service.js';
import type { ParticipantKeyring } from './features/matching/participant-crypto.js';

/** What every feature gets from the composition root. */
export interface AppDeps {
  db: Database;
  config: AppConfig;
  /** The clock; tests may pass a fixed one. */
  now: () => Date;
  /** The embedded database's in-process notifications; null on a PostgreSQL server. */
  notifications: DatabaseNotifications | null;
  /** Resolved sessions; holds entries only on the embedded database (docs/decisions/0303). */
  sessionCache: CallerCache;
  /** Where features define their background jobs (docs/jobs-and-mail.md). */
  jobs: JobRegistry;
  /** Keys of the participant identities (decision 0701); null: participants answer 503. */
  participantKeys: ParticipantKeyring | null;
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;
