import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../../components/ui/badge';
import type { Recommendation } from '../api/requirements-api';

const TONES: Record<Recommendation, BadgeTone> = { recommended: 'positive', not_recommended: 'neutral', needs_assessment: 'attention' };

/** The screening's recommendation as a badge with text. */
export function RecommendationBadge({ recommendation }: { recommendation: Recommendation }) {
  const { t } = useTranslation();
  return <Badge tone={TONES[recommendation]}>{t(`screening.recommendation.${recommendation}`)}</Badge>;
}

const OUTCOME_TONES = { pass: 'positive', fail: 'negative', unknown: 'attention' } as const;

/** A rule's outcome (pass, fail, unknown) as a badge with text. */
export function OutcomeBadge({ outcome }: { outcome: 'pass' | 'fail' | 'unknown' }) {
  const { t } = useTranslation();
  return <Badge tone={OUTCOME_TONES[outcome]}>{t(`screening.outcome.${outcome}`)}</Badge>;
}
