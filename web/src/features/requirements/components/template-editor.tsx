import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Form } from 'react-aria-components';
import { Button } from '../../../components/ui/button';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Message } from '../../../components/ui/message';
import { SelectField } from '../../../components/ui/select-field';
import { TextField } from '../../../components/ui/text-field';
import { useAnnounce } from '../../../lib/announcer';
import { oreToSekInput, parseDecimal, parseInteger, parseSekToOre } from '../../../lib/format';
import { describeError, fieldErrorsOf, type FieldErrors } from '../../../lib/problems';
import { useSaveDraft, type ParameterDefinition, type RequirementTemplate } from '../api/requirements-api';
import { TemplatePreview } from './template-preview';
import '../requirements.css';

const TEXTS = ['title', 'guidance', 'body', 'followUp'] as const;
const NONE = 'none';

/** Numbers of a parameter definition as the person types them. */
type NumberDraft = { min: string; max: string; default: string };

function numberDraftOf(p: ParameterDefinition): NumberDraft | null {
  if (p.kind === 'integer' || p.kind === 'percent') return { min: String(p.min), max: String(p.max), default: p.default === undefined ? '' : String(p.default) };
  if (p.kind === 'money_ore') return { min: oreToSekInput(p.min), max: p.max === undefined ? '' : oreToSekInput(p.max), default: p.default === undefined ? '' : oreToSekInput(p.default) };
  return null;
}

/** Applies typed numbers to a definition; text that is not a number leaves the old value. */
function applyNumbers(p: ParameterDefinition, d: NumberDraft): ParameterDefinition {
  const parse = p.kind === 'money_ore' ? parseSekToOre : p.kind === 'percent' ? parseDecimal : parseInteger;
  const read = (text: string) => {
    const n = parse(text);
    return n === null || Number.isNaN(n) ? undefined : n;
  };
  if (p.kind === 'integer' || p.kind === 'percent') {
    const { default: _old, ...rest } = p;
    const def = read(d.default);
    return { ...rest, min: read(d.min) ?? p.min, max: read(d.max) ?? p.max, ...(def === undefined ? {} : { default: def }) } as ParameterDefinition;
  }
  if (p.kind === 'money_ore') {
    const { default: _old, max: _max, ...rest } = p;
    const def = read(d.default);
    const max = read(d.max);
    return { ...rest, min: read(d.min) ?? p.min, ...(max === undefined ? {} : { max }), ...(def === undefined ? {} : { default: def }) } as ParameterDefinition;
  }
  return p;
}

/**
 * Edits a draft: the texts in Swedish and English and the parameters' defaults and ranges,
 * with a live preview in both languages. Saving a template whose newest version is published
 * starts a new draft version.
 */
export function TemplateEditor({ templateId, initial, onDone }: { templateId: string; initial: RequirementTemplate; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  const announce = useAnnounce();
  const save = useSaveDraft(templateId);
  const [content, setContent] = useState<RequirementTemplate>(initial);
  const [numbers, setNumbers] = useState<Record<string, NumberDraft>>(() =>
    Object.fromEntries(initial.parameters.flatMap((p) => {
      const d = numberDraftOf(p);
      return d ? [[p.key, d]] : [];
    })),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitCount, setSubmitCount] = useState(0);
  const [generalError, setGeneralError] = useState<string | null>(null);

  const setText = (field: (typeof TEXTS)[number], language: 'sv' | 'en', value: string) => setContent((c) => ({ ...c, [field]: { ...c[field], [language]: value } }));
  const setParameter = (index: number, next: ParameterDefinition) => setContent((c) => ({ ...c, parameters: c.parameters.map((p, i) => (i === index ? next : p)) }));
  const setNumber = (index: number, key: string, field: keyof NumberDraft, value: string) => {
    const draft = { ...(numbers[key] ?? { min: '', max: '', default: '' }), [field]: value };
    setNumbers((all) => ({ ...all, [key]: draft }));
    const current = content.parameters[index];
    if (current) setParameter(index, applyNumbers(current, draft));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setGeneralError(null);
    save.mutate(content, {
      onSuccess: () => {
        setErrors({});
        announce(t('library.editor.saved'));
        onDone();
      },
      onError: (error) => {
        const fields = fieldErrorsOf(error, t);
        setErrors(fields);
        setSubmitCount((n) => n + 1);
        if (Object.keys(fields).length === 0) setGeneralError(describeError(error, t));
      },
    });
  };

  const labelFor = (name: string) => {
    const m = /^content\.(title|guidance|body|followUp)\.(sv|en)$/.exec(name);
    if (m) return `${t(`library.fields.${m[1]}`)} (${t(`requirements.languages.${m[2]}`)})`;
    return name;
  };
  const summary = Object.entries(errors).map(([name, message]) => ({ name, message, label: labelFor(name) }));

  return (
    <div className="editor-layout">
      <Form onSubmit={submit} className="form" validationBehavior="aria" aria-labelledby="editor-heading">
        <h2 id="editor-heading">{t('library.editor.title')}</h2>
        {generalError ? <Message tone="error">{generalError}</Message> : null}
        <ErrorSummary errors={summary} submitCount={submitCount} />
        <p className="muted">{t('library.editor.placeholdersHint', { keys: content.parameters.map((p) => `{{${p.key}}}`).join(', ') })}</p>
        {TEXTS.map((field) => (
          <fieldset key={field} className="fieldset">
            <legend>{t(`library.fields.${field}`)}</legend>
            <div className="preview-columns">
              {(['sv', 'en'] as const).map((language) => (
                <TextField
                  key={language}
                  label={`${t(`library.fields.${field}`)} (${t(`requirements.languages.${language}`)})`}
                  name={`content.${field}.${language}`}
                  value={content[field][language]}
                  onChange={(v) => setText(field, language, v)}
                  multiline={field !== 'title'}
                  isRequired
                  errorMessage={errors[`content.${field}.${language}`]}
                />
              ))}
            </div>
          </fieldset>
        ))}

        <fieldset className="fieldset">
          <legend>{t('library.editor.parameters')}</legend>
          {content.parameters.length === 0 ? <p className="muted">{t('library.editor.noParameters')}</p> : null}
          {content.parameters.map((p, index) => {
            const n = numbers[p.key];
            const name = `${p.label[lang]} ({{${p.key}}})`;
            return (
              <div key={p.key} className="requirement-card">
                <h3 className="requirement-card__title">{name}</h3>
                <p className="muted">{t(`library.parameterKinds.${p.kind}`)}</p>
                <div className="parameter-grid">
                  {n ? (
                    <>
                      <TextField label={t('library.editor.min', { name: p.label[lang] })} value={n.min} onChange={(v) => setNumber(index, p.key, 'min', v)} inputMode="decimal" size="short" />
                      <TextField label={t('library.editor.max', { name: p.label[lang] })} value={n.max} onChange={(v) => setNumber(index, p.key, 'max', v)} inputMode="decimal" size="short" />
                      <TextField label={t('library.editor.default', { name: p.label[lang] })} value={n.default} onChange={(v) => setNumber(index, p.key, 'default', v)} inputMode="decimal" size="short" />
                    </>
                  ) : p.kind === 'enum' ? (
                    <SelectField
                      label={t('library.editor.default', { name: p.label[lang] })}
                      value={p.default ?? NONE}
                      onChange={(v) => {
                        const { default: _old, ...rest } = p;
                        setParameter(index, v === NONE || v === null ? rest : { ...rest, default: v });
                      }}
                      options={[{ id: NONE, label: t('common.notSet') }, ...p.options.map((o) => ({ id: o.value, label: o.label[lang] }))]}
                    />
                  ) : p.kind === 'text' && (p.default === undefined || typeof p.default === 'string') ? (
                    <TextField
                      label={t('library.editor.default', { name: p.label[lang] })}
                      value={p.default ?? ''}
                      onChange={(v) => {
                        const { default: _old, ...rest } = p;
                        setParameter(index, v === '' ? rest : { ...rest, default: v });
                      }}
                    />
                  ) : (
                    <p className="muted">{t('library.editor.defaultNotEditable')}</p>
                  )}
                </div>
              </div>
            );
          })}
        </fieldset>
        <div className="form__actions button-row">
          <Button type="submit" variant="primary" isPending={save.isPending}>
            {t('library.editor.save')}
          </Button>
          <Button variant="secondary" onPress={onDone}>
            {t('common.cancel')}
          </Button>
        </div>
      </Form>
      <div className="editor-layout__preview">
        <TemplatePreview content={content} isLive />
      </div>
    </div>
  );
}
