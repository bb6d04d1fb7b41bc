import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Message } from '../../../components/ui/message';
import { useAnnounce } from '../../../lib/announcer';
import { annexUrl, fetchRequirementsText, useEformsFields, type Decision } from '../api/requirements-api';

/** The rendered requirement texts, the annex (.docx, plain text) and the eForms fields. */
export function DecisionDocuments({ procurementId, decision }: { procurementId: string; decision: Decision }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  const announce = useAnnounce();
  const eforms = useEformsFields(procurementId, decision.hasSocialConsiderations, decision.revision);
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
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="eforms-heading">
          <table className="table">
            <caption className="visually-hidden">{t('documents.eformsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('documents.lot')}</th>
                <th scope="col">BT-06 {t('documents.bt06')}</th>
                <th scope="col">BT-775 {t('documents.bt775')}</th>
                <th scope="col">BT-71 {t('documents.bt71')}</th>
                <th scope="col">BT-736 {t('documents.bt736')}</th>
                <th scope="col">BT-70 {t('documents.bt70')}</th>
              </tr>
            </thead>
            <tbody>
              {eforms.data.map((lot) => (
                <tr key={lot.lotId}>
                  <th scope="row">
                    <span className="code">{lot.lotId}</span>
                  </th>
                  <td className="code">{lot.strategicProcurement.join(', ') || '–'}</td>
                  <td className="code">{lot.socialObjectives.join(', ') || '–'}</td>
                  <td className="code">{lot.reservedParticipation.join(', ') || '–'}</td>
                  <td className="code">{lot.reservedExecution}</td>
                  <td>
                    {lot.performanceTerms ? <div className="prewrap">{lot.performanceTerms[lang]}</div> : '–'}
                    {lot.performanceTermsTooLong ? <p className="field__error">{t('documents.bt70TooLong')}</p> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
