import nodemailer from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../../db/client.js';
import { retryDelayMs } from '../jobs/job-service.js';
import { claimDueMessages, markAttemptFailed, markSent } from './mail-repository.js';

/** What delivery needs from a mail transport (nodemailer's SMTP transport, in production). */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string; html?: string; headers?: Record<string, string> }): Promise<{ messageId?: string }>;
  close(): void;
}

export function createSmtpTransport(smtpUrl: string): MailTransport {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    sendMail: (message) => transport.sendMail(message) as Promise<{ messageId?: string }>,
    close: () => transport.close(),
  };
}

/** Attempts per message before it is marked failed (about four hours of retries at the doubling delay). */
export const MAX_MAIL_ATTEMPTS = 8;
/** A message claimed longer ago than this, still `sending`, is taken to have died with its process. */
export const MAIL_LEASE_MS = 2 * 60_000;

export interface DeliverOptions {
  db: Database;
  transport: MailTransport;
  from: string;
  now: () => Date;
  log: FastifyBaseLogger;
  batchSize?: number;
}

/**
 * Sends every due message in the outbox, a batch at a time. Each message is claimed (committed
 * as `sending`) before it is sent, so a message is handed to SMTP by one process only. A process
 * that dies between handing a message over and recording it leaves it `sending`; after the
 * lease it is sent again: the one case where a recipient may get a message twice, chosen over
 * losing it. Answers how many were sent.
 */
export async function deliverDueMail({ db, transport, from, now, log, batchSize = 20 }: DeliverOptions): Promise<number> {
  let sent = 0;
  for (;;) {
    const claimed = await claimDueMessages(db, now(), MAIL_LEASE_MS, batchSize);
    for (const message of claimed) {
      try {
        const info = await transport.sendMail({
          from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          ...(message.html === null ? {} : { html: message.html }),
          headers: { 'Content-Language': message.language, 'X-Hansyn-Kind': message.kind },
        });
        await markSent(db, message.id, now(), info.messageId ?? null);
        sent++;
      } catch (error) {
        const retryAt = message.attempts < MAX_MAIL_ATTEMPTS ? new Date(now().getTime() + retryDelayMs(message.attempts)) : null;
        const text = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
        log.warn({ mailId: message.id, attempt: message.attempts, retryAt, err: error }, retryAt ? 'E-mail not sent; will retry' : 'E-mail not sent; giving up');
        await markAttemptFailed(db, message.id, text, retryAt);
      }
    }
    if (claimed.length < batchSize) return sent;
  }
}
