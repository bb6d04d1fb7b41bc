import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button as AriaButton, ComboBox, FieldError, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components';
import { searchOccupations, type OccupationHit } from '../api/matching-api';
import '../../../components/ui/field.css';

const MIN_QUERY = 2;

/** The key of a hit: a JobTech occupation name by its concept id, an SSYK group by its code. */
export const occupationKey = (o: { ssykCode: string | null; occupationNameId: string | null }): string => (o.occupationNameId ? `name:${o.occupationNameId}` : `ssyk:${o.ssykCode ?? ''}`);

export function occupationText(o: OccupationHit, language: string): string {
  const label = language === 'en' ? o.en : o.sv;
  return o.kind === 'ssyk' ? `SSYK ${o.ssykCode} – ${label}` : `${label} (SSYK ${o.ssykCode})`;
}

export interface OccupationPickerProps {
  label: string;
  name: string;
  description: string;
  /** Called with the chosen occupation; the field empties itself for the next one unless `value` is given. */
  onChoose: (hit: OccupationHit | null) => void;
  /** A picker that holds one choice (the need form); without it the picker adds to a list. */
  value?: OccupationHit | null;
  unitGroupsOnly?: boolean;
  errorMessage?: string | undefined;
  isRequired?: boolean;
}

/** Searches SSYK 2012 groups and JobTech occupation names by code or words (/api/reference/occupations). */
export function OccupationPicker({ label, name, description, onChoose, value, unitGroupsOnly = false, errorMessage, isRequired }: OccupationPickerProps) {
  const { t, i18n } = useTranslation();
  // Adding to a list: the choice is held for one moment, so that the combobox sees its selection
  // change (and closes its list), then the field empties for the next occupation.
  const [picked, setPicked] = useState<OccupationHit | null>(null);
  useEffect(() => {
    if (picked === null) return;
    const timer = window.setTimeout(() => {
      setPicked(null);
      setInputValue('');
      setTerm('');
    }, 0);
    return () => window.clearTimeout(timer);
  }, [picked]);
  const current = value === undefined ? picked : value;
  const selectedText = value ? occupationText(value, i18n.language) : '';
  const [inputValue, setInputValue] = useState(selectedText);
  const [term, setTerm] = useState('');
  useEffect(() => setInputValue(selectedText), [selectedText]);
  useEffect(() => {
    const text = inputValue.trim();
    const timer = window.setTimeout(() => setTerm(text === selectedText ? '' : text), 250);
    return () => window.clearTimeout(timer);
  }, [inputValue, selectedText]);
  const results = useQuery({
    queryKey: ['occupations', term, unitGroupsOnly],
    queryFn: ({ signal }) => searchOccupations(term, unitGroupsOnly, signal),
    enabled: term.length >= MIN_QUERY,
    staleTime: Infinity,
  });
  const found = term.length >= MIN_QUERY ? (results.data?.items ?? []) : [];
  const items = current && !found.some((o) => occupationKey(o) === occupationKey(current)) ? [current, ...found] : found;
  return (
    <ComboBox
      className="field field--long combobox"
      items={items.map((o) => ({ ...o, id: occupationKey(o) }))}
      selectedKey={current ? occupationKey(current) : null}
      onSelectionChange={(key) => {
        const chosen = items.find((o) => occupationKey(o) === key) ?? null;
        if (key === null && inputValue.trim() !== '') return;
        onChoose(chosen);
        if (value === undefined) setPicked(chosen);
        else setInputValue(chosen ? occupationText(chosen, i18n.language) : '');
      }}
      inputValue={inputValue}
      onInputChange={(text) => {
        setInputValue(text);
        if (text === '' && value !== undefined) onChoose(null);
      }}
      menuTrigger="input"
      // Only while something is typed: an emptied field (after adding) must not reopen the list.
      allowsEmptyCollection={inputValue.trim() !== ''}
      isRequired={isRequired}
      isInvalid={Boolean(errorMessage)}
      validationBehavior="aria"
    >
      <span className="field__label-row">
        <Label className="field__label">{label}</Label>
        {isRequired ? <span className="field__required" aria-hidden="true"> *</span> : null}
      </span>
      <Text slot="description" className="field__description">
        {description}
      </Text>
      <div className="combobox__control">
        <Input className="field__input" data-field={name} />
        <AriaButton className="combobox__button" aria-label={t('matching.form.showOccupations')}>
          <span aria-hidden="true">▾</span>
        </AriaButton>
      </div>
      <FieldError className="field__error">{errorMessage}</FieldError>
      <Popover className="popover popover--wide" placement="bottom start">
        <ListBox
          className="listbox"
          dependencies={[i18n.language]}
          renderEmptyState={() => <p className="listbox__empty">{term.length < MIN_QUERY ? t('matching.form.typeMore') : results.isFetching ? t('common.loading') : t('matching.form.noOccupations')}</p>}
        >
          {(o: OccupationHit & { id: string }) => (
            <ListBoxItem id={o.id} textValue={occupationText(o, i18n.language)} className="listbox__item">
              {occupationText(o, i18n.language)}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
