import { useTranslation } from 'react-i18next';
import { Label, ProgressBar } from 'react-aria-components';
import { formatDate, formatNumber, formatSek } from '../../../lib/format';
import { labelOf } from '../../../lib/reference-data';
import type { Commitment, CommitmentFulfilment, TargetGroupView } from '../api/contracts-api';
import { CommitmentStatusBadge } from './contract-badges';

/** Parameters shown for a commitment, in this order; others are shown after them as they are. */
const KNOWN_PARAMETERS = [
  'positions',
  'employment_months',
  'full_time_months_total',
  'first_hire_within_months',
  'completion_percent',
  'employment_form',
  'target_groups',
  'reporting_interval_months',
  'correction_days',
  'penalty_ore',
] as const;

function ParameterValue({ name, value, targetGroups }: { name: string; value: unknown; targetGroups: readonly TargetGroupView[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (value === null || value === undefined) return <>–</>;
  if (name.endsWith('_ore') && typeof value === 'number') return <>{formatSek(value)}</>;
  if (name.endsWith('_percent') && typeof value === 'number') return <>{formatNumber(value, lang)} %</>;
  if (name.endsWith('_months') && typeof value === 'number') return <>{t('common.months', { count: value })}</>;
  if (name.endsWith('_days') && typeof value === 'number') return <>{t('contracts.days', { count: value })}</>;
  if (name === 'employment_form' && typeof value === 'string') return <>{t(`contracts.employmentForm.${value}`, { defaultValue: value })}</>;
  if (name === 'target_groups' && Array.isArray(value)) {
    return <>{value.map((code) => labelOf(targetGroups.find((g) => g.code === code)?.label, lang) || String(code)).join(', ')}</>;
  }
  if (typeof value === 'number') return <>{formatNumber(value, lang)}</>;
  if (typeof value === 'string') return <>{value}</>;
  if (typeof value === 'object' && value !== null && 'sv' in value && 'en' in value) return <>{labelOf(value as { sv: string; en: string }, lang)}</>;
  return <>{JSON.stringify(value)}</>;
}

/** Full-time months with two decimals, as the API gives them. */
export const formatMonths = (value: number, language: string): string =>
  new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);

export interface CommitmentCardProps {
  commitment: Commitment;
  title: string;
  fulfilment: CommitmentFulfilment | undefined;
  targetGroups: readonly TargetGroupView[];
  headingId: string;
}

/**
 * One commitment: what was agreed (frozen at signing) and how far it is fulfilled, as text and
 * as a progressbar with its value (positions fulfilled of those agreed).
 */
export function CommitmentCard({ commitment, title, fulfilment, targetGroups, headingId }: CommitmentCardProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const params = commitment.parameters;
  const names = [...KNOWN_PARAMETERS.filter((k) => k in params), ...Object.keys(params).filter((k) => !(KNOWN_PARAMETERS as readonly string[]).includes(k))];
  return (
    <section className="card section commitment" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      {fulfilment ? (
        <>
          <p className="commitment__status">
            {t('contracts.commitment.statusLabel')} <CommitmentStatusBadge status={fulfilment.status} />
          </p>
          <ProgressBar
            className="meter"
            value={fulfilment.positionsFulfilled}
            minValue={0}
            maxValue={Math.max(1, fulfilment.positionsRequired)}
            valueLabel={t('contracts.commitment.progressValue', { fulfilled: fulfilment.positionsFulfilled, required: fulfilment.positionsRequired })}
          >
            {({ percentage, valueText }) => (
              <>
                <Label className="field__label">{t('contracts.commitment.progressLabel')}</Label>
                <span>{valueText}</span>
                <div className="meter__track" aria-hidden="true">
                  <div className="meter__fill" style={{ width: `${Math.min(100, percentage ?? 0)}%` }} />
                </div>
              </>
            )}
          </ProgressBar>
          {fulfilment.fullTimeMonthsRequired > 0 ? (
            <p>{t('contracts.commitment.monthsServed', { served: formatMonths(fulfilment.fullTimeMonthsServed, lang), required: formatMonths(fulfilment.fullTimeMonthsRequired, lang) })}</p>
          ) : null}
          <dl className="details">
            <div className="details__item">
              <dt>{t('contracts.commitment.firstHireDeadline')}</dt>
              <dd>
                {formatDate(fulfilment.firstHireDeadline, lang)}
                {fulfilment.firstHireDeadline && fulfilment.firstHireMet !== null ? ` – ${fulfilment.firstHireMet ? t('contracts.commitment.firstHireMet') : t('contracts.commitment.firstHireNotMet')}` : ''}
              </dd>
            </div>
            <div className="details__item">
              <dt>{t('contracts.commitment.penaltyDue')}</dt>
              <dd>{fulfilment.penaltyDueOre > 0 ? formatSek(fulfilment.penaltyDueOre) : t('contracts.commitment.noPenalty')}</dd>
            </div>
          </dl>
        </>
      ) : (
        <p className="muted">{t('contracts.commitment.noFulfilment')}</p>
      )}
      {names.length > 0 ? (
        <>
          <h4>{t('contracts.commitment.agreed')}</h4>
          <dl className="details">
            {names.map((name) => (
              <div className="details__item" key={name}>
                <dt>{t(`contracts.parameters.${name}`, { defaultValue: name })}</dt>
                <dd>
                  <ParameterValue name={name} value={params[name]} targetGroups={targetGroups} />
                </dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
    </section>
  );
}
