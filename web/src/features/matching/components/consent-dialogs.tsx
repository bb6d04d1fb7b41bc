import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Form } from 'react-aria-components';
import { ModalDialog } from '../../../components/ui/dialog';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Message } from '../../../components/ui/message';
import { RadioGroupField } from '../../../components/ui/radio-group-field';
import { SelectField } from '../../../components/ui/select-field';
import { useAnnounce } from '../../../lib/announcer';
import type { FieldErrors } from '../../../lib/problems';
import { useAddConsent, useContractOptions, useRevokeConsent, type ConsentCreate, type ParticipantView } from '../api/matching-api';
import { DateField } from '../../../components/ui/date-field';
import { describeMatchingError, isIsoDate, matchingFieldErrorsOf, swedishToday } from './matching-problems';
import { FormActions } from '../../../components/ui/form-actions';

type Scope = ConsentCreate['scope'];
const SCOPES: readonly Scope[] = ['share_profile', 'interview'];
const ANY = 'any';

function useFormErrors() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [generalError, setGeneralError] = useState<string | null>(null);
  const [submitCount, setSubmitCount] = useState(0);
  return {
    errors,
    generalError,
    submitCount,
    show(next: FieldErrors, general: string | null = null) {
      setErrors(next);
      setGeneralError(general);
      setSubmitCount((n) => n + 1);
    },
  };
}

function AddConsentForm({ participantId, close }: { participantId: string; close: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const add = useAddConsent(participantId);
  const contracts = useContractOptions(true);
  const [scope, setScope] = useState<Scope | null>(null);
  const [supplier, setSupplier] = useState<string | null>(ANY);
  const [givenOn, setGivenOn] = useState(swedishToday());
  const form = useFormErrors();
  // The suppliers the unit works with: those of the organisation's contracts, each once.
  const suppliers = [...new Map((contracts.data?.items ?? []).map((c) => [c.supplier.id, c.supplier.name])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'sv'));
  const label = (key: string) => t(`matching.consent.fields.${key}`);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (scope === null) errors.scope = t('matching.form.errors.choose');
    if (supplier === null) errors.supplierId = t('matching.form.errors.choose');
    if (givenOn === '') errors.givenOn = t('matching.form.errors.required');
    else if (!isIsoDate(givenOn)) errors.givenOn = t('matching.form.errors.date');
    else if (givenOn > swedishToday()) errors.givenOn = t('matching.errors.in_future');
    form.show(errors);
    if (Object.keys(errors).length > 0 || scope === null) return;
    try {
      await add.mutateAsync({ scope, supplierId: supplier === ANY ? null : supplier, givenOn });
      announce(t('matching.consent.recorded'));
      close();
    } catch (error) {
      const fields = matchingFieldErrorsOf(error, t);
      form.show(fields, Object.keys(fields).length === 0 ? describeMatchingError(error, t) : null);
    }
  };
  const summary = ['scope', 'supplierId', 'givenOn'].filter((k) => form.errors[k]).map((k) => ({ name: k, message: form.errors[k]!, label: label(k) }));
  return (
    <Form onSubmit={(e) => void submit(e)} className="form" validationBehavior="aria">
      {form.generalError ? <Message tone="error">{form.generalError}</Message> : null}
      <ErrorSummary errors={summary} submitCount={form.submitCount} />
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
      <FormActions submitLabel={t('matching.consent.submit')} isPending={add.isPending} onCancel={close} />
    </Form>
  );
}

export function AddConsentDialog({ participantId, isOpen, onOpenChange }: { participantId: string; isOpen: boolean; onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <ModalDialog title={t('matching.consent.title')} isOpen={isOpen} onOpenChange={onOpenChange} isDismissable={false}>
      {(close) => <AddConsentForm participantId={participantId} close={close} />}
    </ModalDialog>
  );
}

type Consent = ParticipantView['consents'][number];

function RevokeConsentForm({ participantId, consent, description, close }: { participantId: string; consent: Consent; description: string; close: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const revoke = useRevokeConsent(participantId);
  const [revokedOn, setRevokedOn] = useState(swedishToday());
  const form = useFormErrors();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (revokedOn === '') errors.revokedOn = t('matching.form.errors.required');
    else if (!isIsoDate(revokedOn)) errors.revokedOn = t('matching.form.errors.date');
    else if (revokedOn < consent.givenOn) errors.revokedOn = t('matching.errors.before_given');
    form.show(errors);
    if (Object.keys(errors).length > 0) return;
    try {
      await revoke.mutateAsync({ consentId: consent.id, revokedOn });
      announce(t('matching.consent.revokedDone'));
      close();
    } catch (error) {
      const fields = matchingFieldErrorsOf(error, t);
      form.show(fields, Object.keys(fields).length === 0 ? describeMatchingError(error, t) : null);
    }
  };
  const summary = form.errors.revokedOn ? [{ name: 'revokedOn', message: form.errors.revokedOn, label: t('matching.consent.fields.revokedOn') }] : [];
  return (
    <Form onSubmit={(e) => void submit(e)} className="form" validationBehavior="aria">
      {form.generalError ? <Message tone="error">{form.generalError}</Message> : null}
      <ErrorSummary errors={summary} submitCount={form.submitCount} />
      <p>{t('matching.consent.revokeHint', { consent: description })}</p>
      <DateField label={t('matching.consent.fields.revokedOn')} name="revokedOn" value={revokedOn} onChange={setRevokedOn} isRequired errorMessage={form.errors.revokedOn} />
      <FormActions submitLabel={t('matching.consent.revokeSubmit')} isPending={revoke.isPending} variant="danger" onCancel={close} />
    </Form>
  );
}

export function RevokeConsentDialog({ participantId, consent, description, onClose }: { participantId: string; consent: Consent | null; description: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <ModalDialog title={t('matching.consent.revokeTitle')} isOpen={consent !== null} onOpenChange={(open) => (open ? undefined : onClose())} isDismissable={false}>
      {(close) => (consent ? <RevokeConsentForm participantId={participantId} consent={consent} description={description} close={close} /> : null)}
    </ModalDialog>
  );
}
