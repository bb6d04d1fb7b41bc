import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DialogForm, FormDialog } from '../../../components/ui/dialog-form';
import { SelectField } from '../../../components/ui/select-field';
import { useAnnounce } from '../../../lib/announcer';
import { labelOf } from '../../../lib/reference-data';
import { useConfirmTargetGroup, useTargetGroupOptions, type Placement } from '../api/contracts-api';
import { useContractForm } from './contract-problems';

/**
 * The labour-market unit confirms the target group of a placement the supplier recorded itself
 * without a verified judgment (decision 0604); until then it counts toward no commitment.
 */
export function ConfirmTargetGroupDialog({ contractId, placement, onClose }: { contractId: string; placement: Placement; onClose: () => void }) {
  const { t } = useTranslation();
  const ref = placement.participantRef ?? '–';
  return (
    <FormDialog
      title={t('contracts.placements.confirmTitle', { ref })}
      onOpenChange={(isOpen) => {
        if (!isOpen) onClose();
      }}
    >
      {(close) => <ConfirmTargetGroupForm contractId={contractId} placement={placement} close={close} onDone={onClose} />}
    </FormDialog>
  );
}

function ConfirmTargetGroupForm({ contractId, placement, close, onDone }: { contractId: string; placement: Placement; close: () => void; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const groups = useTargetGroupOptions();
  const confirm = useConfirmTargetGroup(contractId);
  const form = useContractForm();
  const [targetGroup, setTargetGroup] = useState<string | null>(null);
  const ref = placement.participantRef ?? '–';
  const label = t('contracts.placementForm.fields.targetGroup');

  const submit = async () => {
    if (!form.check(targetGroup ? {} : { targetGroup: t('contracts.placementForm.errors.choose') }) || !targetGroup) return;
    const sent = await form.send(() => confirm.mutateAsync({ placementId: placement.id, targetGroup }));
    if (!sent) return;
    announce(t('contracts.placements.confirmed', { ref }));
    onDone();
  };

  return (
    <DialogForm form={form} onSubmit={submit} fieldLabel={() => label} submitLabel={t('contracts.placements.confirmSubmit')} isPending={confirm.isPending} onCancel={close}>
      <p className="muted">{t('contracts.placements.confirmHint')}</p>
      <SelectField
        label={label}
        name="targetGroup"
        value={targetGroup}
        onChange={setTargetGroup}
        options={(groups.data ?? []).filter((g) => g.active).map((g) => ({ id: g.code, label: labelOf(g.label, i18n.language) }))}
        placeholder={t('form.choose')}
        isRequired
        errorMessage={form.errors.targetGroup}
      />
    </DialogForm>
  );
}
