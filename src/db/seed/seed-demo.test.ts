import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../tests/support/factories.js';
import { auditEvents, organisations, procurements } from '../schema/index.js';
import { DEMO_PASSWORD, seedDemo } from './seed-demo.js';

let ctx: TestContext;
const now = new Date();
beforeAll(async () => {
  ctx = await createTestApp();
  await seedDemo(ctx.db, { now: new Date(), scale: 'demo', notices: true });
}, 180_000);
afterAll(() => ctx.close());

async function signIn(email: string) {
  const response = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: DEMO_PASSWORD } });
  const cookie = String(response.headers['set-cookie']).split(';')[0]!;
  const csrf = response.json().csrfToken as string;
  return (url: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie, 'x-csrf-token': csrf } });
}

describe('the demo data (issue 11 items 4 and 9)', () => {
  it('gives every seeded procurement a history that walks its status path up to now', async () => {
    const [gbg] = await ctx.db.select().from(organisations).where(eq(organisations.slug, 'goteborg'));
    const awarded = await ctx.db
      .select({ id: procurements.id })
      .from(procurements)
      .where(and(eq(procurements.organisationId, gbg!.id), eq(procurements.status, 'awarded')))
      .limit(1);
    const events = await ctx.db.select().from(auditEvents).where(eq(auditEvents.entityId, awarded[0]!.id)).orderBy(asc(auditEvents.createdAt));
    expect(events[0]!.action).toBe('procurement.created');
    const steps = events.filter((e) => e.action === 'procurement.status_changed').map((e) => [(e.before as { status: string }).status, (e.after as { status: string }).status]);
    expect(steps).toEqual([
      ['planned', 'in_preparation'],
      ['in_preparation', 'published'],
      ['published', 'evaluation'],
      ['evaluation', 'awarded'],
    ]);
    expect(events.every((e) => e.createdAt.getTime() <= now.getTime() + 60_000)).toBe(true);
    // Every procurement has at least its registration in the history.
    const created = await ctx.db.select({ id: auditEvents.entityId }).from(auditEvents).where(and(eq(auditEvents.organisationId, gbg!.id), eq(auditEvents.action, 'procurement.created')));
    const all = await ctx.db.select({ id: procurements.id }).from(procurements).where(eq(procurements.organisationId, gbg!.id));
    expect(new Set(created.map((c) => c.id))).toEqual(new Set(all.map((p) => p.id)));
  });

  it('shows the history to the coordinator with names, and records the seeded decisions', async () => {
    const get = await signIn('coordinator@goteborg.example');
    const [decided] = await ctx.db.select({ id: auditEvents.entityId }).from(auditEvents).where(eq(auditEvents.action, 'decision.recorded')).limit(1);
    const history = await get(`/api/audit-events?entityType=procurement&entityId=${decided!.id}`);
    expect(history.statusCode).toBe(200);
    const actions = history.json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['procurement.created', 'procurement.status_changed', 'decision.recorded']));
  });

  it('starts the market view with imported eForms notices', async () => {
    const get = await signIn('coordinator@goteborg.example');
    const market = await get('/api/market/notices?pageSize=5');
    expect(market.statusCode).toBe(200);
    expect(market.json().total).toBeGreaterThan(50);
  });
});
