import { and, count, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { memberships, notifications, users } from '../../../db/schema/index.js';
import type { Role } from '../../../domain/access/can.js';

export interface NotificationRecord {
  id: string;
  kind: string;
  title: { sv: string; en: string };
  body: { sv: string; en: string };
  link: string | null;
  readAt: Date | null;
  createdAt: Date;
}

export interface Recipient {
  userId: string;
  email: string;
}

/**
 * The active members of an organisation among `userIds` and/or holding one of `roles`: a user
 * of another organisation, or a disabled one, is never a recipient.
 */
export async function findRecipients(
  db: Database,
  organisationId: string,
  who: { userIds?: readonly string[] | undefined; roles?: readonly Role[] | undefined },
): Promise<Recipient[]> {
  const conditions = [];
  if (who.userIds && who.userIds.length > 0) conditions.push(inArray(memberships.userId, [...who.userIds]));
  if (who.roles && who.roles.length > 0) conditions.push(inArray(memberships.role, [...who.roles]));
  if (conditions.length === 0) return [];
  return db
    .selectDistinct({ userId: users.id, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), isNull(users.disabledAt), sql`(${sql.join(conditions, sql` or `)})`))
    .orderBy(users.id);
}

export interface NewNotification {
  organisationId: string;
  kind: string;
  title: { sv: string; en: string };
  body: { sv: string; en: string };
  link: string | null;
  dedupeKey: string | null;
}

/** Inserts one notification per user; answers the users that got one (not those that had it already by `dedupeKey`). */
export async function insertNotifications(db: Database, userIds: readonly string[], n: NewNotification, now: Date): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .insert(notifications)
    .values(
      userIds.map((userId) => ({
        organisationId: n.organisationId,
        userId,
        kind: n.kind,
        titleSv: n.title.sv,
        titleEn: n.title.en,
        bodySv: n.body.sv,
        bodyEn: n.body.en,
        link: n.link,
        dedupeKey: n.dedupeKey,
        createdAt: now,
      })),
    )
    .onConflictDoNothing()
    .returning({ userId: notifications.userId });
  return rows.map((r) => r.userId);
}

const mine = (organisationId: string, userId: string) => and(eq(notifications.organisationId, organisationId), eq(notifications.userId, userId));

export async function listNotifications(
  db: Database,
  organisationId: string,
  userId: string,
  filter: { unreadOnly: boolean; before?: Date | undefined; limit: number },
): Promise<NotificationRecord[]> {
  const rows = await db
    .select()
    .from(notifications)
    .where(
      and(
        mine(organisationId, userId),
        filter.unreadOnly ? isNull(notifications.readAt) : sql`true`,
        filter.before ? lt(notifications.createdAt, filter.before) : sql`true`,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(filter.limit);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: { sv: r.titleSv, en: r.titleEn },
    body: { sv: r.bodySv, en: r.bodyEn },
    link: r.link,
    readAt: r.readAt,
    createdAt: r.createdAt,
  }));
}

export async function countUnread(db: Database, organisationId: string, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notifications).where(and(mine(organisationId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks the user's notification read (kept read if it was); false when it is not theirs. */
export async function markRead(db: Database, organisationId: string, userId: string, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(eq(notifications.id, id), mine(organisationId, userId)))
    .returning({ id: notifications.id });
  return rows.length > 0;
}

export async function markAllRead(db: Database, organisationId: string, userId: string, now: Date): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(mine(organisationId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
