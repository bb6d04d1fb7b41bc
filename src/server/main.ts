import fs from 'node:fs';
import type { FastifyBaseLogger } from 'fastify';
import { openDatabase, type DatabaseHandle } from '../db/client.js';
import { seedDemo, DEMO_PASSWORD, type DemoLogin } from '../db/seed/seed-demo.js';
import { isDatabaseEmpty } from '../db/seed/is-database-empty.js';
import { listDemoLogins } from '../db/seed/list-demo-logins.js';
import { WEB_DIST_DIR } from '../paths.js';
import { buildApp, systemClock } from './app.js';
import type { AppConfig } from './config.js';
import { createPrettyLogStream } from './startup/pretty-log.js';
import { ephemeralKeyring, loadOrCreateKeyFile, parseKeyring, type ParticipantKeyring } from './features/matching/participant-crypto.js';

/**
 * Where the participant keys come from (decision 0701): HANSYN_PARTICIPANT_KEYS when set; on the
 * embedded database with a data directory, the key file beside (not inside) the database files,
 * created at first start; an in-memory embedded database gets a key that dies with it; a
 * PostgreSQL server without the variable gets none, and participants answer 503.
 */
export function resolveParticipantKeys(config: AppConfig): ParticipantKeyring | null {
  if (config.participants.keys) return parseKeyring(config.participants.keys, 'environment');
  if (config.database.kind === 'pglite') return config.database.dataDir ? loadOrCreateKeyFile(config.database.dataDir) : ephemeralKeyring();
  return null;
}

export interface RunningServer {
  address: string;
  close(): Promise<void>;
}

/**
 * Opens the database, applies migrations, seeds demo data into an empty database when asked,
 * and listens. SIGTERM/SIGINT finish in-flight requests, then close the database cleanly.
 */
export async function startServer(
  config: AppConfig,
  options: { handleSignals?: boolean; out?: { write(text: string): unknown; isTTY?: boolean } } = {},
): Promise<RunningServer> {
  const started = performance.now();
  const out = options.out ?? process.stdout;
  // Readable lines and a banner for a person at a terminal; JSON for files and log collectors.
  const pretty = config.logFormat === 'pretty' || (config.logFormat === 'auto' && out.isTTY === true);
  const logger = pretty
    ? { level: config.logLevel, stream: createPrettyLogStream(out, { colour: out.isTTY === true }) }
    : options.out
      ? { level: config.logLevel, stream: { write: (line: string) => out.write(line) } }
      : { level: config.logLevel };
  const database: DatabaseHandle = await openDatabase(config.database);
  let seeded = false;
  let logins: DemoLogin[] = [];
  let participantKeys: ParticipantKeyring | null = null;
  try {
    participantKeys = resolveParticipantKeys(config);
    await database.migrate();
    if (config.demo && (await isDatabaseEmpty(database.db))) {
      // With the demo notices, so the market view shows real notices from the first start.
      await seedDemo(database.db, { scale: 'demo', notices: true, participantKeys, now: systemClock() });
      seeded = true;
    }
    if (config.demo) logins = await listDemoLogins(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  const webDir = config.webDir ?? (fs.existsSync(WEB_DIST_DIR) ? WEB_DIST_DIR : null);
  const app = await buildApp({ config: { ...config, webDir }, database, logger, runJobs: true, participantKeys });
  const log: FastifyBaseLogger = app.log;
  if (database.kind === 'postgres' && participantKeys === null) log.warn('HANSYN_PARTICIPANT_KEYS is not set: participants and matching answer 503 (docs/privacy.md).');
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
  const seconds = (performance.now() - started) / 1000;
  const where = database.kind === 'pglite' ? (config.database.kind === 'pglite' && config.database.dataDir ? `embedded (${config.database.dataDir})` : 'embedded, in memory') : 'PostgreSQL server';
  if (pretty && config.logLevel !== 'silent') {
    out.write(startBanner({ address, where, seconds, seeded, logins }));
  } else {
    log.info(
      { address, docs: `${address}/api/docs`, database: database.kind, startSeconds: Number(seconds.toFixed(2)), demoSeeded: seeded, demoAccounts: logins.map((l) => `${l.email} (${l.role}, ${l.organisation})`), demoPassword: logins.length > 0 ? DEMO_PASSWORD : undefined },
      `Hänsyn listens on ${address} (API docs: ${address}/api/docs)`,
    );
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

/** The lines a person sees at every start on a terminal: where, the API docs, the demo accounts. */
export function startBanner(info: { address: string; where: string; seconds: number; seeded: boolean; logins: DemoLogin[] }): string {
  const lines = [
    '',
    `  Hänsyn is ready at ${info.address}   (started in ${info.seconds.toFixed(1)} s)`,
    `  API documentation   ${info.address}/api/docs`,
    `  Database            ${info.where}${info.seeded ? ', demo data seeded just now' : ''}`,
  ];
  if (info.logins.length > 0) {
    lines.push(`  Demo accounts       password ${DEMO_PASSWORD} (invented data)`);
    for (const l of info.logins) lines.push(`    ${l.organisation.padEnd(9)} ${l.role.padEnd(14)} ${l.email}`);
  }
  lines.push('  Stop with Ctrl+C.', '');
  return `${lines.join('\n')}\n`;
}
