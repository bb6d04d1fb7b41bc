import type { Database } from '../../../db/client.js';
import { type Actor } from '../../../domain/access/can.js';
import { AppError, notFound } from '../../errors.js';
import { findOutboxMessage, insertOutboxMessage, listOutbox, type MailStatus, type OutboxMessage } from './mail-repository.js';
import { assertCan } from '../../access.js';

export type { OutboxMessage, MailStatus } from './mail-repository.js';

/** A message for `queueMail`. `kind` names what it is about (e.g. `invitation`, `followup.report_due`). */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  kind: string;
  /** The organisation the message belongs to (its admins see it); null for operator-level mail. */
  organisationId: string | null;
  language?: 'sv' | 'en';
}

// One address, no display name: what a user record holds. Header injection (CR/LF) is refused
// here as well as by the transport, so nothing odd is ever stored.
const ADDRESS = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;
const HAS_LINE_BREAK = /[\r\n]/;

/**
 * Stores an e-mail durably in the outbox, inside the caller's transaction: pass the
 * transaction as `db`, and the message exists exactly when the change it reports is committed.
 * Nothing is sent here; the `mail.deliver` job sends it when SMTP is configured, otherwise it
 * waits in the outbox, readable by the organisation's admins.
 */
export async function queueMail(db: Database, mail: MailMessage, now: Date): Promise<{ id: string }> {
  const problems: Array<{ path: string; code: string; message: string }> = [];
  if (!ADDRESS.test(mail.to) || mail.to.length > 254) problems.push({ path: '/to', code: 'invalid_email', message: 'Not one e-mail address.' });
  if (mail.subject.trim() === '' || HAS_LINE_BREAK.test(mail.subject) || mail.subject.length > 500) {
    problems.push({ path: '/subject', code: 'invalid_subject', message: 'The subject must be one non-empty line of at most 500 characters.' });
  }
  if (mail.kind.trim() === '') problems.push({ path: '/kind', code: 'required', message: 'The kind is required.' });
  if (problems.length > 0) throw new AppError('validation_failed', 'The e-mail cannot be queued.', { errors: problems });
  return insertOutboxMessage(
    db,
    {
      organisationId: mail.organisationId,
      kind: mail.kind,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html ?? null,
      language: mail.language ?? 'sv',
    },
    now,
  );
}

/** The organisation's outbox for its admin, newest first. */
export async function listOutboxFor(
  db: Database,
  actor: Actor,
  filter: { status?: MailStatus | undefined; before?: Date | undefined; limit: number },
): Promise<OutboxMessage[]> {
  assertCan(actor, 'outbox:read', { organisationId: actor.organisationId });
  return listOutbox(db, actor.organisationId, filter);
}

/** One message of the organisation's outbox; another organisation's answers 404. */
export async function getOutboxMessageFor(db: Database, actor: Actor, id: string): Promise<OutboxMessage> {
  assertCan(actor, 'outbox:read', { organisationId: actor.organisationId });
  const message = await findOutboxMessage(db, actor.organisationId, id);
  if (message === null) throw notFound('The message');
  return message;
}
