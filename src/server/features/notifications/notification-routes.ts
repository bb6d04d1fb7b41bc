import { Type } from '@sinclair/typebox';
import type { App, AppDeps } from '../../deps.js';
import { actorOf } from '../../plugins/authenticate.js';
import { errorResponses } from '../../schemas.js';
import { MarkedRead, NotificationList, UnreadCount } from './notification-schemas.js';
import { countMyUnread, listMyNotifications, markAllMyNotificationsRead, markMyNotificationRead } from './notification-service.js';


/** Each user's own in-app notifications, in their current organisation. */
export async function notificationRoutes(app: App, { db, now }: AppDeps): Promise<void> {
  app.get(
    '/api/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'My notifications, newest first, with the unread count',
        querystring: Type.Object(
          {
            unread: Type.Boolean({ default: false, description: 'Only unread ones' }),
            before: Type.Optional(Type.String({ format: 'date-time', description: 'Page: the `createdAt` of the last item' })),
            limit: Type.Integer({ minimum: 1, maximum: 100, default: 30 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: NotificationList, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { unread, before, limit } = request.query;
      const [items, unreadCount] = [
        await listMyNotifications(db, actor, { unreadOnly: unread, before: before ? new Date(before) : undefined, limit }),
        await countMyUnread(db, actor),
      ];
      return {
        unreadCount,
        items: items.map((n) => ({ ...n, readAt: n.readAt?.toISOString() ?? null, createdAt: n.createdAt.toISOString() })),
      };
    },
  );

  app.get(
    '/api/notifications/unread-count',
    {
      schema: {
        tags: ['notifications'],
        summary: 'How many of my notifications are unread (for the header badge)',
        response: { 200: UnreadCount, ...errorResponses },
      },
    },
    async (request) => ({ count: await countMyUnread(db, actorOf(request)) }),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of my notifications read',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await markMyNotificationRead(db, actorOf(request), request.params.id, now());
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/notifications/read-all',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark all my notifications read',
        response: { 200: MarkedRead, ...errorResponses },
      },
    },
    async (request) => ({ marked: await markAllMyNotificationsRead(db, actorOf(request), now()) }),
  );
}
