import { useTranslation } from 'react-i18next';

/** A commitment's or contract's status in plain words. */
export function StatusText({ status }: { status: string | null }) {
  const { t } = useTranslation();
  return <>{t(`supplierPortal.status.${status ?? 'none'}`)}</>;
}
