/**
 * A Hänsyn server as a separate process, for tests that kill it (`kill -9`) and start it again.
 * It defines two test jobs beside the real ones and reports on stdout:
 *   READY <address>            listening, job worker started
 *   RAN <job id> <attempt>     `test.restart` finished
 *   STARTED <job id> <attempt> `test.slow` began (its first attempt never ends by itself)
 *   BUSY <job id>              `test.busy` finished (2,000 statements one after the other)
 * Environment: HANSYN_DATA_DIR or DATABASE_URL, as for `hansyn serve`.
 */
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/db/client.js';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { createJobRegistry } from '../../src/server/features/jobs/job-service.js';
import { queueMail } from '../../src/server/features/mail/mail-service.js';

const config = loadConfig({ ...process.env, PORT: '0', LOG_LEVEL: 'silent', HANSYN_DEMO: 'false' });
const database = await openDatabase(
  config.database.kind === 'pglite' ? { kind: 'pglite', dataDir: config.database.dataDir } : { kind: 'postgres', url: config.database.url },
);
await database.migrate();

const jobs = createJobRegistry();
// Its one effect is a row in the outbox, so the test can count how often it took effect.
jobs.defineJob('test.restart', async ({ db, now, job }) => {
  await queueMail(db, { to: 'drift@hansyn.example', subject: `ran ${job.id}`, text: 'ran', kind: 'test.restart', organisationId: null }, now());
  process.stdout.write(`RAN ${job.id} ${job.attempt}\n`);
});
// Transactional: its write and its completion commit together, so a process killed mid-run
// leaves no trace of the attempt, and the retry after the lease makes the only effect.
jobs.defineJob(
  'test.slow',
  async ({ db, now, job }) => {
    await queueMail(db, { to: 'drift@hansyn.example', subject: `slow ${job.id} attempt ${job.attempt}`, text: 'slow', kind: 'test.slow', organisationId: null }, now());
    process.stdout.write(`STARTED ${job.id} ${job.attempt}\n`);
    if (job.attempt === 1) await new Promise(() => undefined);
    process.stdout.write(`RAN ${job.id} ${job.attempt}\n`);
  },
  { transactional: true, leaseMs: 1500 },
);

// Many small statements and nothing else: on the embedded database they settle without any I/O,
// so only the worker giving way between runs lets the server answer meanwhile.
jobs.defineJob('test.busy', async ({ db, job }) => {
  for (let i = 0; i < 2000; i++) await db.execute(sql`select ${i}::int as n`);
  process.stdout.write(`BUSY ${job.id}\n`);
});

const app = await buildApp({ config, database, jobs, runJobs: true, jobPollMs: 200 });
const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`READY ${address}\n`);
process.once('SIGTERM', () => {
  void app
    .close()
    .then(() => database.close())
    .then(() => process.exit(0));
});
