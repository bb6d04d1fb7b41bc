import { useTranslation } from 'react-i18next';
import type { ProcurementStatus } from '../api/procurements-api';

export function StatusBadge({ status }: { status: ProcurementStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge--${status}`}>{t(`status.${status}`)}</span>;
}
