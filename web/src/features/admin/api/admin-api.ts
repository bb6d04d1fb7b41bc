import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type { Grant, Invitation as InvitationSchema, Member } from '../../../../../src/server/features/members/member-schemas.js';
import type { Organisation, UnitInput as UnitInputSchema } from '../../../../../src/server/features/organisations/organisation-schemas.js';
import { apiRequest } from '../../../lib/api-client';
import { UNITS_QUERY_KEY, type Unit } from '../../../lib/reference-data';
import type { Role } from '../../../lib/session';

// Answers and bodies are the server's TypeBox schemas, imported as types only (decision 0501).
/** One role (and unit) of a member in this organisation. */
export type Membership = Static<typeof Grant>;
/** A person as a member of this organisation (`disabled`: by the operator; `suspended`: here). */
export type User = Static<typeof Member>;
export type Invitation = Static<typeof InvitationSchema>;
export type UnitInput = Static<typeof UnitInputSchema>;

const USERS_KEY = ['users'] as const;

function useInvalidateUnits() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: UNITS_QUERY_KEY });
    void client.invalidateQueries({ queryKey: ['overview'] });
  };
}

export function useCreateUnit() {
  const invalidate = useInvalidateUnits();
  return useMutation({
    mutationFn: (input: UnitInput) => apiRequest<Unit>('/api/units', { method: 'POST', body: input }),
    onSuccess: invalidate,
  });
}

export function useUpdateUnit() {
  const invalidate = useInvalidateUnits();
  return useMutation({
    mutationFn: ({ id, ...changes }: { id: string; name?: string; parentId?: string | null }) =>
      apiRequest<Unit>(`/api/units/${encodeURIComponent(id)}`, { method: 'PATCH', body: changes }),
    onSuccess: invalidate,
  });
}

export function useDeleteUnit() {
  const invalidate = useInvalidateUnits();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>(`/api/units/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

export function useUsers() {
  return useQuery({ queryKey: USERS_KEY, queryFn: () => apiRequest<User[]>('/api/users') });
}

const INVITATIONS_KEY = ['invitations'] as const;

export function useInvitations() {
  return useQuery({ queryKey: INVITATIONS_KEY, queryFn: () => apiRequest<Invitation[]>('/api/invitations') });
}

export function useInvite() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; role: Role; unitId: string | null }) => apiRequest<Invitation>('/api/invitations', { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: INVITATIONS_KEY }),
  });
}

export function useRevokeInvitation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>(`/api/invitations/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: INVITATIONS_KEY }),
  });
}

export function useRemoveMember() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>(`/api/users/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...changes }: { id: string; suspended?: boolean; memberships?: Membership[] }) =>
      apiRequest<User>(`/api/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: changes }),
    onSuccess: () => client.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

export type OrganisationSettings = Static<typeof Organisation>;

export function useOrganisationSettings() {
  return useQuery({ queryKey: ['organisation'], queryFn: () => apiRequest<OrganisationSettings>('/api/organisation') });
}

export function useUpdateOrganisation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: { socialGoalPercent?: number; openDataPublished?: boolean }) =>
      apiRequest<OrganisationSettings>('/api/organisation', { method: 'PATCH', body: changes }),
    onSuccess: (organisation) => {
      client.setQueryData(['organisation'], organisation);
      void client.invalidateQueries({ queryKey: ['goal-fulfilment'] });
    },
  });
}
