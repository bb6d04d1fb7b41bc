import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { createOrganisation, createUser, login } from '../../../../tests/support/factories.js';
import { createJobTestApp, type JobTestContext } from '../../../../tests/support/job-test-app.js';
import { findOutboxMessage } from './mail-repository.js';
import { queueMail } from './mail-service.js';
import { MAX_MAIL_ATTEMPTS } from './mail-delivery.js';

/** A real SMTP server in this process that keeps what arrives; `refuse` makes it reject recipients. */
interface Received {
  envelopeTo: string[];
  mail: ParsedMail;
}
const received: Received[] = [];
let refuse = false;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onRcptTo(address, _session, callback) {
    if (refuse) return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 450 }));
    callback();
  },
  onData(stream, session, callback) {
    simpleParser(stream).then(
      (mail) => {
        received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail });
        callback();
      },
      (error: Error) => callback(error),
    );
  },
});

let ctx: JobTestContext;
let orgId: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  ctx = await createJobTestApp({ env: { HANSYN_SMTP_URL: `smtp://127.0.0.1:${port}`, HANSYN_MAIL_FROM: 'Hänsyn <noreply@hansyn.example>' } });
  orgId = (await createOrganisation(ctx.database.db)).id;
});
afterAll(async () => {
  await ctx.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});
afterEach(() => {
  received.length = 0;
  refuse = false;
});

const swedish = {
  to: 'örjan.åkesson@kommun.example',
  subject: 'Påminnelse: rapporten för Städtjänster förfaller om 7 dagar',
  text: 'Hej Örjan!\n\nRapporten för perioden 1 jan–31 mar ska lämnas senast fredag. Tack för att du håller ögonen på sysselsättningskravet.\n',
  kind: 'followup.report_due',
};

describe('delivery over SMTP', () => {
  it('sends a queued message to a real SMTP server: recipient, sender, subject and UTF-8 text arrive intact', async () => {
    const { id } = await queueMail(ctx.database.db, { ...swedish, organisationId: orgId, html: '<p>Hej Örjan!</p>' }, ctx.clock.now());
    await ctx.worker().runOnce();

    expect(received).toHaveLength(1);
    const [{ envelopeTo, mail }] = received as [Received];
    expect(envelopeTo).toEqual(['örjan.åkesson@kommun.example']);
    expect(mail.from?.value).toEqual([{ address: 'noreply@hansyn.example', name: 'Hänsyn' }]);
    expect(mail.subject).toBe(swedish.subject);
    expect(mail.text).toBe(swedish.text);
    expect(mail.html).toContain('Hej Örjan!');
    expect(mail.headers.get('content-language')).toBe('sv');

    const stored = await findOutboxMessage(ctx.database.db, orgId, id);
    expect(stored).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(stored!.sentAt?.toISOString()).toBe(ctx.clock.now().toISOString());
  });

  it('never sends a message twice, though two workers (two server processes) poll at the same time', async () => {
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push((await queueMail(ctx.database.db, { ...swedish, subject: `Meddelande ${i}`, organisationId: orgId }, ctx.clock.now())).id);
    await Promise.all([ctx.worker().runOnce(), ctx.worker().runOnce(), ctx.worker().runOnce()]);
    await ctx.worker().runOnce();
    expect(received.map((r) => r.mail.subject).sort()).toEqual([0, 1, 2, 3, 4, 5].map((i) => `Meddelande ${i}`));
  });

  it('keeps a message the SMTP server refuses, retries it with a growing delay and marks it failed after the last attempt', async () => {
    refuse = true;
    const { id } = await queueMail(ctx.database.db, { ...swedish, subject: 'Avvisas', organisationId: orgId }, ctx.clock.now());
    const worker = ctx.worker();
    await worker.runOnce();
    let stored = (await findOutboxMessage(ctx.database.db, orgId, id))!;
    expect(stored).toMatchObject({ status: 'pending', attempts: 1 });
    expect(stored.lastError).toMatch(/Mailbox unavailable/);
    expect(stored.nextAttemptAt.getTime() - ctx.clock.now().getTime()).toBe(30_000);

    // Not due yet: nothing is tried.
    await worker.runOnce();
    expect((await findOutboxMessage(ctx.database.db, orgId, id))!.attempts).toBe(1);

    ctx.clock.advance(30_000);
    await worker.runOnce();
    stored = (await findOutboxMessage(ctx.database.db, orgId, id))!;
    expect(stored).toMatchObject({ status: 'pending', attempts: 2 });
    expect(stored.nextAttemptAt.getTime() - ctx.clock.now().getTime()).toBe(60_000);

    for (let attempt = 3; attempt <= MAX_MAIL_ATTEMPTS; attempt++) {
      ctx.clock.advance(3_600_000);
      await worker.runOnce();
    }
    stored = (await findOutboxMessage(ctx.database.db, orgId, id))!;
    expect(stored).toMatchObject({ status: 'failed', attempts: MAX_MAIL_ATTEMPTS });
    expect(received).toHaveLength(0);

    // The admin sees it as failed in the outbox.
    const admin = await login(ctx.app, (await createUser(ctx.database.db, orgId, ['admin'])).email);
    const response = await admin.get('/api/admin/outbox?status=failed');
    expect(response.statusCode, response.body).toBe(200);
    const list = response.json();
    expect(list.smtpConfigured).toBe(true);
    expect(list.items.map((m: { id: string }) => m.id)).toContain(id);
  });

  it('resends a message whose sender died mid-delivery once its claim lapses', async () => {
    const { id } = await queueMail(ctx.database.db, { ...swedish, subject: 'Avbruten', organisationId: orgId }, ctx.clock.now());
    // A process claimed it and died before recording anything.
    const { claimDueMessages } = await import('./mail-repository.js');
    expect(await claimDueMessages(ctx.database.db, ctx.clock.now(), 120_000, 10)).toHaveLength(1);
    await ctx.worker().runOnce();
    expect(received).toHaveLength(0);
    ctx.clock.advance(120_001);
    await ctx.worker().runOnce();
    expect(received.map((r) => r.mail.subject)).toEqual(['Avbruten']);
    expect((await findOutboxMessage(ctx.database.db, orgId, id))!.status).toBe('sent');
  });
});
