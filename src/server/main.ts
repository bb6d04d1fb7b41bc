import fs from 'node:fs';
import type { FastifyBaseLogger } from 'fastify';
import { openDatabase, type DatabaseHandle } from '../db/client.js';
import { seedDemo, type DemoLogin } from '../db/seed/seed-demo.js';
import { isDatabaseEmpty } from '../db/seed/is-database-empty.js';
import { WEB_DIST_DIR } from '../paths.js';
import { buildApp } from './app.js';
import type { AppConfig } from './config.js';

export interface RunningServer {
  address: string;
  close(): Promise<void>;
}

/**
 * Opens the database, applies migrations, seeds demo data into an empty database when asked,
 * and listens. SIGTERM/SIGINT finish in-flight requests, then close the database cleanly.
 */
export async function startServer(config: AppConfig, options: { handleSignals?: boolean } = {}): Promise<RunningServer> {
  const database: DatabaseHandle = await openDatabase(
    config.database.kind === 'pglite' ? { kind: 'pglite', dataDir: config.database.dataDir } : { kind: 'postgres', url: config.database.url },
  );
  let logins: DemoLogin[] = [];
  try {
    await database.migrate();
    if (config.demo && (await isDatabaseEmpty(database.db))) {
      logins = (await seedDemo(database.db, { scale: 'demo' })).logins;
    }
  } catch (error) {
    await database.close();
    throw error;
  }
  const webDir = config.webDir ?? (fs.existsSync(WEB_DIST_DIR) ? WEB_DIST_DIR : null);
  const app = await buildApp({ config: { ...config, webDir }, database, runJobs: true });
  const log: FastifyBaseLogger = app.log;
  // Requests in flight, so shutdown closes the database only after the last one answered.
  let inFlight = 0;
  let idle: (() => void) | null = null;
  app.addHook('onRequest', async () => {
    inFlight++;
  });
  const finished = (): void => {
    inFlight--;
    if (inFlight === 0) idle?.();
  };
  app.addHook('onResponse', (_request, _reply, next) => {
    finished();
    next();
  });
  app.addHook('onRequestAbort', (_request, next) => {
    finished();
    next();
  });
  if (webDir === null) log.warn('No built web app found (run `npm run build`); serving the API only.');
  const address = await app.listen({ host: config.host, port: config.port });
  log.info({ address, database: database.kind }, `Hänsyn listens on ${address} (API docs: ${address}/api/docs)`);
  if (logins.length > 0) {
    log.info(
      { logins: logins.map((l) => `${l.email} / ${l.password} (${l.role}, ${l.organisation})`) },
      'Demo data seeded. Sign in with one of the demo accounts',
    );
  } else if (config.demo) {
    log.info('Demo accounts: see README.md (password "hansyn-demo-2026" for every demo account).');
  }

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      log.info('Shutting down: finishing requests');
      await app.close();
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((resolve) => {
            idle = resolve;
          }),
          new Promise<void>((resolve) => setTimeout(resolve, 10_000).unref()),
        ]);
      }
      await database.close();
      log.info('Stopped cleanly');
    })();
    return closing;
  };
  if (options.handleSignals) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        close().then(
          () => process.exit(0),
          (error: unknown) => {
            log.error({ err: error }, 'Shutdown failed');
            process.exit(1);
          },
        );
      });
    }
  }
  return { address, close };
}
