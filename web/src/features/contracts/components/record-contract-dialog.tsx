import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CheckboxGroupField } from '../../../components/ui/checkbox-group-field';
import { DateField } from '../../../components/ui/date-field';
import { DialogForm, FormDialog } from '../../../components/ui/dialog-form';
import { TextField } from '../../../components/ui/text-field';
import { useAnnounce } from '../../../lib/announcer';
import type { FieldErrors } from '../../../lib/problems';
import { useCreateContract, type ContractInput } from '../api/contracts-api';
import { useContractForm } from './contract-problems';
import { isIsoDate } from './placement-form-state';
import { todayIso } from './today';
import { normaliseOrganisationNumber } from '../../../../../src/domain/shared/organisation-number.js';

/** What the contracts section needs of a procurement (given by the procurement page). */
export interface ProcurementForContracts {
  id: string;
  title: string;
  status: string;
  contractStart: string | null;
  unit: { id: string };
  lots: ReadonlyArray<{ lotNumber: number; title: string }>;
}

interface State {
  lots: string[];
  organisationNumber: string;
  name: string;
  referenceNumber: string;
  signedOn: string;
  startsOn: string;
  endsOn: string;
}

const FIELDS = ['lotNumbers', 'supplier.organisationNumber', 'supplier.name', 'referenceNumber', 'signedOn', 'startsOn', 'endsOn'] as const;

/** The form as the API body, or every problem at once. */
export function toContractInput(procurement: ProcurementForContracts, s: State, t: (key: string) => string): { input: ContractInput | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const required = t('contracts.placementForm.errors.required');
  if (procurement.lots.length > 0 && s.lots.length === 0) errors.lotNumbers = t('contracts.recordForm.errors.lots');
  const orgNo = s.organisationNumber.replace(/\s/g, '');
  if (orgNo === '') errors['supplier.organisationNumber'] = required;
  else if (normaliseOrganisationNumber(orgNo, todayIso()) === null) errors['supplier.organisationNumber'] = t('contracts.recordForm.errors.organisationNumber');
  if (s.name.trim() === '') errors['supplier.name'] = required;
  if (s.referenceNumber.trim() === '') errors.referenceNumber = required;
  for (const key of ['signedOn', 'startsOn', 'endsOn'] as const) {
    if (s[key] === '') errors[key] = required;
    else if (!isIsoDate(s[key])) errors[key] = t('contracts.placementForm.errors.date');
  }
  if (!errors.startsOn && !errors.endsOn && s.endsOn < s.startsOn) errors.endsOn = t('contracts.recordForm.errors.endBeforeStart');
  if (Object.keys(errors).length > 0) return { input: null, errors };
  return {
    input: {
      procurementId: procurement.id,
      lotNumbers: procurement.lots.length === 0 ? null : s.lots.map(Number).sort((a, b) => a - b),
      supplier: { organisationNumber: orgNo, name: s.name.trim() },
      referenceNumber: s.referenceNumber.trim(),
      signedOn: s.signedOn,
      startsOn: s.startsOn,
      endsOn: s.endsOn,
    },
    errors,
  };
}

function RecordContractForm({ procurement, close }: { procurement: ProcurementForContracts; close: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const navigate = useNavigate();
  const create = useCreateContract();
  const [state, setState] = useState<State>({ lots: [], organisationNumber: '', name: '', referenceNumber: '', signedOn: '', startsOn: procurement.contractStart ?? '', endsOn: '' });
  const form = useContractForm();
  const errors = form.errors;
  const set = <K extends keyof State>(key: K, value: State[K]) => setState((s) => ({ ...s, [key]: value }));
  const label = (key: string) => t(`contracts.recordForm.fields.${key}`, { defaultValue: key });

  const submit = async () => {
    const { input, errors: clientErrors } = toContractInput(procurement, state, t);
    if (!form.check(clientErrors) || !input) return;
    await form.send(async () => {
      const created = await create.mutateAsync(input);
      announce(t('contracts.recordForm.created', { reference: input.referenceNumber }));
      close();
      void navigate(`/contracts/${created.id}`);
    });
  };

  return (
    <DialogForm form={form} onSubmit={submit} fieldLabel={label} fieldOrder={FIELDS} submitLabel={t('contracts.recordForm.submit')} isPending={create.isPending} onCancel={close} aria-describedby="record-contract-hint">
      <p id="record-contract-hint" className="muted">
        {t('form.requiredHint')} {t('contracts.recordForm.snapshotHint')}
      </p>
      {procurement.lots.length > 0 ? (
        <CheckboxGroupField
          label={label('lotNumbers')}
          name="lotNumbers"
          description={t('contracts.recordForm.hints.lots')}
          options={procurement.lots.map((lot) => ({ id: String(lot.lotNumber), label: t('contracts.recordForm.lotOption', { number: lot.lotNumber, title: lot.title }) }))}
          value={state.lots}
          onChange={(v) => set('lots', v)}
          isRequired
          errorMessage={errors.lotNumbers}
        />
      ) : null}
      <TextField label={label('supplier.organisationNumber')} name="supplier.organisationNumber" value={state.organisationNumber} onChange={(v) => set('organisationNumber', v)} description={t('contracts.recordForm.hints.organisationNumber')} isRequired errorMessage={errors['supplier.organisationNumber']} size="medium" maxLength={13} />
      <TextField label={label('supplier.name')} name="supplier.name" value={state.name} onChange={(v) => set('name', v)} isRequired errorMessage={errors['supplier.name']} maxLength={300} />
      <TextField label={label('referenceNumber')} name="referenceNumber" value={state.referenceNumber} onChange={(v) => set('referenceNumber', v)} isRequired errorMessage={errors.referenceNumber} size="medium" maxLength={64} />
      <DateField label={label('signedOn')} name="signedOn" value={state.signedOn} onChange={(v) => set('signedOn', v)} isRequired errorMessage={errors.signedOn} />
      <DateField label={label('startsOn')} name="startsOn" value={state.startsOn} onChange={(v) => set('startsOn', v)} isRequired errorMessage={errors.startsOn} />
      <DateField label={label('endsOn')} name="endsOn" value={state.endsOn} onChange={(v) => set('endsOn', v)} isRequired errorMessage={errors.endsOn} />
    </DialogForm>
  );
}

export function RecordContractDialog({ procurement, isOpen, onOpenChange }: { procurement: ProcurementForContracts; isOpen: boolean; onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <FormDialog title={t('contracts.recordForm.title', { title: procurement.title })} isOpen={isOpen} onOpenChange={onOpenChange} size="large">
      {(close) => <RecordContractForm procurement={procurement} close={close} />}
    </FormDialog>
  );
}
