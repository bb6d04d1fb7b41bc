import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { can } from '../../../../../src/domain/access/can.js';
import type { BottleneckView, CandidatesView, NeedView, ParticipantSummary, ParticipantView } from '../../../../../src/server/features/matching/matching-schemas.js';
import type { ListOf } from '../../../../../src/server/schemas.js';
import { apiRequest } from '../../../lib/api-client';
import { actorOf, type Me } from '../../../lib/session';

export type { BottleneckView, CandidatesView, NeedView, ParticipantSummary, ParticipantView };

const enc = encodeURIComponent;

/** Participants are for labour-market officers only; needs also for coordinators (same policy as the server). */
export function matchingCapabilitiesOf(me: Me) {
  const actor = actorOf(me);
  const resource = { organisationId: me.organisation.id };
  return {
    canReadParticipants: can(actor, 'participant:read', resource),
    canReadNeeds: can(actor, 'recruitment_need:read', resource),
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

export function useNeeds(enabled: boolean) {
  return useQuery({ queryKey: ['needs', 'list'], queryFn: () => apiRequest<ListOf<NeedView>>('/api/recruitment-needs', { query: { pageSize: 200 } }), enabled });
}

export function useNeed(id: string, enabled: boolean) {
  return useQuery({ queryKey: ['needs', 'one', id], queryFn: () => apiRequest<NeedView>(`/api/recruitment-needs/${enc(id)}`), enabled });
}

export function useCandidates(id: string, enabled: boolean) {
  return useQuery({ queryKey: ['needs', 'candidates', id], queryFn: () => apiRequest<CandidatesView>(`/api/recruitment-needs/${enc(id)}/candidates`, { query: { limit: 20 } }), enabled });
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
