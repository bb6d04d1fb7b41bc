import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardedProcurement, contractBody } from '../../../../tests/support/contracts.js';
import { createOrganisation, createTestApp, createUser, login, type Session, type TestContext } from '../../../../tests/support/factories.js';
import { answerReadiness } from '../../../../tests/support/social.js';

/**
 * The follow-up queue's answer cache (docs/decisions/0911) against a real database: a repeated
 * queue comes from memory, and every committed write — through the API, or straight into the
 * database as another server process or the CLI would make it — is in the next answer.
 */
let ctx: TestContext;
let coordinator: Session;
let orgId: string;
let contractId: string;
const AS_OF = '2025-08-01';

type Queue = { items: Array<{ kind: string; contractId: string; periodSequence: number | null; supplierName: string; deviationId: string | null }> };

beforeAll(async () => {
  ctx = await createTestApp();
  const org = await createOrganisation(ctx.db);
  orgId = org.id;
  coordinator = await login(ctx.app, (await createUser(ctx.db, org.id, ['coordinator'])).email);
  await answerReadiness(coordinator);
  const p = await awardedProcurement(coordinator, org.unit.id, [{ key: 'employment-condition', parameters: { positions: 1, employment_months: 6 } }]);
  const c = await coordinator.post('/api/contracts', contractBody(p.id, { startsOn: '2025-01-01', endsOn: '2026-12-31' }));
  expect(c.statusCode, c.body).toBe(201);
  contractId = c.json().id;
}, 120_000);
afterAll(() => ctx.close());

async function queue(session = coordinator, asOf = AS_OF): Promise<Queue> {
  const response = await session.get(`/api/follow-up/queue?asOf=${asOf}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Queue;
}

const overdue = (q: Queue) => q.items.filter((i) => i.kind === 'report_overdue').map((i) => i.periodSequence);

const version = async () => {
  const result = (await ctx.db.execute(sql`select version from follow_up_versions where organisation_id = ${orgId}`)) as unknown as { rows: unknown[] };
  return Number((result.rows[0] as { version: number | string } | undefined)?.version ?? 0);
};

const insertReport = (sequence: number, startsOn: string, endsOn: string) =>
  ctx.db.execute(
    sql`insert into period_reports (organisation_id, contract_id, period_sequence, period_starts_on, period_ends_on, reported_on, summary) values (${orgId}, ${contractId}, ${sequence}, ${startsOn}, ${endsOn}, '2025-07-20', '{}'::jsonb)`,
  );

describe('the follow-up queue cache', () => {
  it('serves a repeated queue from memory: a write that bypasses the version triggers stays unseen', async () => {
    expect(overdue(await queue())).toEqual([1, 2]);
    await ctx.db.execute(sql`alter table period_reports disable trigger user`);
    try {
      await insertReport(1, '2025-01-01', '2025-03-31');
      // Only a cached answer can still list period 1 as overdue now.
      expect(overdue(await queue())).toEqual([1, 2]);
      // Another date is another answer, computed from the database.
      expect(overdue(await queue(coordinator, '2025-08-02'))).toEqual([2]);
    } finally {
      await ctx.db.execute(sql`alter table period_reports enable trigger user`);
    }
    await ctx.db.execute(sql`delete from period_reports where contract_id = ${contractId}`);
    expect(overdue(await queue())).toEqual([1, 2]);
  });

  it('shows a report written straight into the database, as another process would write it', async () => {
    const before = await version();
    await insertReport(1, '2025-01-01', '2025-03-31');
    expect(await version()).toBe(before + 1);
    expect(overdue(await queue())).toEqual([2]);
  });

  it('shows deviations, supplier names and contract changes at once', async () => {
    await queue();
    await ctx.db.execute(
      sql`insert into deviations (organisation_id, contract_id, kind, key, detected_on, details) values (${orgId}, ${contractId}, 'first_hire_missed', 'test:first-hire', '2025-07-02', '{}'::jsonb)`,
    );
    expect((await queue()).items.filter((i) => i.kind === 'deviation_open')).toHaveLength(1);

    await ctx.db.execute(sql`update suppliers set name = 'Nytt Namn AB' where id = (select supplier_id from contracts where id = ${contractId})`);
    expect((await queue()).items.every((i) => i.supplierName === 'Nytt Namn AB')).toBe(true);

    await ctx.db.execute(sql`update deviations set status = 'resolved', resolved_on = '2025-07-30', resolution = 'Rättat.' where contract_id = ${contractId}`);
    expect((await queue()).items.filter((i) => i.kind === 'deviation_open')).toEqual([]);

    await ctx.db.execute(sql`update contracts set ends_on = '2025-03-01' where id = ${contractId}`);
    expect((await queue()).items).toEqual([]);
  });

  it('is off with HANSYN_LIST_CACHE_ENTRIES=0: every queue reads the database', async () => {
    const uncached = await createTestApp({ HANSYN_LIST_CACHE_ENTRIES: '0' });
    try {
      const org = await createOrganisation(uncached.db);
      const s = await login(uncached.app, (await createUser(uncached.db, org.id, ['coordinator'])).email);
      await answerReadiness(s);
      const p = await awardedProcurement(s, org.unit.id, [{ key: 'employment-condition', parameters: { positions: 1, employment_months: 6 } }]);
      const c = (await s.post('/api/contracts', contractBody(p.id, { startsOn: '2025-01-01', endsOn: '2026-12-31' }))).json() as { id: string };
      expect(overdue(await queue(s))).toEqual([1, 2]);
      await uncached.db.execute(sql`alter table period_reports disable trigger user`);
      await uncached.db.execute(
        sql`insert into period_reports (organisation_id, contract_id, period_sequence, period_starts_on, period_ends_on, reported_on, summary) values (${org.id}, ${c.id}, 1, '2025-01-01', '2025-03-31', '2025-07-20', '{}'::jsonb)`,
      );
      await uncached.db.execute(sql`alter table period_reports enable trigger user`);
      expect(overdue(await queue(s))).toEqual([2]);
    } finally {
      await uncached.close();
    }
  }, 120_000);
});
