import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Link } from '../../../components/ui/link';
import { Message } from '../../../components/ui/message';
import { formatDate } from '../../../lib/format';
import { useSession } from '../../../lib/session';
import { contractCapabilitiesOf } from '../api/contract-rights';
import { useProcurementContracts } from '../api/contracts-api';
import { describeContractError } from './contract-problems';
import { RecordContractDialog, type ProcurementForContracts } from './record-contract-dialog';

/**
 * "Avtal" on an awarded procurement's page (composed in by app/router.tsx): the contracts
 * recorded from it and, for those allowed, "Registrera avtal".
 */
export function ProcurementContractsSection({ procurement }: { procurement: ProcurementForContracts }) {
  const { t, i18n } = useTranslation();
  const me = useSession();
  const { canReadContracts, canManageContract } = contractCapabilitiesOf(me, procurement.unit.id);
  const isAwarded = procurement.status === 'awarded';
  const contracts = useProcurementContracts(procurement.id, isAwarded && canReadContracts);
  const [isOpen, setOpen] = useState(false);
  if (!isAwarded || !canReadContracts) return null;
  const items = contracts.data?.items ?? [];
  return (
    <section aria-labelledby="procurement-contracts-heading" className="section card">
      <h2 id="procurement-contracts-heading">{t('contracts.procurementSection.title')}</h2>
      {contracts.isError ? <Message tone="error">{describeContractError(contracts.error, t)}</Message> : null}
      {contracts.isPending ? <p role="status">{t('common.loading')}</p> : null}
      {contracts.data && items.length === 0 ? <p>{t('contracts.procurementSection.none')}</p> : null}
      {items.length > 0 ? (
        <ul className="plain-list">
          {items.map((c) => (
            <li key={c.id}>
              <Link href={`/contracts/${c.id}`}>{t('contracts.procurementSection.item', { reference: c.referenceNumber, supplier: c.supplier.name })}</Link>{' '}
              <span className="muted">{t('contracts.procurementSection.period', { from: formatDate(c.startsOn, i18n.language), to: formatDate(c.endsOn, i18n.language) })}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {canManageContract ? (
        <div className="button-row">
          <Button variant="primary" onPress={() => setOpen(true)}>
            {t('contracts.procurementSection.record')}
          </Button>
        </div>
      ) : null}
      {canManageContract && isOpen ? <RecordContractDialog procurement={procurement} isOpen={isOpen} onOpenChange={setOpen} /> : null}
    </section>
  );
}
