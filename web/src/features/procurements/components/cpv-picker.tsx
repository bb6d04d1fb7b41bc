import { useTranslation } from 'react-i18next';
import { SearchComboBox } from '../../../components/ui/search-combobox';
import { labelOf, searchCpv } from '../../../lib/reference-data';
import type { CpvRef } from '../api/procurements-api';

export interface CpvPickerProps {
  label: string;
  value: CpvRef | null;
  onChange: (value: CpvRef | null) => void;
  name: string;
  description?: string;
  errorMessage?: string | undefined;
  isRequired?: boolean;
}

const CPV_QUERY_KEY = ['cpv'] as const;

/** Searches CPV 2008 by code or words (Swedish or English) through /api/reference/cpv. */
export function CpvPicker({ label, value, onChange, name, description, errorMessage, isRequired }: CpvPickerProps) {
  const { t, i18n } = useTranslation();
  return (
    <SearchComboBox<CpvRef>
      label={label}
      name={name}
      description={description ?? t('cpv.hint')}
      value={value}
      onChange={onChange}
      search={searchCpv}
      queryKey={CPV_QUERY_KEY}
      keyOf={(cpv) => cpv.code}
      textOf={(cpv) => `${cpv.code} – ${labelOf(cpv, i18n.language)}`}
      renderItem={(cpv) => (
        <>
          <span className="code">{cpv.code}</span> {labelOf(cpv, i18n.language)}
        </>
      )}
      messages={{ showSuggestions: t('cpv.showSuggestions'), typeMore: t('cpv.typeMore'), noMatches: t('cpv.noMatches') }}
      errorMessage={errorMessage}
      isRequired={isRequired}
    />
  );
}
