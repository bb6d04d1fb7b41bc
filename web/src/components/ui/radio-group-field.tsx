import { FieldError, Label, Radio, RadioGroup, Text } from 'react-aria-components';
import './field.css';
import './checkbox-group-field.css';
import './radio-group-field.css';

export interface RadioGroupFieldProps {
  label: string;
  options: ReadonlyArray<{ id: string; label: string; description?: string }>;
  value: string | null;
  onChange: (value: string) => void;
  description?: string;
  errorMessage?: string | undefined;
  isRequired?: boolean;
  isDisabled?: boolean;
  name?: string;
  orientation?: 'horizontal' | 'vertical';
}

/** A labelled group of radio buttons (react-aria RadioGroup: arrow keys move the choice). */
export function RadioGroupField({ label, options, value, onChange, description, errorMessage, isRequired, isDisabled, name, orientation = 'vertical' }: RadioGroupFieldProps) {
  return (
    <RadioGroup
      className={`field radio-group radio-group--${orientation}`}
      value={value}
      onChange={onChange}
      isInvalid={Boolean(errorMessage)}
      isRequired={isRequired}
      isDisabled={isDisabled}
      validationBehavior="aria"
      name={name}
      orientation={orientation}
    >
      <span className="field__label-row">
        <Label className="field__label">{label}</Label>
        {isRequired ? <span className="field__required" aria-hidden="true"> *</span> : null}
      </span>
      {description ? (
        <Text slot="description" className="field__description">
          {description}
        </Text>
      ) : null}
      <div className="radio-group__options">
        {options.map((o) => (
          <Radio key={o.id} value={o.id} className="radio">
            <span className="radio__circle" aria-hidden="true" />
            <span>
              {o.label}
              {o.description ? <span className="checkbox__description"> – {o.description}</span> : null}
            </span>
          </Radio>
        ))}
      </div>
      <FieldError className="field__error">{errorMessage}</FieldError>
    </RadioGroup>
  );
}
