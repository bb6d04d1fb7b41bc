import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-client';
import { previewTemplate, type Preview, type RequirementTemplate } from '../api/requirements-api';
import '../requirements.css';

const DEBOUNCE_MS = 400;

/**
 * The template rendered with its default values in Swedish and English, re-rendered by the
 * server a moment after each change (POST /api/requirement-templates/preview).
 */
export function TemplatePreview({ content, isLive = false }: { content: RequirementTemplate; isLive?: boolean }) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const serialised = JSON.stringify(content);

  useEffect(() => {
    const controller = new AbortController();
    setBusy(true);
    const timer = window.setTimeout(() => {
      previewTemplate(JSON.parse(serialised) as RequirementTemplate, {}, controller.signal)
        .then((result) => {
          setPreview(result);
          setProblem(null);
        })
        .catch((error: unknown) => {
          if (error instanceof DOMException && error.name === 'AbortError') return;
          setProblem(error instanceof ApiError ? (error.problem.errors?.map((e) => ('path' in e ? `${e.path}: ${e.message}` : e.message)).join('; ') ?? error.message) : t('errors.codes.unknown'));
        })
        .finally(() => {
          if (!controller.signal.aborted) setBusy(false);
        });
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [serialised, t]);

  return (
    <section aria-labelledby="preview-heading" className="section template-preview" aria-busy={isBusy}>
      <h2 id="preview-heading">{t('library.preview.title')}</h2>
      <p className="muted">{t(isLive ? 'library.preview.hint' : 'library.preview.hintStatic')}</p>
      {problem ? (
        <p className="field__error" role="alert">
          {t('library.preview.failed', { problem })}
        </p>
      ) : null}
      {preview ? (
        <div className="preview-columns">
          {(['sv', 'en'] as const).map((lang) => (
            <article key={lang} lang={lang} aria-labelledby={`preview-${lang}`}>
              <h3 id={`preview-${lang}`}>
                <span className="preview-language" lang={document.documentElement.lang}>
                  {t(`library.preview.in.${lang}`)}
                </span>{' '}
                {preview[lang].title}
              </h3>
              <div className="rendered-text" data-testid={`preview-body-${lang}`}>
                {preview[lang].body}
              </div>
              <h4 lang={document.documentElement.lang}>{t('documents.followUp')}</h4>
              <div className="rendered-text">{preview[lang].followUp}</div>
            </article>
          ))}
        </div>
      ) : null}
    </section>
  );
}
