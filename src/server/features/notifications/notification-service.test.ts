import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { mailOutbox, users } from '../../../db/schema/index.js';
import { createOrganisation, createUser, login, type Session } from '../../../../tests/support/factories.js';
import { createJobTestApp, type JobTestContext } from '../../../../tests/support/job-test-app.js';
import { notify } from './notification-service.js';

let ctx: JobTestContext;
let orgId: string;
let coordinator: { id: string; email: string };
let procurer: { id: string; email: string };
let disabled: { id: string; email: string };
let outsider: { id: string; email: string };
let coordinatorSession: Session;
let procurerSession: Session;

beforeAll(async () => {
  ctx = await createJobTestApp();
  const db = ctx.database.db;
  const org = await createOrganisation(db);
  orgId = org.id;
  const other = await createOrganisation(db);
  coordinator = await createUser(db, org.id, ['coordinator']);
  procurer = await createUser(db, org.id, [{ role: 'procurer', unitId: org.unit.id }]);
  disabled = await createUser(db, org.id, ['coordinator']);
  await db.update(users).set({ disabledAt: ctx.clock.now() }).where(eq(users.id, disabled.id));
  outsider = await createUser(db, other.id, ['coordinator']);
  coordinatorSession = await login(ctx.app, coordinator.email);
  procurerSession = await login(ctx.app, procurer.email);
});
afterAll(() => ctx.close());

const input = (overrides: Partial<Parameters<typeof notify>[1]> = {}): Parameters<typeof notify>[1] => ({
  organisationId: orgId,
  kind: 'followup.report_due_soon',
  title: { sv: 'Rapport ska in om 7 dagar: AVT-1', en: 'Report due in 7 days: AVT-1' },
  body: { sv: 'Rapporten för period 2 ska vara inne senast 2031-04-07.', en: 'The report for period 2 is due on 2031-04-07.' },
  link: '/contracts/abc',
  ...overrides,
});

const mailTo = async (email: string) => ctx.database.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email));

describe('notify', () => {
  it('notifies the active members holding a role and the named users, never another organisation’s or a disabled user', async () => {
    const result = await notify(ctx.database.db, input({ roles: ['coordinator'], userIds: [procurer.id, outsider.id], kind: 'test.reach' }), ctx.clock.now());
    expect(result.notifiedUserIds.sort()).toEqual([coordinator.id, procurer.id].sort());
    expect(result.emailsQueued).toBe(0);
    expect(await mailTo(coordinator.email)).toEqual([]);
  });

  it('with a dedupe key, notifies and e-mails each user once however often it is called', async () => {
    ctx.clock.advance(1000);
    const once = input({ roles: ['coordinator'], email: true, dedupeKey: 'report_due_soon:contract-1:period:2:2031-04-07', publicUrl: 'https://hansyn.kommun.example' });
    const first = await notify(ctx.database.db, once, ctx.clock.now());
    const again = await notify(ctx.database.db, once, ctx.clock.now());
    expect(first).toEqual({ notifiedUserIds: [coordinator.id], emailsQueued: 1 });
    expect(again).toEqual({ notifiedUserIds: [], emailsQueued: 0 });
    const [mail] = await mailTo(coordinator.email);
    expect(mail).toMatchObject({ subject: 'Rapport ska in om 7 dagar: AVT-1', organisationId: orgId, kind: 'followup.report_due_soon', status: 'pending' });
    expect(mail!.textBody).toContain('Rapporten för period 2 ska vara inne senast 2031-04-07.');
    expect(mail!.textBody).toContain('The report for period 2 is due on 2031-04-07.');
    expect(mail!.textBody).toContain('https://hansyn.kommun.example/contracts/abc');
  });

  it('writes nothing when the caller’s transaction rolls back', async () => {
    await ctx.database.db
      .transaction(async (tx) => {
        await notify(tx, input({ userIds: [procurer.id], email: true, kind: 'test.rollback' }), ctx.clock.now());
        throw new Error('rollback');
      })
      .catch(() => undefined);
    const list = (await procurerSession.get('/api/notifications')).json();
    expect(list.items.map((n: { kind: string }) => n.kind)).not.toContain('test.rollback');
    expect(await mailTo(procurer.email)).toEqual([]);
  });
});

describe('my notifications', () => {
  it('lists my own, newest first, with the unread count; marks one and then all read', async () => {
    ctx.clock.advance(1000);
    await notify(ctx.database.db, input({ userIds: [coordinator.id], kind: 'test.latest', title: { sv: 'Senast', en: 'Latest' } }), ctx.clock.now());
    const list = (await coordinatorSession.get('/api/notifications')).json();
    expect(list.unreadCount).toBe(3);
    expect(list.items.map((n: { kind: string }) => n.kind)).toEqual(['test.latest', 'followup.report_due_soon', 'test.reach']);
    expect(list.items[0]).toMatchObject({ title: { sv: 'Senast', en: 'Latest' }, link: '/contracts/abc', readAt: null });
    expect((await coordinatorSession.get('/api/notifications/unread-count')).json()).toEqual({ count: 3 });

    const read = await coordinatorSession.post(`/api/notifications/${list.items[0].id}/read`);
    expect(read.statusCode).toBe(204);
    expect((await coordinatorSession.get('/api/notifications/unread-count')).json()).toEqual({ count: 2 });
    const unread = (await coordinatorSession.get('/api/notifications?unread=true')).json();
    expect(unread.items.map((n: { kind: string }) => n.kind)).toEqual(['followup.report_due_soon', 'test.reach']);
    // Marking it again keeps the first time it was read.
    expect((await coordinatorSession.post(`/api/notifications/${list.items[0].id}/read`)).statusCode).toBe(204);

    expect((await coordinatorSession.post('/api/notifications/read-all')).json()).toEqual({ marked: 2 });
    expect((await coordinatorSession.get('/api/notifications/unread-count')).json()).toEqual({ count: 0 });
  });

  it('answers 404 for someone else’s notification and changes nothing', async () => {
    const theirs = (await procurerSession.get('/api/notifications')).json().items[0];
    const response = await coordinatorSession.post(`/api/notifications/${theirs.id}/read`);
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('not_found');
    expect((await procurerSession.get('/api/notifications')).json().items[0].readAt).toBeNull();
  });

  it('refuses anonymous calls', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
  });
});
