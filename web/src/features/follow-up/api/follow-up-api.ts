import { useQuery } from '@tanstack/react-query';
import { ACTIONS, can, type Action } from '../../../../../src/domain/access/can.js';
import { apiRequest } from '../../../lib/api-client';
import { actorOf, type Me } from '../../../lib/session';

/**
 * PROVISIONAL: the queue item is declared inline in the server's follow-up-routes.ts, which the
 * web may not import (decision 0501: only *-schemas.ts); to become an alias once it moves.
 */
export interface FollowUpItem {
  kind: 'deviation_open' | 'report_overdue' | 'report_due_soon' | 'correction_deadline_passed' | 'correction_deadline_near';
  contractId: string;
  contractReference: string;
  supplierName: string;
  commitmentId: string | null;
  deviationId: string | null;
  sanctionStepId: string | null;
  periodSequence: number | null;
  dueOn: string | null;
  detail: Record<string, unknown>;
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
    queryFn: () => apiRequest<{ asOf: string; items: FollowUpItem[] }>('/api/follow-up/queue'),
    enabled,
  });
}
