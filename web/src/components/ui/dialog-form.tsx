import type { ReactNode } from 'react';
import { Form } from 'react-aria-components';
import type { FormSubmit } from '../../lib/use-form-submit';
import { ModalDialog } from './dialog';
import { ErrorSummary } from './error-summary';
import { FormActions } from './form-actions';
import { Message } from './message';

export interface FormDialogProps {
  title: string;
  isOpen?: boolean;
  onOpenChange: (isOpen: boolean) => void;
  size?: 'small' | 'large';
  role?: 'dialog' | 'alertdialog';
  /** The form (a `DialogForm`), given the dialog's `close`. */
  children: (close: () => void) => ReactNode;
}

/**
 * A modal dialog that holds a form. A click outside does not close it (what was typed would be
 * lost); Escape and the form's Cancel do. The form is mounted while the dialog is open, so each
 * opening starts with a fresh form.
 */
export function FormDialog({ title, isOpen = true, onOpenChange, size = 'small', role = 'dialog', children }: FormDialogProps) {
  return (
    <ModalDialog title={title} isOpen={isOpen} onOpenChange={onOpenChange} size={size} role={role} isDismissable={false}>
      {children}
    </ModalDialog>
  );
}

export interface DialogFormProps {
  /** The form's state from `useFormSubmit`. */
  form: Pick<FormSubmit, 'errors' | 'generalError' | 'submitCount'>;
  /** Called on submit (the browser's own submit is prevented). */
  onSubmit: () => unknown;
  /** A field's label in the error summary. */
  fieldLabel: (name: string) => string;
  /** The summary lists problems in the form's order; fields not named here come first. */
  fieldOrder?: readonly string[];
  submitLabel: ReactNode;
  isPending: boolean;
  onCancel: () => void;
  variant?: 'primary' | 'danger';
  'aria-describedby'?: string;
  children: ReactNode;
}

/**
 * The form of a dialog: a general error, the error summary (focused after a failed submit), the
 * fields, then submit and Cancel.
 */
export function DialogForm({ form, onSubmit, fieldLabel, fieldOrder, submitLabel, isPending, onCancel, variant = 'primary', 'aria-describedby': describedBy, children }: DialogFormProps) {
  const entries = Object.entries(form.errors);
  if (fieldOrder) entries.sort(([a], [b]) => fieldOrder.indexOf(a) - fieldOrder.indexOf(b));
  const summary = entries.map(([name, message]) => ({ name, message, label: fieldLabel(name) }));
  return (
    <Form
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
      className="form"
      validationBehavior="aria"
      aria-describedby={describedBy}
    >
      {form.generalError ? <Message tone="error">{form.generalError}</Message> : null}
      <ErrorSummary errors={summary} submitCount={form.submitCount} />
      {children}
      <FormActions submitLabel={submitLabel} isPending={isPending} variant={variant} onCancel={onCancel} />
    </Form>
  );
}
