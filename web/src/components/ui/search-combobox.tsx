import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button as AriaButton, ComboBox, FieldError, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components';
import './field.css';
import './search-combobox.css';

/** Fewer characters than this search nothing: the list asks for more instead. */
const MIN_QUERY = 2;
/** The search starts this long after the last keystroke, so typing a word is one request. */
const DEBOUNCE_MS = 250;

export interface SearchComboBoxProps<Item> {
  label: string;
  /** The field's name, for the error summary's link (`data-field`). */
  name: string;
  description: string;
  /**
   * The chosen item (null for none): the field holds one choice and shows it. Left out, the field
   * adds to a list: each choice goes to `onChange`, then the field empties for the next one.
   */
  value?: Item | null;
  onChange: (item: Item | null) => void;
  /** The search behind the field; `queryKey` names it in the query cache (the term is added). */
  search: (term: string, signal: AbortSignal) => Promise<{ items: Item[] }>;
  queryKey: readonly unknown[];
  /** A stable key of an item, and its text in the current language (in the field and for type-ahead). */
  keyOf: (item: Item) => string;
  textOf: (item: Item) => string;
  /** How an item reads in the list; its text when left out. */
  renderItem?: (item: Item) => ReactNode;
  messages: {
    /** The accessible name of the button that opens the list. */
    showSuggestions: string;
    typeMore: string;
    noMatches: string;
  };
  errorMessage?: string | undefined;
  isRequired?: boolean;
}

/**
 * The one search combobox (react-aria ComboBox): a labelled field with description and error,
 * searched as the person types (debounced, cancelled when the term changes), keyboard-driven
 * (arrows, Enter, Escape) and announced by screen readers. Used for CPV codes, occupations …
 */
export function SearchComboBox<Item extends object>({ label, name, description, value, onChange, search, queryKey, keyOf, textOf, renderItem, messages, errorMessage, isRequired }: SearchComboBoxProps<Item>) {
  const { t, i18n } = useTranslation();
  const isList = value === undefined;
  // Adding to a list: the choice is held for one moment, so that the combobox sees its selection
  // change (and closes its list), then the field empties for the next one.
  const [picked, setPicked] = useState<Item | null>(null);
  const [inputValue, setInputValue] = useState(value ? textOf(value) : '');
  const [term, setTerm] = useState('');
  useEffect(() => {
    if (picked === null) return;
    const timer = window.setTimeout(() => {
      setPicked(null);
      setInputValue('');
      setTerm('');
    }, 0);
    return () => window.clearTimeout(timer);
  }, [picked]);

  const current = isList ? picked : value;
  // Show the chosen item in the current language, also after a language switch.
  const selectedText = value ? textOf(value) : '';
  useEffect(() => setInputValue(selectedText), [selectedText]);
  useEffect(() => {
    const text = inputValue.trim();
    const timer = window.setTimeout(() => setTerm(text === selectedText ? '' : text), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [inputValue, selectedText]);

  const results = useQuery({
    queryKey: [...queryKey, term],
    queryFn: ({ signal }) => search(term, signal),
    enabled: term.length >= MIN_QUERY,
    staleTime: Infinity,
  });
  const found = term.length >= MIN_QUERY ? (results.data?.items ?? []) : [];
  const items = current && !found.some((item) => keyOf(item) === keyOf(current)) ? [current, ...found] : found;

  return (
    <ComboBox
      className="field field--long combobox"
      items={items.map((item) => ({ id: keyOf(item), item }))}
      selectedKey={current ? keyOf(current) : null}
      onSelectionChange={(key) => {
        const chosen = items.find((item) => keyOf(item) === key) ?? null;
        if (key === null && inputValue.trim() !== '') return;
        onChange(chosen);
        if (isList) setPicked(chosen);
        else setInputValue(chosen ? textOf(chosen) : '');
      }}
      inputValue={inputValue}
      onInputChange={(text) => {
        setInputValue(text);
        if (text === '' && !isList) onChange(null);
      }}
      menuTrigger="input"
      // Adding to a list: only while something is typed, so an emptied field does not reopen the list.
      allowsEmptyCollection={!isList || inputValue.trim() !== ''}
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
        <AriaButton className="combobox__button" aria-label={messages.showSuggestions}>
          <span aria-hidden="true">▾</span>
        </AriaButton>
      </div>
      <FieldError className="field__error">{errorMessage}</FieldError>
      <Popover className="popover popover--wide" placement="bottom start">
        <ListBox
          className="listbox"
          dependencies={[i18n.language]}
          renderEmptyState={() => <p className="listbox__empty">{term.length < MIN_QUERY ? messages.typeMore : results.isFetching ? t('common.loading') : messages.noMatches}</p>}
        >
          {({ id, item }: { id: string; item: Item }) => (
            <ListBoxItem id={id} textValue={textOf(item)} className="listbox__item">
              {renderItem ? renderItem(item) : textOf(item)}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
