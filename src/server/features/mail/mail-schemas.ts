import { Type, type Static } from '@sinclair/typebox';

export const MailStatusSchema = Type.Union([Type.Literal('pending'), Type.Literal('sending'), Type.Literal('sent'), Type.Literal('failed')]);
export type MailStatus = Static<typeof MailStatusSchema>;

const OutboxItem = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.String(),
  to: Type.String(),
  subject: Type.String(),
  language: Type.Union([Type.Literal('sv'), Type.Literal('en')]),
  status: MailStatusSchema,
  attempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  nextAttemptAt: Type.String({ format: 'date-time' }),
  sentAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

/** GET /api/admin/outbox: whether SMTP is configured, and the messages. */
export const OutboxList = Type.Object({ smtpConfigured: Type.Boolean(), items: Type.Array(OutboxItem) });
export type OutboxList = Static<typeof OutboxList>;

/** GET /api/admin/outbox/{id}: one message with its text and HTML. */
export const OutboxMessageSchema = Type.Composite([OutboxItem, Type.Object({ text: Type.String(), html: Type.Union([Type.String(), Type.Null()]) })]);
export type OutboxMessageView = Static<typeof OutboxMessageSchema>;
