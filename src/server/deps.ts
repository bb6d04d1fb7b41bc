import type { FastifyInstance, FastifyBaseLogger, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Database, DatabaseNotifications } from '../db/client.js';
import type { AppConfig } from './config.js';

/** What every feature gets from the composition root. */
export interface AppDeps {
  db: Database;
  config: AppConfig;
  /** The clock; tests may pass a fixed one. */
  now: () => Date;
  /** The embedded database's in-process notifications; null on a PostgreSQL server. */
  notifications: DatabaseNotifications | null;
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;
