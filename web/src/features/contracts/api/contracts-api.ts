import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListOf } from '../../../../../src/server/schemas.js';
import { apiRequest } from '../../../lib/api-client';
import type { TargetGroupView } from '../../../../../src/server/features/requirements/requirement-schemas.js';
import type { AmendmentInput, ReportInput, Contract, ContractInput, ContractListItem, Deviation, Fulfilment, Period, Placement, PlacementInput, PlacementOutcomeInput, PlacementOutcomes, PlacementPatch, SanctionStep, SanctionStepInput, Sanctions } from './contract-types';

export type * from './contract-types';
export type { TargetGroupView };

const enc = encodeURIComponent;

/** A contract's own state, by its dates as of a day. */
export type ContractState = 'upcoming' | 'active' | 'ended';
export function contractStateOf(contract: { startsOn: string; endsOn: string }, today: string): ContractState {
  return today < contract.startsOn ? 'upcoming' : today > contract.endsOn ? 'ended' : 'active';
}

/** The contract list's filters, as they appear in the page URL and the API query. */
export interface ContractListQuery {
  q: string;
  /** `true`: only contracts running today. */
  active: string;
  procurementId: string;
  page: number;
  pageSize: number;
}

export function useContractList(query: ContractListQuery, enabled = true) {
  return useQuery({
    queryKey: ['contracts', 'list', query],
    queryFn: ({ signal }) =>
      apiRequest<ListOf<ContractListItem>>('/api/contracts', {
        query: { q: query.q.trim(), active: query.active === 'true' ? true : undefined, procurementId: query.procurementId, page: query.page, pageSize: query.pageSize },
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
      for (const part of ['one', 'fulfilment', 'periods', 'deviations', 'sanctions']) void client.invalidateQueries({ queryKey: ['contracts', part, id] });
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
    mutationFn: ({ placementId, changes }: { placementId: string; changes: PlacementPatch }) =>
      apiRequest<Placement>(`/api/contracts/${enc(contractId)}/placements/${enc(placementId)}`, { method: 'PATCH', body: changes }),
    onSuccess: () => invalidate(contractId),
  });
}

/** Confirms the target group of a placement the supplier recorded without a verified judgment (decision 0604). */
export function useConfirmTargetGroup(contractId: string) {
  const invalidate = useInvalidateContract();
  return useMutation({
    mutationFn: ({ placementId, targetGroup }: { placementId: string; targetGroup: string }) =>
      apiRequest<Placement>(`/api/contracts/${enc(contractId)}/placements/${enc(placementId)}/confirm-target-group`, { method: 'POST', body: { targetGroup } }),
    onSuccess: () => invalidate(contractId),
  });
}

/** What became of the person after an ended placement, as recorded (GET/PUT …/outcomes). */
export function usePlacementOutcomes(contractId: string, placementId: string) {
  return useQuery({
    queryKey: ['contracts', 'outcomes', contractId, placementId],
    queryFn: () => apiRequest<PlacementOutcomes>(`/api/contracts/${enc(contractId)}/placements/${enc(placementId)}/outcomes`),
  });
}

export function useRecordPlacementOutcome(contractId: string, placementId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: PlacementOutcomeInput) =>
      apiRequest<PlacementOutcomes>(`/api/contracts/${enc(contractId)}/placements/${enc(placementId)}/outcomes`, { method: 'PUT', body: input }),
    onSuccess: (answer) => client.setQueryData(['contracts', 'outcomes', contractId, placementId], answer),
  });
}

/** The contracts recorded for one procurement (the section on the procurement page). */
export function useProcurementContracts(procurementId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['contracts', 'list', { procurementId }],
    queryFn: () => apiRequest<ListOf<ContractListItem>>('/api/contracts', { query: { procurementId, pageSize: 100 } }),
    enabled,
  });
}

/** The organisation's target groups, for the placement form (verified by the coordinator). */
export function useTargetGroupOptions() {
  return useQuery({ queryKey: ['target-groups'], queryFn: () => apiRequest<TargetGroupView[]>('/api/target-groups'), staleTime: 60_000 });
}

export function usePeriods(contractId: string, enabled: boolean) {
  return useQuery({ queryKey: ['contracts', 'periods', contractId], queryFn: () => apiRequest<Period[]>(`/api/contracts/${enc(contractId)}/periods`), enabled });
}

export function useDeviations(contractId: string, enabled: boolean) {
  return useQuery({ queryKey: ['contracts', 'deviations', contractId], queryFn: () => apiRequest<Deviation[]>(`/api/contracts/${enc(contractId)}/deviations`), enabled });
}

export function useSanctions(contractId: string, enabled: boolean) {
  return useQuery({ queryKey: ['contracts', 'sanctions', contractId], queryFn: () => apiRequest<Sanctions>(`/api/contracts/${enc(contractId)}/sanctions`), enabled });
}

export function useAddSanctionStep(contractId: string) {
  const invalidate = useInvalidateContract();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SanctionStepInput) => apiRequest<SanctionStep>(`/api/contracts/${enc(contractId)}/sanctions`, { method: 'POST', body: input }),
    onSuccess: () => {
      invalidate(contractId);
      void client.invalidateQueries({ queryKey: ['contracts', 'sanctions', contractId] });
    },
  });
}

/** The letter to the supplier for one sanction step, as .docx in Swedish or English. */
export const sanctionLetterUrl = (contractId: string, stepId: string, lang: 'sv' | 'en'): string => `/api/contracts/${enc(contractId)}/sanctions/${enc(stepId)}/letter.docx?lang=${lang}`;

export function useAmendContract(contractId: string) {
  const invalidate = useInvalidateContract();
  return useMutation({
    mutationFn: (input: AmendmentInput) => apiRequest<Contract>(`/api/contracts/${enc(contractId)}/amendments`, { method: 'POST', body: input }),
    onSuccess: () => invalidate(contractId),
  });
}

function useFollowUpMutation<I, O>(contractId: string, request: (input: I) => Promise<O>) {
  const invalidate = useInvalidateContract();
  return useMutation({ mutationFn: request, onSuccess: () => invalidate(contractId) });
}

/** The coordinator enters a period's report (the supplier portal comes later). */
export const useRecordReport = (contractId: string) =>
  useFollowUpMutation(contractId, ({ sequence, ...body }: ReportInput & { sequence: number }) =>
    apiRequest<Period>(`/api/contracts/${enc(contractId)}/periods/${sequence}/report`, { method: 'POST', body }),
  );

export const useResolveDeviation = (contractId: string) =>
  useFollowUpMutation(contractId, ({ deviationId, ...body }: { deviationId: string; resolvedOn: string; resolution: string }) =>
    apiRequest<Deviation>(`/api/contracts/${enc(contractId)}/deviations/${enc(deviationId)}/resolve`, { method: 'POST', body }),
  );

export const useRecordCorrection = (contractId: string) =>
  useFollowUpMutation(contractId, ({ stepId, correctedOn }: { stepId: string; correctedOn: string }) =>
    apiRequest<SanctionStep>(`/api/contracts/${enc(contractId)}/sanctions/${enc(stepId)}/correction`, { method: 'POST', body: { correctedOn } }),
  );
