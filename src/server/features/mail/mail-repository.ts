import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { queryRows } from '../../../db/raw-sql.js';
import { mailOutbox } from '../../../db/schema/index.js';

export type MailStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxMessage {
  id: string;
  organisationId: string | null;
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  language: 'sv' | 'en';
  status: MailStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export interface NewOutboxMessage {
  organisationId: string | null;
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  language: 'sv' | 'en';
}

const columns = {
  id: mailOutbox.id,
  organisationId: mailOutbox.organisationId,
  kind: mailOutbox.kind,
  to: mailOutbox.toAddress,
  subject: mailOutbox.subject,
  text: mailOutbox.textBody,
  html: mailOutbox.htmlBody,
  language: mailOutbox.language,
  status: mailOutbox.status,
  attempts: mailOutbox.attempts,
  nextAttemptAt: mailOutbox.nextAttemptAt,
  lastError: mailOutbox.lastError,
  createdAt: mailOutbox.createdAt,
  sentAt: mailOutbox.sentAt,
};

export async function insertOutboxMessage(db: Database, message: NewOutboxMessage, now: Date): Promise<{ id: string }> {
  const [row] = await db
    .insert(mailOutbox)
    .values({
      organisationId: message.organisationId,
      kind: message.kind,
      toAddress: message.to,
      subject: message.subject,
      textBody: message.text,
      htmlBody: message.html,
      language: message.language,
      nextAttemptAt: now,
      createdAt: now,
    })
    .returning({ id: mailOutbox.id });
  return row!;
}

/**
 * Claims up to `limit` messages that are due, for one sender: pending ones whose next attempt
 * has come, and `sending` ones whose claim lapsed (the process that claimed them died).
 * `FOR UPDATE SKIP LOCKED` lets several processes claim at once without taking the same row;
 * the claim is committed before anything is sent, so a second process never sees it as due.
 */
export async function claimDueMessages(db: Database, now: Date, leaseMs: number, limit: number): Promise<OutboxMessage[]> {
  const lockedUntil = new Date(now.getTime() + leaseMs);
  const claimed = await queryRows<{ id: string }>(db, sql`
    update ${mailOutbox} set status = 'sending', locked_until = ${lockedUntil.toISOString()}::timestamptz,
      attempts = ${mailOutbox.attempts} + 1
    where ${mailOutbox.id} in (
      select id from ${mailOutbox}
      where (status = 'pending' and next_attempt_at <= ${now.toISOString()}::timestamptz)
         or (status = 'sending' and locked_until < ${now.toISOString()}::timestamptz)
      order by next_attempt_at
      limit ${limit}
      for update skip locked
    )
    returning id`);
  const ids = claimed.map((r) => r.id);
  if (ids.length === 0) return [];
  const rows = await db.select(columns).from(mailOutbox).where(sql`${mailOutbox.id} in ${ids}`).orderBy(mailOutbox.nextAttemptAt);
  return rows;
}

export async function markSent(db: Database, id: string, now: Date, smtpMessageId: string | null): Promise<void> {
  await db
    .update(mailOutbox)
    .set({ status: 'sent', sentAt: now, lockedUntil: null, lastError: null, smtpMessageId })
    .where(and(eq(mailOutbox.id, id), eq(mailOutbox.status, 'sending')));
}

/** Records a failed attempt: back to pending at `retryAt`, or failed for good when it is null. */
export async function markAttemptFailed(db: Database, id: string, error: string, retryAt: Date | null): Promise<void> {
  await db
    .update(mailOutbox)
    .set(
      retryAt === null
        ? { status: 'failed', lockedUntil: null, lastError: error }
        : { status: 'pending', lockedUntil: null, lastError: error, nextAttemptAt: retryAt },
    )
    .where(and(eq(mailOutbox.id, id), eq(mailOutbox.status, 'sending')));
}

/** An organisation's messages, newest first; `organisationId` null lists operator-level messages. */
export async function listOutbox(
  db: Database,
  organisationId: string | null,
  filter: { status?: MailStatus | undefined; before?: Date | undefined; limit: number },
): Promise<OutboxMessage[]> {
  return db
    .select(columns)
    .from(mailOutbox)
    .where(
      and(
        organisationId === null ? isNull(mailOutbox.organisationId) : eq(mailOutbox.organisationId, organisationId),
        filter.status ? eq(mailOutbox.status, filter.status) : sql`true`,
        filter.before ? lt(mailOutbox.createdAt, filter.before) : sql`true`,
      ),
    )
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(filter.limit);
}

export async function findOutboxMessage(db: Database, organisationId: string | null, id: string): Promise<OutboxMessage | null> {
  const [row] = await db
    .select(columns)
    .from(mailOutbox)
    .where(
      and(
        eq(mailOutbox.id, id),
        organisationId === null ? isNull(mailOutbox.organisationId) : eq(mailOutbox.organisationId, organisationId),
      ),
    );
  return row ?? null;
}
