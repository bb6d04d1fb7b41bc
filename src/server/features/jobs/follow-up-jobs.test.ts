import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { jobs, mailOutbox, notifications } from '../../../db/schema/index.js';
import { awardedProcurement, contractBody } from '../../../../tests/support/contracts.js';
import { createOrganisation, createUser, login, type Session } from '../../../../tests/support/factories.js';
import { createJobTestApp, type JobTestContext } from '../../../../tests/support/job-test-app.js';
import { answerReadiness } from '../../../../tests/support/social.js';

let ctx: JobTestContext;
let coordinator: Session;
let coordinatorId: string;
let coordinatorEmail: string;
let orgId: string;
let otherOrgId: string;
let contractId: string;

beforeAll(async () => {
  // A session needs a clock ahead of the wall clock (see job-test-app.ts), so the contract runs in 2031.
  ctx = await createJobTestApp({ start: '2031-01-02T10:00:00Z' });
  const db = ctx.database.db;
  const org = await createOrganisation(db, { name: 'Norrstad kommun' });
  orgId = org.id;
  otherOrgId = (await createOrganisation(db, { name: 'Söderby kommun' })).id;
  const user = await createUser(db, org.id, ['coordinator'], `samordnare-${Date.now()}@norrstad.example`);
  coordinatorId = user.id;
  coordinatorEmail = user.email;
  coordinator = await login(ctx.app, user.email);
  await answerReadiness(coordinator);
  const p = await awardedProcurement(coordinator, org.unit.id, [{ key: 'employment-condition', parameters: { positions: 1, employment_months: 6 } }]);
  const c = await coordinator.post('/api/contracts', contractBody(p.id, { signedOn: '2030-12-15', startsOn: '2031-01-01', endsOn: '2031-12-31' }));
  expect(c.statusCode, c.body).toBe(201);
  contractId = c.json().id;
}, 120_000);
afterAll(() => ctx.close());

const notificationsOf = () => ctx.database.db.select().from(notifications).where(eq(notifications.userId, coordinatorId));
const followUpMail = () => ctx.database.db.select().from(mailOutbox).where(and(eq(mailOutbox.organisationId, orgId), like(mailOutbox.kind, 'followup.%')));

describe('the daily follow-up job', () => {
  it('runs the check for every organisation at 06:00 and turns each reminder into a notification and an e-mail, once', async () => {
    // 2032-01-01 06:00 in Stockholm: the contract ended yesterday with its position open and reports missing.
    ctx.clock.set('2032-01-01T05:00:00Z');
    await ctx.worker().runOnce();

    const fanOut = await ctx.database.db.select().from(jobs).where(eq(jobs.name, 'followup.check_organisation'));
    expect(fanOut.map((j) => j.lastError)).toEqual([null, null]);
    expect(fanOut.map((j) => [j.organisationId, j.singletonKey, j.status]).sort()).toEqual(
      [
        [orgId, `2032-01-01:${orgId}`, 'succeeded'],
        [otherOrgId, `2032-01-01:${otherOrgId}`, 'succeeded'],
      ].sort(),
    );

    const mine = await notificationsOf();
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((n) => n.organisationId === orgId && n.kind.startsWith('followup.') && n.link === `/contracts/${contractId}`)).toBe(true);
    expect(mine.map((n) => n.kind)).toContain('followup.deviation_found');
    expect(mine.some((n) => n.titleSv.startsWith('Avvikelse i avtal') && n.titleEn.startsWith('Deviation in contract'))).toBe(true);

    const mail = await followUpMail();
    expect(mail).toHaveLength(mine.length);
    expect(mail.every((m) => m.toAddress.endsWith('@norrstad.example'))).toBe(true);
    expect(mail.find((m) => m.kind === 'followup.deviation_found')!.textBody).toContain('— In English —');

    // The same day again (another process, a retry) and the next day: nothing is sent twice.
    await ctx.worker().runOnce();
    ctx.clock.set('2032-01-02T05:00:00Z');
    await ctx.worker().runOnce();
    expect(await notificationsOf()).toHaveLength(mine.length);
    expect(await followUpMail()).toHaveLength(mine.length);
  });

  it('shows the coordinator the notifications through the API, with the unread count', async () => {
    // The clock has moved a year past the first session (sessions expire by the injected clock): sign in again.
    const now = await login(ctx.app, coordinatorEmail);
    const response = await now.get('/api/notifications');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.unreadCount).toBe(body.items.length);
    expect(body.items[0]).toMatchObject({ kind: expect.stringMatching(/^followup\./), link: `/contracts/${contractId}`, readAt: null });
  });
});
