import { FieldError, Input, Label, Text, TextArea, TextField as AriaTextField, type TextFieldProps as AriaTextFieldProps } from 'react-aria-components';
import './field.css';

export interface TextFieldProps extends Omit<AriaTextFieldProps, 'children' | 'isInvalid'> {
  label: string;
  description?: string;
  /** A message from the server or client-side checks; shows the field as invalid. */
  errorMessage?: string | undefined;
  multiline?: boolean;
  inputMode?: 'text' | 'numeric' | 'decimal' | 'email' | 'search';
  placeholder?: string;
  size?: 'short' | 'medium' | 'long';
}

/** A labelled text input with description and error message, all wired up by react-aria. */
export function TextField({ label, description, errorMessage, multiline, inputMode, placeholder, size = 'long', className, ...props }: TextFieldProps) {
  return (
    <AriaTextField
      {...props}
      isInvalid={Boolean(errorMessage)}
      validationBehavior="aria"
      className={['field', `field--${size}`, typeof className === 'string' ? className : ''].join(' ').trim()}
    >
      <span className="field__label-row">
        <Label className="field__label">{label}</Label>
        {props.isRequired ? <span className="field__required" aria-hidden="true"> *</span> : null}
      </span>
      {description ? (
        <Text slot="description" className="field__description">
          {description}
        </Text>
      ) : null}
      {multiline ? (
        <TextArea className="field__input field__input--multiline" rows={5} placeholder={placeholder} />
      ) : (
        <Input className="field__input" inputMode={inputMode} placeholder={placeholder} />
      )}
      <FieldError className="field__error">{errorMessage}</FieldError>
    </AriaTextField>
  );
}
