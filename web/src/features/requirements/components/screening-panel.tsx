import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Message } from '../../../components/ui/message';
import { isApiError } from '../../../lib/api-client';
import { useAnnounce } from '../../../lib/announcer';
import { formatDateTime } from '../../../lib/format';
import { describeError } from '../../../lib/problems';
import { useRescreen, useScreening, type Screening } from '../api/requirements-api';
import { OutcomeBadge, RecommendationBadge } from './recommendation-badge';
import '../requirements.css';

/** `labourNeedFte`, `lots[1].estimatedValueOre`, `readiness.matching-lead` → words. */
function useMissingFactLabel(screening: Screening) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  return (fact: string): string => {
    const readiness = /^readiness\.(.+)$/.exec(fact);
    if (readiness) {
      const rule = screening.rules.find((r) => r.rule === 'readiness' && r.questionId === readiness[1]);
      return t('screening.missingReadiness', { question: rule ? rule.reason[lang].replace(/^[^:]+:\s*/, '') : readiness[1] });
    }
    const lot = /^lots\[(\d+)\]\.(\w+)$/.exec(fact);
    if (lot) return t('screening.missingLotFact', { lot: lot[1], field: t(`procurement.fieldNames.${lot[2]}`, { defaultValue: lot[2] }) });
    return t(`procurement.fieldNames.${fact}`, { defaultValue: fact });
  };
}

/** The current screening: recommendation, every rule, missing facts, lots; "screen again". */
export function ScreeningPanel({ procurementId, canRun }: { procurementId: string; canRun: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  const announce = useAnnounce();
  const screening = useScreening(procurementId);
  const rescreen = useRescreen(procurementId);

  const runButton = canRun ? (
    <Button
      onPress={() => rescreen.mutate(undefined, { onSuccess: (s) => announce(t('screening.rerun.done', { recommendation: t(`screening.recommendation.${s.recommendation}`) })) })}
      isPending={rescreen.isPending}
    >
      {t('screening.rerun.button')}
    </Button>
  ) : null;

  return (
    <div className="screening">
      <h3 id="screening-heading">{t('screening.title')}</h3>
      {rescreen.isError ? <Message tone="error">{describeError(rescreen.error, t)}</Message> : null}
      {screening.isPending ? (
        <p role="status">{t('common.loading')}</p>
      ) : screening.isError ? (
        isApiError(screening.error, 404) ? (
          <>
            <p>{t('screening.none')}</p>
            {runButton}
          </>
        ) : (
          <Message tone="error">{describeError(screening.error, t)}</Message>
        )
      ) : (
        <ScreeningResult screening={screening.data} lang={lang} runButton={runButton} />
      )}
    </div>
  );
}

function ScreeningResult({ screening: s, lang, runButton }: { screening: Screening; lang: 'sv' | 'en'; runButton: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const missingLabel = useMissingFactLabel(s);
  return (
    <>
      <p className="screening__recommendation">
        {t('screening.recommendationLabel')} <RecommendationBadge recommendation={s.recommendation} />
      </p>
      <p>{s.summary[lang]}</p>
      <p className="muted">
        {t('screening.meta', { version: s.policyVersion, date: formatDateTime(s.screenedAt, i18n.language) })}
      </p>
      {s.isPolicyOutdated ? (
        <Message tone="warning" live={false}>
          {t('screening.outdated')}
        </Message>
      ) : null}
      {runButton ? <div className="button-row">{runButton}</div> : null}

      <h4>{t('screening.rules')}</h4>
      <ul className="rule-list">
        {s.rules.map((rule, i) => (
          <li key={`${rule.rule}-${rule.questionId ?? i}`}>
            <span>
              <OutcomeBadge outcome={rule.outcome} />
            </span>
            <span>
              <strong>{t(`screening.rule.${rule.rule}`)}:</strong> {rule.reason[lang]}
            </span>
          </li>
        ))}
      </ul>

      {s.missingFacts.length > 0 ? (
        <>
          <h4>{t('screening.missingFacts')}</h4>
          <ul>
            {s.missingFacts.map((fact) => (
              <li key={fact}>{missingLabel(fact)}</li>
            ))}
          </ul>
        </>
      ) : null}

      {s.lots.length > 0 ? (
        <>
          <h4 id="screening-lots-heading">{t('screening.lots')}</h4>
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="screening-lots-heading">
            <table className="table">
              <caption className="visually-hidden">{t('screening.lotsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('lot.number')}</th>
                  <th scope="col">{t('screening.recommendationLabel')}</th>
                  <th scope="col">{t('screening.summary')}</th>
                </tr>
              </thead>
              <tbody>
                {s.lots.map((lot) => (
                  <tr key={lot.lotNumber}>
                    <th scope="row">{lot.lotNumber}</th>
                    <td>
                      <RecommendationBadge recommendation={lot.recommendation} />
                    </td>
                    <td>{lot.summary[lang]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </>
  );
}
