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
