import { useQuery } from '@tanstack/react-query';
import { ACTIONS, can, type Action } from '../../../../../src/domain/access/can.js';
import { apiRequest } from '../../../lib/api-client';
import { actorOf, type Me } from '../../../lib/session';

/** PROVISIONAL until the server's follow-up schemas land. */
export interface FollowUpItem {
  kind: string;
  contractId: string;
  contractReference: string;
  supplierName: string;
  dueOn: string | null;
  commitmentId?: string | null;
}

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
    queryFn: () => apiRequest<{ items: FollowUpItem[] }>('/api/follow-up/queue'),
    enabled,
  });
}
