import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { TargetGroupView } from '../../../../../src/server/features/requirements/requirement-schemas.js';
import type { Contract, ContractInput, ContractListItem, Fulfilment, Placement, PlacementInput } from './contract-types';

export type * from './contract-types';
export type { TargetGroupView };

const enc = encodeURIComponent;

/** The contract's own state, by its dates. */
export const CONTRACT_STATUSES = ['upcoming', 'active', 'ended'] as const;

/** The contract list's filters, as they appear in the page URL and the API query. */
export interface ContractListQuery {
  q: string;
  status: string;
  procurementId: string;
  page: number;
  pageSize: number;
}

export function useContractList(query: ContractListQuery, enabled = true) {
  return useQuery({
    queryKey: ['contracts', 'list', query],
    queryFn: ({ signal }) =>
      apiRequest<{ items: ContractListItem[]; total: number }>('/api/contracts', {
        query: { q: query.q.trim(), status: query.status, procurementId: query.procurementId, page: query.page, pageSize: query.pageSize },
        signal,
      }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useContract(id: string, enabled = true) {
  return useQuery({ queryKey: ['contracts', 'one', id], queryFn: () => apiRequest<Contract>(`/api/contracts/${enc(id)}`), enabled });
}

export function useFulfilment(id: string, asOf: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['contracts', 'fulfilment', id, asOf],
    queryFn: () => apiRequest<Fulfilment>(`/api/contracts/${enc(id)}/fulfilment`, { query: { asOf } }),
    placeholderData: keepPreviousData,
  });
}

function useInvalidateContract() {
  const client = useQueryClient();
  return (id?: string) => {
    void client.invalidateQueries({ queryKey: ['contracts', 'list'] });
    void client.invalidateQueries({ queryKey: ['follow-up'] });
    if (id) {
      void client.invalidateQueries({ queryKey: ['contracts', 'one', id] });
      void client.invalidateQueries({ queryKey: ['contracts', 'fulfilment', id] });
    }
  };
}

export function useCreateContract() {
  const invalidate = useInvalidateContract();
  return useMutation({
    mutationFn: (input: ContractInput) => apiRequest<Contract>('/api/contracts', { method: 'POST', body: input }),
    onSuccess: (created) => invalidate(created.id),
  });
}

export function useAddPlacement(contractId: string) {
  const invalidate = useInvalidateContract();
  return useMutation({
    mutationFn: (input: PlacementInput) => apiRequest<Placement>(`/api/contracts/${enc(contractId)}/placements`, { method: 'POST', body: input }),
    onSuccess: () => invalidate(contractId),
  });
}

export function useUpdatePlacement(contractId: string) {
  const invalidate = useInvalidateContract();
  return useMutation({
    mutationFn: ({ placementId, changes }: { placementId: string; changes: Partial<PlacementInput> }) =>
      apiRequest<Placement>(`/api/contracts/${enc(contractId)}/placements/${enc(placementId)}`, { method: 'PATCH', body: changes }),
    onSuccess: () => invalidate(contractId),
  });
}

/** The contracts recorded for one procurement (the section on the procurement page). */
export function useProcurementContracts(procurementId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['contracts', 'list', { procurementId }],
    queryFn: () => apiRequest<{ items: ContractListItem[]; total: number }>('/api/contracts', { query: { procurementId, pageSize: 100 } }),
    enabled,
  });
}

/** The organisation's target groups, for the placement form (verified by the coordinator). */
export function useTargetGroupOptions() {
  return useQuery({ queryKey: ['target-groups'], queryFn: () => apiRequest<TargetGroupView[]>('/api/target-groups'), staleTime: 60_000 });
}
