import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from './announcer';
import type { FieldErrors } from './problems';

export interface FormSubmitOptions {
  /** The server's field problems, keyed like the form's fields (a feature's `…FieldErrorsOf`). */
  fieldErrorsOf: (error: unknown) => FieldErrors;
  /** A sentence for a failure that names no field (a feature's `describe…Error`). */
  describeError: (error: unknown) => string;
  /** Also announce "N problems" in the live region whenever field errors are shown. */
  announceErrors?: boolean | undefined;
}

export interface FormSubmit {
  errors: FieldErrors;
  /** A failure that names no field, shown as a message above the form. */
  generalError: string | null;
  /** Grows with every check and every refusal, so the error summary takes focus again. */
  submitCount: number;
  isSending: boolean;
  /** Shows the client-side problems (none clears them); true when there are none and the form may be sent. */
  check: (found: FieldErrors) => boolean;
  /**
   * Sends the form; a refusal shows the server's field problems, or a general message when it
   * names no field. True when the request (and what `send` does after it) succeeded.
   */
  send: (send: () => Promise<unknown>) => Promise<boolean>;
}

/**
 * The one submit flow of a form: client checks first, then the request, then the server's
 * problems by field (or one message). The form shows the state with `DialogForm` (or its own
 * `ErrorSummary` and `Message`).
 */
export function useFormSubmit({ fieldErrorsOf, describeError, announceErrors = false }: FormSubmitOptions): FormSubmit {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [generalError, setGeneralError] = useState<string | null>(null);
  const [submitCount, setSubmitCount] = useState(0);
  const [isSending, setSending] = useState(false);

  const show = (found: FieldErrors, general: string | null) => {
    setErrors(found);
    setGeneralError(general);
    setSubmitCount((n) => n + 1);
    const count = Object.keys(found).length;
    if (announceErrors && count > 0) announce(t('form.errorSummary', { count }));
  };

  return {
    errors,
    generalError,
    submitCount,
    isSending,
    check(found) {
      show(found, null);
      return Object.keys(found).length === 0;
    },
    async send(request) {
      setSending(true);
      try {
        await request();
        return true;
      } catch (error) {
        const fields = fieldErrorsOf(error);
        show(fields, Object.keys(fields).length === 0 ? describeError(error) : null);
        return false;
      } finally {
        setSending(false);
      }
    },
  };
}
