import { useTranslation } from 'react-i18next';
import { Link } from '../../../components/ui/link';
import { Message } from '../../../components/ui/message';
import { formatDate } from '../../../lib/format';
import { PageHeading } from '../../../lib/page';
import { useSupplierContracts } from '../api/supplier-api';
import { StatusText } from '../components/status-text';
import '../supplier-portal.css';

/** The supplier's home: its contracts with every buyer and what is due next. */
export function SupplierHomeRoute() {
  const { t, i18n } = useTranslation();
  const contracts = useSupplierContracts();
  const lang = i18n.language;
  const title = t('supplierPortal.home.title');
  return (
    <div className="page">
      <PageHeading title={title}>{title}</PageHeading>
      <p>{t('supplierPortal.home.intro')}</p>
      {contracts.isPending ? <p role="status">{t('common.loading')}</p> : null}
      {contracts.isError ? <Message tone="error">{t('supplierPortal.errors.load')}</Message> : null}
      {contracts.data && contracts.data.items.length === 0 ? <p>{t('supplierPortal.home.none')}</p> : null}
      <ul className="supplier-cards">
        {contracts.data?.items.map((c) => (
          <li key={c.id} className="supplier-card">
            <h2>
              <Link href={`/supplier/contracts/${c.id}`}>{c.title}</Link>
            </h2>
            <p>
              {t('supplierPortal.home.buyer', { buyer: c.buyer.name })} · <span className="code">{c.referenceNumber}</span>
            </p>
            <p>
              {t('supplierPortal.fields.status')}: <StatusText status={c.status} />
              {c.openDeviations > 0 ? ` · ${t('supplierPortal.home.deviations', { count: c.openDeviations })}` : ''}
            </p>
            <ul className="supplier-list">
              {c.commitments
                .filter((x) => x.takesPlacements)
                .map((x) => (
                  <li key={x.id}>{t('supplierPortal.home.progress', { title: x.title[lang === 'en' ? 'en' : 'sv'], done: x.positionsFulfilled, promised: x.positionsRequired })}</li>
                ))}
            </ul>
            {c.nextReport ? (
              <p className="supplier-card__next">
                {t(c.nextReport.overdue ? 'supplierPortal.home.nextOverdue' : 'supplierPortal.home.next', { sequence: c.nextReport.sequence, due: formatDate(c.nextReport.dueOn, lang) })}{' '}
                {c.nextReport.startsOn <= (contracts.data?.asOf ?? '') ? (
                  <Link href={`/supplier/contracts/${c.id}/periods/${c.nextReport.sequence}`} aria-label={t('supplierPortal.home.reportLinkFull', { sequence: c.nextReport.sequence, title: c.title, buyer: c.buyer.name })}>
                    {t('supplierPortal.home.reportLink')}
                  </Link>
                ) : null}
              </p>
            ) : (
              <p>{t('supplierPortal.home.nothingDue')}</p>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
