import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Message } from '../../../components/ui/message';
import { useAnnounce } from '../../../lib/announcer';
import { labelOf, useCodelists, type CodeLabel } from '../../../lib/reference-data';
import { annexUrl, fetchRequirementsText, useEformsFields, type Decision } from '../api/requirements-api';
import '../../../components/ui/button.css';
import '../../../components/ui/field.css';
import '../requirements.css';

/** The rendered requirement texts, the annex (.docx, plain text) and the eForms fields. */
export function DecisionDocuments({ procurementId, decision }: { procurementId: string; decision: Decision }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  const announce = useAnnounce();
  const eforms = useEformsFields(procurementId, decision.hasSocialConsiderations, decision.revision);
  const codelists = useCodelists();
  /** Codes as "name (code)": the name from the eForms codelist, the code as the notice needs it. */
  const named = (codes: readonly string[], list: readonly CodeLabel[] | undefined) =>
    codes.length === 0
      ? '–'
      : codes.map((code, i) => {
          const entry = list?.find((c) => c.code === code);
          return (
            <span key={code} className="eforms-code">
              {i > 0 ? '; ' : ''}
              {entry ? labelOf(entry, lang) : code} <span className="code">({code})</span>
            </span>
          );
        });
  const [text, setText] = useState<string | null>(null);
  const [textError, setTextError] = useState(false);

  if (!decision.hasSocialConsiderations) return null;

  const showText = async () => {
    setTextError(false);
    try {
      setText(await fetchRequirementsText(procurementId, lang));
    } catch {
      setTextError(true);
    }
  };
  const copy = async () => {
    if (text === null) return;
    try {
      await navigator.clipboard.writeText(text);
      announce(t('documents.copied'));
    } catch {
      setTextError(true);
    }
  };

  return (
    <section aria-labelledby="documents-heading" className="documents">
      <h3 id="documents-heading">{t('documents.title')}</h3>
      <h4>{t('documents.preview')}</h4>
      {decision.requirements.map((r) => (
        <article key={`${r.templateVersionId}-${(r.lotNumbers ?? []).join('-')}`} className="requirement-card" aria-label={r.rendered[lang].title}>
          <p className="requirement-card__title">
            <strong>{r.rendered[lang].title}</strong>
            {' – '}
            {r.lotNumbers === null ? t('decision.wholeProcurement') : t('documents.forLots', { lots: r.lotNumbers.join(', ') })}
          </p>
          <div className="rendered-text">{r.rendered[lang].body}</div>
          <p>
            <strong>{t('documents.followUp')}</strong>
          </p>
          <div className="rendered-text">{r.rendered[lang].followUp}</div>
        </article>
      ))}

      <div className="button-row" role="group" aria-label={t('documents.downloads')}>
        <a className="button button--primary" href={annexUrl(procurementId, lang, 'docx')} download>
          {t('documents.docx')}
        </a>
        <Button onPress={() => void showText()}>{t('documents.showText')}</Button>
        {text !== null ? <Button onPress={() => void copy()}>{t('documents.copy')}</Button> : null}
      </div>
      {textError ? <Message tone="error">{t('documents.textFailed')}</Message> : null}
      {text !== null ? (
        <label className="field">
          <span className="field__label">{t('documents.plainText')}</span>
          <textarea className="field__input plain-text-output" readOnly value={text} />
        </label>
      ) : null}

      <h4 id="eforms-heading">{t('documents.eforms')}</h4>
      <p className="muted">{t('documents.eformsHint')}</p>
      {eforms.isError ? <Message tone="error">{t('documents.eformsFailed')}</Message> : null}
      {eforms.data ? (
        // One row per business term and one column per lot, so long BT-70 texts wrap in place
        // instead of widening the table past the page; codes carry their codelist names.
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('common.tableRegion', { name: t('documents.eforms') })}>
          <table className="table table--wrap eforms-table">
            <caption className="visually-hidden">{t('documents.eformsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('documents.field')}</th>
                {eforms.data.map((lot) => (
                  <th scope="col" key={lot.lotId}>
                    {t('documents.lot')} <span className="code">{lot.lotId}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">BT-06 {t('documents.bt06')}</th>
                {eforms.data.map((lot) => (
                  <td key={lot.lotId}>{named(lot.strategicProcurement, codelists.data?.strategicProcurement)}</td>
                ))}
              </tr>
              <tr>
                <th scope="row">BT-775 {t('documents.bt775')}</th>
                {eforms.data.map((lot) => (
                  <td key={lot.lotId}>{named(lot.socialObjectives, codelists.data?.socialObjective)}</td>
                ))}
              </tr>
              <tr>
                <th scope="row">BT-71 {t('documents.bt71')}</th>
                {eforms.data.map((lot) => (
                  <td key={lot.lotId}>{named(lot.reservedParticipation, codelists.data?.reservedProcurement)}</td>
                ))}
              </tr>
              <tr>
                <th scope="row">BT-736 {t('documents.bt736')}</th>
                {eforms.data.map((lot) => (
                  <td key={lot.lotId}>
                    {lot.reservedExecution === 'yes' ? t('common.yes') : t('common.no')} <span className="code">({lot.reservedExecution})</span>
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row">BT-70 {t('documents.bt70')}</th>
                {eforms.data.map((lot) => (
                  <td key={lot.lotId}>
                    {lot.performanceTerms ? <div className="prewrap">{lot.performanceTerms[lang]}</div> : '–'}
                    {lot.performanceTermsTooLong ? <p className="field__error">{t('documents.bt70TooLong')}</p> : null}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
