import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../../components/ui/date-field';
import { DialogForm, FormDialog } from '../../../components/ui/dialog-form';
import { SelectField } from '../../../components/ui/select-field';
import { TextField } from '../../../components/ui/text-field';
import { useAnnounce } from '../../../lib/announcer';
import { labelOf } from '../../../lib/reference-data';
import { useAddPlacement, useTargetGroupOptions, useUpdatePlacement, type Commitment, type Placement, type PlacementInput } from '../api/contracts-api';
import { useContractForm } from './contract-problems';
import { EMPLOYMENT_FORMS, END_REASONS, WAGE_SUBSIDIES, emptyPlacementState, placementStateOf, toPlacementInput, type PlacementFormMode, type PlacementFormState } from './placement-form-state';

export interface PlacementDialogProps {
  contractId: string;
  commitments: readonly Commitment[];
  commitmentLabel: (commitment: Commitment) => string;
  /** The placement to change or end; none for a new one. */
  placement: Placement | null;
  mode: PlacementFormMode;
  isOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
}

const FIELD_ORDER: ReadonlyArray<string> = ['commitmentId', 'participantRef', 'targetGroup', 'offeredOn', 'startedOn', 'plannedEndOn', 'endedOn', 'endReason', 'extentPercent', 'employmentForm', 'ssykCode', 'wageSubsidy'];

/** Only what changed, for PATCH (the server keeps the rest). */
function changesOf(before: PlacementInput, after: PlacementInput): Partial<PlacementInput> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) if ((before as unknown as Record<string, unknown>)[key] !== value) out[key] = value;
  return out as Partial<PlacementInput>;
}

function PlacementForm({ contractId, commitments, commitmentLabel, placement, mode, close }: Omit<PlacementDialogProps, 'isOpen' | 'onOpenChange'> & { close: () => void }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const add = useAddPlacement(contractId);
  const update = useUpdatePlacement(contractId);
  const targetGroups = useTargetGroupOptions();
  const initial = placement ? placementStateOf(placement) : emptyPlacementState({ commitmentId: commitments.length === 1 ? (commitments[0]?.id ?? null) : null });
  const [state, setState] = useState<PlacementFormState>(initial);
  const form = useContractForm({ announceErrors: true });
  const errors = form.errors;
  const isPending = add.isPending || update.isPending;
  const set = <K extends keyof PlacementFormState>(key: K, value: PlacementFormState[K]) => setState((s) => ({ ...s, [key]: value }));
  const label = (key: string) => t(`contracts.placementForm.fields.${key}`, { defaultValue: key });

  const submit = async () => {
    const { input, errors: clientErrors } = toPlacementInput(state, mode, t);
    if (!form.check(clientErrors) || !input) return;
    await form.send(async () => {
      if (placement) {
        const before = toPlacementInput(initial, 'add', t).input;
        const { commitmentId: _commitment, ...changes } = before ? changesOf(before, input) : input;
        await update.mutateAsync({ placementId: placement.id, changes: { ...changes, version: placement.version } });
        announce(mode === 'end' ? t('contracts.placementForm.ended', { ref: input.participantRef }) : t('contracts.placementForm.saved', { ref: input.participantRef }));
      } else {
        await add.mutateAsync(input);
        announce(t('contracts.placementForm.added', { ref: input.participantRef }));
      }
      close();
    });
  };

  const isEnding = mode === 'end';
  const showEnd = mode !== 'add' || state.endedOn !== '' || state.endReason !== null;

  return (
    <DialogForm form={form} onSubmit={submit} fieldLabel={label} fieldOrder={FIELD_ORDER} submitLabel={t(`contracts.placementForm.submit.${mode}`)} isPending={isPending} onCancel={close} aria-describedby="placement-required-hint">
      <p id="placement-required-hint" className="muted">
        {t('form.requiredHint')} {t('contracts.placementForm.privacyHint')}
      </p>
      {isEnding ? null : (
        <>
          <SelectField
            label={label('commitmentId')}
            name="commitmentId"
            value={state.commitmentId}
            onChange={(v) => set('commitmentId', v)}
            options={commitments.map((c) => ({ id: c.id, label: commitmentLabel(c) }))}
            placeholder={t('form.choose')}
            isRequired
            isDisabled={placement !== null}
            errorMessage={errors.commitmentId}
          />
          <TextField label={label('participantRef')} name="participantRef" value={state.participantRef} onChange={(v) => set('participantRef', v)} description={t('contracts.placementForm.hints.participantRef')} isRequired errorMessage={errors.participantRef} size="medium" maxLength={64} />
          <SelectField
            label={label('targetGroup')}
            name="targetGroup"
            value={state.targetGroup}
            onChange={(v) => set('targetGroup', v)}
            options={(targetGroups.data ?? []).filter((g) => g.active || g.code === state.targetGroup).map((g) => ({ id: g.code, label: labelOf(g.label, i18n.language) }))}
            placeholder={t('form.choose')}
            description={t('contracts.placementForm.hints.targetGroup')}
            isRequired
            errorMessage={errors.targetGroup}
          />
          <DateField label={label('offeredOn')} name="offeredOn" value={state.offeredOn} onChange={(v) => set('offeredOn', v)} description={t('contracts.placementForm.hints.offeredOn')} errorMessage={errors.offeredOn} />
          <DateField label={label('startedOn')} name="startedOn" value={state.startedOn} onChange={(v) => set('startedOn', v)} isRequired errorMessage={errors.startedOn} />
          <DateField label={label('plannedEndOn')} name="plannedEndOn" value={state.plannedEndOn} onChange={(v) => set('plannedEndOn', v)} errorMessage={errors.plannedEndOn} />
          <TextField label={label('extentPercent')} name="extentPercent" value={state.extentPercent} onChange={(v) => set('extentPercent', v)} inputMode="numeric" description={t('contracts.placementForm.hints.extentPercent')} isRequired errorMessage={errors.extentPercent} size="short" />
          <SelectField
            label={label('employmentForm')}
            name="employmentForm"
            value={state.employmentForm}
            onChange={(v) => set('employmentForm', v)}
            options={EMPLOYMENT_FORMS.map((f) => ({ id: f, label: t(`contracts.employmentForm.${f}`) }))}
            isRequired
            errorMessage={errors.employmentForm}
          />
          <SelectField
            label={label('wageSubsidy')}
            name="wageSubsidy"
            value={state.wageSubsidy}
            onChange={(v) => set('wageSubsidy', v ?? 'none')}
            options={WAGE_SUBSIDIES.map((w) => ({ id: w, label: t(`contracts.wageSubsidy.${w}`) }))}
            description={t('contracts.placementForm.hints.wageSubsidy')}
            errorMessage={errors.wageSubsidy}
          />
          <TextField label={label('ssykCode')} name="ssykCode" value={state.ssykCode} onChange={(v) => set('ssykCode', v)} inputMode="numeric" description={t('contracts.placementForm.hints.ssykCode')} errorMessage={errors.ssykCode} size="short" maxLength={4} />
        </>
      )}
      {showEnd ? (
        <fieldset className="fieldset">
          <legend>{t('contracts.placementForm.endLegend')}</legend>
          <DateField label={label('endedOn')} name="endedOn" value={state.endedOn} onChange={(v) => set('endedOn', v)} isRequired={isEnding} errorMessage={errors.endedOn} />
          <SelectField
            label={label('endReason')}
            name="endReason"
            value={state.endReason}
            onChange={(v) => set('endReason', v)}
            options={END_REASONS.map((r) => ({ id: r, label: t(`contracts.endReason.${r}`) }))}
            placeholder={t('form.choose')}
            description={t('contracts.placementForm.hints.endReason')}
            isRequired={isEnding}
            errorMessage={errors.endReason}
          />
        </fieldset>
      ) : null}
    </DialogForm>
  );
}

/** Add, change or end a placement (one hire under a commitment) in a modal dialog. */
export function PlacementDialog(props: PlacementDialogProps) {
  const { t } = useTranslation();
  const { isOpen, onOpenChange, mode, placement } = props;
  const title = mode === 'add' ? t('contracts.placementForm.addTitle') : t(`contracts.placementForm.${mode}Title`, { ref: placement?.participantRef ?? '' });
  return (
    <FormDialog title={title} isOpen={isOpen} onOpenChange={onOpenChange} size="large">
      {(close) => <PlacementForm {...props} close={close} />}
    </FormDialog>
  );
}
