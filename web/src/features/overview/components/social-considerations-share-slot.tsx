import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Label, Meter } from 'react-aria-components';
import { Link } from '../../../components/ui/link';
import { Message } from '../../../components/ui/message';
import { SelectField } from '../../../components/ui/select-field';
import { formatNumber } from '../../../lib/format';
import { formatShare } from '../../../lib/format';
import { describeError } from '../../../lib/problems';
import { useGoalFulfilment } from '../api/overview-api';
import '../overview.css';

// The goal figures come as percentages (0–100); the one formatShare takes a share (0–1).
const formatPercentShare = (percent: number | null, language: string) => formatShare(percent === null ? null : percent / 100, language);

/**
 * The share of this year's service procurements with social considerations against the
 * organisation's goal (socialGoalPercent): a figure, a meter with the goal marked, and units.
 */
export function SocialConsiderationsShareSlot({ goalPercent }: { goalPercent: number | undefined }) {
  const { t, i18n } = useTranslation();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const goal = useGoalFulfilment(year);
  const data = goal.data;
  const target = data?.goalPercent ?? goalPercent;
  // The same years as the register's year filter (its data starts in 2015), newest first.
  const years = Array.from({ length: thisYear + 4 - 2015 }, (_, i) => thisYear + 3 - i);

  return (
    <section className="card card--slot section" aria-labelledby="social-share-heading" data-slot="social-considerations-share">
      <h2 id="social-share-heading">{t('overview.socialShare.title')}</h2>
      <SelectField className="field--inline" label={t('overview.socialShare.year')} value={String(year)} onChange={(v) => setYear(Number(v ?? thisYear))} options={years.map((y) => ({ id: String(y), label: String(y) }))} />
      {goal.isError ? <Message tone="error">{describeError(goal.error, t)}</Message> : null}
      {goal.isPending ? <p role="status">{t('common.loading')}</p> : null}
      {data ? (
        <>
          <div className="goal-figure">
            <p className="goal-figure__value">{formatPercentShare(data.sharePercent, i18n.language)}</p>
            <Meter className="meter" value={data.sharePercent ?? 0} minValue={0} maxValue={100} valueLabel={t('overview.socialShare.meterValue', { share: formatPercentShare(data.sharePercent, i18n.language), goal: data.goalPercent })}>
              {({ percentage, valueText }) => (
                <>
                  <Label className="field__label">{t('overview.socialShare.meterLabel', { year: data.year })}</Label>
                  <span className="muted">{valueText}</span>
                  <div className="meter__track" aria-hidden="true">
                    <div className="meter__fill" style={{ width: `${percentage}%` }} />
                    <div className="meter__goal" style={{ left: `${data.goalPercent}%` }} />
                  </div>
                </>
              )}
            </Meter>
          </div>
          <p>
            {data.sharePercent === null
              ? t('overview.socialShare.noneThisYear', { year: data.year })
              : t('overview.socialShare.sentence', { with: formatNumber(data.withSocialConsiderations, i18n.language), total: formatNumber(data.serviceProcurements, i18n.language), year: data.year })}{' '}
            {target !== undefined ? t('overview.socialShare.goal', { percent: target }) : null}{' '}
            {data.isGoalMet === true ? t('overview.socialShare.met') : data.isGoalMet === false ? t('overview.socialShare.shortfall', { count: data.shortfall }) : null}
          </p>
          <p className="muted">{t('overview.socialShare.definition')}</p>
          {data.byUnit.length > 0 ? (
            <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="goal-units-caption">
              <table className="table table--numbers">
                <caption id="goal-units-caption">{t('overview.socialShare.byUnit', { year: data.year })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('procurement.unit')}</th>
                    <th scope="col">{t('overview.socialShare.services')}</th>
                    <th scope="col">{t('overview.socialShare.withSocial')}</th>
                    <th scope="col">{t('overview.socialShare.share')}</th>
                    <th scope="col">{t('overview.socialShare.goalMet')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...data.byUnit]
                    .sort((a, b) => a.unit.name.localeCompare(b.unit.name, 'sv'))
                    .map((u) => (
                      <tr key={u.unit.id}>
                        <th scope="row">
                          <Link href={`/procurements?unitId=${u.unit.id}&contractNature=services&year=${data.year}`}>{u.unit.name}</Link>
                        </th>
                        <td>{formatNumber(u.serviceProcurements, i18n.language)}</td>
                        <td>{formatNumber(u.withSocialConsiderations, i18n.language)}</td>
                        <td>{formatPercentShare(u.sharePercent, i18n.language)}</td>
                        <td>{u.isGoalMet === null ? '–' : u.isGoalMet ? t('overview.socialShare.yes') : t('overview.socialShare.no')}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
