import type { Static } from '@sinclair/typebox';
import { useQuery } from '@tanstack/react-query';
import type { FollowUpQueueView } from '../../../../../src/server/features/contracts/contract-schemas.js';
import { ACTIONS, can, type Action } from '../../../../../src/domain/access/can.js';
import { apiRequest } from '../../../lib/api-client';
import { actorOf, type Me } from '../../../lib/session';

/** The queue and its rows, as the server's schema says (decision 0501). */
export type FollowUpQueue = Static<typeof FollowUpQueueView>;
export type FollowUpItem = FollowUpQueue['items'][number];

/** The queue is the coordinator's (the support function's) work list. */
export function canReadFollowUp(me: Me): boolean {
  const action = 'follow_up:manage';
  if ((ACTIONS as readonly string[]).includes(action)) return can(actorOf(me), action as Action, { organisationId: me.organisation.id });
  return me.roles.includes('coordinator');
}

/** What needs action today (overdue reports, deviations, deadlines), for the coordinator. */
export function useFollowUpQueue(enabled: boolean) {
  return useQuery({
    queryKey: ['follow-up', 'queue'],
    queryFn: () => apiRequest<FollowUpQueue>('/api/follow-up/queue'),
    enabled,
  });
}
