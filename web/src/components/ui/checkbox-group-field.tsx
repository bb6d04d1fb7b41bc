import { Checkbox, CheckboxGroup, FieldError, Label, Text } from 'react-aria-components';
import './field.css';
import './checkbox-group-field.css';

export interface CheckboxGroupFieldProps {
  label: string;
  options: ReadonlyArray<{ id: string; label: string; description?: string }>;
  value: string[];
  onChange: (value: string[]) => void;
  description?: string;
  errorMessage?: string | undefined;
  isRequired?: boolean;
  name?: string;
  isDisabled?: boolean;
}

/** A labelled group of checkboxes (react-aria CheckboxGroup: role=group with its label). */
export function CheckboxGroupField({ label, options, value, onChange, description, errorMessage, isRequired, name, isDisabled }: CheckboxGroupFieldProps) {
  return (
    <CheckboxGroup className="field checkbox-group" value={value} onChange={onChange} isInvalid={Boolean(errorMessage)} isRequired={isRequired} validationBehavior="aria" name={name} isDisabled={isDisabled}>
      <span className="field__label-row">
        <Label className="field__label">{label}</Label>
        {isRequired ? <span className="field__required" aria-hidden="true"> *</span> : null}
      </span>
      {description ? (
        <Text slot="description" className="field__description">
          {description}
        </Text>
      ) : null}
      {options.map((o) => (
        <Checkbox key={o.id} value={o.id} className="checkbox">
          <span className="checkbox__box" aria-hidden="true">
            <svg viewBox="0 0 18 18" className="checkbox__mark">
              <polyline points="3.5 9.5 7.5 13 14.5 5" />
            </svg>
          </span>
          <span>
            {o.label}
            {o.description ? <span className="checkbox__description"> – {o.description}</span> : null}
          </span>
        </Checkbox>
      ))}
      <FieldError className="field__error">{errorMessage}</FieldError>
    </CheckboxGroup>
  );
}
