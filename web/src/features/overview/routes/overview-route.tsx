import { useTranslation } from 'react-i18next';
import { PROCUREMENT_STATUSES as STATUSES } from '../../../../../src/domain/procurement/procurement.js';
import { Link } from '../../../components/ui/link';
import { Message } from '../../../components/ui/message';
import { formatNumber } from '../../../lib/format';
import { PageHeading } from '../../../lib/page';
import { describeError } from '../../../lib/problems';
import { capabilitiesOf, useSession } from '../../../lib/session';
import { useOrganisation, useOverview } from '../api/overview-api';
import { SocialConsiderationsShareSlot } from '../components/social-considerations-share-slot';
import '../overview.css';


export function OverviewRoute() {
  const { t, i18n } = useTranslation();
  const me = useSession();
  const { canReadProcurements } = capabilitiesOf(me);
  const overview = useOverview(canReadProcurements);
  const organisation = useOrganisation();
  const n = (value: number | undefined) => formatNumber(value ?? 0, i18n.language);

  return (
    <div className="page">
      <PageHeading title={t('overview.title')}>{t('overview.title')}</PageHeading>
      <p className="lead">{t('overview.intro', { organisation: me.organisation.name })}</p>
      {!canReadProcurements ? <Message tone="info">{t('overview.noAccess')}</Message> : null}
      {overview.isError ? <Message tone="error">{describeError(overview.error, t)}</Message> : null}
      {!canReadProcurements ? null : overview.isPending ? (
        <p role="status">{t('common.loading')}</p>
      ) : overview.data ? (
        <>
          <section aria-labelledby="by-status-heading" className="section">
            <h2 id="by-status-heading">{t('overview.byStatus')}</h2>
            <ul className="stat-cards">
              <li className="stat-card stat-card--total">
                <Link href="/procurements" className="stat-card__link">
                  <span className="stat-card__value">{n(overview.data.total)}</span>
                  <span className="stat-card__label">{t('overview.total')}</span>
                </Link>
              </li>
              {STATUSES.map((status) => (
                <li key={status} className="stat-card">
                  <Link href={`/procurements?status=${status}`} className="stat-card__link">
                    <span className="stat-card__value">{n(overview.data.byStatus[status])}</span>
                    <span className="stat-card__label">{t(`status.${status}`)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </section>

          <SocialConsiderationsShareSlot goalPercent={organisation.data?.socialGoalPercent} />

          <section aria-labelledby="by-unit-heading" className="section">
            <h2 id="by-unit-heading">{t('overview.byUnit')}</h2>
            {overview.data.byUnit.length === 0 ? (
              <p>{t('overview.empty')}</p>
            ) : (
              <div className="table-scroll" tabIndex={0} role="region" aria-label={t('common.tableRegion', { name: t('overview.byUnit') })}>
                <table className="table table--numbers">
                  <caption className="visually-hidden">{t('overview.byUnitCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('procurement.unit')}</th>
                      {STATUSES.map((status) => (
                        <th scope="col" key={status}>
                          {t(`status.${status}`)}
                        </th>
                      ))}
                      <th scope="col">{t('overview.total')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...overview.data.byUnit]
                      .sort((a, b) => a.unitName.localeCompare(b.unitName, 'sv'))
                      .map((unit) => (
                        <tr key={unit.unitId}>
                          <th scope="row">
                            <Link href={`/procurements?unitId=${unit.unitId}`}>{unit.unitName}</Link>
                          </th>
                          {STATUSES.map((status) => (
                            <td key={status}>{n(unit.byStatus[status])}</td>
                          ))}
                          <td>{n(unit.total)}</td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}
