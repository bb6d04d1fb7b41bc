import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/ui/badge';
import type { ProcurementStatus, Recommendation } from '../api/procurements-api';
import '../../../components/ui/badge.css';

export function StatusBadge({ status }: { status: ProcurementStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge--${status}`}>{t(`status.${status}`)}</span>;
}

const SCREENING_TONES = { recommended: 'positive', not_recommended: 'neutral', needs_assessment: 'attention' } as const;

/** The current screening's recommendation in the register; "Ej screenad" when there is none. */
export function ScreeningBadge({ screening }: { screening: Recommendation | null }) {
  const { t } = useTranslation();
  return <Badge tone={screening ? SCREENING_TONES[screening] : 'neutral'}>{t(`register.screening.${screening ?? 'none'}`)}</Badge>;
}

/** The comply-or-explain decision in the register; "Inget beslut" when there is none. */
export function DecisionBadge({ decision }: { decision: 'apply' | 'none' | null }) {
  const { t } = useTranslation();
  return <Badge tone={decision === 'apply' ? 'positive' : decision === 'none' ? 'info' : 'attention'}>{t(`register.decision.${decision ?? 'undecided'}`)}</Badge>;
}
