import type { DatabaseHandle } from '../../src/db/client.js';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import type { App } from '../../src/server/deps.js';
import { createJobRegistry, createJobRunner, type JobRegistry, type JobRunner } from '../../src/server/features/jobs/job-service.js';
import { createTestDatabase } from './test-database.js';

/** A settable clock for tests of scheduled work. */
export interface TestClock {
  now: () => Date;
  set(iso: string | Date): void;
  advance(ms: number): void;
}

export function createTestClock(start: string): TestClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (iso) => {
      current = new Date(iso);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

export interface JobTestContext {
  app: App;
  database: DatabaseHandle;
  registry: JobRegistry;
  clock: TestClock;
  /** A job worker on the app's database and clock, as another server process would run one. */
  worker(): JobRunner;
  close(): Promise<void>;
}

/**
 * The app on a fresh database with a fixed clock and a job registry the test can add jobs to
 * (before `app.ready()`, which this calls after `define`). No worker runs by itself: the test
 * calls `worker().runOnce()`, so every run happens at a known time.
 */
export async function createJobTestApp(
  options: { env?: Record<string, string>; start?: string; define?: (registry: JobRegistry) => void } = {},
): Promise<JobTestContext> {
  const database = await createTestDatabase();
  const registry = createJobRegistry();
  options.define?.(registry);
  // In the future: the authentication plugin checks session expiry against the wall clock, so a
  // session made on a clock in the past would be expired at once.
  const clock = createTestClock(options.start ?? '2031-03-03T07:00:00Z');
  const app = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent', HANSYN_LOGIN_RATE_LIMIT: '1000', ...(options.env ?? {}) }),
    database,
    now: clock.now,
    jobs: registry,
  });
  await app.ready();
  return {
    app,
    database,
    registry,
    clock,
    worker: () => createJobRunner({ db: database.db, registry, now: clock.now, log: app.log }),
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
