import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Link } from '../../../components/ui/link';
import { Message } from '../../../components/ui/message';
import { formatDateTime } from '../../../lib/format';
import { PageHeading } from '../../../lib/page';
import { describeError } from '../../../lib/problems';
import { useOutboxMessage } from '../api/notifications-api';

/** One e-mail of the outbox with its plain text, for an admin to read or pass on by hand. */
export function OutboxMessageRoute() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const message = useOutboxMessage(id);
  const m = message.data;
  return (
    <>
      <p>
        <Link href="/admin/outbox">{t('notifications.outbox.back')}</Link>
      </p>
      <PageHeading title={m?.subject ?? t('notifications.outbox.title')}>{m?.subject ?? t('notifications.outbox.title')}</PageHeading>
      {message.isError ? <Message tone="error">{describeError(message.error, t)}</Message> : null}
      {message.isPending ? <p role="status">{t('common.loading')}</p> : null}
      {m ? (
        <>
          <dl className="facts">
            <dt>{t('notifications.outbox.to')}</dt>
            <dd>{m.to}</dd>
            <dt>{t('notifications.outbox.status')}</dt>
            <dd>{t(`notifications.outbox.statuses.${m.status}`)}</dd>
            <dt>{t('notifications.outbox.createdAt')}</dt>
            <dd>{formatDateTime(m.createdAt, i18n.language)}</dd>
            {m.sentAt ? (
              <>
                <dt>{t('notifications.outbox.sentAt')}</dt>
                <dd>{formatDateTime(m.sentAt, i18n.language)}</dd>
              </>
            ) : null}
            <dt>{t('notifications.outbox.attempts')}</dt>
            <dd>{m.attempts}</dd>
            {m.lastError ? (
              <>
                <dt>{t('notifications.outbox.lastError')}</dt>
                <dd>{m.lastError}</dd>
              </>
            ) : null}
          </dl>
          <h2>{t('notifications.outbox.text')}</h2>
          <pre className="mail-text" lang={m.language}>
            {m.text}
          </pre>
        </>
      ) : null}
    </>
  );
}
