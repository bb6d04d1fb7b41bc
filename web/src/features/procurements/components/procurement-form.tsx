import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Form } from 'react-aria-components';
import { CONTRACT_NATURES } from '../../../../../src/domain/procurement/procurement.js';
import { Button } from '../../../components/ui/button';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Message } from '../../../components/ui/message';
import { SelectField } from '../../../components/ui/select-field';
import { TextField } from '../../../components/ui/text-field';
import { useAnnounce } from '../../../lib/announcer';
import { describeError, fieldErrorsOf, type FieldErrors } from '../../../lib/problems';
import { labelOf, unitTree, useCodelists, useUnits } from '../../../lib/reference-data';
import { capabilitiesOf, useSession } from '../../../lib/session';
import { usePeople, type ProcurementInput } from '../api/procurements-api';
import { CpvPicker } from './cpv-picker';
import { newKey, newLot, toProcurementInput, type LotState, type ProcurementFormState } from './procurement-form-state';
import '../procurements.css';
import { FormActions } from '../../../components/ui/form-actions';

const NONE = 'none';

export interface ProcurementFormProps {
  initial: ProcurementFormState;
  submitLabel: string;
  cancelHref: string;
  onSubmit: (input: ProcurementInput) => Promise<unknown>;
  /** Shown above the form, e.g. the stale-version message. */
  notice?: ReactNode;
  /** Errors the caller handles itself (e.g. 409 stale version) are not repeated here. */
  isHandledError?: (error: unknown) => boolean;
}

/** Create and edit a procurement: every field of the API, lots included. */
export function ProcurementForm({ initial, submitLabel, cancelHref, onSubmit, notice, isHandledError }: ProcurementFormProps) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const me = useSession();
  const units = useUnits();
  const codelists = useCodelists();
  const people = usePeople(capabilitiesOf(me).canReadUsers);
  const [state, setState] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [generalError, setGeneralError] = useState<string | null>(null);
  const [submitCount, setSubmitCount] = useState(0);
  const [isPending, setPending] = useState(false);
  const addLotButton = useRef<HTMLButtonElement>(null);
  // After "add lot", continue in the new lot's first field.
  const [focusLotIndex, setFocusLotIndex] = useState<number | null>(null);
  useEffect(() => {
    if (focusLotIndex === null) return;
    document.querySelector<HTMLInputElement>(`[name="lots.${focusLotIndex}.lotNumber"]`)?.focus();
    setFocusLotIndex(null);
  }, [focusLotIndex]);

  const set = <K extends keyof ProcurementFormState>(key: K, value: ProcurementFormState[K]) => setState((s) => ({ ...s, [key]: value }));
  const setLot = (index: number, changes: Partial<LotState>) =>
    setState((s) => ({ ...s, lots: s.lots.map((lot, i) => (i === index ? { ...lot, ...changes } : lot)) }));

  const lotLabel = (index: number) => t('lot.legend', { number: state.lots[index]?.lotNumber || index + 1 });
  const labelFor = (key: string): string => {
    const lot = /^lots\.(\d+)\.(\w+)$/.exec(key);
    if (lot) return `${lotLabel(Number(lot[1]))}, ${t(`lot.fieldNames.${lot[2]}`, { defaultValue: lot[2] })}`;
    const extra = /^additionalCpv\.(\d+)$/.exec(key);
    if (extra) return t('form.additionalCpvNumber', { number: Number(extra[1]) + 1 });
    return t(`procurement.fieldNames.${key}`, { defaultValue: key });
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setGeneralError(null);
    const { input, errors: clientErrors } = toProcurementInput(state, t);
    setErrors(clientErrors);
    setSubmitCount((n) => n + 1);
    if (!input) return;
    setPending(true);
    try {
      await onSubmit(input);
    } catch (error) {
      if (isHandledError?.(error)) return;
      const fields = fieldErrorsOf(error, t);
      setErrors(fields);
      setSubmitCount((n) => n + 1);
      if (Object.keys(fields).length === 0) setGeneralError(describeError(error, t));
      else announce(t('form.errorSummary', { count: Object.keys(fields).length }));
    } finally {
      setPending(false);
    }
  };

  const summary = Object.entries(errors).map(([name, message]) => ({ name, message, label: labelFor(name) }));
  const unitOptions = unitTree(units.data ?? []).map((u) => ({ id: u.id, label: u.name, depth: u.depth }));
  const peopleOptions = [
    { id: NONE, label: t('common.notSet') },
    ...(people.data ?? []).filter((p) => !p.disabled || p.id === state.responsibleUserId).map((p) => ({ id: p.id, label: p.displayName })),
  ];

  return (
    <Form onSubmit={(e) => void submit(e)} className="form form--procurement" validationBehavior="aria" aria-describedby="required-hint">
      {notice}
      {generalError ? <Message tone="error">{generalError}</Message> : null}
      <ErrorSummary errors={summary} submitCount={submitCount} />
      <p id="required-hint" className="muted">
        {t('form.requiredHint')}
      </p>

      <section className="form-section" aria-labelledby="section-basics">
        <h2 id="section-basics">{t('form.sections.basics')}</h2>
        <TextField label={t('procurement.referenceNumber')} name="referenceNumber" value={state.referenceNumber} onChange={(v) => set('referenceNumber', v)} isRequired errorMessage={errors.referenceNumber} description={t('form.hints.referenceNumber')} size="medium" maxLength={64} />
        <TextField label={t('procurement.title')} name="title" value={state.title} onChange={(v) => set('title', v)} isRequired errorMessage={errors.title} maxLength={300} />
        <TextField label={t('procurement.description')} name="description" value={state.description} onChange={(v) => set('description', v)} multiline errorMessage={errors.description} />
        <SelectField label={t('procurement.unit')} name="unitId" value={state.unitId} onChange={(v) => set('unitId', v)} options={unitOptions} isRequired errorMessage={errors.unitId} placeholder={t('form.choose')} />
        <SelectField
          label={t('procurement.responsible')}
          name="responsibleUserId"
          value={state.responsibleUserId ?? NONE}
          onChange={(v) => set('responsibleUserId', v === NONE ? null : v)}
          options={peopleOptions}
          errorMessage={errors.responsibleUserId}
        />
      </section>

      <section className="form-section" aria-labelledby="section-classification">
        <h2 id="section-classification">{t('form.sections.classification')}</h2>
        <SelectField
          label={t('procurement.contractNature')}
          name="contractNature"
          value={state.contractNature}
          onChange={(v) => set('contractNature', v)}
          isRequired
          errorMessage={errors.contractNature}
          placeholder={t('form.choose')}
          options={CONTRACT_NATURES.map((code) => ({
            id: code,
            label: labelOf(codelists.data?.contractNature.find((c) => c.code === code), i18n.language) || t(`contractNature.${code}`),
          }))}
        />
        <SelectField
          label={t('procurement.procedureType')}
          name="procedureType"
          value={state.procedureType ?? NONE}
          onChange={(v) => set('procedureType', v === NONE ? null : v)}
          errorMessage={errors.procedureType}
          options={[{ id: NONE, label: t('common.notSet') }, ...(codelists.data?.procedureType ?? []).map((c) => ({ id: c.code, label: labelOf(c, i18n.language) }))]}
        />
        <CpvPicker label={t('procurement.mainCpv')} name="mainCpv" value={state.mainCpv} onChange={(v) => set('mainCpv', v)} isRequired errorMessage={errors.mainCpv} />
        <fieldset className="fieldset">
          <legend>{t('procurement.additionalCpv')}</legend>
          {state.additionalCpv.length === 0 ? <p className="muted">{t('form.noAdditionalCpv')}</p> : null}
          {state.additionalCpv.map((row, i) => (
            <div key={row.key} className="repeat-row">
              <CpvPicker
                label={t('form.additionalCpvNumber', { number: i + 1 })}
                name={`additionalCpv.${i}`}
                value={row.cpv}
                onChange={(cpv) => set('additionalCpv', state.additionalCpv.map((r, j) => (j === i ? { ...r, cpv } : r)))}
                errorMessage={errors[`additionalCpv.${i}`]}
              />
              <Button variant="quiet" onPress={() => set('additionalCpv', state.additionalCpv.filter((_, j) => j !== i))}>
                {t('form.removeAdditionalCpv', { number: i + 1 })}
              </Button>
            </div>
          ))}
          <Button onPress={() => set('additionalCpv', [...state.additionalCpv, { key: newKey(), cpv: null }])}>{t('form.addAdditionalCpv')}</Button>
        </fieldset>
      </section>

      <section className="form-section" aria-labelledby="section-value">
        <h2 id="section-value">{t('form.sections.valueAndTime')}</h2>
        <TextField label={t('procurement.estimatedValueSek')} name="estimatedValueOre" value={state.estimatedValue} onChange={(v) => set('estimatedValue', v)} inputMode="decimal" description={t('form.hints.sek')} errorMessage={errors.estimatedValueOre} size="medium" />
        <TextField label={t('procurement.contractStart')} name="contractStart" value={state.contractStart} onChange={(v) => set('contractStart', v)} errorMessage={errors.contractStart} description={t('form.hints.date')} size="medium" />
        <TextField label={t('procurement.durationMonths')} name="durationMonths" value={state.durationMonths} onChange={(v) => set('durationMonths', v)} inputMode="numeric" errorMessage={errors.durationMonths} size="short" />
        <TextField label={t('procurement.extensionMonths')} name="extensionMonths" value={state.extensionMonths} onChange={(v) => set('extensionMonths', v)} inputMode="numeric" errorMessage={errors.extensionMonths} size="short" />
        <TextField label={t('procurement.labourNeedFte')} name="labourNeedFte" value={state.labourNeedFte} onChange={(v) => set('labourNeedFte', v)} inputMode="decimal" description={t('form.hints.fte')} errorMessage={errors.labourNeedFte} size="short" />
      </section>

      <section className="form-section" aria-labelledby="section-lots">
        <h2 id="section-lots">{t('procurement.lots')}</h2>
        {state.lots.length === 0 ? <p className="muted">{t('form.noLots')}</p> : null}
        {state.lots.map((lot, i) => (
          <fieldset key={lot.key} className="fieldset lot">
            <legend>{lotLabel(i)}</legend>
            <TextField label={t('lot.number')} name={`lots.${i}.lotNumber`} value={lot.lotNumber} onChange={(v) => setLot(i, { lotNumber: v })} inputMode="numeric" isRequired errorMessage={errors[`lots.${i}.lotNumber`]} size="short" />
            <TextField label={t('lot.title')} name={`lots.${i}.title`} value={lot.title} onChange={(v) => setLot(i, { title: v })} isRequired errorMessage={errors[`lots.${i}.title`]} />
            <CpvPicker label={t('lot.mainCpv')} name={`lots.${i}.mainCpv`} value={lot.mainCpv} onChange={(v) => setLot(i, { mainCpv: v })} isRequired errorMessage={errors[`lots.${i}.mainCpv`]} />
            <TextField label={t('lot.estimatedValueSek')} name={`lots.${i}.estimatedValueOre`} value={lot.estimatedValue} onChange={(v) => setLot(i, { estimatedValue: v })} inputMode="decimal" description={t('form.hints.sek')} errorMessage={errors[`lots.${i}.estimatedValueOre`]} size="medium" />
            <TextField label={t('lot.durationMonths')} name={`lots.${i}.durationMonths`} value={lot.durationMonths} onChange={(v) => setLot(i, { durationMonths: v })} inputMode="numeric" errorMessage={errors[`lots.${i}.durationMonths`]} size="short" />
            <Button
              variant="danger"
              onPress={() => {
                const label = lotLabel(i);
                set('lots', state.lots.filter((_, j) => j !== i));
                announce(t('form.lotRemoved', { lot: label }));
                addLotButton.current?.focus();
              }}
            >
              {t('form.removeLot', { lot: lotLabel(i) })}
            </Button>
          </fieldset>
        ))}
        <Button
          ref={addLotButton}
          onPress={() => {
            const lot = newLot(state.lots);
            set('lots', [...state.lots, lot]);
            setFocusLotIndex(state.lots.length);
            announce(t('form.lotAdded', { lot: t('lot.legend', { number: lot.lotNumber }) }));
          }}
        >
          {t('form.addLot')}
        </Button>
      </section>

      <FormActions submitLabel={submitLabel} isPending={isPending} cancelHref={cancelHref} />
    </Form>
  );
}
