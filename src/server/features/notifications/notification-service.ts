import type { Database } from '../../../db/client.js';
import type { Actor, Role } from '../../../domain/access/can.js';
import { notFound } from '../../errors.js';
import { queueMail } from '../mail/mail-service.js';
import {
  countUnread,
  findRecipients,
  insertNotifications,
  listNotifications,
  markAllRead,
  markRead,
  type NotificationRecord,
} from './notification-repository.js';

export type { NotificationRecord } from './notification-repository.js';

export interface Bilingual {
  sv: string;
  en: string;
}

export interface NotifyInput {
  organisationId: string;
  /** Members of the organisation to notify; anyone else is ignored. */
  userIds?: readonly string[];
  /** Every member holding one of these roles (together with `userIds`). */
  roles?: readonly Role[];
  /** What it is about, e.g. `followup.report_due`. */
  kind: string;
  title: Bilingual;
  body: Bilingual;
  /** A path in the web app (`/contracts/…`), or an absolute URL. */
  link?: string | null;
  /** Also queue an e-mail to each newly notified user. */
  email?: boolean;
  /**
   * Makes the call idempotent: a user who already has a notification with this key in the
   * organisation gets neither another notification nor another e-mail (e.g. one reminder per
   * reporting period: `followup.report_due:<periodId>`).
   */
  dedupeKey?: string | null;
  /** The web app's public address, to make a relative `link` absolute in the e-mail. */
  publicUrl?: string | null;
}

const LINE_BREAKS = /[\r\n]+/g;

function mailText(input: NotifyInput): { subject: string; text: string } {
  const link = input.link ? (/^https?:\/\//.test(input.link) ? input.link : input.publicUrl ? new URL(input.link, input.publicUrl).toString() : null) : null;
  const part = (title: string, body: string) => [title, '', body, ...(link ? ['', link] : [])].join('\n');
  return {
    subject: input.title.sv.replace(LINE_BREAKS, ' ').slice(0, 500),
    text: `${part(input.title.sv, input.body.sv)}\n\n— In English —\n\n${part(input.title.en, input.body.en)}\n`,
  };
}

/**
 * Writes an in-app notification for each recipient and, when asked, queues an e-mail to them,
 * all in the caller's transaction (pass it as `db`). Idempotent with `dedupeKey`. The e-mail is
 * bilingual, Swedish first, as the platform has no per-user language yet. Answers who was notified.
 */
export async function notify(db: Database, input: NotifyInput, now: Date): Promise<{ notifiedUserIds: string[]; emailsQueued: number }> {
  const recipients = await findRecipients(db, input.organisationId, { userIds: input.userIds, roles: input.roles });
  const notified = await insertNotifications(
    db,
    recipients.map((r) => r.userId),
    {
      organisationId: input.organisationId,
      kind: input.kind,
      title: input.title,
      body: input.body,
      link: input.link ?? null,
      dedupeKey: input.dedupeKey ?? null,
    },
    now,
  );
  let emailsQueued = 0;
  if (input.email) {
    const { subject, text } = mailText(input);
    const newly = new Set(notified);
    for (const recipient of recipients) {
      if (!newly.has(recipient.userId)) continue;
      await queueMail(db, { to: recipient.email, subject, text, kind: input.kind, organisationId: input.organisationId, language: 'sv' }, now);
      emailsQueued++;
    }
  }
  return { notifiedUserIds: notified, emailsQueued };
}

/** The signed-in user's notifications in their current organisation, newest first. */
export function listMyNotifications(db: Database, actor: Actor, filter: { unreadOnly: boolean; before?: Date | undefined; limit: number }): Promise<NotificationRecord[]> {
  return listNotifications(db, actor.organisationId, actor.userId, filter);
}

export function countMyUnread(db: Database, actor: Actor): Promise<number> {
  return countUnread(db, actor.organisationId, actor.userId);
}

/** Marks one of the user's notifications read; someone else's answers 404. */
export async function markMyNotificationRead(db: Database, actor: Actor, id: string, now: Date): Promise<void> {
  if (!(await markRead(db, actor.organisationId, actor.userId, id, now))) throw notFound('The notification');
}

export function markAllMyNotificationsRead(db: Database, actor: Actor, now: Date): Promise<number> {
  return markAllRead(db, actor.organisationId, actor.userId, now);
}
