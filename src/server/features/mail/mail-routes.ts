import { Type } from '@sinclair/typebox';
import type { App, AppDeps } from '../../deps.js';
import { actorOf } from '../../plugins/authenticate.js';
import { errorResponses } from '../../schemas.js';
import { createSmtpTransport, deliverDueMail } from './mail-delivery.js';
import { MailStatusSchema, OutboxList, OutboxMessageSchema } from './mail-schemas.js';
import { getOutboxMessageFor, listOutboxFor, type OutboxMessage } from './mail-service.js';


const item = (m: OutboxMessage) => ({
  id: m.id,
  kind: m.kind,
  to: m.to,
  subject: m.subject,
  language: m.language,
  status: m.status,
  attempts: m.attempts,
  lastError: m.lastError,
  createdAt: m.createdAt.toISOString(),
  nextAttemptAt: m.nextAttemptAt.toISOString(),
  sentAt: m.sentAt?.toISOString() ?? null,
});

/**
 * E-mail: the admin's view of the organisation's outbox, and delivery over SMTP when
 * `HANSYN_SMTP_URL` is set (a task on every job-worker poll; see docs/jobs-and-mail.md).
 */
export async function mailRoutes(app: App, deps: AppDeps): Promise<void> {
  const { db, config } = deps;
  if (config.mail.smtpUrl !== null) {
    const transport = createSmtpTransport(config.mail.smtpUrl);
    deps.jobs.onTick('mail.deliver', ({ db: tickDb, now, log }) =>
      deliverDueMail({ db: tickDb, transport, from: config.mail.from, now, log }).then(() => undefined),
    );
    app.addHook('onClose', async () => transport.close());
  }

  app.get(
    '/api/admin/outbox',
    {
      schema: {
        tags: ['mail'],
        summary: "My organisation's e-mail outbox, newest first (admins)",
        description:
          'Every e-mail the platform wrote for the organisation: pending (no SMTP configured, or not yet sent), sent or failed. Page with `before` (the `createdAt` of the last item).',
        querystring: Type.Object(
          {
            status: Type.Optional(MailStatusSchema),
            before: Type.Optional(Type.String({ format: 'date-time' })),
            limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: OutboxList, ...errorResponses },
      },
    },
    async (request) => {
      const { status, before, limit } = request.query;
      const rows = await listOutboxFor(db, actorOf(request), { status, before: before ? new Date(before) : undefined, limit });
      return { smtpConfigured: config.mail.smtpUrl !== null, items: rows.map(item) };
    },
  );

  app.get(
    '/api/admin/outbox/:id',
    {
      schema: {
        tags: ['mail'],
        summary: 'One e-mail of the outbox with its text (admins)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: OutboxMessageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const m = await getOutboxMessageFor(db, actorOf(request), request.params.id);
      return { ...item(m), text: m.text, html: m.html };
    },
  );
}
