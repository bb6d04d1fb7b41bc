import { useTranslation } from 'react-i18next';
import { searchOccupations, type OccupationHit } from '../lib/reference-data';
import { SearchComboBox } from './ui/search-combobox';

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

/**
 * Searches SSYK 2012 groups and JobTech occupation names by code or words
 * (/api/reference/occupations): the participant and need forms, and the supplier portal's need form.
 */
export function OccupationPicker({ label, name, description, onChoose, value, unitGroupsOnly = false, errorMessage, isRequired }: OccupationPickerProps) {
  const { t, i18n } = useTranslation();
  return (
    <SearchComboBox<OccupationHit>
      label={label}
      name={name}
      description={description}
      {...(value === undefined ? {} : { value })}
      onChange={onChoose}
      search={(term, signal) => searchOccupations(term, unitGroupsOnly, signal)}
      queryKey={['occupations', unitGroupsOnly]}
      keyOf={occupationKey}
      textOf={(o) => occupationText(o, i18n.language)}
      messages={{ showSuggestions: t('matching.form.showOccupations'), typeMore: t('matching.form.typeMore'), noMatches: t('matching.form.noOccupations') }}
      errorMessage={errorMessage}
      isRequired={isRequired}
    />
  );
}
