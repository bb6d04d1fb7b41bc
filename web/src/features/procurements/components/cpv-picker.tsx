import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button as AriaButton, ComboBox, FieldError, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components';
import { labelOf, searchCpv } from '../../../lib/reference-data';
import type { CpvRef } from '../api/procurements-api';
import '../../../components/ui/field.css';
import '../procurements.css';

export interface CpvPickerProps {
  label: string;
  value: CpvRef | null;
  onChange: (value: CpvRef | null) => void;
  name: string;
  description?: string;
  errorMessage?: string | undefined;
  isRequired?: boolean;
}

const MIN_QUERY = 2;

/** Searches CPV 2008 by code or words (Swedish or English) through /api/reference/cpv. */
export function CpvPicker({ label, value, onChange, name, description, errorMessage, isRequired }: CpvPickerProps) {
  const { t, i18n } = useTranslation();
  const display = (cpv: CpvRef) => `${cpv.code} – ${labelOf(cpv, i18n.language)}`;
  const [inputValue, setInputValue] = useState(value ? display(value) : '');
  const [term, setTerm] = useState('');

  // Show the chosen code in the current language, also after a language switch.
  const selectedText = value ? display(value) : '';
  useEffect(() => {
    setInputValue(selectedText);
  }, [selectedText]);

  useEffect(() => {
    const text = inputValue.trim();
    const timer = window.setTimeout(() => setTerm(text === selectedText ? '' : text), 250);
    return () => window.clearTimeout(timer);
  }, [inputValue, selectedText]);

  const results = useQuery({
    queryKey: ['cpv', term],
    queryFn: ({ signal }) => searchCpv(term, signal),
    enabled: term.length >= MIN_QUERY,
    staleTime: Infinity,
  });
  const found = term.length >= MIN_QUERY ? (results.data?.items ?? []) : [];
  const items = value && !found.some((c) => c.code === value.code) ? [value, ...found] : found;

  return (
    <ComboBox
      className="field field--long combobox"
      items={items}
      selectedKey={value?.code ?? null}
      onSelectionChange={(key) => {
        const chosen = items.find((c) => c.code === key) ?? null;
        if (key === null && inputValue.trim() !== '') return;
        onChange(chosen);
        setInputValue(chosen ? display(chosen) : '');
      }}
      inputValue={inputValue}
      onInputChange={(text) => {
        setInputValue(text);
        if (text === '') onChange(null);
      }}
      menuTrigger="input"
      allowsEmptyCollection
      isRequired={isRequired}
      isInvalid={Boolean(errorMessage)}
      validationBehavior="aria"
    >
      <span className="field__label-row">
        <Label className="field__label">{label}</Label>
        {isRequired ? <span className="field__required" aria-hidden="true"> *</span> : null}
      </span>
      <Text slot="description" className="field__description">
        {description ?? t('cpv.hint')}
      </Text>
      <div className="combobox__control">
        <Input className="field__input" data-field={name} />
        <AriaButton className="combobox__button" aria-label={t('cpv.showSuggestions')}>
          <span aria-hidden="true">▾</span>
        </AriaButton>
      </div>
      <FieldError className="field__error">{errorMessage}</FieldError>
      <Popover className="popover popover--wide" placement="bottom start">
        <ListBox
          className="listbox"
          dependencies={[i18n.language]}
          renderEmptyState={() => (
            <p className="listbox__empty">{term.length < MIN_QUERY ? t('cpv.typeMore') : results.isFetching ? t('common.loading') : t('cpv.noMatches')}</p>
          )}
        >
          {(cpv: CpvRef) => (
            <ListBoxItem id={cpv.code} textValue={display(cpv)} className="listbox__item">
              <span className="code">{cpv.code}</span> {labelOf(cpv, i18n.language)}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
