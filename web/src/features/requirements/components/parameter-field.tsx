import { useTranslation } from 'react-i18next';
import { CheckboxGroupField } from '../../../components/ui/checkbox-group-field';
import { SelectField } from '../../../components/ui/select-field';
import { TextField } from '../../../components/ui/text-field';
import type { ParameterDefinition, TargetGroup } from '../api/requirements-api';
import { rangeOf, type ParameterInput } from './parameter-values';

export interface ParameterFieldProps {
  definition: ParameterDefinition;
  value: ParameterInput;
  onChange: (value: ParameterInput) => void;
  /** The field's key for the error summary, e.g. `requirements.0.parameters.positions`. */
  name: string;
  errorMessage?: string | undefined;
  targetGroups: TargetGroup[];
  isDisabled?: boolean;
}

/** One typed parameter of a requirement template, with its label, help, range and error. */
export function ParameterField({ definition, value, onChange, name, errorMessage, targetGroups, isDisabled }: ParameterFieldProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  const label = definition.label[lang];
  const range = rangeOf(definition);
  const hints = [definition.help?.[lang], range ? t('requirements.parameters.range', range) : undefined].filter(Boolean).join(' ');
  const description = hints || undefined;

  switch (definition.kind) {
    case 'target_groups': {
      const selected = Array.isArray(value) ? value : [];
      const options = targetGroups
        .filter((g) => g.active || selected.includes(g.code))
        .map((g) => ({ id: g.code, label: g.label[lang] }));
      return (
        <CheckboxGroupField
          label={label}
          name={name}
          description={[description, t('requirements.parameters.atLeast', { count: definition.minItems })].filter(Boolean).join(' ')}
          options={options}
          value={selected}
          onChange={onChange}
          errorMessage={errorMessage}
        />
      );
    }
    case 'enum':
      return (
        <SelectField
          label={label}
          name={name}
          description={description}
          value={typeof value === 'string' && value !== '' ? value : null}
          onChange={(v) => onChange(v ?? '')}
          options={definition.options.map((o) => ({ id: o.value, label: o.label[lang] }))}
          placeholder={t('form.choose')}
          errorMessage={errorMessage}
          isDisabled={isDisabled}
        />
      );
    case 'text':
      if (typeof value === 'object' && !Array.isArray(value)) {
        return (
          <>
            <TextField label={`${label} (${t('requirements.languages.sv')})`} name={`${name}.sv`} description={description} value={value.sv} onChange={(sv) => onChange({ ...value, sv })} maxLength={definition.maxLength} errorMessage={errorMessage} isDisabled={isDisabled} />
            <TextField label={`${label} (${t('requirements.languages.en')})`} name={`${name}.en`} value={value.en} onChange={(en) => onChange({ ...value, en })} maxLength={definition.maxLength} isDisabled={isDisabled} />
          </>
        );
      }
      return <TextField label={label} name={name} description={description} value={typeof value === 'string' ? value : ''} onChange={onChange} maxLength={definition.maxLength} errorMessage={errorMessage} isDisabled={isDisabled} />;
    case 'integer':
    case 'percent':
    case 'money_ore': {
      const suffix = definition.kind === 'percent' ? ' (%)' : definition.kind === 'money_ore' ? ` (${t('requirements.parameters.kronor')})` : '';
      return (
        <TextField
          label={`${label}${suffix}`}
          name={name}
          description={description}
          value={typeof value === 'string' ? value : ''}
          onChange={onChange}
          inputMode={definition.kind === 'integer' ? 'numeric' : 'decimal'}
          size="medium"
          errorMessage={errorMessage}
          isDisabled={isDisabled}
        />
      );
    }
  }
}
