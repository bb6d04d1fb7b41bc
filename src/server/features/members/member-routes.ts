import { Type } from '@sinclair/typebox';
import type { App, AppDeps } from '../../deps.js';
import { auditActorOf, authOf, identityOf, SESSION_COOKIE } from '../../plugins/authenticate.js';
import { sendInvitation } from './invitation-mail.js';
import { errorResponses, IdParams } from '../../schemas.js';
import { startSession } from '../auth/auth-service.js';
import { Me } from '../auth/auth-service.js';
import {
  AcceptedInvitation,
  Invitation,
  InvitationAcceptBody,
  InvitationInput,
  InvitationLinkParams,
  InvitationPreview,
  Member,
  MemberChange,
  MyInvitation,
} from './member-schemas.js';
import * as members from './member-service.js';
import type { MemberServiceDeps } from './member-service.js';

/**
 * The people of my organisation (memberships) and invitations; a person's own invitations and
 * accepting one, signed in or through the link.
 */
export async function memberRoutes(
  app: App,
  { db, now, config, sessionCache }: AppDeps,
): Promise<void> {
  const origin = config.publicUrl ? new URL(config.publicUrl).origin : `http://${config.host}:${config.port}`;
  const deps: MemberServiceDeps = {
    db,
    now,
    sessionCache,
    invitationTtlHours: config.invitationTtlHours,
    sendInvitation,
    invitationLink: (token) => `${origin}/invitation#${token}`,
  };
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies };

  app.get(
    '/api/users',
    { schema: { tags: ['organisation'], summary: 'People in my organisation and their roles', response: { 200: Type.Array(Member), ...errorResponses } } },
    async (request) => members.listMembers(db, authOf(request).actor),
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Change a member’s roles or units, or suspend or resume the membership (admins)',
        description: 'Only the membership in my organisation changes; the person’s account (name, e-mail, password) is theirs.',
        params: IdParams,
        body: MemberChange,
        response: { 200: Member, ...errorResponses },
      },
    },
    async (request) => members.updateMember(deps, auditActorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/users/:id',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Remove a person from my organisation (admins); their sessions and tokens here end',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await members.removeMember(deps, auditActorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/invitations',
    { schema: { tags: ['organisation'], summary: 'Open invitations to my organisation (admins)', response: { 200: Type.Array(Invitation), ...errorResponses } } },
    async (request) => members.listInvitations(db, authOf(request).actor),
  );

  app.post(
    '/api/invitations',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Invite an e-mail address to a role (admins); the link goes by e-mail',
        description: 'Answers the same whether or not the address has an account, and changes no account.',
        body: InvitationInput,
        response: { 201: Invitation, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { invitation } = await members.invite(deps, auditActorOf(request), request.body);
      return reply.status(201).send(invitation);
    },
  );

  app.delete(
    '/api/invitations/:id',
    { schema: { tags: ['organisation'], summary: 'Revoke an open invitation (admins)', params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (request, reply) => {
      await members.revokeInvitation(deps, auditActorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/me/invitations',
    {
      config: { withoutOrganisation: true },
      schema: { tags: ['auth'], summary: 'Open invitations to my e-mail address', response: { 200: Type.Array(MyInvitation), ...errorResponses } },
    },
    async (request) => members.myInvitations(db, identityOf(request), now()),
  );

  app.post(
    '/api/me/invitations/:id/accept',
    {
      config: { withoutOrganisation: true },
      schema: {
        tags: ['auth'],
        summary: 'Accept an invitation to my e-mail address; the organisation is then one I can choose',
        params: IdParams,
        response: { 200: AcceptedInvitation, ...errorResponses },
      },
    },
    async (request) => ({ organisation: (await members.acceptInvitation(deps, identityOf(request), request.params.id)).organisationSlug }),
  );

  app.get(
    '/api/invitation-links/:token',
    {
      config: { public: true },
      schema: { tags: ['auth'], summary: 'What an invitation link offers', params: InvitationLinkParams, response: { 200: InvitationPreview, ...errorResponses } },
    },
    async (request) => members.previewInvitation(db, request.params.token, now()),
  );

  app.post(
    '/api/invitation-links/accept',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Accept an invitation by its link: create my account (name, password) and sign in',
        body: InvitationAcceptBody,
        response: { 200: Me, ...errorResponses },
      },
    },
    async (request, reply) => {
      const joined = await members.acceptInvitationByLink(deps, request.body);
      const session = await startSession({ ...deps, sessionTtlHours: config.sessionTtlHours }, joined.userId, joined.organisationId);
      reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions, expires: session.expiresAt });
      return session.me;
    },
  );
}
