import { useTranslation } from 'react-i18next';
import { Link } from '../../../components/ui/link';
import { Message } from '../../../components/ui/message';
import { formatDate } from '../../../lib/format';
import { PageHeading } from '../../../lib/page';
import { describeError } from '../../../lib/problems';
import { useSession } from '../../../lib/session';
import { canReadFollowUp as mayReadFollowUp, useFollowUpQueue, type FollowUpItem } from '../api/follow-up-api';

/** The coordinator's follow-up queue: each row says what to do and links to the contract. */
export function FollowUpQueueRoute() {
  const { t, i18n } = useTranslation();
  const me = useSession();
  const canReadFollowUp = mayReadFollowUp(me);
  const queue = useFollowUpQueue(canReadFollowUp);
  const title = t('followUp.title');
  if (!canReadFollowUp) {
    return (
      <div className="page">
        <PageHeading title={title}>{title}</PageHeading>
        <Message tone="info" live={false}>
          {t('followUp.noAccess')}
        </Message>
      </div>
    );
  }
  const items = queue.data?.items ?? [];
  const dateOf = (item: FollowUpItem): string => {
    if (item.dueOn) return t('followUp.dueOn', { date: formatDate(item.dueOn, i18n.language) });
    const detected = item.detail.detectedOn;
    return typeof detected === 'string' ? t('followUp.detectedOn', { date: formatDate(detected, i18n.language) }) : '–';
  };
  const describeDetail = (item: FollowUpItem): string => {
    const deviationKind = item.detail.deviationKind;
    if (item.kind === 'deviation_open' && typeof deviationKind === 'string') return t(`contracts.deviations.kinds.${deviationKind}`, { defaultValue: deviationKind });
    if (item.periodSequence !== null) return t('followUp.period', { number: item.periodSequence });
    return '';
  };
  return (
    <div className="page page--wide">
      <PageHeading title={title}>{title}</PageHeading>
      <p className="lead">{t('followUp.intro')}</p>
      {queue.isError ? <Message tone="error">{describeError(queue.error, t)}</Message> : null}
      <section aria-labelledby="follow-up-results-heading" className="section">
        <h2 id="follow-up-results-heading">
          {t('followUp.results')} <span className="results-header__count">({t('followUp.count', { count: items.length })})</span>
        </h2>
        {queue.isPending ? <p role="status">{t('common.loading')}</p> : null}
        {queue.data && items.length === 0 ? <p>{t('followUp.empty')}</p> : null}
        {items.length > 0 ? (
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="follow-up-caption">
            <table className="table">
              <caption id="follow-up-caption" className="visually-hidden">{t('followUp.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('followUp.columns.what')}</th>
                  <th scope="col">{t('followUp.columns.contract')}</th>
                  <th scope="col">{t('followUp.columns.due')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item, i) => (
                  <tr key={`${item.contractId}-${item.kind}-${item.commitmentId ?? ''}-${i}`}>
                    <th scope="row">
                      {t(`followUp.kinds.${item.kind}`, { defaultValue: item.kind })}
                      {describeDetail(item) ? <span className="table__sub">{describeDetail(item)}</span> : null}
                    </th>
                    <td>
                      <Link href={`/contracts/${item.contractId}`}>{t('followUp.contractLink', { reference: item.contractReference, supplier: item.supplierName })}</Link>
                    </td>
                    <td>{dateOf(item)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </div>
  );
}
