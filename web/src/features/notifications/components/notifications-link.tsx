import { useTranslation } from 'react-i18next';
import { useMatch } from 'react-router';
import { Link } from '../../../components/ui/link';
import { useUnreadCount } from '../api/notifications-api';
import '../notifications.css';

/** The header's way to the notification list, with the unread count in its accessible name. */
export function NotificationsLink() {
  const { t } = useTranslation();
  const unread = useUnreadCount();
  const count = unread.data?.count ?? 0;
  const match = useMatch('/notifications');
  return (
    <Link href="/notifications" className="notifications-link" aria-current={match ? 'page' : undefined}>
      {t('notifications.title')}
      {count > 0 ? (
        <>
          {' '}
          <span className="notifications-link__count" aria-hidden="true">
            {count > 99 ? '99+' : count}
          </span>
          <span className="visually-hidden">{t('notifications.unreadCount', { count })}</span>
        </>
      ) : null}
    </Link>
  );
}
