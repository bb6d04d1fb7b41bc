import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Form } from 'react-aria-components';
import { can } from '../../../../../src/domain/access/can.js';
import { CONTRACT_NATURES } from '../../../../../src/domain/procurement/procurement.js';
import { Button } from '../../../components/ui/button';
import { CheckboxGroupField } from '../../../components/ui/checkbox-group-field';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Message } from '../../../components/ui/message';
import { RadioGroupField } from '../../../components/ui/radio-group-field';
import { TextField } from '../../../components/ui/text-field';
import { isApiError } from '../../../lib/api-client';
import { useAnnounce } from '../../../lib/announcer';
import { formatDateTime, oreToSekInput, parseDecimal, parseSekToOre } from '../../../lib/format';
import { PageHeading } from '../../../lib/page';
import { describeError, fieldErrorsOf, type FieldErrors } from '../../../lib/problems';
import { actorOf, useSession } from '../../../lib/session';
import { usePolicy, usePolicyVersions, useSavePolicy, type ScreeningPolicy } from '../api/requirements-api';

const NATURES = ['services', 'supplies', 'works'] as const;
const UNANSWERED = 'unanswered';

interface Draft {
  durationMonthsMoreThan: string;
  labourNeedFteMoreThan: string;
  countExtensionMonths: boolean;
  minValue: Record<(typeof NATURES)[number], string>;
  natures: string[];
  include: string;
  exclude: string;
  answers: Record<string, 'yes' | 'no' | null>;
}

const draftOf = (p: ScreeningPolicy): Draft => ({
  durationMonthsMoreThan: String(p.durationMonthsMoreThan),
  labourNeedFteMoreThan: String(p.labourNeedFteMoreThan).replace('.', ','),
  countExtensionMonths: p.countExtensionMonths,
  minValue: { services: oreToSekInput(p.minValueOre.services), supplies: oreToSekInput(p.minValueOre.supplies), works: oreToSekInput(p.minValueOre.works) },
  natures: [...p.contractNaturesInScope],
  include: p.cpv.include.join('\n'),
  exclude: p.cpv.exclude.join('\n'),
  answers: Object.fromEntries(p.readinessQuestions.map((q) => [q.id, q.answer])),
});

const codesOf = (text: string) => [...new Set(text.split(/[\s,;]+/).filter(Boolean))];

/** Screeningpolicy: thresholds, scope, CPV lists and readiness answers; each save is a new version. */
export function ScreeningPolicyRoute() {
  const { t } = useTranslation();
  const policy = usePolicy();
  const title = t('policy.title');
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="lead">{t('policy.intro')}</p>
      {policy.isError ? <Message tone="error">{describeError(policy.error, t)}</Message> : null}
      {policy.isPending ? <p role="status">{t('common.loading')}</p> : policy.data ? <PolicyForm policy={policy.data} key={policy.data.version} /> : null}
      <PolicyVersions />
    </>
  );
}

function PolicyForm({ policy }: { policy: ScreeningPolicy }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  const announce = useAnnounce();
  const me = useSession();
  const canEdit = can(actorOf(me), 'screening_policy:edit', { organisationId: me.organisation.id });
  const save = useSavePolicy();
  const [draft, setDraft] = useState<Draft>(() => draftOf(policy));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitCount, setSubmitCount] = useState(0);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: FieldErrors = {};
    const number = (key: 'durationMonthsMoreThan' | 'labourNeedFteMoreThan') => {
      const n = parseDecimal(draft[key]);
      if (n === null || Number.isNaN(n)) next[key] = t('errors.fields.invalidNumber');
      return n ?? 0;
    };
    const money = (nature: (typeof NATURES)[number]) => {
      const n = parseSekToOre(draft.minValue[nature]);
      if (n !== null && Number.isNaN(n)) next[`minValueOre.${nature}`] = t('errors.fields.invalidAmount');
      return n === null || Number.isNaN(n) ? null : n;
    };
    const body: ScreeningPolicy = {
      ...policy,
      durationMonthsMoreThan: number('durationMonthsMoreThan'),
      labourNeedFteMoreThan: number('labourNeedFteMoreThan'),
      countExtensionMonths: draft.countExtensionMonths,
      minValueOre: { services: money('services'), supplies: money('supplies'), works: money('works') },
      contractNaturesInScope: NATURES.filter((n) => draft.natures.includes(n)),
      cpv: { include: codesOf(draft.include), exclude: codesOf(draft.exclude) },
      readinessQuestions: policy.readinessQuestions.map((q) => ({ ...q, answer: draft.answers[q.id] ?? null })),
    };
    for (const [key, list] of [['cpv.include', body.cpv.include], ['cpv.exclude', body.cpv.exclude]] as const) {
      if (list.some((c) => !/^\d{8}$/.test(c))) next[key] = t('policy.cpvInvalid');
    }
    setErrors(next);
    setSubmitCount((n) => n + 1);
    if (Object.keys(next).length > 0) return;
    save.mutate(body, {
      onSuccess: (saved) => announce(t('policy.saved', { version: saved.version })),
      onError: (error) => {
        const fields = fieldErrorsOf(error, t);
        setErrors(fields);
        setSubmitCount((n) => n + 1);
      },
    });
  };

  const labelFor = (name: string) => t(`policy.fieldNames.${name.replace(/\.\d+$/, '').replace('.', '_')}`, { defaultValue: name });
  const summary = Object.entries(errors).map(([name, message]) => ({ name, message, label: labelFor(name) }));

  return (
    <Form onSubmit={submit} className="form" validationBehavior="aria" aria-labelledby="policy-form-heading">
      <h2 id="policy-form-heading">{t('policy.current', { version: policy.version })}</h2>
      {!canEdit ? <Message tone="info" live={false}>{t('policy.readOnly')}</Message> : null}
      {save.isError && Object.keys(errors).length === 0 ? (
        <Message tone="error">{isApiError(save.error, 409) ? t('errors.codes.stale_version') : describeError(save.error, t)}</Message>
      ) : null}
      <ErrorSummary errors={summary} submitCount={submitCount} />

      <fieldset className="fieldset">
        <legend>{t('policy.readiness')}</legend>
        <p className="muted">{t('policy.readinessHint')}</p>
        {policy.readinessQuestions.map((q) => (
          <RadioGroupField
            key={q.id}
            label={q.question[lang]}
            name={`readiness.${q.id}`}
            orientation="horizontal"
            isDisabled={!canEdit}
            value={draft.answers[q.id] ?? UNANSWERED}
            onChange={(v) => set('answers', { ...draft.answers, [q.id]: v === 'yes' || v === 'no' ? v : null })}
            options={[
              { id: 'yes', label: t('policy.answers.yes') },
              { id: 'no', label: t('policy.answers.no') },
              { id: UNANSWERED, label: t('policy.answers.unanswered') },
            ]}
          />
        ))}
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('policy.thresholds')}</legend>
        <TextField label={t('policy.fieldNames.durationMonthsMoreThan')} description={t('policy.hints.durationMonthsMoreThan')} name="durationMonthsMoreThan" value={draft.durationMonthsMoreThan} onChange={(v) => set('durationMonthsMoreThan', v)} inputMode="decimal" size="short" isDisabled={!canEdit} errorMessage={errors.durationMonthsMoreThan} />
        <TextField label={t('policy.fieldNames.labourNeedFteMoreThan')} description={t('policy.hints.labourNeedFteMoreThan')} name="labourNeedFteMoreThan" value={draft.labourNeedFteMoreThan} onChange={(v) => set('labourNeedFteMoreThan', v)} inputMode="decimal" size="short" isDisabled={!canEdit} errorMessage={errors.labourNeedFteMoreThan} />
        <CheckboxGroupField
          label={t('policy.fieldNames.countExtensionMonths')}
          options={[{ id: 'yes', label: t('policy.countExtensionMonths') }]}
          value={draft.countExtensionMonths ? ['yes'] : []}
          onChange={(v) => set('countExtensionMonths', v.includes('yes'))}
          isDisabled={!canEdit}
        />
        {NATURES.map((nature) => (
          <TextField
            key={nature}
            label={t('policy.minValue', { nature: t(`contractNature.${nature}`) })}
            description={t('policy.hints.minValue')}
            name={`minValueOre.${nature}`}
            value={draft.minValue[nature]}
            onChange={(v) => set('minValue', { ...draft.minValue, [nature]: v })}
            inputMode="decimal"
            size="medium"
            isDisabled={!canEdit}
            errorMessage={errors[`minValueOre.${nature}`]}
          />
        ))}
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('policy.scope')}</legend>
        <CheckboxGroupField
          label={t('policy.fieldNames.contractNaturesInScope')}
          name="contractNaturesInScope"
          options={CONTRACT_NATURES.map((n) => ({ id: n, label: t(`contractNature.${n}`) }))}
          value={draft.natures}
          onChange={(v) => set('natures', v)}
          isDisabled={!canEdit}
          errorMessage={errors.contractNaturesInScope}
        />
        <TextField label={t('policy.fieldNames.cpv_include')} description={t('policy.hints.cpv')} name="cpv.include" value={draft.include} onChange={(v) => set('include', v)} multiline isDisabled={!canEdit} errorMessage={errors['cpv.include']} />
        <TextField label={t('policy.fieldNames.cpv_exclude')} description={t('policy.hints.cpv')} name="cpv.exclude" value={draft.exclude} onChange={(v) => set('exclude', v)} multiline isDisabled={!canEdit} errorMessage={errors['cpv.exclude']} />
      </fieldset>

      {canEdit ? (
        <div className="form__actions button-row">
          <Button type="submit" variant="primary" isPending={save.isPending}>
            {t('policy.save')}
          </Button>
        </div>
      ) : null}
    </Form>
  );
}

function PolicyVersions() {
  const { t, i18n } = useTranslation();
  const versions = usePolicyVersions();
  return (
    <section aria-labelledby="policy-versions-heading" className="section">
      <h2 id="policy-versions-heading">{t('policy.versions')}</h2>
      {versions.isError ? <Message tone="error">{describeError(versions.error, t)}</Message> : null}
      {versions.data ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('common.tableRegion', { name: t('policy.versions') })}>
          <table className="table">
            <caption className="visually-hidden">{t('policy.versionsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('library.columns.version')}</th>
                <th scope="col">{t('policy.savedBy')}</th>
                <th scope="col">{t('library.columns.created')}</th>
                <th scope="col">{t('policy.answered')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.data.map((v) => (
                <tr key={v.version}>
                  <th scope="row">{v.version}</th>
                  <td>{v.createdBy?.displayName ?? t('policy.system')}</td>
                  <td>{formatDateTime(v.createdAt, i18n.language)}</td>
                  <td>
                    {t('policy.answeredCount', {
                      yes: v.policy.readinessQuestions.filter((q) => q.answer === 'yes').length,
                      total: v.policy.readinessQuestions.length,
                    })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
