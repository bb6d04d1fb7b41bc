import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../../components/ui/badge';
import type { CommitmentStatus } from '../api/contracts-api';

const TONES: Record<CommitmentStatus, BadgeTone> = {
  not_started: 'neutral',
  on_track: 'info',
  at_risk: 'attention',
  fulfilled: 'positive',
  shortfall: 'negative',
};

/** A commitment's fulfilment status as text (never colour alone). */
export function CommitmentStatusBadge({ status }: { status: CommitmentStatus }) {
  const { t } = useTranslation();
  return <Badge tone={TONES[status] ?? 'neutral'}>{t(`contracts.commitmentStatus.${status}`, { defaultValue: status })}</Badge>;
}

const CONTRACT_TONES: Record<string, BadgeTone> = { upcoming: 'neutral', active: 'info', ended: 'neutral', terminated: 'negative' };

/** A contract's own state (upcoming, active, ended …). */
export function ContractStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Badge tone={CONTRACT_TONES[status] ?? 'neutral'}>{t(`contracts.status.${status}`, { defaultValue: status })}</Badge>;
}
