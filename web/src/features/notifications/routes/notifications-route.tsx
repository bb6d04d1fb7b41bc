import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ToggleButton, ToggleButtonGroup } from 'react-aria-components';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { Link } from '../../../components/ui/link';
import { Message } from '../../../components/ui/message';
import { useAnnounce } from '../../../lib/announcer';
import { formatDateTime } from '../../../lib/format';
import { PageHeading } from '../../../lib/page';
import { describeError } from '../../../lib/problems';
import '../notifications.css';
import { useMarkAllRead, useMarkRead, useNotifications, type AppNotification } from '../api/notifications-api';

/** The signed-in user's notifications: reminders and news from the platform, newest first. */
export function NotificationsRoute() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useNotifications(unreadOnly);
  const markAll = useMarkAllRead();
  const unreadCount = list.data?.unreadCount ?? 0;
  return (
    <div className="page page--narrow">
      <PageHeading title={t('notifications.title')}>{t('notifications.title')}</PageHeading>
      <p className="lead">{t('notifications.intro')}</p>
      <div className="button-row">
        <ToggleButtonGroup
          aria-label={t('notifications.show')}
          className="notification-filter"
          selectionMode="single"
          disallowEmptySelection
          selectedKeys={[unreadOnly ? 'unread' : 'all']}
          onSelectionChange={(keys) => setUnreadOnly([...keys][0] === 'unread')}
        >
          <ToggleButton id="all" className="notification-filter__button">
            {t('notifications.all')}
          </ToggleButton>
          <ToggleButton id="unread" className="notification-filter__button">
            {t('notifications.unreadOnly')}
          </ToggleButton>
        </ToggleButtonGroup>
        {unreadCount > 0 ? (
          <Button
            isPending={markAll.isPending}
            onPress={() => markAll.mutate(undefined, { onSuccess: (r) => announce(t('notifications.markedAll', { count: r.marked })) })}
          >
            {t('notifications.markAllRead')}
          </Button>
        ) : null}
      </div>
      {list.isError ? <Message tone="error">{describeError(list.error, t)}</Message> : null}
      {markAll.isError ? <Message tone="error">{describeError(markAll.error, t)}</Message> : null}
      {list.isPending ? <p role="status">{t('common.loading')}</p> : null}
      {list.data && list.data.items.length === 0 ? <p>{unreadOnly ? t('notifications.noneUnread') : t('notifications.none')}</p> : null}
      {list.data && list.data.items.length > 0 ? (
        <ul className="notification-list" aria-label={t('notifications.title')}>
          {list.data.items.map((n) => (
            <NotificationItem key={n.id} notification={n} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function NotificationItem({ notification: n }: { notification: AppNotification }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const markRead = useMarkRead();
  const language = i18n.language === 'en' ? 'en' : 'sv';
  const headingId = `notification-${n.id}`;
  return (
    <li className={`notification${n.readAt ? '' : ' notification--unread'}`}>
      <article aria-labelledby={headingId}>
        <h2 id={headingId} className="notification__title">
          {n.title[language]}
        </h2>
        <p className="notification__meta">
          <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, i18n.language)}</time>{' '}
          {n.readAt ? null : <Badge tone="attention">{t('notifications.unread')}</Badge>}
        </p>
        <p>{n.body[language]}</p>
        <div className="button-row">
          {n.link && n.link.startsWith('/') ? <Link href={n.link}>{t('notifications.open', { title: n.title[language] })}</Link> : null}
          {n.readAt ? null : (
            <Button
              variant="quiet"
              isPending={markRead.isPending}
              aria-label={t('notifications.markReadNamed', { title: n.title[language] })}
              onPress={() => markRead.mutate(n.id, { onSuccess: () => announce(t('notifications.markedRead')) })}
            >
              {t('notifications.markRead')}
            </Button>
          )}
        </div>
        {markRead.isError ? <Message tone="error">{describeError(markRead.error, t)}</Message> : null}
      </article>
    </li>
  );
}
