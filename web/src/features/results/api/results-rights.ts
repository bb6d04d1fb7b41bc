import { can } from '../../../../../src/domain/access/can.js';
import { actorOf, type Me } from '../../../lib/session';

/** Whether the results dashboard is offered: the same policy the server checks (`results:read`). */
export function canReadResults(me: Me): boolean {
  return can(actorOf(me), 'results:read', { organisationId: me.organisation.id });
}
