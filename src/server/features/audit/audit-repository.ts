import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { auditEvents, memberships, users } from '../../../db/schema/index.js';
import type { AuditActor } from '../../access.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Who did it: a signed-in actor, or a named system process such as the CLI or an import (src/server/access.ts). */
export type { AuditActor };

/** Appends an audit event; call it inside the same transaction as the change it records. */
export async function recordAudit(db: Database, who: AuditActor, entry: AuditEntry): Promise<void> {
  await recordAudits(db, who, [entry]);
}

/** Appends several audit events by the same actor in one statement per 500 (bulk imports). */
export async function recordAudits(db: Database, who: AuditActor, entries: AuditEntry[]): Promise<void> {
  const isActor = 'actor' in who;
  const rows = entries.map((entry) => ({
    organisationId: isActor ? who.actor.organisationId : who.organisationId,
    actorUserId: isActor ? who.actor.userId : null,
    actorLabel: isActor ? who.label : who.system,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before === undefined ? null : (entry.before as object),
    after: entry.after === undefined ? null : (entry.after as object),
  }));
  for (let i = 0; i < rows.length; i += 500) await db.insert(auditEvents).values(rows.slice(i, i + 500));
}

export async function listAuditEvents(
  db: Database,
  organisationId: string,
  filter: { entityType?: string | undefined; entityId?: string | undefined; before?: number | undefined; limit: number },
) {
  return db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      actorUserId: auditEvents.actorUserId,
      actorLabel: auditEvents.actorLabel,
      actorName: users.displayName,
      before: auditEvents.before,
      after: auditEvents.after,
      createdAt: auditEvents.createdAt,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(
      and(
        eq(auditEvents.organisationId, organisationId),
        filter.entityType ? eq(auditEvents.entityType, filter.entityType) : sql`true`,
        filter.entityId ? eq(auditEvents.entityId, filter.entityId) : sql`true`,
        filter.before ? lt(auditEvents.id, filter.before) : sql`true`,
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(filter.limit);
}

/** Display names of the organisation's members among `userIds` (the history names the responsible person). */
export async function memberNames(db: Database, organisationId: string, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectDistinct({ id: users.id, name: users.displayName })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.organisationId, organisationId)))
    .where(inArray(users.id, userIds));
  return new Map(rows.map((r) => [r.id, r.name]));
}
