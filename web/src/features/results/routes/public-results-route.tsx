import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Message } from '../../../components/ui/message';
import { SelectField } from '../../../components/ui/select-field';
import { PageHeading } from '../../../lib/page';
import { isApiError } from '../../../lib/api-client';
import { usePublicResults } from '../api/results-api';
import { PeopleAndValue } from '../components/people-and-value';
import '../results.css';

/** The public page of an organisation's results: no sign-in, no participant, small counts suppressed. */
export function PublicResultsRoute() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const results = usePublicResults(slug, year);
  const r = results.data;
  const title = r ? t('results.public.title', { name: r.organisation.name }) : t('results.public.titleShort');
  return (
    <div className="page page--wide results">
      <PageHeading title={title}>{title}</PageHeading>
      <p className="lead">{t('results.public.intro')}</p>
      <div className="results__toolbar">
        <SelectField label={t('results.year')} options={Array.from({ length: 8 }, (_, i) => ({ id: String(thisYear - i), label: String(thisYear - i) }))} value={String(year)} onChange={(v) => v && setYear(Number(v))} />
      </div>
      {results.isPending ? <p role="status">{t('common.loading')}</p> : null}
      {results.isError ? <Message tone="error">{isApiError(results.error, 404) ? t('results.public.notPublished') : t('results.public.failed')}</Message> : null}
      {r ? (
        <>
          <section aria-labelledby="public-goal-heading" className="section">
            <h2 id="public-goal-heading">{t('results.goal.heading')}</h2>
            <p>
              {r.goal.sharePercent === null
                ? t('results.goal.noServices', { year: r.year })
                : t('results.goal.publicSummary', { year: r.year, share: Math.round(r.goal.sharePercent), goal: r.goal.goalPercent, with: r.goal.withSocialConsiderations, total: r.goal.serviceProcurements })}
            </p>
          </section>
          <PeopleAndValue people={r.peopleEmployed} stillEmployed={r.stillEmployedAfterEnd} value={r.value} />
          <section aria-labelledby="public-contracts-heading" className="section">
            <h2 id="public-contracts-heading">{t('results.contracts.heading')}</h2>
            {r.contracts.length === 0 ? (
              <p>{t('results.contracts.none')}</p>
            ) : (
              <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="public-contracts-caption">
                <table className="table">
                  <caption id="public-contracts-caption">{t('results.contracts.caption', { count: r.contracts.length, year: r.year })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('results.contracts.procurement')}</th>
                      <th scope="col">{t('results.contracts.supplier')}</th>
                      <th scope="col">{t('results.contracts.period')}</th>
                      <th scope="col">{t('results.contracts.status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.contracts.map((c) => (
                      <tr key={c.referenceNumber}>
                        <th scope="row">{c.procurement.title}</th>
                        <td>
                          {c.supplier.name} ({c.supplier.organisationNumber})
                        </td>
                        <td>
                          {c.startsOn} – {c.endsOn}
                        </td>
                        <td>{t(`results.status.${c.status}`)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section aria-labelledby="public-downloads-heading" className="section">
            <h2 id="public-downloads-heading">{t('results.downloads.heading')}</h2>
            <p>{t('results.downloads.licence', { licence: r.licence.name })}</p>
            <ul>
              <li>
                <a className="link" href={r.downloads.csv}>
                  {t('results.downloads.csv')}
                </a>
              </li>
              <li>
                <a className="link" href={r.downloads.json}>
                  {t('results.downloads.json')}
                </a>
              </li>
              <li>
                <a className="link" href={r.downloads.ocds}>
                  {t('results.downloads.ocds')}
                </a>
              </li>
              <li>
                <a className="link" href={r.downloads.catalog}>
                  {t('results.downloads.catalog')}
                </a>
              </li>
              <li>
                <a className="link" href={r.licence.uri}>
                  {r.licence.name}
                </a>
              </li>
            </ul>
          </section>
        </>
      ) : null}
    </div>
  );
}
