import { Type } from '@sinclair/typebox';

/** One audit event as the API answers it (the web reads this type, decision 0501). */
export const AuditEvent = Type.Object({
  id: Type.Integer(),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.String(),
  actor: Type.Object({ id: Type.Union([Type.String(), Type.Null()]), label: Type.String() }),
  before: Type.Unknown(),
  after: Type.Unknown(),
  createdAt: Type.String({ format: 'date-time' }),
});

/** `GET /api/audit-events`: a page of events and the names of the people they refer to. */
export const AuditEventPage = Type.Object({
  items: Type.Array(AuditEvent),
  people: Type.Record(Type.String(), Type.String(), {
    description: 'Names of the people the events refer to (responsibleUserId), for roles that may read personal data; otherwise empty.',
  }),
});
