import { Type, type Static } from '@sinclair/typebox';

const Bilingual = Type.Object({ sv: Type.String(), en: Type.String() });

const NotificationSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.String(),
  title: Bilingual,
  body: Bilingual,
  link: Type.Union([Type.String(), Type.Null()]),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});
export type NotificationView = Static<typeof NotificationSchema>;

/** GET /api/notifications: newest first, with the unread count. */
export const NotificationList = Type.Object({ unreadCount: Type.Integer(), items: Type.Array(NotificationSchema) });
export type NotificationList = Static<typeof NotificationList>;

/** GET /api/notifications/unread-count, for the header badge. */
export const UnreadCount = Type.Object({ count: Type.Integer() });
export type UnreadCount = Static<typeof UnreadCount>;

/** POST /api/notifications/read-all: how many were marked read. */
export const MarkedRead = Type.Object({ marked: Type.Integer() });
export type MarkedRead = Static<typeof MarkedRead>;
