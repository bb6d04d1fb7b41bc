import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Badge } from '../../../components/ui/badge';
import { Link } from '../../../components/ui/link';
import { Message } from '../../../components/ui/message';
import { isApiError } from '../../../lib/api-client';
import { formatDate, formatNumber } from '../../../lib/format';
import { PageHeading } from '../../../lib/page';
import { describeError } from '../../../lib/problems';
import { useMarketNotice, type MarketNoticeDetail, type SocialSignal } from '../api/market-api';
import type { Money } from '../../../../../src/domain/shared/money.js';

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="details__item">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const money = (value: Money | null, language: string) =>
  value ? `${formatNumber(value.amount, language)} ${value.currency}` : '–';

/** The eForms business term a signal comes from: BT-06, BT-775, BT-71, BT-736, BT-70, BT-777 … */
function btOf(signal: SocialSignal): string {
  const match = /BT-\d+/.exec(signal.field);
  if (match) return match[0];
  const known: Record<string, string> = {
    strategicProcurement: 'BT-06',
    socialObjectives: 'BT-775',
    reservedParticipation: 'BT-71',
    reservedExecution: 'BT-736',
    performanceTerms: 'BT-70',
    strategicProcurementDescription: 'BT-777',
    title: 'BT-21',
    description: 'BT-24',
  };
  const key = Object.keys(known).find((k) => signal.field.includes(k));
  return key ? known[key]! : signal.field;
}

/** One imported notice: buyer, CPV, lots and the social signals found in it. */
export function NoticeRoute() {
  const { noticeId = '' } = useParams();
  const { t } = useTranslation();
  const notice = useMarketNotice(noticeId);
  if (notice.isPending) {
    return (
      <div className="page">
        <PageHeading title={t('notice.loading')}>{t('notice.loading')}</PageHeading>
        <p role="status">{t('common.loading')}</p>
      </div>
    );
  }
  if (notice.isError) {
    const title = isApiError(notice.error, 404) ? t('notice.notFound') : t('notice.loading');
    return (
      <div className="page">
        <PageHeading title={title}>{title}</PageHeading>
        <Message tone="error">{describeError(notice.error, t)}</Message>
        <p>
          <Link href="/market">{t('notice.back')}</Link>
        </p>
      </div>
    );
  }
  return <NoticeView detail={notice.data} />;
}

function NoticeView({ detail }: { detail: MarketNoticeDetail }) {
  const { t, i18n } = useTranslation();
  const n = detail.notice;
  const title = n.title ?? n.noticeId;
  const lang = i18n.language;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link href="/market?notices=1">{t('notice.back')}</Link>
      </p>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="page-header__meta">
        {detail.social.concernsEmployment ? (
          <Badge tone="positive">{t('market.badges.employment')}</Badge>
        ) : detail.social.declaresSocial ? (
          <Badge tone="info">{t('market.badges.social')}</Badge>
        ) : (
          <Badge tone="neutral">{t('market.badges.none')}</Badge>
        )}
        <span className="code">{n.noticeId}</span>
      </p>

      <section aria-labelledby="notice-facts-heading" className="section">
        <h2 id="notice-facts-heading">{t('notice.facts')}</h2>
        <dl className="details">
          <Item term={t('notice.buyer')}>
            {n.buyers.length === 0
              ? '–'
              : n.buyers.map((b) => (
                  <span key={b.organisationId} className="block">
                    {b.name ?? b.organisationId} {b.companyId ? <span className="code">{b.companyId}</span> : null} {b.country ? `(${b.country})` : null}
                  </span>
                ))}
          </Item>
          <Item term={t('notice.type')}>
            {n.noticeType}
            {n.formType ? ` (${n.formType})` : ''}
          </Item>
          <Item term={t('notice.issueDate')}>{formatDate(n.issueDate, lang)}</Item>
          <Item term={t('notice.mainCpv')}>
            <span className="code">{n.mainCpv ?? '–'}</span>
          </Item>
          <Item term={t('notice.additionalCpv')}>{n.additionalCpv.length > 0 ? <span className="code">{n.additionalCpv.join(', ')}</span> : '–'}</Item>
          <Item term={t('notice.nature')}>{n.mainNature ? t(`contractNature.${n.mainNature}`, { defaultValue: n.mainNature }) : '–'}</Item>
          <Item term={t('notice.estimatedValue')}>{money(n.estimatedValue, lang)}</Item>
          <Item term={t('notice.procedureId')}>
            <span className="code">{n.procedureId ?? '–'}</span>
          </Item>
          {detail.linkedProcurement ? (
            <Item term={t('notice.linked')}>
              <Link href={`/procurements/${detail.linkedProcurement.id}`}>
                {detail.linkedProcurement.referenceNumber} {detail.linkedProcurement.title}
              </Link>
            </Item>
          ) : null}
        </dl>
        {n.description ? <p className="prewrap">{n.description}</p> : null}
      </section>

      <section aria-labelledby="signals-heading" className="section">
        <h2 id="signals-heading">{t('notice.signals')}</h2>
        {detail.social.signals.length === 0 ? (
          <p>{t('notice.noSignals')}</p>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('common.tableRegion', { name: t('notice.signals') })}>
            <table className="table">
              <caption className="visually-hidden">{t('notice.signalsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('notice.signal.bt')}</th>
                  <th scope="col">{t('notice.signal.kind')}</th>
                  <th scope="col">{t('notice.signal.lot')}</th>
                  <th scope="col">{t('notice.signal.value')}</th>
                  <th scope="col">{t('notice.signal.employment')}</th>
                </tr>
              </thead>
              <tbody>
                {detail.social.signals.map((s, i) => (
                  <tr key={`${s.field}-${s.lotId ?? ''}-${s.code ?? s.match ?? i}`}>
                    <th scope="row" className="code">
                      {btOf(s)}
                    </th>
                    <td>{t(`notice.signal.kinds.${s.kind}`)}</td>
                    <td className="code">{s.lotId ?? '–'}</td>
                    <td>{s.code ? <span className="code">{s.code}</span> : s.match ? <q>{s.match}</q> : '–'}</td>
                    <td>{s.employment ? t('overview.socialShare.yes') : t('overview.socialShare.no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="notice-lots-heading" className="section">
        <h2 id="notice-lots-heading">{t('notice.lots')}</h2>
        {n.lots.length === 0 ? <p>{t('details.noLots')}</p> : null}
        {n.lots.map((lot) => (
          <article key={lot.lotId} className="requirement-card" aria-labelledby={`lot-${lot.lotId}`}>
            <h3 id={`lot-${lot.lotId}`}>
              <span className="code">{lot.lotId}</span> {lot.title ?? ''}
            </h3>
            <dl className="details">
              <Item term={t('notice.mainCpv')}>
                <span className="code">{lot.mainCpv ?? '–'}</span>
              </Item>
              <Item term={t('notice.estimatedValue')}>{money(lot.estimatedValue, lang)}</Item>
              <Item term="BT-06">{lot.strategicProcurement.join(', ') || '–'}</Item>
              <Item term="BT-775">{lot.socialObjectives.join(', ') || '–'}</Item>
              <Item term="BT-71">{lot.reservedParticipation.join(', ') || '–'}</Item>
              <Item term="BT-736">{lot.reservedExecution ?? '–'}</Item>
            </dl>
            {lot.strategicProcurementDescription ? (
              <>
                <h4>BT-777 {t('notice.strategicDescription')}</h4>
                <p className="prewrap">{lot.strategicProcurementDescription}</p>
              </>
            ) : null}
            {lot.performanceTerms ? (
              <>
                <h4>BT-70 {t('documents.bt70')}</h4>
                <p className="prewrap">{lot.performanceTerms}</p>
              </>
            ) : null}
          </article>
        ))}
      </section>
    </div>
  );
}
