import { Type } from '@sinclair/typebox';
import { can } from '../../../domain/access/can.js';
import type { App, AppDeps } from '../../deps.js';
import { authOf } from '../../plugins/authenticate.js';
import { errorResponses } from '../../schemas.js';
import { listAuditEvents, memberNames } from './audit-repository.js';
import { AuditEventPage } from './audit-schemas.js';
import { assertCan } from '../../access.js';

/** The audit trail, for admins and coordinators; newest first, paged by `before` (an event id). */
export async function auditRoutes(app: App, { db }: AppDeps): Promise<void> {
  app.get(
    '/api/audit-events',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit events of my organisation (admins and coordinators)',
        querystring: Type.Object(
          {
            entityType: Type.Optional(Type.String({ maxLength: 64 })),
            entityId: Type.Optional(Type.String({ maxLength: 64 })),
            before: Type.Optional(Type.Integer({ minimum: 1 })),
            limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: AuditEventPage,
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { actor } = authOf(request);
      assertCan(actor, 'audit:read', { organisationId: actor.organisationId });
      const rows = await listAuditEvents(db, actor.organisationId, request.query);
      const referred = new Set<string>();
      for (const r of rows) {
        for (const snapshot of [r.before, r.after]) {
          const id = (snapshot as { responsibleUserId?: unknown } | null)?.responsibleUserId;
          if (typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id)) referred.add(id);
        }
      }
      const people = can(actor, 'personal_data:read', { organisationId: actor.organisationId })
        ? Object.fromEntries(await memberNames(db, actor.organisationId, [...referred]))
        : {};
      return {
        people,
        items: rows.map((r) => ({
          id: r.id,
          action: r.action,
          entityType: r.entityType,
          entityId: r.entityId,
          actor: { id: r.actorUserId, label: r.actorName ?? r.actorLabel },
          before: r.before,
          after: r.after,
          createdAt: r.createdAt.toISOString(),
        })),
      };
    },
  );
}
