import type { Key } from 'react-aria-components';
import { Button, FieldError, Label, ListBox, ListBoxItem, Popover, Select, SelectValue, Text } from 'react-aria-components';
import './field.css';
import './select-field.css';

export interface SelectOption {
  id: string;
  label: string;
  /** Indentation level for tree-shaped options such as units. */
  depth?: number;
}

interface CommonProps {
  label: string;
  /** Identifies the control for the form's error summary. */
  name?: string;
  options: readonly SelectOption[];
  description?: string;
  errorMessage?: string | undefined;
  isRequired?: boolean;
  isDisabled?: boolean;
  placeholder?: string;
  className?: string;
}

interface SingleProps extends CommonProps {
  value: string | null;
  onChange: (value: string | null) => void;
}

interface MultipleProps extends CommonProps {
  values: readonly string[];
  onChange: (values: string[]) => void;
}

function Parts({ label, description, errorMessage, options, isRequired, name }: CommonProps) {
  return (
    <>
      <span className="field__label-row">
        <Label className="field__label">{label}</Label>
        {isRequired ? <span className="field__required" aria-hidden="true"> *</span> : null}
      </span>
      {description ? (
        <Text slot="description" className="field__description">
          {description}
        </Text>
      ) : null}
      <Button className="field__input select__button" data-field={name}>
        <SelectValue className="select__value" />
        <span aria-hidden="true" className="select__chevron">
          ▾
        </span>
      </Button>
      <FieldError className="field__error">{errorMessage}</FieldError>
      <Popover className="popover" placement="bottom start">
        <ListBox className="listbox">
          {options.map((o) => (
            <ListBoxItem key={o.id} id={o.id} textValue={o.label} className="listbox__item" style={{ paddingInlineStart: `${0.75 + (o.depth ?? 0) * 1}rem` }}>
              {o.label}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </>
  );
}

/** A labelled single-choice select (react-aria Select: a button with a listbox popover). */
export function SelectField(props: SingleProps) {
  const { value, onChange, isRequired, isDisabled, placeholder, errorMessage, className } = props;
  return (
    <Select
      className={['field', 'select', className ?? ''].join(' ').trim()}
      value={value}
      onChange={(key: Key | null) => onChange(key === null ? null : String(key))}
      isRequired={isRequired}
      isDisabled={isDisabled}
      placeholder={placeholder}
      isInvalid={Boolean(errorMessage)}
      validationBehavior="aria"
    >
      <Parts {...props} />
    </Select>
  );
}

/** A labelled multiple-choice select; the value is shown as a comma-separated list. */
export function MultiSelectField(props: MultipleProps) {
  const { values, onChange, isDisabled, placeholder, errorMessage, className } = props;
  return (
    <Select
      selectionMode="multiple"
      className={['field', 'select', className ?? ''].join(' ').trim()}
      value={values}
      onChange={(keys: Key[]) => onChange(keys.map(String))}
      isDisabled={isDisabled}
      placeholder={placeholder}
      isInvalid={Boolean(errorMessage)}
      validationBehavior="aria"
    >
      <Parts {...props} />
    </Select>
  );
}
