import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createUser, login, type Session } from '../../../../tests/support/factories.js';
import { createJobTestApp, type JobTestContext } from '../../../../tests/support/job-test-app.js';
import { queueMail } from './mail-service.js';

let ctx: JobTestContext;
let admin: Session;
let coordinator: Session;
let otherAdmin: Session;
let mine: string;
let theirs: string;
let operator: string;

beforeAll(async () => {
  ctx = await createJobTestApp(); // no HANSYN_SMTP_URL: the embedded default
  const db = ctx.database.db;
  const org = await createOrganisation(db);
  const other = await createOrganisation(db);
  admin = await login(ctx.app, (await createUser(db, org.id, ['admin'])).email);
  coordinator = await login(ctx.app, (await createUser(db, org.id, ['coordinator'])).email);
  otherAdmin = await login(ctx.app, (await createUser(db, other.id, ['admin'])).email);
  const base = { text: 'Välkommen till Hänsyn.', kind: 'invitation' };
  mine = (await queueMail(db, { ...base, to: 'ny@kommun.example', subject: 'Inbjudan till Hänsyn', organisationId: org.id }, ctx.clock.now())).id;
  ctx.clock.advance(1000);
  theirs = (await queueMail(db, { ...base, to: 'ny@annan.example', subject: 'Inbjudan', organisationId: other.id }, ctx.clock.now())).id;
  operator = (await queueMail(db, { ...base, to: 'drift@hansyn.example', subject: 'Drift', organisationId: null }, ctx.clock.now())).id;
});
afterAll(() => ctx.close());

describe('the outbox without SMTP', () => {
  it('keeps messages pending however often the worker polls (nothing is lost, nothing is sent)', async () => {
    await ctx.worker().runOnce();
    const list = (await admin.get('/api/admin/outbox')).json();
    expect(list.smtpConfigured).toBe(false);
    expect(list.items).toEqual([expect.objectContaining({ id: mine, status: 'pending', attempts: 0, to: 'ny@kommun.example', subject: 'Inbjudan till Hänsyn' })]);
  });

  it('shows an admin the text of their organisation’s message, and 404 for another organisation’s or an operator message', async () => {
    const response = await admin.get(`/api/admin/outbox/${mine}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ text: 'Välkommen till Hänsyn.', html: null, kind: 'invitation' });
    expect((await admin.get(`/api/admin/outbox/${theirs}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/admin/outbox/${operator}`)).statusCode).toBe(404);
    expect((await otherAdmin.get('/api/admin/outbox')).json().items.map((m: { id: string }) => m.id)).toEqual([theirs]);
  });

  it('is for admins only', async () => {
    const response = await coordinator.get('/api/admin/outbox');
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('forbidden');
  });

  it('filters by status and refuses an unknown one, naming the field', async () => {
    expect((await admin.get('/api/admin/outbox?status=sent')).json().items).toEqual([]);
    const bad = await admin.get('/api/admin/outbox?status=lost');
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('status');
  });
});
