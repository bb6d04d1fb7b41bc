import { useTranslation } from 'react-i18next';
import { CONTRACT_NATURES, PROCUREMENT_STATUSES } from '../../../../../src/domain/procurement/procurement.js';
import { Button } from '../../../components/ui/button';
import { CheckboxGroupField } from '../../../components/ui/checkbox-group-field';
import { MultiSelectField, SelectField } from '../../../components/ui/select-field';
import { TextField } from '../../../components/ui/text-field';
import { labelOf, unitTree, useCodelists, useUnits } from '../../../lib/reference-data';
import { isCpvDivisionInput, useDebouncedFilter } from '../../../lib/use-debounced-filter';
import type { ProcurementFilters } from '../api/procurements-api';

const ALL = 'all';

const SCREENINGS = ['recommended', 'needs_assessment', 'not_recommended', 'none'] as const;

export interface ProcurementFiltersProps {
  filters: ProcurementFilters;
  /** The work queue fixes the queue filter; the checkbox is then not shown. */
  isWorkQueue?: boolean;
  onChange: (changes: Partial<ProcurementFilters>, options?: { replace?: boolean }) => void;
  onClear: () => void;
  hasFilters: boolean;
}

export function ProcurementFiltersPanel({ filters, onChange, onClear, hasFilters, isWorkQueue = false }: ProcurementFiltersProps) {
  const { t, i18n } = useTranslation();
  const units = useUnits();
  const codelists = useCodelists();
  const [q, setQ] = useDebouncedFilter(filters.q, (value) => onChange({ q: value }, { replace: true }));
  const [cpv, setCpv] = useDebouncedFilter(filters.cpvDivision, (value) => onChange({ cpvDivision: value }, { replace: true }), isCpvDivisionInput);

  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: thisYear + 4 - 2015 }, (_, i) => String(thisYear + 3 - i));
  if (filters.year && !years.includes(filters.year)) years.unshift(filters.year);

  return (
    <section className="filters" aria-labelledby="filters-heading">
      <h2 id="filters-heading" className="filters__heading">
        {t('register.filters.title')}
      </h2>
      <div className="filters__grid" role="search" aria-labelledby="filters-heading">
        <TextField label={t('register.filters.q')} description={t('register.filters.qHint')} type="search" name="q" value={q} onChange={setQ} inputMode="search" />
        <MultiSelectField
          label={t('register.filters.unit')}
          placeholder={t('register.filters.allUnits')}
          values={filters.unitId}
          onChange={(unitId) => onChange({ unitId })}
          options={unitTree(units.data ?? []).map((u) => ({ id: u.id, label: u.name, depth: u.depth }))}
        />
        <MultiSelectField
          label={t('register.filters.status')}
          placeholder={t('register.filters.allStatuses')}
          values={filters.status}
          onChange={(status) => onChange({ status })}
          options={PROCUREMENT_STATUSES.map((s) => ({ id: s, label: t(`status.${s}`) }))}
        />
        <SelectField
          label={t('register.filters.contractNature')}
          value={filters.contractNature || ALL}
          onChange={(value) => onChange({ contractNature: value === ALL || value === null ? '' : value })}
          options={[
            { id: ALL, label: t('register.filters.all') },
            ...CONTRACT_NATURES.map((code) => ({
              id: code,
              label: labelOf(codelists.data?.contractNature.find((c) => c.code === code), i18n.language) || t(`contractNature.${code}`),
            })),
          ]}
        />
        <SelectField
          label={t('register.filters.year')}
          description={t('register.filters.yearHint')}
          value={filters.year || ALL}
          onChange={(value) => onChange({ year: value === ALL || value === null ? '' : value })}
          options={[{ id: ALL, label: t('register.filters.all') }, ...years.map((y) => ({ id: y, label: y }))]}
        />
        <TextField
          label={t('register.filters.cpvDivision')}
          description={t('register.filters.cpvDivisionHint')}
          name="cpvDivision"
          value={cpv}
          onChange={setCpv}
          inputMode="numeric"
          maxLength={2}
          size="short"
          errorMessage={isCpvDivisionInput(cpv) ? undefined : t('register.filters.cpvDivisionInvalid')}
        />
        <SelectField
          label={t('register.filters.screening')}
          value={filters.screening || ALL}
          onChange={(value) => onChange({ screening: value === ALL || value === null ? '' : value })}
          options={[{ id: ALL, label: t('register.filters.all') }, ...SCREENINGS.map((s) => ({ id: s, label: t(`register.screening.${s}`) }))]}
        />
        {isWorkQueue ? null : (
          <CheckboxGroupField
            label={t('register.filters.queue')}
            options={[{ id: 'undecided', label: t('register.filters.queueUndecided') }]}
            value={filters.queue ? [filters.queue] : []}
            onChange={(values) => onChange({ queue: values.includes('undecided') ? 'undecided' : '' })}
          />
        )}
      </div>
      {hasFilters ? (
        <div className="button-row">
          <Button variant="quiet" onPress={onClear}>
            {t('register.filters.clear')}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
