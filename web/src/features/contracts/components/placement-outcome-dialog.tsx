import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DialogForm, FormDialog } from '../../../components/ui/dialog-form';
import { SelectField } from '../../../components/ui/select-field';
import { TextField } from '../../../components/ui/text-field';
import { useAnnounce } from '../../../lib/announcer';
import { formatDate } from '../../../lib/format';
import type { FieldErrors } from '../../../lib/problems';
import { usePlacementOutcomes, useRecordPlacementOutcome, type AfterEndStatus, type Placement } from '../api/contracts-api';
import { useContractForm } from './contract-problems';

const STATUSES: readonly AfterEndStatus[] = ['employed_by_supplier', 'employed_elsewhere', 'not_employed', 'unknown'];

/**
 * What became of the person after an ended placement: still employed N months after the end, by
 * the supplier or elsewhere, not employed, or unknown. The results count it as "still employed
 * after the placement ended, where known" (docs/results.md).
 */
export function PlacementOutcomeDialog({ contractId, placement, onClose }: { contractId: string; placement: Placement; onClose: () => void }) {
  const { t } = useTranslation();
  const ref = placement.participantRef ?? '–';
  return (
    <FormDialog
      title={t('contracts.outcomes.title', { ref })}
      onOpenChange={(isOpen) => {
        if (!isOpen) onClose();
      }}
    >
      {(close) => <PlacementOutcomeForm contractId={contractId} placement={placement} close={close} onDone={onClose} />}
    </FormDialog>
  );
}

function PlacementOutcomeForm({ contractId, placement, close, onDone }: { contractId: string; placement: Placement; close: () => void; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const announce = useAnnounce();
  const outcomes = usePlacementOutcomes(contractId, placement.id);
  const record = useRecordPlacementOutcome(contractId, placement.id);
  const form = useContractForm();
  const [months, setMonths] = useState('6');
  const [status, setStatus] = useState<string | null>(null);
  const ref = placement.participantRef ?? '–';
  const label = (field: string) => t(`contracts.outcomes.fields.${field}`);

  const submit = async () => {
    const found: FieldErrors = {};
    const monthsAfterEnd = Number(months);
    if (!/^\d{1,2}$/.test(months.trim()) || monthsAfterEnd < 1 || monthsAfterEnd > 60) found.monthsAfterEnd = t('contracts.outcomes.errors.months');
    if (!status) found.status = t('contracts.placementForm.errors.choose');
    if (!form.check(found)) return;
    const sent = await form.send(() => record.mutateAsync({ monthsAfterEnd, status: status as AfterEndStatus }));
    if (!sent) return;
    announce(t('contracts.outcomes.saved', { ref, months: monthsAfterEnd }));
    onDone();
  };

  const recorded = outcomes.data?.items ?? [];
  return (
    <>
      <h3>{t('contracts.outcomes.recorded')}</h3>
      {recorded.length === 0 ? (
        <p>{outcomes.isPending ? t('common.loading') : t('contracts.outcomes.none')}</p>
      ) : (
        <ul>
          {recorded.map((o) => (
            <li key={o.monthsAfterEnd}>
              {t('contracts.outcomes.line', { months: o.monthsAfterEnd, status: t(`contracts.outcomes.statuses.${o.status}`), date: formatDate(o.recordedOn, lang) })}
            </li>
          ))}
        </ul>
      )}
      <DialogForm form={form} onSubmit={submit} fieldLabel={label} submitLabel={t('contracts.outcomes.submit')} isPending={record.isPending} onCancel={close}>
        <p className="muted">{t('contracts.outcomes.hint')}</p>
        <TextField label={label('monthsAfterEnd')} name="monthsAfterEnd" value={months} onChange={setMonths} inputMode="numeric" size="short" isRequired errorMessage={form.errors.monthsAfterEnd} />
        <SelectField
          label={label('status')}
          name="status"
          value={status}
          onChange={setStatus}
          options={STATUSES.map((s) => ({ id: s, label: t(`contracts.outcomes.statuses.${s}`) }))}
          placeholder={t('form.choose')}
          isRequired
          errorMessage={form.errors.status}
        />
      </DialogForm>
    </>
  );
}
