import { useQueries } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Form } from 'react-aria-components';
import { GOTEBORG_DISTRICTS } from '../../../../../src/domain/matching/districts.js';
import { Button } from '../../../components/ui/button';
import { CheckboxGroupField } from '../../../components/ui/checkbox-group-field';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Message } from '../../../components/ui/message';
import { RadioGroupField } from '../../../components/ui/radio-group-field';
import { MultiSelectField, SelectField } from '../../../components/ui/select-field';
import { TextField } from '../../../components/ui/text-field';
import { useAnnounce } from '../../../lib/announcer';
import type { FieldErrors } from '../../../lib/problems';
import { labelOf } from '../../../lib/reference-data';
import { useTargetGroups, type ParticipantCreate } from '../api/matching-api';
import { DateField } from '../../../components/ui/date-field';
import { describeMatchingError, languageName, matchingFieldErrorsOf, swedishToday } from './matching-problems';
import { OccupationPicker, occupationKey, occupationText } from '../../../components/occupation-picker';
import { searchOccupations } from '../../../lib/reference-data';
import { AGE_BANDS, DRIVING_LICENCES, fieldRank, LANGUAGES, TARGET_GROUP_BASES, toParticipantInput, type ParticipantFormState } from './participant-form-state';
import { FormActions } from '../../../components/ui/form-actions';

export interface ParticipantFormProps {
  initial: ParticipantFormState;
  submitLabel: string;
  cancelHref: string;
  /** Sends the body; throws the API's error, whose field errors are shown at their fields. */
  onSubmit: (input: ParticipantCreate) => Promise<void>;
}


/**
 * A participant's identity and profile (new or edit). Every problem is listed at once, first the
 * browser's checks and then the server's field errors, each on its field and in the summary.
 */
export function ParticipantForm({ initial, submitLabel, cancelHref, onSubmit }: ParticipantFormProps) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const groups = useTargetGroups();
  const [state, setState] = useState<ParticipantFormState>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [generalError, setGeneralError] = useState<string | null>(null);
  const [submitCount, setSubmitCount] = useState(0);
  const [pending, setPending] = useState(false);
  const addTrainingRef = useRef<HTMLButtonElement>(null);
  const set = <K extends keyof ParticipantFormState>(key: K, value: ParticipantFormState[K]) => setState((s) => ({ ...s, [key]: value }));
  const lang = i18n.language;
  const groupLabel = (code: string) => {
    const g = groups.data?.find((x) => x.code === code);
    return g ? labelOf(g.label, lang) : t(`matching.targetGroups.${code}`, { defaultValue: code });
  };
  // Occupations loaded with a profile carry only their code: look their names up once.
  const codeOf = (o: { ssykCode: string | null; occupationNameId: string | null }) => o.occupationNameId ?? o.ssykCode ?? '';
  const unlabelled = state.occupations.filter((o) => o.label === codeOf(o) && o.label !== '');
  const lookups = useQueries({
    queries: unlabelled.map((o) => ({ queryKey: ['occupations', false, codeOf(o)], queryFn: ({ signal }: { signal: AbortSignal }) => searchOccupations(codeOf(o), false, signal), staleTime: Infinity })),
  });
  const rowLabel = (o: (typeof state.occupations)[number]): string => {
    if (o.label !== codeOf(o)) return o.label;
    const hit = lookups.flatMap((l) => l.data?.items ?? []).find((h) => occupationKey(h) === occupationKey(o));
    return hit ? occupationText(hit, lang) : o.ssykCode ? `SSYK ${o.ssykCode}` : o.label;
  };
  const chosenCodes = state.targetGroups.map((g) => g.code);
  const groupOptions = [...(groups.data ?? []).filter((g) => g.active || chosenCodes.includes(g.code)).map((g) => g.code), ...chosenCodes.filter((c) => !(groups.data ?? []).some((g) => g.code === c))];

  const fieldLabel = (key: string): string => {
    const m = /^profile\.(targetGroups|training|occupations)\.(\d+)(?:\.(\w+))?$/.exec(key);
    if (m) {
      const [, list, index, leaf] = m as unknown as [string, string, string, string | undefined];
      const i = Number(index);
      if (list === 'targetGroups') return `${groupLabel(state.targetGroups[i]?.code ?? '')}: ${t(`matching.form.fields.${leaf === 'assessedOn' ? 'assessedOn' : leaf === 'code' ? 'targetGroups' : 'basis'}`)}`;
      if (list === 'training') return `${t('matching.form.trainingRow', { number: i + 1 })}: ${t(`matching.form.fields.${leaf === 'completedOn' ? 'completedOn' : 'trainingTitle'}`)}`;
      const row = state.occupations[i];
      return row ? rowLabel(row) : t('matching.form.fields.occupations');
    }
    return t(`matching.form.fields.${key.replace(/^(identity|profile)\./, '')}`, { defaultValue: key });
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    setGeneralError(null);
    const { input, errors: clientErrors } = toParticipantInput(state, swedishToday(), t);
    setErrors(clientErrors);
    setSubmitCount((n) => n + 1);
    if (!input) return;
    setPending(true);
    try {
      await onSubmit(input);
    } catch (error) {
      const fields = matchingFieldErrorsOf(error, t);
      setErrors(fields);
      setSubmitCount((n) => n + 1);
      if (Object.keys(fields).length === 0) setGeneralError(describeMatchingError(error, t));
    } finally {
      setPending(false);
    }
  };

  const summary = Object.entries(errors)
    .sort(([a], [b]) => fieldRank(a) - fieldRank(b))
    .map(([name, message]) => ({ name, message, label: fieldLabel(name) }));

  return (
    <Form onSubmit={(e) => void submit(e)} className="form" validationBehavior="aria" aria-describedby="participant-form-hint">
      {generalError ? <Message tone="error">{generalError}</Message> : null}
      <ErrorSummary errors={summary} submitCount={submitCount} />
      <p id="participant-form-hint" className="muted">
        {t('form.requiredHint')} {t('matching.form.privacyHint')}
      </p>

      <fieldset className="fieldset">
        <legend>{t('matching.form.identity')}</legend>
        <TextField label={fieldLabel('identity.givenName')} name="identity.givenName" value={state.givenName} onChange={(v) => set('givenName', v)} isRequired errorMessage={errors['identity.givenName']} size="medium" maxLength={100} autoComplete="off" />
        <TextField label={fieldLabel('identity.familyName')} name="identity.familyName" value={state.familyName} onChange={(v) => set('familyName', v)} isRequired errorMessage={errors['identity.familyName']} size="medium" maxLength={100} autoComplete="off" />
        <TextField
          label={fieldLabel('identity.personalIdentityNumber')}
          name="identity.personalIdentityNumber"
          value={state.personalIdentityNumber}
          onChange={(v) => set('personalIdentityNumber', v)}
          description={t('matching.form.hints.personalIdentityNumber')}
          isRequired
          errorMessage={errors['identity.personalIdentityNumber']}
          size="medium"
          maxLength={13}
          autoComplete="off"
        />
        <TextField label={fieldLabel('identity.email')} name="identity.email" type="email" inputMode="email" value={state.email} onChange={(v) => set('email', v)} errorMessage={errors['identity.email']} size="medium" maxLength={254} autoComplete="off" />
        <TextField label={fieldLabel('identity.phone')} name="identity.phone" type="tel" value={state.phone} onChange={(v) => set('phone', v)} errorMessage={errors['identity.phone']} size="medium" maxLength={20} autoComplete="off" />
        <TextField label={fieldLabel('identity.address')} name="identity.address" value={state.address} onChange={(v) => set('address', v)} errorMessage={errors['identity.address']} maxLength={200} autoComplete="off" />
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('matching.form.targetGroupsLegend')}</legend>
        <CheckboxGroupField
          label={fieldLabel('profile.targetGroups')}
          name="profile.targetGroups"
          description={t('matching.form.hints.targetGroups')}
          options={groupOptions.map((code) => ({ id: code, label: groupLabel(code) }))}
          value={chosenCodes}
          onChange={(codes) =>
            set(
              'targetGroups',
              groupOptions.filter((c) => codes.includes(c)).map((code) => state.targetGroups.find((g) => g.code === code) ?? { code, basis: null, assessedOn: '' }),
            )
          }
          errorMessage={errors['profile.targetGroups']}
        />
        {state.targetGroups.map((g, i) => (
          <fieldset key={g.code} className="fieldset">
            <legend>{groupLabel(g.code)}</legend>
            <SelectField
              label={t('matching.form.fields.basis')}
              name={`profile.targetGroups.${i}.basis`}
              options={TARGET_GROUP_BASES.map((b) => ({ id: b, label: t(`matching.bases.${b}`) }))}
              value={g.basis}
              onChange={(v) => set('targetGroups', state.targetGroups.map((x, j) => (j === i ? { ...x, basis: v as typeof x.basis } : x)))}
              placeholder={t('form.choose')}
              isRequired
              errorMessage={errors[`profile.targetGroups.${i}.basis`] ?? errors[`profile.targetGroups.${i}.code`]}
            />
            <DateField
              label={t('matching.form.fields.assessedOn')}
              name={`profile.targetGroups.${i}.assessedOn`}
              value={g.assessedOn}
              onChange={(v) => set('targetGroups', state.targetGroups.map((x, j) => (j === i ? { ...x, assessedOn: v } : x)))}
              isRequired
              errorMessage={errors[`profile.targetGroups.${i}.assessedOn`]}
            />
          </fieldset>
        ))}
        <DateField label={fieldLabel('profile.unemployedSince')} name="profile.unemployedSince" value={state.unemployedSince} onChange={(v) => set('unemployedSince', v)} errorMessage={errors['profile.unemployedSince']} />
        <RadioGroupField label={fieldLabel('profile.incomeSupport')} name="profile.incomeSupport" orientation="horizontal" options={[{ id: 'yes', label: t('matching.yes') }, { id: 'no', label: t('matching.no') }]} value={state.incomeSupport} onChange={(v) => set('incomeSupport', v as 'yes' | 'no')} errorMessage={errors['profile.incomeSupport']} />
        <RadioGroupField label={fieldLabel('profile.newlyArrived')} name="profile.newlyArrived" orientation="horizontal" options={[{ id: 'yes', label: t('matching.yes') }, { id: 'no', label: t('matching.no') }]} value={state.newlyArrived} onChange={(v) => set('newlyArrived', v as 'yes' | 'no')} errorMessage={errors['profile.newlyArrived']} />
        <SelectField label={fieldLabel('profile.ageBand')} name="profile.ageBand" options={AGE_BANDS.map((b) => ({ id: b, label: t('matching.form.ageBand', { band: b }) }))} value={state.ageBand} onChange={(v) => set('ageBand', v as ParticipantFormState['ageBand'])} placeholder={t('form.choose')} isRequired errorMessage={errors['profile.ageBand']} />
        <SelectField
          label={fieldLabel('profile.districtCode')}
          name="profile.districtCode"
          options={[{ id: 'none', label: t('matching.form.noDistrict') }, ...GOTEBORG_DISTRICTS.map((d) => ({ id: d.code, label: lang === 'en' ? d.en : d.sv }))]}
          value={state.districtCode ?? 'none'}
          onChange={(v) => set('districtCode', v && v !== 'none' ? v : null)}
          description={t('matching.form.hints.districtCode')}
          errorMessage={errors['profile.districtCode']}
        />
        <TextField label={fieldLabel('profile.municipalityCode')} name="profile.municipalityCode" value={state.municipalityCode} onChange={(v) => set('municipalityCode', v)} description={t('matching.form.hints.municipalityCode')} inputMode="numeric" size="short" maxLength={4} errorMessage={errors['profile.municipalityCode']} />
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('matching.form.workLegend')}</legend>
        <OccupationPicker
          label={t('matching.form.fields.addOccupation')}
          name="profile.occupations"
          description={t('matching.form.hints.occupations')}
          errorMessage={errors['profile.occupations']}
          onChoose={(hit) => {
            if (!hit || state.occupations.some((o) => occupationKey(o) === occupationKey(hit))) return;
            const label = occupationText(hit, lang);
            set('occupations', [...state.occupations, { ssykCode: hit.kind === 'ssyk' ? hit.ssykCode : null, occupationNameId: hit.occupationNameId, label, experienced: false }]);
            announce(t('matching.form.occupationAdded', { occupation: label }));
          }}
        />
        {state.occupations.length === 0 ? <p>{t('matching.form.noOccupationsChosen')}</p> : null}
        {state.occupations.map((o, i) => (
          <div key={occupationKey(o)} className="matching-row matching-occupation">
            <RadioGroupField
              label={rowLabel(o)}
              name={`profile.occupations.${i}`}
              orientation="horizontal"
              options={[{ id: 'wanted', label: t('matching.form.wanted') }, { id: 'experienced', label: t('matching.form.experienced') }]}
              value={o.experienced ? 'experienced' : 'wanted'}
              onChange={(v) => set('occupations', state.occupations.map((x, j) => (j === i ? { ...x, experienced: v === 'experienced' } : x)))}
              errorMessage={errors[`profile.occupations.${i}`] ?? errors[`profile.occupations.${i}.ssykCode`]}
            />
            <Button
              variant="quiet"
              onPress={() => {
                set('occupations', state.occupations.filter((_, j) => j !== i));
                announce(t('matching.form.occupationRemoved', { occupation: rowLabel(o) }));
              }}
            >
              {t('matching.form.removeOccupation', { occupation: rowLabel(o) })}
            </Button>
          </div>
        ))}
        <TextField label={fieldLabel('profile.skills')} name="profile.skills" value={state.skills} onChange={(v) => set('skills', v)} description={t('matching.form.hints.skills')} errorMessage={errors['profile.skills']} />
        <MultiSelectField
          label={fieldLabel('profile.languages')}
          name="profile.languages"
          options={[...LANGUAGES, ...state.languages.filter((l) => !(LANGUAGES as readonly string[]).includes(l))].map((code) => ({ id: code, label: languageName(code, lang) }))}
          values={state.languages}
          onChange={(v) => set('languages', v)}
          placeholder={t('common.none')}
          errorMessage={errors['profile.languages']}
        />
        <CheckboxGroupField label={fieldLabel('profile.drivingLicences')} name="profile.drivingLicences" options={DRIVING_LICENCES.map((l) => ({ id: l, label: l }))} value={state.drivingLicences} onChange={(v) => set('drivingLicences', v)} errorMessage={errors['profile.drivingLicences']} />
        <DateField label={fieldLabel('profile.availableFrom')} name="profile.availableFrom" value={state.availableFrom} onChange={(v) => set('availableFrom', v)} description={t('matching.form.hints.availableFrom')} errorMessage={errors['profile.availableFrom']} />
        <TextField label={fieldLabel('profile.extentWantedPercent')} name="profile.extentWantedPercent" value={state.extentWantedPercent} onChange={(v) => set('extentWantedPercent', v)} description={t('matching.form.hints.extent')} inputMode="numeric" size="short" isRequired maxLength={3} errorMessage={errors['profile.extentWantedPercent']} />
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('matching.form.fields.training')}</legend>
        {state.training.length === 0 ? <p>{t('matching.form.noTraining')}</p> : null}
        {state.training.map((x, i) => (
          <div key={i} className="matching-row">
            <TextField
              label={fieldLabel(`profile.training.${i}.title`)}
              name={`profile.training.${i}.title`}
              value={x.title}
              onChange={(v) => set('training', state.training.map((y, j) => (j === i ? { ...y, title: v } : y)))}
              isRequired
              maxLength={120}
              errorMessage={errors[`profile.training.${i}.title`]}
            />
            <DateField
              label={fieldLabel(`profile.training.${i}.completedOn`)}
              name={`profile.training.${i}.completedOn`}
              value={x.completedOn}
              onChange={(v) => set('training', state.training.map((y, j) => (j === i ? { ...y, completedOn: v } : y)))}
              errorMessage={errors[`profile.training.${i}.completedOn`]}
            />
            <Button
              variant="quiet"
              onPress={() => {
                set('training', state.training.filter((_, j) => j !== i));
                addTrainingRef.current?.focus();
              }}
            >
              {t('matching.form.removeTraining', { number: i + 1 })}
            </Button>
          </div>
        ))}
        <Button
          ref={addTrainingRef}
          onPress={() => {
            const n = state.training.length;
            set('training', [...state.training, { title: '', completedOn: '' }]);
            window.setTimeout(() => document.querySelector<HTMLInputElement>(`[name="profile.training.${n}.title"]`)?.focus(), 0);
          }}
        >
          {t('matching.form.addTraining')}
        </Button>
      </fieldset>

      <FormActions submitLabel={submitLabel} isPending={pending} cancelHref={cancelHref} />
    </Form>
  );
}
