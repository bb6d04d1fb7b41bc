import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Form } from 'react-aria-components';
import { ModalDialog } from '../../../components/ui/dialog';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { FormActions } from '../../../components/ui/form-actions';
import { Message } from '../../../components/ui/message';
import { SelectField } from '../../../components/ui/select-field';
import { useAnnounce } from '../../../lib/announcer';
import type { FieldErrors } from '../../../lib/problems';
import { labelOf } from '../../../lib/reference-data';
import { useConfirmTargetGroup, useTargetGroupOptions, type Placement } from '../api/contracts-api';
import { contractFieldErrorsOf, describeContractError } from './contract-problems';

/**
 * The labour-market unit confirms the target group of a placement the supplier recorded itself
 * without a verified judgment (decision 0604); until then it counts toward no commitment.
 */
export function ConfirmTargetGroupDialog({ contractId, placement, onClose }: { contractId: string; placement: Placement; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const groups = useTargetGroupOptions();
  const confirm = useConfirmTargetGroup(contractId);
  const [targetGroup, setTargetGroup] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitCount, setSubmitCount] = useState(0);
  const [generalError, setGeneralError] = useState<string | null>(null);
  const ref = placement.participantRef ?? '–';
  const label = t('contracts.placementForm.fields.targetGroup');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setGeneralError(null);
    const found: FieldErrors = targetGroup ? {} : { targetGroup: t('contracts.placementForm.errors.choose') };
    setErrors(found);
    setSubmitCount((n) => n + 1);
    if (!targetGroup) return;
    try {
      await confirm.mutateAsync({ placementId: placement.id, targetGroup });
      announce(t('contracts.placements.confirmed', { ref }));
      onClose();
    } catch (error) {
      const fields = contractFieldErrorsOf(error, t);
      setErrors(fields);
      setSubmitCount((n) => n + 1);
      if (Object.keys(fields).length === 0) setGeneralError(describeContractError(error, t));
    }
  };

  return (
    <ModalDialog
      title={t('contracts.placements.confirmTitle', { ref })}
      isOpen
      onOpenChange={(isOpen) => {
        if (!isOpen) onClose();
      }}
      isDismissable={false}
    >
      {(close) => (
        <Form onSubmit={(e) => void submit(e)} className="form" validationBehavior="aria">
          {generalError ? <Message tone="error">{generalError}</Message> : null}
          <ErrorSummary errors={Object.entries(errors).map(([name, message]) => ({ name, message, label }))} submitCount={submitCount} />
          <p className="muted">{t('contracts.placements.confirmHint')}</p>
          <SelectField
            label={label}
            name="targetGroup"
            value={targetGroup}
            onChange={setTargetGroup}
            options={(groups.data ?? []).filter((g) => g.active).map((g) => ({ id: g.code, label: labelOf(g.label, i18n.language) }))}
            placeholder={t('form.choose')}
            isRequired
            errorMessage={errors.targetGroup}
          />
          <FormActions submitLabel={t('contracts.placements.confirmSubmit')} isPending={confirm.isPending} onCancel={close} />
        </Form>
      )}
    </ModalDialog>
  );
}
