import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import './message.css';
import './error-summary.css';

export interface ErrorSummaryProps {
  errors: Array<{ name: string; message: string; label: string }>;
  /** Changes whenever the form is submitted again, so focus returns to the summary. */
  submitCount: number;
}

/** Moves focus to the form control with this `name`, if it can take focus. */
function focusField(name: string): boolean {
  const target = document.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]:not([type=hidden])`) ?? document.querySelector<HTMLElement>(`[data-field="${CSS.escape(name)}"]`);
  if (!target) return false;
  target.focus();
  return document.activeElement === target;
}

/**
 * Lists the problems of a form at its top and takes focus after a failed submit (the
 * GOV.UK pattern); each entry links to its field.
 */
export function ErrorSummary({ errors, submitCount }: ErrorSummaryProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const hasErrors = errors.length > 0;
  useEffect(() => {
    // Only after a submit, not while the person types.
    if (hasErrors) ref.current?.focus();
  }, [submitCount, hasErrors]);
  if (!hasErrors) return null;
  return (
    <div className="message message--error error-summary" ref={ref} tabIndex={-1} role="group" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" className="message__title">
        {t('form.errorSummary', { count: errors.length })}
      </h2>
      <ul>
        {errors.map((e) => (
          <li key={e.name + e.message}>
            <a
              href={`#${e.name}`}
              onClick={(event) => {
                event.preventDefault();
                focusField(e.name);
              }}
            >
              {e.label}: {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
