import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../tests/support/factories.js';
import { DEMO_PASSWORD, seedDemo } from './seed-demo.js';
import { seedDemoOutcomes } from './seed-demo-outcomes.js';

/** The demo's answers on what became of people after their placements (issue 15), and its pending hire (decision 0604). */
let ctx: TestContext;
const rows = async <T>(query: ReturnType<typeof sql>) => ((await ctx.db.execute(query)) as unknown as { rows: T[] }).rows;
const NOW = new Date('2026-11-20T10:00:00Z');

beforeAll(async () => {
  ctx = await createTestApp({}, { now: () => NOW });
  await seedDemo(ctx.db, { scale: 'demo', currentYear: 2026, now: NOW });
}, 240_000);
afterAll(() => ctx.close());

describe('demo outcomes after the placement', () => {
  it('answers about two in three of the ended placements asked about, about half of them still employed', async () => {
    const [counts] = await rows<{ ended: number; known: number; employed: number; unknown: number }>(sql`
      select count(*)::int as ended,
             count(*) filter (where o.status is not null and o.status <> 'unknown')::int as known,
             count(*) filter (where o.status in ('employed_by_supplier', 'employed_elsewhere'))::int as employed,
             count(*) filter (where o.status = 'unknown')::int as unknown
      from placements p left join placement_outcomes o on o.placement_id = p.id
      where p.ended_on is not null and p.ended_on <= current_date - 92`);
    expect(counts!.ended).toBeGreaterThan(50);
    expect(counts!.known / counts!.ended).toBeGreaterThanOrEqual(0.55);
    expect(counts!.known / counts!.ended).toBeLessThanOrEqual(0.75);
    expect(counts!.employed / counts!.known).toBeGreaterThanOrEqual(0.35);
    expect(counts!.employed / counts!.known).toBeLessThanOrEqual(0.65);
    expect(counts!.unknown).toBeGreaterThan(0);
    // Nobody is asked before the placement ended, nor answered before the months had passed.
    const early = await rows<{ n: number }>(sql`select count(*)::int as n from placement_outcomes o join placements p on p.id = o.placement_id
      where o.recorded_on < (p.ended_on + make_interval(months => o.months_after_end))::date`);
    expect(early[0]!.n).toBe(0);
  });

  it('shows "still employed, where known" on the demo viewer’s dashboard', async () => {
    const login = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'viewer@goteborg.example', password: DEMO_PASSWORD } });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const r = await ctx.app.inject({ method: 'GET', url: '/api/results/dashboard?year=2025', headers: { cookie } });
    expect(r.statusCode, r.body).toBe(200);
    const figure = r.json().stillEmployedAfterEnd as { known: unknown; sharePercent: unknown };
    expect(typeof figure.known).toBe('number');
    expect(figure.known as number).toBeGreaterThan(4);
    expect(typeof figure.sharePercent).toBe('number');
  });

  it('has one hire waiting for its target group to be confirmed', async () => {
    const pending = await rows<{ participant_ref: string; target_group: string; ended_on: string | null }>(sql`select participant_ref, target_group, ended_on from placements where target_group_pending`);
    expect(pending).toEqual([{ participant_ref: 'DEMO-9001', target_group: 'unverified', ended_on: null }]);
  });

  it('writes the same answers again from the same clock', async () => {
    const snapshot = () => rows<{ ref: string; months: number; status: string }>(sql`select p.participant_ref as ref, o.months_after_end as months, o.status from placement_outcomes o join placements p on p.id = o.placement_id order by 1, 2`);
    await ctx.db.execute(sql`delete from placement_outcomes`);
    await seedDemoOutcomes(ctx.db, NOW);
    const first = await snapshot();
    await ctx.db.execute(sql`delete from placement_outcomes`);
    await seedDemoOutcomes(ctx.db, NOW);
    expect(first.length).toBeGreaterThan(0);
    expect(await snapshot()).toEqual(first);
  });
});
