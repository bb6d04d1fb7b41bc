import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Form } from 'react-aria-components';
import { ModalDialog } from '../../../components/ui/dialog';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { FormActions } from '../../../components/ui/form-actions';
import { Message } from '../../../components/ui/message';
import { SelectField } from '../../../components/ui/select-field';
import { TextField } from '../../../components/ui/text-field';
import { useAnnounce } from '../../../lib/announcer';
import { formatDate } from '../../../lib/format';
import type { FieldErrors } from '../../../lib/problems';
import { usePlacementOutcomes, useRecordPlacementOutcome, type AfterEndStatus, type Placement } from '../api/contracts-api';
import { contractFieldErrorsOf, describeContractError } from './contract-problems';

const STATUSES: readonly AfterEndStatus[] = ['employed_by_supplier', 'employed_elsewhere', 'not_employed', 'unknown'];

/**
 * What became of the person after an ended placement: still employed N months after the end, by
 * the supplier or elsewhere, not employed, or unknown. The results count it as "still employed
 * after the placement ended, where known" (docs/results.md).
 */
export function PlacementOutcomeDialog({ contractId, placement, onClose }: { contractId: string; placement: Placement; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const announce = useAnnounce();
  const outcomes = usePlacementOutcomes(contractId, placement.id);
  const record = useRecordPlacementOutcome(contractId, placement.id);
  const [months, setMonths] = useState('6');
  const [status, setStatus] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitCount, setSubmitCount] = useState(0);
  const [generalError, setGeneralError] = useState<string | null>(null);
  const ref = placement.participantRef ?? '–';
  const label = (field: string) => t(`contracts.outcomes.fields.${field}`);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setGeneralError(null);
    const found: FieldErrors = {};
    const monthsAfterEnd = Number(months);
    if (!/^\d{1,2}$/.test(months.trim()) || monthsAfterEnd < 1 || monthsAfterEnd > 60) found.monthsAfterEnd = t('contracts.outcomes.errors.months');
    if (!status) found.status = t('contracts.placementForm.errors.choose');
    setErrors(found);
    setSubmitCount((n) => n + 1);
    if (Object.keys(found).length > 0) return;
    try {
      await record.mutateAsync({ monthsAfterEnd, status: status as AfterEndStatus });
      announce(t('contracts.outcomes.saved', { ref, months: monthsAfterEnd }));
      onClose();
    } catch (error) {
      const fields = contractFieldErrorsOf(error, t);
      setErrors(fields);
      setSubmitCount((n) => n + 1);
      if (Object.keys(fields).length === 0) setGeneralError(describeContractError(error, t));
    }
  };

  const recorded = outcomes.data?.items ?? [];
  return (
    <ModalDialog
      title={t('contracts.outcomes.title', { ref })}
      isOpen
      onOpenChange={(isOpen) => {
        if (!isOpen) onClose();
      }}
      isDismissable={false}
    >
      {(close) => (
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
          <Form onSubmit={(e) => void submit(e)} className="form" validationBehavior="aria">
            {generalError ? <Message tone="error">{generalError}</Message> : null}
            <ErrorSummary errors={Object.entries(errors).map(([name, message]) => ({ name, message, label: label(name) }))} submitCount={submitCount} />
            <p className="muted">{t('contracts.outcomes.hint')}</p>
            <TextField label={label('monthsAfterEnd')} name="monthsAfterEnd" value={months} onChange={setMonths} inputMode="numeric" size="short" isRequired errorMessage={errors.monthsAfterEnd} />
            <SelectField
              label={label('status')}
              name="status"
              value={status}
              onChange={setStatus}
              options={STATUSES.map((s) => ({ id: s, label: t(`contracts.outcomes.statuses.${s}`) }))}
              placeholder={t('form.choose')}
              isRequired
              errorMessage={errors.status}
            />
            <FormActions submitLabel={t('contracts.outcomes.submit')} isPending={record.isPending} onCancel={close} />
          </Form>
        </>
      )}
    </ModalDialog>
  );
}
