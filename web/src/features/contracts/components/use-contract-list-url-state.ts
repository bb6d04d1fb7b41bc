import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { ContractListQuery } from '../api/contracts-api';

export const CONTRACT_PAGE_SIZES = [25, 50, 100] as const;

/** The contract list's filters and page live in the URL, so a view can be bookmarked and shared. */
export function useContractListUrlState() {
  const [params, setParams] = useSearchParams();
  const query: ContractListQuery = useMemo(() => {
    const page = Number(params.get('page') ?? '1');
    const pageSize = Number(params.get('pageSize') ?? '25');
    return {
      q: params.get('q') ?? '',
      active: params.get('active') === 'true' ? 'true' : '',
      procurementId: params.get('procurementId') ?? '',
      page: Number.isInteger(page) && page > 0 ? page : 1,
      pageSize: (CONTRACT_PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : 25,
    };
  }, [params]);

  const update = useCallback(
    (changes: Partial<ContractListQuery>, options: { resetPage?: boolean; replace?: boolean } = {}) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            next.delete(key);
            if (value !== '' && value !== undefined && value !== null) next.set(key, String(value));
          }
          if (options.resetPage ?? true) next.delete('page');
          if (next.get('page') === '1') next.delete('page');
          if (next.get('pageSize') === '25') next.delete('pageSize');
          return next;
        },
        { replace: options.replace ?? false },
      );
    },
    [setParams],
  );
  const hasFilters = Boolean(query.q || query.active || query.procurementId);
  const clear = useCallback(() => update({ q: '', active: '', procurementId: '' }), [update]);
  return { query, update, hasFilters, clear };
}
