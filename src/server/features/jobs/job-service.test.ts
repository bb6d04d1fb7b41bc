import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase } from '../../../db/client.js';
import { jobs } from '../../../db/schema/index.js';
import { createOrganisation, createUser, login, type Session } from '../../../../tests/support/factories.js';
import { createJobTestApp, type JobTestContext } from '../../../../tests/support/job-test-app.js';
import { createJobRegistry, createJobRunner, enqueue, type JobContext } from './job-service.js';

const runs: Array<{ name: string; payload: unknown; at: string; attempt: number }> = [];
let failUntilAttempt = Infinity;
let ctx: JobTestContext;
let orgId: string;
let admin: Session;

const record = (c: JobContext) => {
  runs.push({ name: c.job.name, payload: c.job.payload, at: c.now().toISOString(), attempt: c.job.attempt });
  return Promise.resolve();
};

beforeAll(async () => {
  ctx = await createJobTestApp({
    start: '2031-03-03T03:00:00Z', // 04:00 in Stockholm (winter time, UTC+1)
    define: (registry) => {
      registry.defineJob('test.record', record);
      registry.defineJob('test.daily', record);
      registry.scheduleDaily('test.daily', '06:00', 'Europe/Stockholm');
      registry.defineJob(
        'test.flaky',
        async (c) => {
          await record(c);
          if (c.job.attempt < failUntilAttempt) throw new Error(`attempt ${c.job.attempt} failed`);
        },
        { maxAttempts: 3, retryBaseMs: 10_000 },
      );
    },
  });
  orgId = (await createOrganisation(ctx.database.db)).id;
  admin = await login(ctx.app, (await createUser(ctx.database.db, orgId, ['admin'])).email);
});
afterAll(() => ctx.close());

const runsOf = (name: string) => runs.filter((r) => r.name === name);
const row = async (id: string) => (await ctx.database.db.select().from(jobs).where(eq(jobs.id, id)))[0]!;

describe('queued jobs', () => {
  it('runs a due job once, however many workers poll afterwards, and leaves a later one for its time', async () => {
    const now = ctx.clock.now();
    const due = (await enqueue(ctx.database.db, 'test.record', { n: 1 }, now))!;
    const later = (await enqueue(ctx.database.db, 'test.record', { n: 2 }, now, { runAt: new Date(now.getTime() + 60_000) }))!;
    await Promise.all([ctx.worker().runOnce(), ctx.worker().runOnce()]);
    await ctx.worker().runOnce();
    expect(runsOf('test.record').map((r) => r.payload)).toEqual([{ n: 1 }]);
    expect(await row(due.id)).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect((await row(later.id)).status).toBe('queued');

    ctx.clock.advance(60_000);
    await ctx.worker().runOnce();
    expect(runsOf('test.record').map((r) => r.payload)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('queues a singleton key once (idempotent enqueueing)', async () => {
    const first = await enqueue(ctx.database.db, 'test.record', {}, ctx.clock.now(), { singletonKey: 'contract-1:2031-Q1' });
    const second = await enqueue(ctx.database.db, 'test.record', {}, ctx.clock.now(), { singletonKey: 'contract-1:2031-Q1' });
    expect(first).not.toBeNull();
    expect(second).toBeNull();
  });

  it('queues nothing when the caller’s transaction rolls back', async () => {
    let id = '';
    await ctx.database.db
      .transaction(async (tx) => {
        id = (await enqueue(tx, 'test.record', {}, ctx.clock.now()))!.id;
        throw new Error('rollback');
      })
      .catch(() => undefined);
    expect(await ctx.database.db.select().from(jobs).where(eq(jobs.id, id))).toEqual([]);
  });

  it('runs a run again whose worker died (its lease lapsed), and never before the lease ends', async () => {
    await ctx.worker().runOnce(); // nothing else due
    runs.length = 0;
    const { id } = (await enqueue(ctx.database.db, 'test.record', { n: 'orphan' }, ctx.clock.now()))!;
    // A worker that claims and then dies: its registry knows the job, its handler never finishes.
    const dying = createJobRegistry();
    dying.defineJob('test.record', () => new Promise(() => undefined), { leaseMs: 60_000 });
    void createJobRunner({ db: ctx.database.db, registry: dying, now: ctx.clock.now, log: ctx.app.log }).runOnce();
    await expect.poll(async () => (await row(id)).status).toBe('running');

    await ctx.worker().runOnce();
    expect(runsOf('test.record')).toEqual([]);
    ctx.clock.advance(60_001); // the lease the dying worker's definition gave the run
    await ctx.worker().runOnce();
    expect(runsOf('test.record').map((r) => r.attempt)).toEqual([2]);
    expect(await row(id)).toMatchObject({ status: 'succeeded', attempts: 2 });
  });
});

describe('failures', () => {
  it('retries with a doubling delay, then dead-letters the run where the organisation’s admin sees it and can retry it', async () => {
    runs.length = 0;
    failUntilAttempt = Infinity;
    const { id } = (await enqueue(ctx.database.db, 'test.flaky', { contract: 'K-1' }, ctx.clock.now(), { organisationId: orgId, maxAttempts: 3 }))!;
    const worker = ctx.worker();
    await worker.runOnce();
    expect(await row(id)).toMatchObject({ status: 'queued', attempts: 1, lastError: 'Error: attempt 1 failed' });
    expect((await row(id)).runAt.getTime() - ctx.clock.now().getTime()).toBe(10_000);

    ctx.clock.advance(9_999);
    await worker.runOnce();
    expect(runsOf('test.flaky')).toHaveLength(1);
    ctx.clock.advance(1);
    await worker.runOnce();
    expect((await row(id)).runAt.getTime() - ctx.clock.now().getTime()).toBe(20_000);
    ctx.clock.advance(20_000);
    await worker.runOnce();
    expect(runsOf('test.flaky').map((r) => r.attempt)).toEqual([1, 2, 3]);
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 3, lastError: 'Error: attempt 3 failed' });

    // Dead letter: visible to the admin of the organisation, not to anyone else.
    const list = await admin.get('/api/admin/jobs?status=failed');
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([expect.objectContaining({ id, name: 'test.flaky', status: 'failed', attempts: 3, lastError: 'Error: attempt 3 failed' })]);
    const other = await createOrganisation(ctx.database.db);
    const otherAdmin = await login(ctx.app, (await createUser(ctx.database.db, other.id, ['admin'])).email);
    expect((await otherAdmin.get('/api/admin/jobs?status=failed')).json().items).toEqual([]);
    expect((await otherAdmin.post(`/api/admin/jobs/${id}/retry`)).statusCode).toBe(404);
    const coordinator = await login(ctx.app, (await createUser(ctx.database.db, orgId, ['coordinator'])).email);
    expect((await coordinator.get('/api/admin/jobs')).statusCode).toBe(403);

    // The admin retries it; this time it succeeds.
    failUntilAttempt = 1;
    const retried = await admin.post(`/api/admin/jobs/${id}/retry`);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'queued', attempts: 0 });
    expect((await admin.post(`/api/admin/jobs/${id}/retry`)).statusCode).toBe(409);
    await worker.runOnce();
    expect(await row(id)).toMatchObject({ status: 'succeeded', attempts: 1 });
  });
});

describe('daily schedules', () => {
  it('runs a daily job once per Stockholm day at its local time, however many workers poll', async () => {
    ctx.clock.set('2031-03-04T04:59:00Z'); // 05:59 in Stockholm
    // The 3rd's run was created while earlier tests polled that day; a late run still runs.
    await ctx.worker().runOnce();
    expect(runsOf('test.daily').map((r) => r.payload)).toEqual([{ runDate: '2031-03-03' }]);
    runs.length = 0;
    await ctx.worker().runOnce();
    expect(runsOf('test.daily')).toEqual([]);

    ctx.clock.set('2031-03-04T05:00:00Z'); // 06:00
    await Promise.all([ctx.worker().runOnce(), ctx.worker().runOnce(), ctx.worker().runOnce()]);
    ctx.clock.set('2031-03-04T22:59:00Z'); // 23:59, same day
    await ctx.worker().runOnce();
    expect(runsOf('test.daily').map((r) => r.payload)).toEqual([{ runDate: '2031-03-04' }]);

    ctx.clock.set('2031-03-04T23:00:00Z'); // midnight: the 5th in Stockholm, not yet 06:00
    await ctx.worker().runOnce();
    expect(runsOf('test.daily')).toHaveLength(1);
    ctx.clock.set('2031-03-05T09:00:00Z'); // a process that starts late still runs the day's check
    await ctx.worker().runOnce();
    expect(runsOf('test.daily').map((r) => r.payload)).toEqual([{ runDate: '2031-03-04' }, { runDate: '2031-03-05' }]);
  });
});

describe('registration', () => {
  it.each([
    ['a name with capitals', (r: ReturnType<typeof createJobRegistry>) => r.defineJob('Bad.Name', record)],
    ['the same job twice', (r: ReturnType<typeof createJobRegistry>) => (r.defineJob('a.b', record), r.defineJob('a.b', record))],
    ['a daily time that is not HH:MM', (r: ReturnType<typeof createJobRegistry>) => r.scheduleDaily('a.b', '6:00')],
    ['an unknown time zone', (r: ReturnType<typeof createJobRegistry>) => r.scheduleDaily('a.b', '06:00', 'Europe/Göteborg')],
  ])('refuses %s at start', (_label, register) => {
    expect(() => register(createJobRegistry())).toThrow();
  });
});

// Two server processes on one PostgreSQL database: each worker has its own connection pool.
const serverUrl = process.env.TEST_DATABASE_URL;
describe.skipIf(!serverUrl)('two workers on one PostgreSQL database', () => {
  it('run each of 40 due jobs exactly once while polling at the same time', async () => {
    const name = (
      (await ctx.database.db.execute<{ name: string }>('select current_database() as name' as never)) as unknown as { rows: Array<{ name: string }> }
    ).rows[0]!.name;
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    const second = await openDatabase({ kind: 'postgres', url: url.toString() });
    try {
      const seen: string[] = [];
      const slowRecord = async (c: JobContext) => {
        seen.push(c.job.id);
        await new Promise((resolve) => setTimeout(resolve, 5));
      };
      const makeWorker = (db: typeof ctx.database.db) => {
        const registry = createJobRegistry();
        registry.defineJob('test.parallel', slowRecord);
        return createJobRunner({ db, registry, now: ctx.clock.now, log: ctx.app.log, batchSize: 3 });
      };
      const ids = [];
      for (let i = 0; i < 40; i++) ids.push((await enqueue(ctx.database.db, 'test.parallel', { i }, ctx.clock.now()))!.id);
      const [a, b] = await Promise.all([makeWorker(ctx.database.db).runOnce(), makeWorker(second.db).runOnce()]);
      expect(a + b).toBe(40);
      expect(a).toBeGreaterThan(0);
      expect(b).toBeGreaterThan(0);
      expect([...seen].sort()).toEqual([...ids].sort());
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      const { rows } = await client.query("select count(*)::int as n from jobs where name = 'test.parallel' and status = 'succeeded' and attempts = 1");
      await client.end();
      expect(rows[0].n).toBe(40);
    } finally {
      await second.close();
    }
  });
});
