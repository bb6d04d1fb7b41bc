import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardedProcurement, contractBody } from '../../../../tests/support/contracts.js';
import { createOrganisation, createUser, invitationTokenFor, login, TEST_PASSWORD, type Session } from '../../../../tests/support/factories.js';
import { createJobTestApp, type JobTestContext } from '../../../../tests/support/job-test-app.js';
import { answerReadiness } from '../../../../tests/support/social.js';

/*
 * The daily follow-up job's reminders reach the supplier's own people (docs/supplier-portal.md,
 * Reminders) by real e-mail: the job runs, the mail worker delivers over SMTP to a server in this
 * process, and the message is addressed to the supplier's contact, names its contract and period,
 * and reaches no other supplier.
 */
interface Received {
  envelopeTo: string[];
  mail: ParsedMail;
}
const received: Received[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
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

const SUPPLIER_CONTACT = 'platschef@lokalvard.example';
const OTHER_CONTACT = 'kontakt@byggkraft.example';
let ctx: JobTestContext;
let coordinator: Session;
const contracts: Record<'mine' | 'other', { id: string; referenceNumber: string }> = {} as never;
let dueOn: string;

async function inviteAndAccept(contractId: string, email: string): Promise<Session> {
  expect((await coordinator.post(`/api/contracts/${contractId}/supplier-contacts`, { email })).statusCode).toBe(201);
  const token = await invitationTokenFor(ctx.database.db, email);
  const accepted = await ctx.app.inject({ method: 'POST', url: '/api/invitation-links/accept', payload: { token, displayName: 'Kim Platschef', password: TEST_PASSWORD } });
  expect(accepted.statusCode, accepted.body).toBeLessThan(300);
  return login(ctx.app, email);
}

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  // A session needs a clock ahead of the wall clock (job-test-app.ts), so the contracts run in 2031.
  ctx = await createJobTestApp({ start: '2031-01-02T10:00:00Z', env: { HANSYN_PUBLIC_URL: 'https://hansyn.example', HANSYN_SMTP_URL: `smtp://127.0.0.1:${port}`, HANSYN_MAIL_FROM: 'Hänsyn <noreply@hansyn.example>' } });
  const buyer = await createOrganisation(ctx.database.db, { name: 'Norrstad kommun' });
  coordinator = await login(ctx.app, (await createUser(ctx.database.db, buyer.id, ['coordinator'], 'samordnare@norrstad.example')).email);
  await answerReadiness(coordinator);
  const employment = [{ key: 'employment-condition', parameters: { positions: 1, employment_months: 6, reporting_interval_months: 3 } }];
  const mine = await coordinator.post('/api/contracts', contractBody((await awardedProcurement(coordinator, buyer.unit.id, employment)).id, { signedOn: '2030-12-15', startsOn: '2031-01-01', endsOn: '2031-12-31', supplier: { organisationNumber: '559900-0014', name: 'Lokalvård Väst AB (test)' } }));
  expect(mine.statusCode, mine.body).toBe(201);
  // The other supplier's contract has the same reporting days: its reminders fall due the same morning.
  const other = await coordinator.post('/api/contracts', contractBody((await awardedProcurement(coordinator, buyer.unit.id, employment)).id, { signedOn: '2030-12-15', startsOn: '2031-01-01', endsOn: '2031-12-31', supplier: { organisationNumber: '559900-0022', name: 'Byggkraft AB (test)' } }));
  expect(other.statusCode, other.body).toBe(201);
  contracts.mine = mine.json();
  contracts.other = other.json();
  const supplier = await inviteAndAccept(contracts.mine.id, SUPPLIER_CONTACT);
  await inviteAndAccept(contracts.other.id, OTHER_CONTACT);
  const detail = (await supplier.get(`/api/supplier/contracts/${contracts.mine.id}`)).json() as { periods: Array<{ sequence: number; dueOn: string }> };
  dueOn = detail.periods.find((p) => p.sequence === 1)!.dueOn;
  // The invitations went out through the same outbox: deliver them and start from an empty inbox.
  for (let i = 0; i < 3; i++) await ctx.worker().runOnce();
  received.length = 0;
}, 180_000);
afterAll(async () => {
  await ctx?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const addressedTo = (address: string) => received.filter((r) => r.envelopeTo.includes(address));

describe('reminders reach the supplier’s contacts by e-mail', () => {
  it('the daily job’s "report due in 7 days" arrives at each supplier’s contact about its own contract and period only', async () => {
    // 05:30 UTC is past 06:00 in Stockholm in winter and in summer: the daily check runs that morning.
    const sevenDaysBefore = new Date(Date.parse(`${dueOn}T05:30:00Z`) - 7 * 86_400_000);
    ctx.clock.set(sevenDaysBefore);
    for (let i = 0; i < 5; i++) await ctx.worker().runOnce();

    const mineMail = addressedTo(SUPPLIER_CONTACT);
    expect(mineMail).toHaveLength(1);
    const [{ mail }] = mineMail as [Received];
    expect(mail.to && 'value' in mail.to ? mail.to.value.map((v) => v.address) : []).toEqual([SUPPLIER_CONTACT]);
    expect(mail.subject).toBe(`Rapport ska in om 7 dagar: ${contracts.mine.referenceNumber}`);
    expect(mail.text).toContain(`Rapporten för period 1 av avtal ${contracts.mine.referenceNumber} (Lokalvård Väst AB (test)) ska vara inne senast ${dueOn}.`);
    expect(mail.text).toContain(`https://hansyn.example/supplier/contracts/${contracts.mine.id}`);
    expect(mail.text).not.toContain(contracts.other.referenceNumber);
    expect(mail.text).not.toContain('Byggkraft');

    // The other supplier hears about its own contract, never about Lokalvård's.
    const otherMail = addressedTo(OTHER_CONTACT);
    expect(otherMail).toHaveLength(1);
    expect(otherMail[0]!.mail.subject).toBe(`Rapport ska in om 7 dagar: ${contracts.other.referenceNumber}`);
    expect(otherMail[0]!.mail.text).not.toContain(contracts.mine.referenceNumber);
    expect(otherMail[0]!.mail.text).not.toContain('Lokalvård');
    // Every message went to exactly one recipient: nobody is copied on another's reminder.
    expect(received.every((r) => r.envelopeTo.length === 1)).toBe(true);
    expect(received.filter((r) => r.envelopeTo.some((a) => a === SUPPLIER_CONTACT || a === OTHER_CONTACT))).toHaveLength(2);

    // The buyer's coordinator gets the buyer's own reminder, linking to the buyer's contract page.
    expect(addressedTo('samordnare@norrstad.example').length).toBeGreaterThan(0);
  });
});
