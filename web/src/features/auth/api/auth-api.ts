import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type { CreatedToken, Token } from '../../../../../src/server/features/auth/auth-schemas.js';
import type { AcceptedInvitation, InvitationPreview as InvitationPreviewSchema, MyInvitation as MyInvitationSchema } from '../../../../../src/server/features/members/member-schemas.js';
import { apiRequest } from '../../../lib/api-client';
import { ME_QUERY_KEY, type MeAnswer } from '../../../lib/session';

export function logIn(input: { email: string; password: string }): Promise<MeAnswer> {
  return apiRequest<MeAnswer>('/api/auth/login', { method: 'POST', body: input });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) => apiRequest<void>('/api/auth/password', { method: 'POST', body: input }),
  });
}

export type ApiToken = Static<typeof Token>;

const TOKENS_KEY = ['me', 'tokens'] as const;

export function useApiTokens() {
  return useQuery({ queryKey: TOKENS_KEY, queryFn: () => apiRequest<ApiToken[]>('/api/me/tokens') });
}

export function useCreateApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => apiRequest<Static<typeof CreatedToken>>('/api/me/tokens', { method: 'POST', body: { name } }),
    onSuccess: () => client.invalidateQueries({ queryKey: TOKENS_KEY }),
  });
}

export function useRevokeApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>(`/api/me/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: TOKENS_KEY }),
  });
}

export function useRenameAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (displayName: string) => apiRequest<MeAnswer>('/api/me/account', { method: 'PATCH', body: { displayName } }),
    onSuccess: (me) => client.setQueryData(ME_QUERY_KEY, me),
  });
}

export type MyInvitation = Static<typeof MyInvitationSchema>;

const MY_INVITATIONS_KEY = ['me', 'invitations'] as const;

export function useMyInvitations() {
  return useQuery({ queryKey: MY_INVITATIONS_KEY, queryFn: () => apiRequest<MyInvitation[]>('/api/me/invitations') });
}

export function useAcceptInvitation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<Static<typeof AcceptedInvitation>>(`/api/me/invitations/${encodeURIComponent(id)}/accept`, { method: 'POST' }),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: MY_INVITATIONS_KEY }), client.invalidateQueries({ queryKey: ME_QUERY_KEY })]),
  });
}

export type InvitationPreview = Static<typeof InvitationPreviewSchema>;

export function useInvitationPreview(token: string) {
  return useQuery({
    queryKey: ['invitation-link', token],
    queryFn: () => apiRequest<InvitationPreview>(`/api/invitation-links/${encodeURIComponent(token)}`),
    enabled: token !== '',
    retry: false,
  });
}

export function acceptInvitationByLink(input: { token: string; displayName: string; password: string }): Promise<MeAnswer> {
  return apiRequest<MeAnswer>('/api/invitation-links/accept', { method: 'POST', body: input });
}
