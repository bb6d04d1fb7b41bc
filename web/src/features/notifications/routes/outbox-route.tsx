import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Cell, Column, Row, Table, TableBody, TableHeader } from 'react-aria-components';
import { Badge, type BadgeTone } from '../../../components/ui/badge';
import { Link } from '../../../components/ui/link';
import { Message } from '../../../components/ui/message';
import { SelectField } from '../../../components/ui/select-field';
import { formatDateTime } from '../../../lib/format';
import { PageHeading } from '../../../lib/page';
import { describeError } from '../../../lib/problems';
import { useOutbox, type MailStatus } from '../api/notifications-api';

const STATUSES: MailStatus[] = ['pending', 'sending', 'sent', 'failed'];
const TONE: Record<MailStatus, BadgeTone> = { pending: 'info', sending: 'info', sent: 'positive', failed: 'negative' };

/** The admin's view of the organisation's e-mail: what waits, what was sent, what failed. */
export function OutboxRoute() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<MailStatus | null>(null);
  const outbox = useOutbox(status);
  return (
    <>
      <PageHeading title={t('notifications.outbox.title')}>{t('notifications.outbox.title')}</PageHeading>
      <p className="lead">{t('notifications.outbox.intro')}</p>
      {outbox.data ? (
        <Message tone={outbox.data.smtpConfigured ? 'info' : 'warning'} live={false}>
          {outbox.data.smtpConfigured ? t('notifications.outbox.smtpOn') : t('notifications.outbox.smtpOff')}
        </Message>
      ) : null}
      <SelectField
        label={t('notifications.outbox.status')}
        value={status ?? 'all'}
        onChange={(key) => setStatus(key === null || key === 'all' ? null : (key as MailStatus))}
        options={[{ id: 'all', label: t('notifications.outbox.allStatuses') }, ...STATUSES.map((s) => ({ id: s, label: t(`notifications.outbox.statuses.${s}`) }))]}
      />
      {outbox.isError ? <Message tone="error">{describeError(outbox.error, t)}</Message> : null}
      {outbox.isPending ? <p role="status">{t('common.loading')}</p> : null}
      {outbox.data && outbox.data.items.length === 0 ? <p>{t('notifications.outbox.empty')}</p> : null}
      {outbox.data && outbox.data.items.length > 0 ? (
        <Table aria-label={t('notifications.outbox.title')} className="table">
          <TableHeader>
            <Column isRowHeader>{t('notifications.outbox.subject')}</Column>
            <Column>{t('notifications.outbox.to')}</Column>
            <Column>{t('notifications.outbox.createdAt')}</Column>
            <Column>{t('notifications.outbox.status')}</Column>
            <Column>{t('notifications.outbox.attempts')}</Column>
          </TableHeader>
          <TableBody>
            {outbox.data.items.map((m) => (
              <Row key={m.id} id={m.id}>
                <Cell>
                  <Link href={`/admin/outbox/${m.id}`}>{m.subject}</Link>
                </Cell>
                <Cell>{m.to}</Cell>
                <Cell>{formatDateTime(m.createdAt, i18n.language)}</Cell>
                <Cell>
                  <Badge tone={TONE[m.status]}>{t(`notifications.outbox.statuses.${m.status}`)}</Badge>
                </Cell>
                <Cell>{m.attempts}</Cell>
              </Row>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </>
  );
}
