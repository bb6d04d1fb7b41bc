import { Type } from '@sinclair/typebox';
import { ROLES } from '../../../domain/access/can.js';
import { enumOf, Uuid } from '../../schemas.js';
import { MAX_PASSWORD_LENGTH } from '../../../domain/access/password-length.js';

export const OrganisationRef = Type.Object({
  id: Uuid,
  slug: Type.String(),
  name: Type.String(),
  kind: Type.Optional(enumOf(['buyer', 'supplier'] as const, { description: 'A buyer, or a supplier company using the supplier portal' })),
});

export const Me = Type.Object({
  user: Type.Object({ id: Uuid, email: Type.String(), displayName: Type.String() }),
  organisation: Type.Union([OrganisationRef, Type.Null()], {
    description: 'The organisation this session acts in; null until a person with several memberships has chosen (POST /api/auth/organisation)',
  }),
  organisations: Type.Array(OrganisationRef, { description: 'Every organisation the person may act in' }),
  roles: Type.Array(enumOf(ROLES)),
  memberships: Type.Array(Type.Object({ role: Type.String(), unitIds: Type.Union([Type.Array(Uuid), Type.Null()]) })),
  csrfToken: Type.Union([Type.String(), Type.Null()]),
  via: Type.Union([Type.Literal('session'), Type.Literal('token')]),
});

export const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 320 }),
    password: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }),
    organisation: Type.Optional(Type.String({ maxLength: 100, description: 'Slug of the organisation to sign in to' })),
  },
  { additionalProperties: false },
);

export const ChooseOrganisationBody = Type.Object({ organisation: Type.String({ minLength: 1, maxLength: 100, description: 'Slug' }) }, { additionalProperties: false });

export const PasswordChangeBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }),
    newPassword: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }),
  },
  { additionalProperties: false },
);

export const AccountBody = Type.Object({ displayName: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

export const Token = Type.Object({
  id: Uuid,
  name: Type.String(),
  prefix: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export const TokenBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
export const CreatedToken = Type.Object({ token: Type.String(), id: Uuid, name: Type.String(), prefix: Type.String() });
