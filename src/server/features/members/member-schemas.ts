import { Type } from '@sinclair/typebox';
import { ROLES } from '../../../domain/access/can.js';
import { enumOf, Uuid } from '../../schemas.js';
import { MAX_PASSWORD_LENGTH } from '../../../domain/access/password-length.js';

export const RoleSchema = enumOf(ROLES);
export const Grant = Type.Object({ role: RoleSchema, unitId: Type.Union([Uuid, Type.Null()]) }, { additionalProperties: false });

/** A person as a member of my organisation. */
export const Member = Type.Object({
  id: Uuid,
  email: Type.String(),
  displayName: Type.String(),
  disabled: Type.Boolean({ description: 'The account is disabled by the operator' }),
  suspended: Type.Boolean({ description: 'This organisation suspended the membership' }),
  memberships: Type.Array(Grant),
});

export const MemberChange = Type.Object(
  {
    memberships: Type.Optional(Type.Array(Grant, { minItems: 1, maxItems: 20, description: 'The roles (and units) in this organisation' })),
    suspended: Type.Optional(Type.Boolean({ description: 'Suspend or resume the membership; a suspended member’s sessions and tokens here stop at once' })),
  },
  { additionalProperties: false },
);

export const Invitation = Type.Object({
  id: Uuid,
  email: Type.String(),
  role: RoleSchema,
  unitId: Type.Union([Uuid, Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
});

export const InvitationInput = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 320 }),
    role: RoleSchema,
    unitId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  },
  { additionalProperties: false },
);

export const MyInvitation = Type.Object({
  id: Uuid,
  organisation: Type.Object({ slug: Type.String(), name: Type.String() }),
  role: RoleSchema,
  expiresAt: Type.String({ format: 'date-time' }),
});

/** POST /api/me/invitations/:id/accept: the organisation the person may now choose. */
export const AcceptedInvitation = Type.Object({ organisation: Type.String({ description: 'Slug' }) });

export const InvitationLinkParams = Type.Object({ token: Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }) });

export const InvitationPreview = Type.Object({
  organisation: Type.Object({ name: Type.String() }),
  email: Type.String(),
  role: RoleSchema,
  expiresAt: Type.String({ format: 'date-time' }),
  signInRequired: Type.Boolean({ description: 'The address already has an account: sign in and accept from "My account" instead' }),
});

export const InvitationAcceptBody = Type.Object(
  {
    token: Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }),
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }),
  },
  { additionalProperties: false },
);
