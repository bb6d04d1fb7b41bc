import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../../components/ui/date-field';
import { DialogForm, FormDialog } from '../../../components/ui/dialog-form';
import { RadioGroupField } from '../../../components/ui/radio-group-field';
import { SelectField } from '../../../components/ui/select-field';
import { useAnnounce } from '../../../lib/announcer';
import type { FieldErrors } from '../../../lib/problems';
import { useAddConsent, useContractOptions, useRevokeConsent, type ConsentCreate, type ParticipantView } from '../api/matching-api';
import { isIsoDate, swedishToday, useMatchingForm } from './matching-problems';

type Scope = ConsentCreate['scope'];
const SCOPES: readonly Scope[] = ['share_profile', 'interview'];
const ANY = 'any';

function AddConsentForm({ participantId, close }: { participantId: string; close: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const add = useAddConsent(participantId);
  const contracts = useContractOptions(true);
  const [scope, setScope] = useState<Scope | null>(null);
  const [supplier, setSupplier] = useState<string | null>(ANY);
  const [givenOn, setGivenOn] = useState(swedishToday());
  const form = useMatchingForm();
  // The suppliers the unit works with: those of the organisation's contracts, each once.
  const suppliers = [...new Map((contracts.data?.items ?? []).map((c) => [c.supplier.id, c.supplier.name])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'sv'));
  const label = (key: string) => t(`matching.consent.fields.${key}`);

  const submit = async () => {
    const errors: FieldErrors = {};
    if (scope === null) errors.scope = t('matching.form.errors.choose');
    if (supplier === null) errors.supplierId = t('matching.form.errors.choose');
    if (givenOn === '') errors.givenOn = t('matching.form.errors.required');
    else if (!isIsoDate(givenOn)) errors.givenOn = t('matching.form.errors.date');
    else if (givenOn > swedishToday()) errors.givenOn = t('matching.errors.in_future');
    if (!form.check(errors) || scope === null) return;
    if (!(await form.send(() => add.mutateAsync({ scope, supplierId: supplier === ANY ? null : supplier, givenOn })))) return;
    announce(t('matching.consent.recorded'));
    close();
  };
  return (
    <DialogForm form={form} onSubmit={submit} fieldLabel={label} fieldOrder={['scope', 'supplierId', 'givenOn']} submitLabel={t('matching.consent.submit')} isPending={add.isPending} onCancel={close}>
      <p className="muted">{t('matching.consent.hint')}</p>
      <RadioGroupField
        label={label('scope')}
        name="scope"
        options={SCOPES.map((s) => ({ id: s, label: t(`matching.scopes.${s}`), description: t(`matching.consent.scopeHints.${s}`) }))}
        value={scope}
        onChange={(v) => setScope(v as Scope)}
        isRequired
        errorMessage={form.errors.scope}
      />
      <SelectField
        label={label('supplierId')}
        name="supplierId"
        options={[{ id: ANY, label: t('matching.consent.anySupplier') }, ...suppliers.map(([id, name]) => ({ id, label: name }))]}
        value={supplier}
        onChange={setSupplier}
        description={t('matching.consent.supplierHint')}
        isRequired
        errorMessage={form.errors.supplierId}
      />
      <DateField label={label('givenOn')} name="givenOn" value={givenOn} onChange={setGivenOn} isRequired errorMessage={form.errors.givenOn} />
    </DialogForm>
  );
}

export function AddConsentDialog({ participantId, isOpen, onOpenChange }: { participantId: string; isOpen: boolean; onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <FormDialog title={t('matching.consent.title')} isOpen={isOpen} onOpenChange={onOpenChange}>
      {(close) => <AddConsentForm participantId={participantId} close={close} />}
    </FormDialog>
  );
}

type Consent = ParticipantView['consents'][number];

function RevokeConsentForm({ participantId, consent, description, close }: { participantId: string; consent: Consent; description: string; close: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const revoke = useRevokeConsent(participantId);
  const [revokedOn, setRevokedOn] = useState(swedishToday());
  const form = useMatchingForm();
  const submit = async () => {
    const errors: FieldErrors = {};
    if (revokedOn === '') errors.revokedOn = t('matching.form.errors.required');
    else if (!isIsoDate(revokedOn)) errors.revokedOn = t('matching.form.errors.date');
    else if (revokedOn < consent.givenOn) errors.revokedOn = t('matching.errors.before_given');
    if (!form.check(errors)) return;
    if (!(await form.send(() => revoke.mutateAsync({ consentId: consent.id, revokedOn })))) return;
    announce(t('matching.consent.revokedDone'));
    close();
  };
  return (
    <DialogForm form={form} onSubmit={submit} fieldLabel={(name) => t(`matching.consent.fields.${name}`)} submitLabel={t('matching.consent.revokeSubmit')} isPending={revoke.isPending} variant="danger" onCancel={close}>
      <p>{t('matching.consent.revokeHint', { consent: description })}</p>
      <DateField label={t('matching.consent.fields.revokedOn')} name="revokedOn" value={revokedOn} onChange={setRevokedOn} isRequired errorMessage={form.errors.revokedOn} />
    </DialogForm>
  );
}

export function RevokeConsentDialog({ participantId, consent, description, onClose }: { participantId: string; consent: Consent | null; description: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <FormDialog title={t('matching.consent.revokeTitle')} isOpen={consent !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      {(close) => (consent ? <RevokeConsentForm participantId={participantId} consent={consent} description={description} close={close} /> : null)}
    </FormDialog>
  );
}
