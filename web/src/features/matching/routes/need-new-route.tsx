import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Form } from 'react-aria-components';
import { useNavigate } from 'react-router';
import { GOTEBORG_DISTRICTS } from '../../../../../src/domain/matching/districts.js';
import { CheckboxGroupField } from '../../../components/ui/checkbox-group-field';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Link } from '../../../components/ui/link';
import { Message } from '../../../components/ui/message';
import { MultiSelectField, SelectField } from '../../../components/ui/select-field';
import { TextField } from '../../../components/ui/text-field';
import { useAnnounce } from '../../../lib/announcer';
import { PageHeading } from '../../../lib/page';
import type { FieldErrors } from '../../../lib/problems';
import { labelOf } from '../../../lib/reference-data';
import { useSession } from '../../../lib/session';
import { matchingCapabilitiesOf, useContractDetail, useContractOptions, useCreateNeed } from '../api/matching-api';
import { DateField } from '../../../components/ui/date-field';
import { describeMatchingError, languageName, matchingFieldErrorsOf, swedishToday } from '../components/matching-problems';
import { emptyNeedState, NEED_FIELD_ORDER, NO_CHOICE, toNeedInput, type NeedFormState } from '../components/need-form-state';
import { OccupationPicker } from '../../../components/occupation-picker';
import { DRIVING_LICENCES, LANGUAGES } from '../components/participant-form-state';
import '../matching.css';
import { FormActions } from '../../../components/ui/form-actions';


/** Records a supplier's recruitment need under a running contract, on the supplier's behalf. */
export function NeedNewRoute() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const me = useSession();
  const { canManageNeeds } = matchingCapabilitiesOf(me);
  const create = useCreateNeed();
  const contracts = useContractOptions(canManageNeeds);
  const [state, setState] = useState<NeedFormState>(emptyNeedState);
  const contract = useContractDetail(state.contractId);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [generalError, setGeneralError] = useState<string | null>(null);
  const [submitCount, setSubmitCount] = useState(0);
  const set = <K extends keyof NeedFormState>(key: K, value: NeedFormState[K]) => setState((s) => ({ ...s, [key]: value }));
  const lang = i18n.language;
  const label = (key: string) => t(`matching.needForm.fields.${key === 'occupationNameId' ? 'ssykCode' : key}`);
  const today = swedishToday();
  const running = (contracts.data?.items ?? []).filter((c) => c.endsOn >= today).sort((a, b) => a.referenceNumber.localeCompare(b.referenceNumber, 'sv'));
  const commitments = (contract.data?.commitments ?? []).filter((c) => c.takesPlacements);
  const title = t('matching.needForm.title');

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    setGeneralError(null);
    const { input, errors: clientErrors } = toNeedInput(state, t);
    setErrors(clientErrors);
    setSubmitCount((n) => n + 1);
    if (!input) return;
    try {
      const created = await create.mutateAsync(input);
      announce(t('matching.needForm.created', { title: created.title }));
      void navigate(`/matching/needs/${created.id}`);
    } catch (error) {
      const fields = matchingFieldErrorsOf(error, t);
      setErrors(fields);
      setSubmitCount((n) => n + 1);
      if (Object.keys(fields).length === 0) setGeneralError(describeMatchingError(error, t));
    }
  };
  const summary = Object.entries(errors)
    .sort(([a], [b]) => NEED_FIELD_ORDER.indexOf(a as never) - NEED_FIELD_ORDER.indexOf(b as never))
    .map(([name, message]) => ({ name: name === 'occupationNameId' ? 'ssykCode' : name, message, label: label(name) }));

  return (
    <div className="page">
      <p>
        <Link href="/matching">{t('matching.need.back')}</Link>
      </p>
      <PageHeading title={title}>{title}</PageHeading>
      {!canManageNeeds ? (
        <Message tone="info" live={false}>
          {t('matching.noAccess')}
        </Message>
      ) : (
        <Form onSubmit={(e) => void submit(e)} className="form" validationBehavior="aria" aria-describedby="need-form-hint">
          {generalError ? <Message tone="error">{generalError}</Message> : null}
          <ErrorSummary errors={summary} submitCount={submitCount} />
          <p id="need-form-hint" className="muted">
            {t('form.requiredHint')} {t('matching.needForm.hint')}
          </p>
          <SelectField
            label={label('contractId')}
            name="contractId"
            options={running.map((c) => ({ id: c.id, label: t('matching.needForm.contractOption', { reference: c.referenceNumber, supplier: c.supplier.name }) }))}
            value={state.contractId}
            onChange={(v) => setState((s) => ({ ...s, contractId: v, commitmentId: NO_CHOICE }))}
            placeholder={contracts.isPending ? t('common.loading') : t('form.choose')}
            isRequired
            errorMessage={errors.contractId}
          />
          <SelectField
            label={label('commitmentId')}
            name="commitmentId"
            options={[{ id: NO_CHOICE, label: t('matching.needForm.noCommitment') }, ...commitments.map((c) => ({ id: c.id, label: labelOf(c.title, lang) }))]}
            value={state.commitmentId}
            onChange={(v) => set('commitmentId', v ?? NO_CHOICE)}
            description={t('matching.needForm.hints.commitmentId')}
            isDisabled={state.contractId === null}
            errorMessage={errors.commitmentId}
          />
          <TextField label={label('title')} name="title" value={state.title} onChange={(v) => set('title', v)} isRequired maxLength={200} errorMessage={errors.title} />
          <OccupationPicker
            label={label('ssykCode')}
            name="ssykCode"
            description={t('matching.needForm.hints.occupation')}
            value={state.occupation}
            onChoose={(hit) => set('occupation', hit)}
            unitGroupsOnly
            isRequired
            errorMessage={errors.ssykCode ?? errors.occupationNameId}
          />
          <TextField label={label('positions')} name="positions" value={state.positions} onChange={(v) => set('positions', v)} inputMode="numeric" size="short" isRequired maxLength={4} errorMessage={errors.positions} />
          <TextField label={label('extentPercent')} name="extentPercent" value={state.extentPercent} onChange={(v) => set('extentPercent', v)} description={t('matching.form.hints.extent')} inputMode="numeric" size="short" isRequired maxLength={3} errorMessage={errors.extentPercent} />
          <DateField label={label('startsOn')} name="startsOn" value={state.startsOn} onChange={(v) => set('startsOn', v)} isRequired errorMessage={errors.startsOn} />
          <SelectField
            label={label('districtCode')}
            name="districtCode"
            options={[{ id: NO_CHOICE, label: t('matching.form.noDistrict') }, ...GOTEBORG_DISTRICTS.map((d) => ({ id: d.code, label: lang === 'en' ? d.en : d.sv }))]}
            value={state.districtCode}
            onChange={(v) => set('districtCode', v ?? NO_CHOICE)}
            description={t('matching.needForm.hints.districtCode')}
            errorMessage={errors.districtCode}
          />
          <TextField label={label('skills')} name="skills" value={state.skills} onChange={(v) => set('skills', v)} description={t('matching.form.hints.skills')} errorMessage={errors.skills} />
          <MultiSelectField
            label={label('requiredLanguages')}
            name="requiredLanguages"
            options={LANGUAGES.map((code) => ({ id: code, label: languageName(code, lang) }))}
            values={state.requiredLanguages}
            onChange={(v) => set('requiredLanguages', v)}
            placeholder={t('common.none')}
            description={t('matching.needForm.hints.requiredLanguages')}
            errorMessage={errors.requiredLanguages}
          />
          <CheckboxGroupField
            label={label('requiredDrivingLicences')}
            name="requiredDrivingLicences"
            options={DRIVING_LICENCES.map((l) => ({ id: l, label: l }))}
            value={state.requiredDrivingLicences}
            onChange={(v) => set('requiredDrivingLicences', v)}
            description={t('matching.needForm.hints.requiredDrivingLicences')}
            errorMessage={errors.requiredDrivingLicences}
          />
          <FormActions submitLabel={t('matching.needForm.submit')} isPending={create.isPending} cancelHref="/matching" />
        </Form>
      )}
    </div>
  );
}
