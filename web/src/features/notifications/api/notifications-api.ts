import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, toQueryString } from '../../../lib/api-client';

export interface Bilingual {
  sv: string;
  en: string;
}

export interface AppNotification {
  id: string;
  kind: string;
  title: Bilingual;
  body: Bilingual;
  link: string | null;
  readAt: string | null;
  createdAt: string;
}

export type MailStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxItem {
  id: string;
  kind: string;
  to: string;
  subject: string;
  language: 'sv' | 'en';
  status: MailStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string;
  sentAt: string | null;
}

export interface OutboxMessage extends OutboxItem {
  text: string;
  html: string | null;
}

const NOTIFICATIONS_KEY = ['notifications'] as const;

export function useNotifications(unreadOnly: boolean) {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'list', unreadOnly],
    queryFn: () => apiRequest<{ unreadCount: number; items: AppNotification[] }>(`/api/notifications${toQueryString({ unread: unreadOnly ? 'true' : undefined, limit: 100 })}`),
  });
}

/** The header badge: looked up again every minute, so a reminder from the daily job shows up. */
export function useUnreadCount() {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'unread-count'],
    queryFn: () => apiRequest<{ count: number }>('/api/notifications/unread-count'),
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
    mutationFn: () => apiRequest<{ marked: number }>('/api/notifications/read-all', { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

export function useOutbox(status: MailStatus | null) {
  return useQuery({
    queryKey: ['outbox', status],
    queryFn: () => apiRequest<{ smtpConfigured: boolean; items: OutboxItem[] }>(`/api/admin/outbox${toQueryString({ status: status ?? undefined, limit: 200 })}`),
  });
}

export function useOutboxMessage(id: string) {
  return useQuery({ queryKey: ['outbox', 'message', id], queryFn: () => apiRequest<OutboxMessage>(`/api/admin/outbox/${encodeURIComponent(id)}`) });
}
