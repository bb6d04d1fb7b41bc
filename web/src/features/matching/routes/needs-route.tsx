import { useTranslation } from 'react-i18next';
import { Link } from '../../../components/ui/link';
import { Message } from '../../../components/ui/message';
import { formatDate } from '../../../lib/format';
import { PageHeading } from '../../../lib/page';
import { describeError } from '../../../lib/problems';
import { useSession } from '../../../lib/session';
import { matchingCapabilitiesOf, useBottleneck, useNeeds } from '../api/matching-api';
import '../matching.css';

/** Suppliers' recruitment needs and the bottleneck figures (pseudonymous). */
export function NeedsRoute() {
  const { t, i18n } = useTranslation();
  const me = useSession();
  const { canReadNeeds, canReadParticipants, canManageNeeds } = matchingCapabilitiesOf(me);
  const needs = useNeeds(canReadNeeds);
  const bottleneck = useBottleneck(canReadNeeds);
  const title = t('matching.needs.title');
  if (!canReadNeeds) {
    return (
      <div className="page">
        <PageHeading title={title}>{title}</PageHeading>
        <Message tone="info" live={false}>
          {t('matching.noAccess')}
        </Message>
      </div>
    );
  }
  const b = bottleneck.data;
  const open = (needs.data?.items ?? []).filter((n) => n.status === 'open');
  return (
    <div className="page page--wide">
      <PageHeading title={title}>{title}</PageHeading>
      <p className="lead">{t('matching.needs.intro')}</p>
      {canManageNeeds ? (
        <p className="matching-actions">
          <Link variant="primary" href="/matching/needs/new">
            {t('matching.needs.new')}
          </Link>
        </p>
      ) : null}
      {needs.isError ? <Message tone="error">{describeError(needs.error, t)}</Message> : null}
      <section aria-labelledby="open-needs-heading" className="section">
        <h2 id="open-needs-heading">{t('matching.needs.open', { count: open.length })}</h2>
        {needs.isPending ? <p role="status">{t('common.loading')}</p> : null}
        {open.length > 0 ? (
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="needs-caption">
            <table className="table">
              <caption id="needs-caption" className="visually-hidden">
                {t('matching.needs.caption')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('matching.needs.columns.title')}</th>
                  <th scope="col">{t('matching.needs.columns.supplier')}</th>
                  <th scope="col">{t('matching.needs.columns.occupation')}</th>
                  <th scope="col">{t('matching.needs.columns.positions')}</th>
                  <th scope="col">{t('matching.needs.columns.startsOn')}</th>
                  <th scope="col">{t('matching.needs.columns.proposals')}</th>
                </tr>
              </thead>
              <tbody>
                {open.map((n) => (
                  <tr key={n.id}>
                    <th scope="row">{canReadParticipants ? <Link href={`/matching/needs/${n.id}`}>{n.title}</Link> : n.title}</th>
                    <td>{n.supplierName}</td>
                    <td>
                      {n.ssykCode} {n.occupationLabel ?? ''}
                    </td>
                    <td>{n.positions}</td>
                    <td>{formatDate(n.startsOn, i18n.language)}</td>
                    <td>{n.proposals}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : needs.data ? (
          <p>{t('matching.needs.none')}</p>
        ) : null}
      </section>
      {b ? (
        <section aria-labelledby="bottleneck-heading" className="section">
          <h2 id="bottleneck-heading">{t('matching.bottleneck.title')}</h2>
          <p>{t('matching.bottleneck.waiting', { median: b.waitingDays.median ?? '–', max: b.waitingDays.max ?? '–' })}</p>
          <h3>{t('matching.bottleneck.withoutCandidates')}</h3>
          {b.occupationsWithoutCandidates.length === 0 ? <p>{t('matching.bottleneck.noneWithout')}</p> : null}
          <ul>
            {b.occupationsWithoutCandidates.map((o) => (
              <li key={o.ssykCode}>{t('matching.bottleneck.withoutItem', { code: o.ssykCode, label: o.label ?? '', needs: o.openNeeds, positions: o.positions })}</li>
            ))}
          </ul>
          <h3>{t('matching.bottleneck.hitRates')}</h3>
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="hit-caption">
            <table className="table">
              <caption id="hit-caption" className="visually-hidden">
                {t('matching.bottleneck.hitRates')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('matching.needs.columns.occupation')}</th>
                  <th scope="col">{t('matching.bottleneck.proposals')}</th>
                  <th scope="col">{t('matching.bottleneck.hired')}</th>
                  <th scope="col">{t('matching.bottleneck.rate')}</th>
                </tr>
              </thead>
              <tbody>
                {b.hitRates.map((h) => (
                  <tr key={h.ssykCode}>
                    <th scope="row">
                      {h.ssykCode} {h.label ?? ''}
                    </th>
                    <td>{h.proposals}</td>
                    <td>{h.hired}</td>
                    <td>{h.hitRatePercent === null ? '–' : `${h.hitRatePercent} %`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>{t('matching.bottleneck.longestWaiting')}</h3>
          <ul>
            {b.candidatesWaitingLongest.slice(0, 10).map((c) => (
              <li key={c.reference}>{t('matching.bottleneck.waitingItem', { reference: c.reference, months: c.monthsWaiting, proposals: c.proposals })}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
