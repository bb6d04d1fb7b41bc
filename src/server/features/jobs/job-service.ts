import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../../db/client.js';
import { type Actor } from '../../../domain/access/can.js';
import { AppError, notFound } from '../../errors.js';
import { recordAudit } from '../audit/audit-service.js';
import {
  claimDueJobs,
  completeJob,
  failJob,
  findJob,
  insertJob,
  listJobs,
  requeueFailedJob,
  type JobRecord,
  type JobStatus,
} from './job-repository.js';

export type { JobRecord, JobStatus } from './job-repository.js';
import { isWallTime, localDate, retryDelayMs, zonedInstant } from './job-schedule.js';
import { assertCan } from '../../access.js';

/**
 * The durable job queue (decision 0411): a table in the application's own database, claimed
 * with `FOR UPDATE SKIP LOCKED`, so runs survive restarts and each run is done by one process
 * even with several server processes on one PostgreSQL. The database is the only source of
 * truth; the timer below only decides how often a process looks for due rows.
 */

export interface JobContext {
  /** The application's database (not a transaction, unless the job is `transactional`). */
  db: Database;
  now: () => Date;
  log: FastifyBaseLogger;
  job: { id: string; name: string; payload: unknown; organisationId: string | null; attempt: number; maxAttempts: number };
}

export type JobHandler = (context: JobContext) => Promise<void>;

export interface JobDefinition {
  name: string;
  handler: JobHandler;
  /** Attempts before a run is dead-lettered (status `failed`, shown to the organisation's admin). */
  maxAttempts: number;
  /** How long a claim lasts; a run still `running` after it is taken to have died with its process. */
  leaseMs: number;
  /** First retry delay; doubles per attempt up to an hour. */
  retryBaseMs: number;
  /**
   * Run the handler and the run's completion in one transaction, so a crash or error rolls its
   * writes back and the retry starts clean: exactly once for jobs that only write the database.
   * Keep such jobs short on the embedded database, which runs one transaction at a time.
   */
  transactional: boolean;
}

export interface DailySchedule {
  name: string;
  /** Wall-clock time `HH:MM` in `timeZone`. */
  at: string;
  timeZone: string;
}

/** A task every worker runs on each poll; it must claim its own rows from the database. */
export type TickTask = (context: { db: Database; now: () => Date; log: FastifyBaseLogger }) => Promise<void>;

export interface JobRegistry {
  defineJob(name: string, handler: JobHandler, options?: Partial<Omit<JobDefinition, 'name' | 'handler'>>): void;
  /**
   * Runs job `name` once per local calendar day at `at` in `timeZone`: every process inserts the
   * day's run with the date as singleton key, so one row exists per day whoever inserts it. A run
   * missed while every process was down runs when the first one starts that day; earlier days are
   * not caught up. The handler gets `{ runDate: 'YYYY-MM-DD' }` as payload.
   */
  scheduleDaily(name: string, at: string, timeZone?: string): void;
  /** Runs `task` on every poll of every worker (used by mail delivery, which claims outbox rows). */
  onTick(name: string, task: TickTask): void;
  readonly definitions: ReadonlyMap<string, JobDefinition>;
  readonly daily: readonly DailySchedule[];
  readonly tickTasks: ReadonlyMap<string, TickTask>;
}

const JOB_NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;

export function createJobRegistry(): JobRegistry {
  const definitions = new Map<string, JobDefinition>();
  const daily: DailySchedule[] = [];
  const tickTasks = new Map<string, TickTask>();
  return {
    definitions,
    daily,
    tickTasks,
    defineJob(name, handler, options = {}) {
      if (!JOB_NAME.test(name)) throw new Error(`Job name ${JSON.stringify(name)} must be dotted lower-case words.`);
      if (definitions.has(name)) throw new Error(`Job ${name} is defined twice.`);
      definitions.set(name, {
        name,
        handler,
        maxAttempts: options.maxAttempts ?? 5,
        leaseMs: options.leaseMs ?? 5 * 60_000,
        retryBaseMs: options.retryBaseMs ?? 30_000,
        transactional: options.transactional ?? false,
      });
    },
    scheduleDaily(name, at, timeZone = 'Europe/Stockholm') {
      if (!isWallTime(at)) throw new Error(`Daily time ${JSON.stringify(at)} must be HH:MM.`);
      new Intl.DateTimeFormat('en', { timeZone }); // throws RangeError for an unknown zone
      if (daily.some((d) => d.name === name)) throw new Error(`Job ${name} is scheduled twice.`);
      daily.push({ name, at, timeZone });
    },
    onTick(name, task) {
      if (tickTasks.has(name)) throw new Error(`Tick task ${name} is registered twice.`);
      tickTasks.set(name, task);
    },
  };
}

export interface EnqueueOptions {
  /** When the run becomes due; now by default. */
  runAt?: Date;
  /** At most one run per job name and key, ever (until the row is purged): idempotent enqueueing. */
  singletonKey?: string;
  /** The organisation the run concerns; its admin sees the run if it is dead-lettered. */
  organisationId?: string | null;
  maxAttempts?: number;
}

/**
 * Queues a run of job `name`. Pass the caller's transaction as `db` to queue it only if the
 * change commits. Answers null when `singletonKey` already has a run.
 */
export async function enqueue(db: Database, name: string, payload: unknown, now: Date, options: EnqueueOptions = {}): Promise<{ id: string } | null> {
  if (!JOB_NAME.test(name)) throw new Error(`Job name ${JSON.stringify(name)} must be dotted lower-case words.`);
  return insertJob(
    db,
    {
      name,
      payload: payload ?? {},
      organisationId: options.organisationId ?? null,
      singletonKey: options.singletonKey ?? null,
      runAt: options.runAt ?? now,
      maxAttempts: options.maxAttempts ?? 5,
    },
    now,
  );
}

/** Inserts today's run of every daily schedule (no-op when it exists). */
export async function ensureDailyRuns(db: Database, registry: JobRegistry, now: Date): Promise<void> {
  for (const schedule of registry.daily) {
    const runDate = localDate(now, schedule.timeZone);
    const definition = registry.definitions.get(schedule.name);
    await enqueue(db, schedule.name, { runDate }, now, {
      runAt: zonedInstant(runDate, schedule.at, schedule.timeZone),
      singletonKey: runDate,
      ...(definition ? { maxAttempts: definition.maxAttempts } : {}),
    });
  }
}

export interface JobRunnerOptions {
  db: Database;
  registry: JobRegistry;
  now: () => Date;
  log: FastifyBaseLogger;
  /** How often to look for due runs when idle. */
  pollMs?: number;
  /** Runs claimed per look. */
  batchSize?: number;
}

export interface JobRunner {
  readonly workerId: string;
  /** Starts polling. */
  start(): void;
  /** Stops polling and waits for the runs in hand to finish. */
  stop(): Promise<void>;
  /** One poll: daily runs, tick tasks, then every due run until none is left. Answers how many runs it did. */
  runOnce(): Promise<number>;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const errorText = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 2000);

export function createJobRunner({ db, registry, now, log, pollMs = 5000, batchSize = 5 }: JobRunnerOptions): JobRunner {
  const workerId = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let stopped = true;
  let stopping = false;

  const runJob = async (definition: JobDefinition, record: JobRecord): Promise<void> => {
    if (record.attempts > record.maxAttempts) {
      // Its last attempt died with its process: dead-letter rather than try once more.
      await failJob(db, record.id, workerId, 'The last attempt did not finish (its process stopped).', null, now());
      return;
    }
    const context = (executor: Database): JobContext => ({
      db: executor,
      now,
      log,
      job: { id: record.id, name: record.name, payload: record.payload, organisationId: record.organisationId, attempt: record.attempts, maxAttempts: record.maxAttempts },
    });
    try {
      if (definition.transactional) {
        await db.transaction(async (tx) => {
          await definition.handler(context(tx));
          if (!(await completeJob(tx, record.id, workerId, now()))) throw new Error('The claim on this run was lost.');
        });
      } else {
        await definition.handler(context(db));
        await completeJob(db, record.id, workerId, now());
      }
    } catch (error) {
      const retryAt = record.attempts < record.maxAttempts ? new Date(now().getTime() + retryDelayMs(record.attempts, definition.retryBaseMs)) : null;
      log.warn({ err: error, job: record.name, jobId: record.id, attempt: record.attempts, retryAt }, retryAt ? 'Job failed; it will be retried' : 'Job failed for the last time');
      await failJob(db, record.id, workerId, errorText(error), retryAt, now());
    }
  };

  const poll = async (): Promise<number> => {
    await ensureDailyRuns(db, registry, now());
    for (const [name, task] of registry.tickTasks) {
      try {
        await task({ db, now, log });
      } catch (error) {
        log.error({ err: error, task: name }, 'Job tick task failed');
      }
    }
    // Claim per lease length, so each run is held exactly as long as its definition says.
    const byLease = new Map<number, string[]>();
    for (const d of registry.definitions.values()) byLease.set(d.leaseMs, [...(byLease.get(d.leaseMs) ?? []), d.name]);
    let done = 0;
    // Until a whole pass finds nothing due: a run may queue runs of other jobs (a fan-out).
    for (;;) {
      let inPass = 0;
      for (const [leaseMs, names] of byLease) {
        for (;;) {
          const claimed = await claimDueJobs(db, names, now(), leaseMs, workerId, batchSize);
          for (const record of claimed) {
            await runJob(registry.definitions.get(record.name)!, record);
            inPass++;
            // On the embedded database every statement settles without I/O, so a chain of runs
            // would never let the event loop accept a connection or answer a request: give way
            // between runs.
            await yieldToEventLoop();
          }
          if (claimed.length < batchSize || stopping) break;
        }
      }
      done += inPass;
      if (inPass === 0 || stopping) break;
    }
    return done;
  };

  const runOnce = (): Promise<number> => {
    running ??= poll().finally(() => {
      running = null;
    });
    return running;
  };

  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      runOnce()
        .catch((error: unknown) => log.error({ err: error }, 'Job poll failed'))
        .finally(schedule);
    }, pollMs);
    timer.unref();
  };

  return {
    workerId,
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      stopping = false;
      log.info({ workerId, jobs: [...registry.definitions.keys()] }, 'Job worker started');
      runOnce()
        .catch((error: unknown) => log.error({ err: error }, 'Job poll failed'))
        .finally(schedule);
    },
    async stop() {
      stopped = true;
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}

export { retryDelayMs } from './job-schedule.js';

/** The organisation's job runs for its admin (dead letters with `status: 'failed'`). */
export async function listJobsFor(db: Database, actor: Actor, filter: { status?: JobStatus | undefined; limit: number }): Promise<JobRecord[]> {
  assertCan(actor, 'job:manage', { organisationId: actor.organisationId });
  return listJobs(db, actor.organisationId, filter);
}

/** Queues a failed run of the organisation again with fresh attempts; the change is audited. */
export async function retryJobFor(db: Database, who: { actor: Actor; label: string }, id: string, now: Date): Promise<JobRecord> {
  const { actor } = who;
  assertCan(actor, 'job:manage', { organisationId: actor.organisationId });
  return db.transaction(async (tx) => {
    const existing = await findJob(tx, actor.organisationId, id);
    if (existing === null) throw notFound('The job run');
    if (existing.status !== 'failed') throw new AppError('conflict', 'Only a failed job run can be retried.');
    const requeued = (await requeueFailedJob(tx, actor.organisationId, id, now))!;
    await recordAudit(tx, who, { action: 'job.retry', entityType: 'job', entityId: id, before: { status: existing.status, attempts: existing.attempts }, after: { status: requeued.status } });
    return requeued;
  });
}
