import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { countValue, type Dashboard } from '../api/results-api';
import { BarChart } from './bar-chart';
import { formatCount, formatKronor } from './format-count';

const ACTORS = ['individual', 'municipality', 'region', 'state', 'employer'] as const;

type StillEmployed = Dashboard['stillEmployedAfterEnd'];

/**
 * The people employed (by target group, and by unit where asked), still employed after the
 * placement ended where known, and the socio-economic value by actor: the same sections with
 * the same charts and tables on the dashboard and the public page.
 */
export function PeopleAndValue({ people, stillEmployed, value, byUnit = false }: { people: Dashboard['peopleEmployed']; stillEmployed: StillEmployed | null; value: Dashboard['value']; byUnit?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = useId();
  const label = (l: { sv: string; en: string }) => (lang === 'en' ? l.en : l.sv);
  const cells = (list: Dashboard['peopleEmployed']['byUnit']) => list.map((c) => ({ key: c.key, label: label(c.label), value: countValue(c.count), display: formatCount(c.count, t, lang) }));
  return (
    <>
      <section aria-labelledby={`${id}-people`} className="section">
        <h2 id={`${id}-people`}>{t('results.people.heading')}</h2>
        <p>{t('results.suppressionNote')}</p>
        <BarChart
          title={t('results.people.byTargetGroup')}
          summary={t('results.people.summary', { count: formatCount(people.total, t, lang), groups: people.byTargetGroup.length })}
          valueHeading={t('results.people.count')}
          data={cells(people.byTargetGroup)}
        />
        {byUnit ? <BarChart title={t('results.people.byUnit')} summary={t('results.people.unitSummary', { units: people.byUnit.length })} valueHeading={t('results.people.count')} data={cells(people.byUnit)} /> : null}
        {stillEmployed ? <StillEmployedTable figure={stillEmployed} /> : null}
      </section>
      <section aria-labelledby={`${id}-value`} className="section">
        <h2 id={`${id}-value`}>{t('results.value.heading')}</h2>
        <BarChart
          title={t('results.value.byActor')}
          summary={t('results.value.summary', { total: formatKronor(value.totalOre, lang), year: value.parameterYear })}
          valueHeading={t('results.value.amount')}
          data={ACTORS.map((a) => ({ key: a, label: t(`results.actors.${a}`), value: Math.round(value.actors[a] / 100), display: formatKronor(value.actors[a], lang) }))}
        />
        <p className="results__note">{t('results.value.method')}</p>
      </section>
    </>
  );
}

/** "Still employed after the placement ended, where known": a summary sentence and its table. */
function StillEmployedTable({ figure }: { figure: StillEmployed }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const captionId = useId();
  const share = figure.sharePercent === null ? t('results.stillEmployed.noShare') : typeof figure.sharePercent === 'number' ? `${figure.sharePercent.toLocaleString(lang === 'en' ? 'en-GB' : 'sv-SE')} %` : t('results.suppressed');
  return (
    <>
      <h3>{t('results.stillEmployed.heading')}</h3>
      <p>{t('results.stillEmployed.summary', { known: formatCount(figure.known, t, lang), share })}</p>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={captionId}>
        <table className="table">
          <caption id={captionId}>{t('results.stillEmployed.caption')}</caption>
          <tbody>
            <tr>
              <th scope="row">{t('results.stillEmployed.known')}</th>
              <td>{formatCount(figure.known, t, lang)}</td>
            </tr>
            <tr>
              <th scope="row">{t('results.stillEmployed.employed')}</th>
              <td>{formatCount(figure.stillEmployed, t, lang)}</td>
            </tr>
            <tr>
              <th scope="row">{t('results.stillEmployed.bySupplier')}</th>
              <td>{formatCount(figure.employedBySupplier, t, lang)}</td>
            </tr>
            <tr>
              <th scope="row">{t('results.stillEmployed.share')}</th>
              <td>{share}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p className="results__note">{t('results.stillEmployed.method')}</p>
    </>
  );
}
