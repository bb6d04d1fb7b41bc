import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { queryRows } from '../../../db/raw-sql.js';
import { jobs, organisations } from '../../../db/schema/index.js';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface JobRecord {
  id: string;
  name: string;
  payload: unknown;
  organisationId: string | null;
  singletonKey: string | null;
  status: JobStatus;
  runAt: Date;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const columns = {
  id: jobs.id,
  name: jobs.name,
  payload: jobs.payload,
  organisationId: jobs.organisationId,
  singletonKey: jobs.singletonKey,
  status: jobs.status,
  runAt: jobs.runAt,
  attempts: jobs.attempts,
  maxAttempts: jobs.maxAttempts,
  lastError: jobs.lastError,
  createdAt: jobs.createdAt,
  startedAt: jobs.startedAt,
  finishedAt: jobs.finishedAt,
};

export interface NewJob {
  name: string;
  payload: unknown;
  organisationId: string | null;
  singletonKey: string | null;
  runAt: Date;
  maxAttempts: number;
}

/** Inserts a run; answers null when a run with the same name and singleton key already exists. */
export async function insertJob(db: Database, job: NewJob, now: Date): Promise<{ id: string } | null> {
  const rows = await db
    .insert(jobs)
    .values({ ...job, payload: (job.payload ?? {}) as object, createdAt: now })
    .onConflictDoNothing()
    .returning({ id: jobs.id });
  return rows[0] ?? null;
}

/**
 * Claims up to `limit` due runs of the named jobs for `workerId`: queued ones whose time has
 * come, and running ones whose lease lapsed (their process died). `FOR UPDATE SKIP LOCKED`
 * lets workers in several processes claim at once without ever taking the same row, and the
 * claim is committed before the handler runs.
 */
export async function claimDueJobs(
  db: Database,
  names: readonly string[],
  now: Date,
  leaseMs: number,
  workerId: string,
  limit: number,
): Promise<JobRecord[]> {
  if (names.length === 0) return [];
  const at = now.toISOString();
  const claimed = await queryRows<{ id: string }>(db, sql`
    update ${jobs} set status = 'running', attempts = attempts + 1, locked_by = ${workerId},
      locked_until = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz, started_at = ${at}::timestamptz
    where id in (
      select id from ${jobs}
      where name in ${names}
        and ((status = 'queued' and run_at <= ${at}::timestamptz)
          or (status = 'running' and locked_until < ${at}::timestamptz))
      order by run_at
      limit ${limit}
      for update skip locked
    )
    returning id`);
  const ids = claimed.map((r) => r.id);
  if (ids.length === 0) return [];
  return db.select(columns).from(jobs).where(inArray(jobs.id, ids)).orderBy(jobs.runAt);
}

/** Marks a claimed run done; a no-op when the claim was lost (lease lapsed and another worker took it). */
export async function completeJob(db: Database, id: string, workerId: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ status: 'succeeded', finishedAt: now, lockedBy: null, lockedUntil: null, lastError: null })
    .where(and(eq(jobs.id, id), eq(jobs.lockedBy, workerId), eq(jobs.status, 'running')))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Records a failed attempt: queued again at `retryAt`, or failed for good (dead letter) when null. */
export async function failJob(db: Database, id: string, workerId: string, error: string, retryAt: Date | null, now: Date): Promise<void> {
  await db
    .update(jobs)
    .set(
      retryAt === null
        ? { status: 'failed', finishedAt: now, lockedBy: null, lockedUntil: null, lastError: error }
        : { status: 'queued', runAt: retryAt, lockedBy: null, lockedUntil: null, lastError: error },
    )
    .where(and(eq(jobs.id, id), eq(jobs.lockedBy, workerId), eq(jobs.status, 'running')));
}

/** An organisation's runs (null: system runs), newest first. */
export async function listJobs(
  db: Database,
  organisationId: string | null,
  filter: { status?: JobStatus | undefined; name?: string | undefined; limit: number },
): Promise<JobRecord[]> {
  return db
    .select(columns)
    .from(jobs)
    .where(
      and(
        organisationId === null ? isNull(jobs.organisationId) : eq(jobs.organisationId, organisationId),
        filter.status ? eq(jobs.status, filter.status) : sql`true`,
        filter.name ? eq(jobs.name, filter.name) : sql`true`,
      ),
    )
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(filter.limit);
}

/** Queues a dead-lettered run of the organisation again, with fresh attempts. */
export async function requeueFailedJob(db: Database, organisationId: string, id: string, now: Date): Promise<JobRecord | null> {
  const rows = await db
    .update(jobs)
    .set({ status: 'queued', attempts: 0, runAt: now, finishedAt: null })
    .where(and(eq(jobs.id, id), eq(jobs.organisationId, organisationId), eq(jobs.status, 'failed')))
    .returning(columns);
  return rows[0] ?? null;
}

export async function findJob(db: Database, organisationId: string, id: string): Promise<JobRecord | null> {
  const [row] = await db.select(columns).from(jobs).where(and(eq(jobs.id, id), eq(jobs.organisationId, organisationId)));
  return row ?? null;
}

/** Every organisation's id, for jobs that fan out per organisation. */
export async function listOrganisationIds(db: Database): Promise<string[]> {
  const rows = await db.select({ id: organisations.id }).from(organisations).orderBy(organisations.id);
  return rows.map((r) => r.id);
}
