import type { Static } from '@sinclair/typebox';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ACTIONS, can, type Action, type Actor, type Role } from '../../../src/domain/access/can.js';
import type { Me as MeSchema, OrganisationRef as OrganisationRefSchema } from '../../../src/server/features/auth/auth-schemas.js';
import { apiRequest, isApiError, setCsrfToken } from './api-client';

export type { Role };

/** An organisation the person may act in: a buyer, or a supplier company using the supplier portal. */
export type OrganisationRef = Static<typeof OrganisationRefSchema>;

/** What /api/me answers: the organisation is null until a person with several has chosen. */
export type MeAnswer = Static<typeof MeSchema>;

/** A signed-in person acting in a chosen organisation (inside the signed-in layout). */
export type Me = MeAnswer & { organisation: OrganisationRef };

export const ME_QUERY_KEY = ['me'] as const;

/** The signed-in user, or null when nobody is signed in. */
export async function fetchMe(): Promise<MeAnswer | null> {
  try {
    const me = await apiRequest<MeAnswer>('/api/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (isApiError(error, 401)) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_QUERY_KEY, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

/** The signed-in user; only for components rendered inside the signed-in layout (an organisation is chosen). */
export function useSession(): Me {
  const { data } = useMe();
  if (!data || data.organisation === null) throw new Error('useSession outside the signed-in layout');
  return data as Me;
}

/** Chooses or switches the organisation of this session; everything cached belonged to the old one. */
export function useChooseOrganisation(): (slug: string) => Promise<void> {
  const client = useQueryClient();
  return async (slug) => {
    const me = await apiRequest<MeAnswer>('/api/auth/organisation', { method: 'POST', body: { organisation: slug } });
    client.clear();
    setCsrfToken(me.csrfToken);
    client.setQueryData(ME_QUERY_KEY, me);
  };
}

/** Stores a fresh session (after sign-in) so the layout sees it at once. */
export function useStoreSession(): (me: MeAnswer | null) => void {
  const client = useQueryClient();
  return (me) => {
    setCsrfToken(me?.csrfToken ?? null);
    client.setQueryData(ME_QUERY_KEY, me);
  };
}

/** The signed-in person as the pure permission policy (src/domain/access/can.ts) sees them. */
export function actorOf(me: Me): Actor {
  return {
    userId: me.user.id,
    organisationId: me.organisation.id,
    memberships: me.memberships.map((m) => ({ role: m.role as Role, unitIds: m.unitIds })),
    ...(me.organisation.kind === 'supplier' ? { organisationKind: 'supplier' as const } : {}),
  };
}

/** An action the policy may not know yet (it arrives with the backend); until then, `fallback`. */
function canIfKnown(actor: Actor, action: string, resource: { organisationId: string }, fallback: boolean): boolean {
  return (ACTIONS as readonly string[]).includes(action) ? can(actor, action as Action, resource) : fallback;
}

/**
 * What the interface offers, decided by the same policy function the server uses. The server
 * still checks every request; this only hides what would be refused. Per-procurement rights
 * come from the procurement itself (`canEdit`, `isDeletable`, `allowedTransitions`).
 */
export function capabilitiesOf(me: Me) {
  const actor = actorOf(me);
  const organisation = { organisationId: me.organisation.id };
  return {
    canReadProcurements: can(actor, 'procurement:read', organisation),
    canAdminister: can(actor, 'unit:manage', organisation) || can(actor, 'user:manage', organisation),
    canCreateProcurement: can(actor, 'procurement:create', organisation),
    canImportProcurements: can(actor, 'procurement:import', organisation),
    canReadAudit: can(actor, 'audit:read', organisation),
    canReadUsers: can(actor, 'user:read', organisation),
    canDecide: can(actor, 'decision:record', organisation),
    canReadLibrary: can(actor, 'template:read', organisation),
    canReadMarket: canIfKnown(actor, 'market:read', organisation, me.roles.some((r) => r !== 'supplier')),
    canImportNotices: canIfKnown(actor, 'notice:import', organisation, me.roles.some((r) => r === 'admin' || r === 'coordinator')),
  };
}
