import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MailStatus, OutboxList, OutboxMessageView } from '../../../../../src/server/features/mail/mail-schemas.js';
import type { MarkedRead, NotificationList, NotificationView, UnreadCount } from '../../../../../src/server/features/notifications/notification-schemas.js';
import { apiRequest, toQueryString } from '../../../lib/api-client';

export type AppNotification = NotificationView;
export type { MailStatus };

const NOTIFICATIONS_KEY = ['notifications'] as const;

export function useNotifications(unreadOnly: boolean) {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'list', unreadOnly],
    queryFn: () => apiRequest<NotificationList>(`/api/notifications${toQueryString({ unread: unreadOnly ? 'true' : undefined, limit: 100 })}`),
  });
}

/** The header badge: looked up again every minute, so a reminder from the daily job shows up. */
export function useUnreadCount() {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'unread-count'],
    queryFn: () => apiRequest<UnreadCount>('/api/notifications/unread-count'),
    refetchInterval: 60_000,
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<null>(`/api/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

export function useMarkAllRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<MarkedRead>('/api/notifications/read-all', { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

export function useOutbox(status: MailStatus | null) {
  return useQuery({
    queryKey: ['outbox', status],
    queryFn: () => apiRequest<OutboxList>(`/api/admin/outbox${toQueryString({ status: status ?? undefined, limit: 200 })}`),
  });
}

export function useOutboxMessage(id: string) {
  return useQuery({ queryKey: ['outbox', 'message', id], queryFn: () => apiRequest<OutboxMessageView>(`/api/admin/outbox/${encodeURIComponent(id)}`) });
}
