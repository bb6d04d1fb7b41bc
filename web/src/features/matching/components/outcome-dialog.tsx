import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../../components/ui/date-field';
import { DialogForm, FormDialog } from '../../../components/ui/dialog-form';
import { Message } from '../../../components/ui/message';
import { RadioGroupField } from '../../../components/ui/radio-group-field';
import { SelectField } from '../../../components/ui/select-field';
import { TextField } from '../../../components/ui/text-field';
import { useAnnounce } from '../../../lib/announcer';
import type { FieldErrors } from '../../../lib/problems';
import { labelOf } from '../../../lib/reference-data';
import { useContractDetail, useRecordOutcome, useTargetGroups, type NeedView, type ProposalOutcome, type ProposalView } from '../api/matching-api';
import { isIsoDate, swedishToday, useMatchingForm, wholeNumber } from './matching-problems';

type Outcome = ProposalOutcome['outcome'];
type Reason = NonNullable<ProposalOutcome['notHiredReason']>;

/** The steps a proposal may take next (the server's transition table, matching-service NEXT). */
export const NEXT_OUTCOMES: Record<string, readonly Outcome[]> = {
  proposed: ['interview', 'offer', 'hired', 'not_hired', 'withdrawn'],
  interview: ['offer', 'hired', 'not_hired', 'withdrawn'],
  offer: ['hired', 'not_hired', 'withdrawn'],
};
const REASONS: readonly Reason[] = ['supplier_chose_other', 'participant_declined', 'requirements_not_met', 'no_show', 'need_cancelled', 'other'];
/** The employment forms a placement takes (as in the contract's placement form). */
const EMPLOYMENT_FORMS = ['las_employment', 'apprenticeship', 'traineeship'] as const;
const ORDER = ['outcome', 'on', 'notHiredReason', 'placement', 'placement.commitmentId', 'placement.targetGroup', 'placement.startedOn', 'placement.employmentForm', 'placement.extentPercent', 'placement.plannedEndOn'];

/** The contracts feature answers a placement's problems by its own field names; they belong to the placement part here. */
const renameServerField = (key: string): string => (key === 'offeredOn' ? 'on' : ['commitmentId', 'targetGroup', 'startedOn', 'employmentForm', 'extentPercent', 'plannedEndOn'].includes(key) ? `placement.${key}` : key);

function OutcomeForm({ need, proposal, close, onHired }: { need: NeedView; proposal: ProposalView; close: () => void; onHired: () => void }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const record = useRecordOutcome(need.id);
  const contract = useContractDetail(need.contractId);
  const groups = useTargetGroups();
  const next = NEXT_OUTCOMES[proposal.status] ?? [];
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [on, setOn] = useState(swedishToday());
  const [reason, setReason] = useState<Reason | null>(null);
  const [commitmentId, setCommitmentId] = useState<string | null>(need.commitmentId);
  const [targetGroup, setTargetGroup] = useState<string | null>(null);
  const [startedOn, setStartedOn] = useState('');
  const [employmentForm, setEmploymentForm] = useState<string | null>('las_employment');
  const [extent, setExtent] = useState(String(need.extentPercent));
  const [plannedEndOn, setPlannedEndOn] = useState('');
  const form = useMatchingForm(renameServerField);
  const errors = form.errors;
  const lang = i18n.language;
  const label = (key: string) => t(`matching.outcome.fields.${key.replace('placement.', '')}`, { defaultValue: key });
  // The commitment's target groups first: those are the ones the hire counts towards.
  const groupCodes = [...need.targetGroups, ...(groups.data ?? []).filter((g) => g.active && !need.targetGroups.includes(g.code)).map((g) => g.code)];
  const groupLabel = (code: string) => {
    const g = groups.data?.find((x) => x.code === code);
    return g ? labelOf(g.label, lang) : t(`matching.targetGroups.${code}`, { defaultValue: code });
  };

  const submit = async () => {
    if (record.isPending) return;
    const e: FieldErrors = {};
    const required = t('matching.form.errors.required');
    const choose = t('matching.form.errors.choose');
    const dateError = t('matching.form.errors.date');
    if (outcome === null) e.outcome = choose;
    if (on === '') e.on = required;
    else if (!isIsoDate(on)) e.on = dateError;
    else if (on < proposal.proposedOn) e.on = t('matching.errors.before_proposal');
    if (outcome === 'not_hired' && reason === null) e.notHiredReason = choose;
    const extentValue = wholeNumber(extent, 1, 100);
    if (outcome === 'hired') {
      if (commitmentId === null) e['placement.commitmentId'] = choose;
      if (targetGroup === null) e['placement.targetGroup'] = choose;
      if (startedOn === '') e['placement.startedOn'] = required;
      else if (!isIsoDate(startedOn)) e['placement.startedOn'] = dateError;
      else if (!e.on && startedOn < on) e['placement.startedOn'] = t('matching.outcome.errors.startBeforeOffer');
      if (employmentForm === null) e['placement.employmentForm'] = choose;
      if (extentValue === null) e['placement.extentPercent'] = t('matching.form.errors.extent');
      if (plannedEndOn !== '' && !isIsoDate(plannedEndOn)) e['placement.plannedEndOn'] = dateError;
      else if (plannedEndOn !== '' && startedOn !== '' && plannedEndOn < startedOn) e['placement.plannedEndOn'] = t('matching.outcome.errors.endBeforeStart');
    }
    if (!form.check(e) || outcome === null) return;
    const body: ProposalOutcome = {
      outcome,
      on,
      ...(outcome === 'not_hired' && reason ? { notHiredReason: reason } : {}),
      ...(outcome === 'hired'
        ? { placement: { commitmentId: commitmentId!, targetGroup: targetGroup!, startedOn, employmentForm: employmentForm!, extentPercent: extentValue!, ...(plannedEndOn ? { plannedEndOn } : {}) } }
        : {}),
    };
    if (!(await form.send(() => record.mutateAsync({ proposalId: proposal.id, body })))) return;
    announce(t(`matching.outcome.recorded.${outcome}`, { reference: proposal.reference }));
    if (outcome === 'hired') onHired();
    close();
  };

  return (
    <DialogForm form={form} onSubmit={submit} fieldLabel={label} fieldOrder={ORDER} submitLabel={t('matching.outcome.submit')} isPending={record.isPending} onCancel={close}>
      <RadioGroupField label={label('outcome')} name="outcome" options={next.map((o) => ({ id: o, label: t(`matching.outcome.options.${o}`) }))} value={outcome} onChange={(v) => setOutcome(v as Outcome)} isRequired errorMessage={errors.outcome} />
      <DateField label={label('on')} name="on" value={on} onChange={setOn} isRequired errorMessage={errors.on} />
      {outcome === 'not_hired' ? (
        <SelectField label={label('notHiredReason')} name="notHiredReason" options={REASONS.map((r) => ({ id: r, label: t(`matching.outcome.reasons.${r}`) }))} value={reason} onChange={(v) => setReason(v as Reason)} placeholder={t('form.choose')} isRequired errorMessage={errors.notHiredReason} />
      ) : null}
      {outcome === 'hired' ? (
        <fieldset className="fieldset">
          <legend>{t('matching.outcome.placementLegend')}</legend>
          <p className="muted">{t('matching.outcome.placementHint', { reference: proposal.reference })}</p>
          {errors.placement ? <Message tone="error">{errors.placement}</Message> : null}
          <SelectField
            label={label('commitmentId')}
            name="placement.commitmentId"
            options={(contract.data?.commitments ?? []).filter((c) => c.takesPlacements).map((c) => ({ id: c.id, label: labelOf(c.title, lang) }))}
            value={commitmentId}
            onChange={setCommitmentId}
            placeholder={contract.isPending ? t('common.loading') : t('form.choose')}
            isRequired
            errorMessage={errors['placement.commitmentId']}
          />
          <SelectField label={label('targetGroup')} name="placement.targetGroup" options={groupCodes.map((c) => ({ id: c, label: groupLabel(c) }))} value={targetGroup} onChange={setTargetGroup} placeholder={t('form.choose')} description={t('matching.outcome.targetGroupHint')} isRequired errorMessage={errors['placement.targetGroup']} />
          <DateField label={label('startedOn')} name="placement.startedOn" value={startedOn} onChange={setStartedOn} isRequired errorMessage={errors['placement.startedOn']} />
          <SelectField label={label('employmentForm')} name="placement.employmentForm" options={EMPLOYMENT_FORMS.map((f) => ({ id: f, label: t(`contracts.employmentForm.${f}`) }))} value={employmentForm} onChange={setEmploymentForm} isRequired errorMessage={errors['placement.employmentForm']} />
          <TextField label={label('extentPercent')} name="placement.extentPercent" value={extent} onChange={setExtent} inputMode="numeric" size="short" isRequired maxLength={3} errorMessage={errors['placement.extentPercent']} />
          <DateField label={label('plannedEndOn')} name="placement.plannedEndOn" value={plannedEndOn} onChange={setPlannedEndOn} errorMessage={errors['placement.plannedEndOn']} />
        </fieldset>
      ) : null}
    </DialogForm>
  );
}

/** Records what came of a proposal; a hire records the placement on the need's contract. */
export function OutcomeDialog({ need, proposal, onClose, onHired }: { need: NeedView; proposal: ProposalView | null; onClose: () => void; onHired: () => void }) {
  const { t } = useTranslation();
  return (
    <FormDialog title={t('matching.outcome.title', { reference: proposal?.reference ?? '' })} isOpen={proposal !== null} onOpenChange={(open) => (open ? undefined : onClose())} size="large">
      {(close) => (proposal ? <OutcomeForm need={need} proposal={proposal} close={close} onHired={onHired} /> : null)}
    </FormDialog>
  );
}
