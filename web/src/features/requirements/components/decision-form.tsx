import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Form } from 'react-aria-components';
import { isJustificationRequired, MIN_JUSTIFICATION_LENGTH } from '../../../../../src/domain/decisions/validate-decision.js';
import { REQUIREMENT_LEVELS, REQUIREMENT_TYPES } from '../../../../../src/domain/requirements/requirement-template.js';
import { Button } from '../../../components/ui/button';
import { CheckboxGroupField } from '../../../components/ui/checkbox-group-field';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Message } from '../../../components/ui/message';
import { RadioGroupField } from '../../../components/ui/radio-group-field';
import { SelectField } from '../../../components/ui/select-field';
import { TextField } from '../../../components/ui/text-field';
import { apiRequest, isApiError } from '../../../lib/api-client';
import { useAnnounce } from '../../../lib/announcer';
import { describeError, fieldErrorsOf, type FieldErrors } from '../../../lib/problems';
import {
  useSaveDecision,
  useTargetGroups,
  useTemplates,
  type Decision,
  type DecisionInput,
  type LocalizedText,
  type ParameterDefinition,
  type Recommendation,
  type TemplateDetail,
} from '../api/requirements-api';
import { ParameterField } from './parameter-field';
import { checkParameterInputs, toParameterInput, type ParameterInput } from './parameter-values';
import '../requirements.css';

export interface SocialProcurement {
  id: string;
  referenceNumber: string;
  status: string;
  unit: { id: string };
  lots: Array<{ lotNumber: number; title: string }>;
}

interface Row {
  key: string;
  templateId: string;
  templateVersionId: string;
  version: number;
  title: LocalizedText;
  definitions: ParameterDefinition[];
  scope: 'all' | 'lots';
  lotNumbers: string[];
  values: Record<string, ParameterInput>;
}

const ALL = 'all';
let rowCounter = 0;

// Comply or explain is the domain's rule (validate-decision.ts); re-exported for the form's tests.
export { isJustificationRequired };

function rowOf(detail: TemplateDetail, versionId: string, lotNumbers: number[] | null, parameters: Record<string, unknown>): Row | null {
  const version = detail.versions.find((v) => v.id === versionId);
  if (!version) return null;
  rowCounter += 1;
  return {
    key: `row-${rowCounter}`,
    templateId: detail.id,
    templateVersionId: version.id,
    version: version.version,
    title: version.content.title,
    definitions: version.content.parameters,
    scope: lotNumbers === null ? 'all' : 'lots',
    lotNumbers: (lotNumbers ?? []).map(String),
    values: Object.fromEntries(version.content.parameters.map((d) => [d.key, toParameterInput(d, parameters[d.key])])),
  };
}

const templateQuery = (id: string) => ({
  queryKey: ['templates', 'one', id],
  queryFn: () => apiRequest<TemplateDetail>(`/api/requirement-templates/${encodeURIComponent(id)}`),
  staleTime: 60_000,
});

/** Loads the templates an existing decision uses, then shows the form filled in with it. */
export function DecisionEditor(props: { procurement: SocialProcurement; decision: Decision | null; recommendation: Recommendation; onSaved: (decision: Decision) => void }) {
  const { t } = useTranslation();
  const ids = [...new Set((props.decision?.requirements ?? []).map((r) => r.templateId))];
  const details = useQueries({ queries: ids.map(templateQuery) });
  if (details.some((d) => d.isPending)) return <p role="status">{t('common.loading')}</p>;
  const byId = new Map(details.flatMap((d) => (d.data ? [[d.data.id, d.data] as const] : [])));
  const rows = (props.decision?.requirements ?? []).flatMap((r) => {
    const detail = byId.get(r.templateId);
    const row = detail ? rowOf(detail, r.templateVersionId, r.lotNumbers, r.parameters) : null;
    return row ? [row] : [];
  });
  return <DecisionForm {...props} initialRows={rows} key={props.decision?.revision ?? 0} />;
}

function DecisionForm({
  procurement,
  decision,
  recommendation,
  onSaved,
  initialRows,
}: {
  procurement: SocialProcurement;
  decision: Decision | null;
  recommendation: Recommendation;
  onSaved: (decision: Decision) => void;
  initialRows: Row[];
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  const announce = useAnnounce();
  const client = useQueryClient();
  const save = useSaveDecision(procurement.id);
  const targetGroups = useTargetGroups();
  const [kind, setKind] = useState<'apply' | 'none' | null>(decision?.kind ?? null);
  const [rows, setRows] = useState<Row[]>(initialRows);
  const [justification, setJustification] = useState(decision?.justification ?? '');
  const [typeFilter, setTypeFilter] = useState(ALL);
  const [levelFilter, setLevelFilter] = useState(ALL);
  const [chosen, setChosen] = useState<string | null>(null);
  const [isAdding, setAdding] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitCount, setSubmitCount] = useState(0);
  const [generalError, setGeneralError] = useState<string | null>(null);

  const templates = useTemplates({ scope: 'own', type: typeFilter === ALL ? undefined : typeFilter, level: levelFilter === ALL ? undefined : levelFilter });
  const published = (templates.data?.items ?? []).filter((tpl) => tpl.publishedVersion !== null);
  const needsJustification = isJustificationRequired(recommendation, kind);

  const updateRow = (key: string, change: (row: Row) => Row) => setRows((all) => all.map((r) => (r.key === key ? change(r) : r)));

  const addRequirement = async () => {
    const summary = published.find((tpl) => tpl.id === chosen);
    if (!summary?.publishedVersion) return;
    setAdding(true);
    try {
      const detail = await client.fetchQuery(templateQuery(summary.id));
      const row = rowOf(detail, summary.publishedVersion.id, null, {});
      if (row) {
        setRows((all) => [...all, row]);
        announce(t('decision.requirementAdded', { title: row.title[lang] }));
      }
    } catch (error) {
      setGeneralError(describeError(error, t));
    } finally {
      setAdding(false);
    }
  };

  const labelFor = (name: string): string => {
    const param = /^requirements\.(\d+)\.parameters\.(\w+)/.exec(name);
    const rowMatch = /^requirements\.(\d+)/.exec(name);
    const row = rowMatch ? rows[Number(rowMatch[1])] : undefined;
    if (param && row) {
      const definition = row.definitions.find((d) => d.key === param[2]);
      return `${row.title[lang]}: ${definition ? definition.label[lang] : param[2]}`;
    }
    if (row) return `${row.title[lang]}: ${/lotNumbers/.test(name) ? t('decision.lots') : t('decision.requirement')}`;
    return t(`decision.fieldNames.${name.split('.')[0] ?? name}`, { defaultValue: name });
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setGeneralError(null);
    const clientErrors: FieldErrors = {};
    if (kind === null) clientErrors.kind = t('decision.chooseKind');
    const requirements: DecisionInput['requirements'] = [];
    if (kind === 'apply') {
      rows.forEach((row, i) => {
        const { parameters, problems, ruleErrors } = checkParameterInputs(row.definitions, row.values, targetGroups.data ?? null);
        for (const definition of row.definitions) {
          const name = `requirements.${i}.parameters.${definition.key}`;
          const problem = problems[definition.key];
          const ruleError = ruleErrors[definition.key];
          if (problem) clientErrors[name] = t(`errors.fields.${problem}`, { min: definition.kind === 'integer' ? definition.min : 0 });
          // Worded like the same error from the server (errors.fields.<code>), the rule's own text as fallback.
          else if (ruleError) clientErrors[name] = t(`errors.fields.${ruleError.code}`, { defaultValue: ruleError.message[lang] });
        }
        requirements.push({ templateVersionId: row.templateVersionId, lotNumbers: row.scope === 'all' ? null : row.lotNumbers.map(Number).sort((a, b) => a - b), parameters });
      });
    }
    setErrors(clientErrors);
    setSubmitCount((n) => n + 1);
    if (Object.keys(clientErrors).length > 0 || kind === null) return;
    save.mutate(
      { kind, requirements, justification: justification.trim(), ...(decision ? { revision: decision.revision } : {}) },
      {
        onSuccess: (saved) => {
          setErrors({});
          announce(t('decision.saved'));
          onSaved(saved);
        },
        onError: (error) => {
          const fields = fieldErrorsOf(error, t);
          setErrors(fields);
          setSubmitCount((n) => n + 1);
          if (Object.keys(fields).length === 0) {
            setGeneralError(isApiError(error, 409) && error.code === 'decision_locked' ? t('decision.lockedError') : describeError(error, t));
          } else announce(t('form.errorSummary', { count: Object.keys(fields).length }));
        },
      },
    );
  };

  const summary = Object.entries(errors).map(([name, message]) => ({ name, message, label: labelFor(name) }));
  const lotOptions = procurement.lots.map((lot) => ({ id: String(lot.lotNumber), label: t('decision.lotOption', { number: lot.lotNumber, title: lot.title }) }));

  return (
    <Form onSubmit={submit} className="form" validationBehavior="aria" aria-labelledby="decision-form-heading">
      {/* The summary (an h2) comes before the form's h3, so headings after it still go in order. */}
      <ErrorSummary errors={summary} submitCount={submitCount} />
      <h3 id="decision-form-heading">{decision ? t('decision.reviseTitle') : t('decision.formTitle')}</h3>
      {generalError ? <Message tone="error">{generalError}</Message> : null}
      <RadioGroupField
        label={t('decision.kind')}
        name="kind"
        value={kind}
        onChange={(v) => setKind(v === 'apply' || v === 'none' ? v : null)}
        isRequired
        errorMessage={errors.kind}
        options={[
          { id: 'apply', label: t('decision.kinds.apply') },
          { id: 'none', label: t('decision.kinds.none') },
        ]}
      />

      {kind === 'apply' ? (
        <section aria-labelledby="decision-requirements-heading" className="form-section">
          <h4 id="decision-requirements-heading">{t('decision.requirements')}</h4>
          {errors.requirements ? <p className="field__error" role="alert">{errors.requirements}</p> : null}
          {rows.length === 0 ? <p className="muted">{t('decision.noRequirements')}</p> : null}
          {rows.map((row, i) => (
            <section key={row.key} className="requirement-card" aria-labelledby={`${row.key}-title`}>
              <h5 id={`${row.key}-title`} className="requirement-card__title">
                {i + 1}. {row.title[lang]} <span className="muted">({t('library.versionShort', { version: row.version })})</span>
              </h5>
              {procurement.lots.length > 0 ? (
                <>
                  <RadioGroupField
                    label={t('decision.appliesTo')}
                    name={`requirements.${i}.scope`}
                    orientation="horizontal"
                    value={row.scope}
                    onChange={(v) => updateRow(row.key, (r) => ({ ...r, scope: v === 'lots' ? 'lots' : 'all' }))}
                    options={[
                      { id: 'all', label: t('decision.wholeProcurement') },
                      { id: 'lots', label: t('decision.chosenLots') },
                    ]}
                  />
                  {row.scope === 'lots' ? (
                    <CheckboxGroupField
                      label={t('decision.lots')}
                      name={`requirements.${i}.lotNumbers`}
                      options={lotOptions}
                      value={row.lotNumbers}
                      onChange={(lotNumbers) => updateRow(row.key, (r) => ({ ...r, lotNumbers }))}
                      errorMessage={errors[`requirements.${i}.lotNumbers`]}
                    />
                  ) : null}
                </>
              ) : null}
              {errors[`requirements.${i}`] ? <p className="field__error" role="alert">{errors[`requirements.${i}`]}</p> : null}
              <div className="parameter-grid">
                {row.definitions.map((definition) => (
                  <ParameterField
                    key={definition.key}
                    definition={definition}
                    name={`requirements.${i}.parameters.${definition.key}`}
                    value={row.values[definition.key] ?? ''}
                    onChange={(value) => updateRow(row.key, (r) => ({ ...r, values: { ...r.values, [definition.key]: value } }))}
                    errorMessage={errors[`requirements.${i}.parameters.${definition.key}`]}
                    targetGroups={targetGroups.data ?? []}
                  />
                ))}
              </div>
              <div className="button-row">
                <Button
                  variant="quiet"
                  onPress={() => {
                    setRows((all) => all.filter((r) => r.key !== row.key));
                    announce(t('decision.requirementRemoved', { title: row.title[lang] }));
                  }}
                >
                  {t('decision.removeRequirement', { title: row.title[lang] })}
                </Button>
              </div>
            </section>
          ))}

          <fieldset className="fieldset">
            <legend>{t('decision.addRequirement')}</legend>
            <div className="inline-form">
              <SelectField
                label={t('library.filters.type')}
                value={typeFilter}
                onChange={(v) => setTypeFilter(v ?? ALL)}
                options={[{ id: ALL, label: t('library.filters.all') }, ...REQUIREMENT_TYPES.map((type) => ({ id: type, label: t(`library.types.${type}`) }))]}
              />
              <SelectField
                label={t('library.filters.level')}
                value={levelFilter}
                onChange={(v) => setLevelFilter(v ?? ALL)}
                options={[{ id: ALL, label: t('library.filters.all') }, ...REQUIREMENT_LEVELS.map((level) => ({ id: level, label: t(`library.levels.${level}`) }))]}
              />
              <SelectField
                label={t('decision.template')}
                value={chosen}
                onChange={setChosen}
                placeholder={t('form.choose')}
                options={published.map((tpl) => ({ id: tpl.id, label: `${tpl.title[lang]} (${t(`library.levels.${tpl.level}`)})` }))}
              />
              <Button onPress={() => void addRequirement()} isDisabled={chosen === null || !published.some((tpl) => tpl.id === chosen)} isPending={isAdding}>
                {t('decision.add')}
              </Button>
            </div>
          </fieldset>
        </section>
      ) : null}

      <TextField
        label={t('decision.justification')}
        name="justification"
        multiline
        value={justification}
        onChange={setJustification}
        isRequired={needsJustification}
        maxLength={4000}
        description={t(`decision.justificationRule.${needsJustification ? recommendation : 'optional'}`, { min: MIN_JUSTIFICATION_LENGTH })}
        errorMessage={errors.justification}
      />
      <div className="form__actions button-row">
        <Button type="submit" variant="primary" isPending={save.isPending}>
          {t('decision.save')}
        </Button>
      </div>
    </Form>
  );
}
