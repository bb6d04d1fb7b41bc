import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Link } from '../../../components/ui/link';
import { Message } from '../../../components/ui/message';
import { isApiError } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import { PageHeading } from '../../../lib/page';
import { useSupplierContract } from '../api/supplier-api';
import { StatusText } from '../components/status-text';
import { SupplierNeedsSection } from '../components/supplier-needs-section';
import '../supplier-portal.css';

const sek = (ore: number, lang: string) => new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'sv-SE', { style: 'currency', currency: 'SEK', maximumFractionDigits: 0 }).format(ore / 100);

/** One contract as the supplier sees it: promised, done, due, deviations, letters, contact. */
export function SupplierContractRoute() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  const contract = useSupplierContract(id);
  if (contract.isPending || contract.isError) {
    const title = contract.isError && isApiError(contract.error, 404) ? t('supplierPortal.contract.notFound') : t('supplierPortal.contract.loading');
    return (
      <div className="page">
        <PageHeading title={title}>{title}</PageHeading>
        {contract.isPending ? <p role="status">{t('common.loading')}</p> : <Message tone="error">{t('supplierPortal.errors.load')}</Message>}
        <p>
          <Link href="/supplier">{t('supplierPortal.back')}</Link>
        </p>
      </div>
    );
  }
  const c = contract.data;
  const commitmentTitle = (cid: string | null) => c.commitments.find((x) => x.id === cid)?.title[lang] ?? '';
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link href="/supplier">{t('supplierPortal.back')}</Link>
      </p>
      <PageHeading title={c.title}>{c.title}</PageHeading>
      <p>
        {t('supplierPortal.home.buyer', { buyer: c.buyer.name })} · <span className="code">{c.referenceNumber}</span> · {formatDate(c.startsOn, lang)}–{formatDate(c.endsOn, lang)}
      </p>
      <p>
        {t('supplierPortal.fields.status')}: <StatusText status={c.status} />
      </p>

      <section aria-labelledby="promised-heading" className="section">
        <h2 id="promised-heading">{t('supplierPortal.contract.promised')}</h2>
        {c.commitments.map((x) => (
          <article key={x.id} className="supplier-card" aria-labelledby={`commitment-${x.id}`}>
            <h3 id={`commitment-${x.id}`}>{x.title[lang]}</h3>
            <p>
              {t('supplierPortal.fields.status')}: <StatusText status={x.status} />
            </p>
            {x.takesPlacements ? (
              <ul className="supplier-list">
                <li>{t('supplierPortal.contract.positions', { done: x.positionsFulfilled, promised: x.positionsRequired })}</li>
                {x.firstHireDeadline ? <li>{t(x.firstHireMet ? 'supplierPortal.contract.firstHireMet' : 'supplierPortal.contract.firstHireBy', { date: formatDate(x.firstHireDeadline, lang) })}</li> : null}
                {x.penaltyDueOre > 0 ? <li>{t('supplierPortal.contract.penalty', { amount: sek(x.penaltyDueOre, lang) })}</li> : null}
              </ul>
            ) : null}
            <details>
              <summary>{t('supplierPortal.contract.text')}</summary>
              <p className="prewrap">{x.text[lang]}</p>
            </details>
          </article>
        ))}
      </section>

      <section aria-labelledby="reports-heading" className="section">
        <h2 id="reports-heading">{t('supplierPortal.contract.reports')}</h2>
        <ul className="supplier-list">
          {c.periods.map((p) => (
            <li key={p.sequence}>
              {t('supplierPortal.contract.period', { sequence: p.sequence, from: formatDate(p.startsOn, lang), to: formatDate(p.endsOn, lang), due: formatDate(p.dueOn, lang) })}:{' '}
              {t(`supplierPortal.periodStatus.${p.status}`)}
              {p.status !== 'upcoming' && p.status !== 'reported' ? (
                <>
                  {' '}
                  <Link href={`/supplier/contracts/${c.id}/periods/${p.sequence}`} aria-label={t('supplierPortal.contract.openPeriod', { sequence: p.sequence })}>
                    {t(p.status === 'submitted' || p.status === 'question' ? 'supplierPortal.contract.view' : 'supplierPortal.home.reportLink')}
                  </Link>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="hires-heading" className="section">
        <h2 id="hires-heading">{t('supplierPortal.contract.hires')}</h2>
        {c.placements.length === 0 ? (
          <p>{t('supplierPortal.contract.noHires')}</p>
        ) : (
          <ul className="supplier-list">
            {c.placements.map((p) => (
              <li key={p.id}>
                {t('supplierPortal.contract.hire', { ref: p.participantRef, from: formatDate(p.startedOn, lang), extent: p.extentPercent })}
                {p.endedOn ? ` ${t('supplierPortal.contract.ended', { date: formatDate(p.endedOn, lang) })}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>

      <SupplierNeedsSection contractId={c.id} />

      <section aria-labelledby="deviations-heading" className="section">
        <h2 id="deviations-heading">{t('supplierPortal.contract.deviations')}</h2>
        {c.deviations.length === 0 ? (
          <p>{t('supplierPortal.contract.noDeviations')}</p>
        ) : (
          <ul className="supplier-list">
            {c.deviations.map((d) => (
              <li key={d.id}>
                {t(`supplierPortal.deviation.${d.kind}`)} ({formatDate(d.detectedOn, lang)}){d.commitmentId ? ` – ${commitmentTitle(d.commitmentId)}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="letters-heading" className="section">
        <h2 id="letters-heading">{t('supplierPortal.contract.letters')}</h2>
        {c.letters.length === 0 ? (
          <p>{t('supplierPortal.contract.noLetters')}</p>
        ) : (
          <ul className="supplier-list">
            {c.letters.map((l) => (
              <li key={l.id}>
                <a className="link" href={`/api/supplier/contracts/${c.id}/letters/${l.id}/letter.docx?lang=${lang}`} download>
                  {t(`supplierPortal.letter.${l.kind}`, { date: formatDate(l.takenOn, lang) })}
                </a>
                {l.deadline ? ` – ${t('supplierPortal.contract.deadline', { date: formatDate(l.deadline, lang) })}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="contact-heading" className="section">
        <h2 id="contact-heading">{t('supplierPortal.contract.contact')}</h2>
        {c.contact ? (
          <p>
            {c.contact.name}, <a className="link" href={`mailto:${c.contact.email}`}>{c.contact.email}</a>
          </p>
        ) : (
          <p>{t('supplierPortal.contract.noContact', { buyer: c.buyer.name })}</p>
        )}
      </section>
    </div>
  );
}
