import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { SORTABLE_FIELDS, type ProcurementFilters, type ProcurementListQuery } from '../api/procurements-api';

const PAGE_SIZES = [25, 50, 100] as const;
const DEFAULT_SORT = '-updatedAt';

const isSort = (value: string | null): value is string =>
  value !== null && (SORTABLE_FIELDS as readonly string[]).includes(value.replace(/^-/, ''));

/**
 * The register's view (filters, sort, page) lives in the URL query string, so a view can be
 * bookmarked, shared and survives reloads and the back button.
 */
export function useRegisterUrlState() {
  const [params, setParams] = useSearchParams();

  const query: ProcurementListQuery = useMemo(() => {
    const page = Number(params.get('page') ?? '1');
    const pageSize = Number(params.get('pageSize') ?? '25');
    const sort = params.get('sort');
    return {
      unitId: params.getAll('unitId'),
      status: params.getAll('status'),
      contractNature: params.get('contractNature') ?? '',
      year: params.get('year') ?? '',
      cpvDivision: params.get('cpvDivision') ?? '',
      q: params.get('q') ?? '',
      screening: params.get('screening') ?? '',
      queue: params.get('queue') === 'undecided' ? 'undecided' : '',
      page: Number.isInteger(page) && page > 0 ? page : 1,
      pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : 25,
      sort: isSort(sort) ? sort : DEFAULT_SORT,
    };
  }, [params]);

  const update = useCallback(
    (changes: Partial<ProcurementListQuery>, options: { resetPage?: boolean; replace?: boolean } = {}) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            next.delete(key);
            if (Array.isArray(value)) for (const v of value) next.append(key, String(v));
            else if (value !== '' && value !== undefined && value !== null) next.set(key, String(value));
          }
          if (options.resetPage ?? true) next.delete('page');
          if (next.get('sort') === DEFAULT_SORT) next.delete('sort');
          if (next.get('page') === '1') next.delete('page');
          if (next.get('pageSize') === '25') next.delete('pageSize');
          return next;
        },
        { replace: options.replace ?? false },
      );
    },
    [setParams],
  );

  const setFilters = useCallback((changes: Partial<ProcurementFilters>, options?: { replace?: boolean }) => update(changes, { resetPage: true, ...options }), [update]);
  const clearFilters = useCallback(
    () => update({ unitId: [], status: [], contractNature: '', year: '', cpvDivision: '', q: '', screening: '', queue: '' }, { resetPage: true }),
    [update],
  );
  const hasFilters = query.unitId.length + query.status.length > 0 || Boolean(query.contractNature || query.year || query.cpvDivision || query.q || query.screening || query.queue);

  return { query, update, setFilters, clearFilters, hasFilters, pageSizes: PAGE_SIZES };
}
