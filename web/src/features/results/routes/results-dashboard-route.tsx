import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../../components/ui/link';
import { Message } from '../../../components/ui/message';
import { SelectField } from '../../../components/ui/select-field';
import { PageHeading } from '../../../lib/page';
import { describeError } from '../../../lib/problems';
import { useSession } from '../../../lib/session';
import { countValue, useDashboard } from '../api/results-api';
import { canReadResults } from '../api/results-rights';
import { BarChart } from '../components/bar-chart';
import { formatCount } from '../components/format-count';
import { PeopleAndValue } from '../components/people-and-value';
import '../results.css';

/** Results for politicians and managers: goal fulfilment over time, people employed, value, contracts at risk. */
export function ResultsDashboardRoute() {
  const { t, i18n } = useTranslation();
  const me = useSession();
  const mayRead = canReadResults(me);
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const dashboard = useDashboard(year, mayRead);
  const title = t('results.dashboard.title');
  const lang = i18n.language;
  if (!mayRead) {
    return (
      <div className="page">
        <PageHeading title={title}>{title}</PageHeading>
        <Message tone="info" live={false}>
          {t('results.noAccess')}
        </Message>
      </div>
    );
  }
  const d = dashboard.data;
  const years = Array.from({ length: 8 }, (_, i) => thisYear - i);
  return (
    <div className="page page--wide results">
      <PageHeading title={title}>{title}</PageHeading>
      <p className="lead">{t('results.dashboard.intro')}</p>
      <div className="results__toolbar">
        <SelectField label={t('results.year')} options={years.map((y) => ({ id: String(y), label: String(y) }))} value={String(year)} onChange={(v) => v && setYear(Number(v))} />
        <p className="results__downloads">
          <a className="link" href={`/api/results/annual-report.pdf?year=${year}`}>
            {t('results.dashboard.reportPdf')}
          </a>{' '}
          <a className="link" href={`/api/results/annual-report.xlsx?year=${year}`}>
            {t('results.dashboard.reportXlsx')}
          </a>
        </p>
      </div>
      {dashboard.isError ? <Message tone="error">{describeError(dashboard.error, t)}</Message> : null}
      {dashboard.isPending ? <p role="status">{t('common.loading')}</p> : null}
      {d ? (
        <>
          <section aria-labelledby="results-goal-heading" className="section">
            <h2 id="results-goal-heading">{t('results.goal.heading')}</h2>
            <BarChart
              title={t('results.goal.chartTitle', { from: d.trend[0]!.year, to: d.year })}
              summary={t('results.goal.summary', {
                year: d.year,
                share: d.trend[4]!.goal.sharePercent === null ? t('results.goal.noShare') : `${Math.round(d.trend[4]!.goal.sharePercent)} %`,
                goal: d.trend[4]!.goal.goalPercent,
              })}
              valueHeading={t('results.goal.share')}
              reference={{ value: d.trend[4]!.goal.goalPercent, label: t('results.goal.goalLine') }}
              data={d.trend.map((y) => ({ key: String(y.year), label: String(y.year), value: y.goal.sharePercent === null ? 0 : Math.round(y.goal.sharePercent), display: y.goal.sharePercent === null ? t('results.goal.noShare') : `${Math.round(y.goal.sharePercent)} %` }))}
            />
            <BarChart
              title={t('results.people.trendTitle')}
              summary={t('results.people.trendSummary', { year: d.year, count: formatCount(d.trend[4]!.peopleEmployed, t, lang) })}
              valueHeading={t('results.people.count')}
              data={d.trend.map((y) => ({ key: String(y.year), label: String(y.year), value: countValue(y.peopleEmployed), display: formatCount(y.peopleEmployed, t, lang) }))}
            />
          </section>
          <PeopleAndValue people={d.peopleEmployed} stillEmployed={d.stillEmployedAfterEnd} value={d.value} byUnit />
          <section aria-labelledby="results-risk-heading" className="section">
            <h2 id="results-risk-heading">{t('results.risk.heading')}</h2>
            {d.contractsAtRisk.length === 0 ? (
              <p>{t('results.risk.none')}</p>
            ) : (
              <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="results-risk-caption">
                <table className="table">
                  <caption id="results-risk-caption">{t('results.risk.caption', { count: d.contractsAtRisk.length })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('results.contracts.reference')}</th>
                      <th scope="col">{t('results.contracts.supplier')}</th>
                      <th scope="col">{t('results.contracts.unit')}</th>
                      <th scope="col">{t('results.contracts.status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.contractsAtRisk.map((c) => (
                      <tr key={c.id}>
                        <th scope="row">
                          <Link href={`/contracts/${c.id}`}>{c.referenceNumber}</Link>
                        </th>
                        <td>{c.supplier.name}</td>
                        <td>{c.unit.name}</td>
                        <td>{t(`results.status.${c.status}`)}</td>
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
