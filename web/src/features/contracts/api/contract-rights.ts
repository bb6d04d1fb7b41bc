import { ACTIONS, can, type Action, type Actor } from '../../../../../src/domain/access/can.js';
import { actorOf, type Me, type Role } from '../../../lib/session';

/**
 * Asks the policy when it knows the action; otherwise (the action arrives with the backend)
 * falls back to the roles the issue names.
 */
function allowed(actor: Actor, me: Me, action: string, resource: { organisationId: string; unitId?: string | null }, roles: readonly Role[]): boolean {
  if ((ACTIONS as readonly string[]).includes(action)) return can(actor, action as Action, resource);
  return me.roles.some((role) => roles.includes(role));
}

/**
 * What the contract pages offer, from the same policy the server uses (issue 12, "Views and
 * rights"): procurers see their unit's contracts, coordinators all, labour-market officers the
 * placements, viewers aggregates only and never participant references.
 */
export function contractCapabilitiesOf(me: Me, unitId?: string | null) {
  const actor = actorOf(me);
  const resource = unitId === undefined ? { organisationId: me.organisation.id } : { organisationId: me.organisation.id, unitId };
  return {
    canReadContracts: allowed(actor, me, 'contract:read', resource, ['admin', 'coordinator', 'procurer', 'labour_market', 'viewer']),
    /** Record and amend contracts (procurers for their own units). */
    canManageContract: allowed(actor, me, 'contract:manage', resource, ['coordinator', 'procurer']),
    canReadPlacements: allowed(actor, me, 'placement:read', resource, ['coordinator', 'procurer', 'labour_market']),
    canManagePlacements: allowed(actor, me, 'placement:manage', resource, ['coordinator', 'labour_market']),
    /** Reports, deviations, sanction steps and the follow-up queue: the support function. */
    canFollowUp: allowed(actor, me, 'follow_up:manage', resource, ['coordinator']),
  };
}
