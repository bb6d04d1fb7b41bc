import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { UNITS_QUERY_KEY, type Unit } from '../../../lib/reference-data';
import type { Role } from '../../../lib/session';

export interface Membership {
  role: Role;
  unitId: string | null;
}

export interface User {
  id: string;
  email: string;
  displayName: string;
  /** The account is disabled by the operator. */
  disabled: boolean;
  /** This organisation suspended the membership. */
  suspended: boolean;
  memberships: Membership[];
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  unitId: string | null;
  createdAt: string;
  expiresAt: string;
}

export interface UnitInput {
  code: string;
  name: string;
  parentId: string | null;
  organisationNumber: string | null;
}

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

export interface OrganisationSettings {
  id: string;
  slug: string;
  name: string;
  socialGoalPercent: number;
  openDataPublished: boolean;
}

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
