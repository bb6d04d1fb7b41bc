import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import { can } from '../../../../../src/domain/access/can.js';
import type { ContractSummary, ContractView } from '../../../../../src/server/features/contracts/contract-schemas.js';
import type {
  BottleneckView,
  CandidatesView,
  ConsentCreate,
  NeedCreate,
  NeedView,
  ParticipantCreate,
  ParticipantPatch,
  ParticipantSummary,
  ParticipantView,
  Profile,
  ProposalOutcome,
  ProposalView,
} from '../../../../../src/server/features/matching/matching-schemas.js';
import type { OccupationHit } from '../../../../../src/server/features/matching/occupation-schemas.js';
import type { TargetGroupView } from '../../../../../src/server/features/requirements/requirement-schemas.js';
import type { ListOf } from '../../../../../src/server/schemas.js';
import { apiRequest } from '../../../lib/api-client';
import { actorOf, type Me } from '../../../lib/session';

export type { BottleneckView, CandidatesView, ConsentCreate, NeedCreate, NeedView, OccupationHit, ParticipantCreate, ParticipantPatch, ParticipantSummary, ParticipantView, Profile, ProposalOutcome, ProposalView, TargetGroupView };
/** What the need form reads of a contract: its supplier and the commitments a need may answer. */
export type ContractOption = Static<typeof ContractSummary>;
export type ContractDetail = ContractView;

const enc = encodeURIComponent;

/** Participants are for labour-market officers only; needs also for coordinators (same policy as the server). */
export function matchingCapabilitiesOf(me: Me) {
  const actor = actorOf(me);
  const resource = { organisationId: me.organisation.id };
  return {
    canReadParticipants: can(actor, 'participant:read', resource),
    canManageParticipants: can(actor, 'participant:manage', resource),
    canReadNeeds: can(actor, 'recruitment_need:read', resource),
    canManageNeeds: can(actor, 'recruitment_need:manage', resource),
    canPropose: can(actor, 'proposal:manage', resource),
  };
}

/** Rows per page of the participant list. */
export const PARTICIPANT_PAGE_SIZE = 25;

export function useParticipantList(q: string, page: number, enabled: boolean) {
  return useQuery({
    queryKey: ['participants', 'list', q, page],
    queryFn: ({ signal }) => apiRequest<ListOf<ParticipantSummary>>('/api/participants', { query: { q: q.trim() || undefined, page, pageSize: PARTICIPANT_PAGE_SIZE }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useParticipant(id: string, enabled: boolean) {
  return useQuery({ queryKey: ['participants', 'one', id], queryFn: () => apiRequest<ParticipantView>(`/api/participants/${enc(id)}`), enabled });
}

/** After a write the participant's page shows the server's answer at once; lists and rankings are fetched again. */
function useParticipantWrite<T>(mutationFn: (body: T) => Promise<ParticipantView>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (view) => {
      client.setQueryData(['participants', 'one', view.id], view);
      void client.invalidateQueries({ queryKey: ['participants', 'list'] });
      void client.invalidateQueries({ queryKey: ['needs'] });
    },
  });
}

export const useCreateParticipant = () => useParticipantWrite((body: ParticipantCreate) => apiRequest<ParticipantView>('/api/participants', { method: 'POST', body }));

export const useUpdateParticipant = (id: string) => useParticipantWrite((body: ParticipantPatch) => apiRequest<ParticipantView>(`/api/participants/${enc(id)}`, { method: 'PATCH', body }));

export const useAddConsent = (id: string) => useParticipantWrite((body: ConsentCreate) => apiRequest<ParticipantView>(`/api/participants/${enc(id)}/consents`, { method: 'POST', body }));

export const useRevokeConsent = (id: string) =>
  useParticipantWrite(({ consentId, revokedOn }: { consentId: string; revokedOn: string }) => apiRequest<ParticipantView>(`/api/participants/${enc(id)}/consents/${enc(consentId)}/revoke`, { method: 'POST', body: { revokedOn } }));

/** Erasure on request: the page is fetched again (identity and profile gone, the reference kept). */
export function useEraseParticipant(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<null>(`/api/participants/${enc(id)}/erase`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['participants'] }),
  });
}

export function useNeeds(enabled: boolean) {
  return useQuery({ queryKey: ['needs', 'list'], queryFn: () => apiRequest<ListOf<NeedView>>('/api/recruitment-needs', { query: { pageSize: 200 } }), enabled });
}

export function useNeed(id: string, enabled: boolean) {
  return useQuery({ queryKey: ['needs', 'one', id], queryFn: () => apiRequest<NeedView>(`/api/recruitment-needs/${enc(id)}`), enabled });
}

export function useCandidates(id: string, enabled: boolean) {
  return useQuery({ queryKey: ['needs', 'candidates', id], queryFn: () => apiRequest<CandidatesView>(`/api/recruitment-needs/${enc(id)}/candidates`, { query: { limit: 20 } }), enabled });
}

export function useNeedProposals(id: string, enabled: boolean) {
  return useQuery({ queryKey: ['needs', 'proposals', id], queryFn: () => apiRequest<ProposalView[]>(`/api/recruitment-needs/${enc(id)}/proposals`), enabled });
}

export function useBottleneck(enabled: boolean) {
  return useQuery({ queryKey: ['needs', 'bottleneck'], queryFn: () => apiRequest<BottleneckView>('/api/matching/bottleneck'), enabled });
}

export function usePropose(needId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (participantId: string) => apiRequest<unknown>(`/api/recruitment-needs/${enc(needId)}/proposals`, { method: 'POST', body: { participantId } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['needs'] }),
  });
}

export function useCreateNeed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NeedCreate) => apiRequest<NeedView>('/api/recruitment-needs', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['needs'] }),
  });
}

/** An outcome; a hire also records a placement, so the contract pages are fetched again. */
export function useRecordOutcome(needId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ proposalId, body }: { proposalId: string; body: ProposalOutcome }) => apiRequest<ProposalView>(`/api/recruitment-needs/${enc(needId)}/proposals/${enc(proposalId)}/outcome`, { method: 'POST', body }),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: ['needs'] }), client.invalidateQueries({ queryKey: ['contracts'] })]),
  });
}

/** The running contracts a need can be recorded under (and whose suppliers a consent can name). */
export function useContractOptions(enabled: boolean) {
  return useQuery({ queryKey: ['contracts', 'matching-options'], queryFn: () => apiRequest<ListOf<ContractOption>>('/api/contracts', { query: { pageSize: 500 } }), enabled, staleTime: 60_000 });
}

export function useContractDetail(id: string | null) {
  return useQuery({ queryKey: ['contracts', 'one', id], queryFn: () => apiRequest<ContractDetail>(`/api/contracts/${enc(id ?? '')}`), enabled: id !== null });
}

export function useTargetGroups() {
  return useQuery({ queryKey: ['target-groups'], queryFn: () => apiRequest<TargetGroupView[]>('/api/target-groups'), staleTime: 60_000 });
}

