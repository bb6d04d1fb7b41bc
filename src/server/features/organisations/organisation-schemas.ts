import { Type } from '@sinclair/typebox';
import { Uuid } from '../../schemas.js';

export const Unit = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  parentId: Type.Union([Uuid, Type.Null()]),
  organisationNumber: Type.Union([Type.String(), Type.Null()]),
});

export const UnitInput = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    parentId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    organisationNumber: Type.Optional(Type.Union([Type.String({ maxLength: 13 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const Organisation = Type.Object({
  id: Uuid,
  slug: Type.String(),
  name: Type.String(),
  organisationNumber: Type.String(),
  kind: Type.String(),
  socialGoalPercent: Type.Integer(),
  isDemo: Type.Boolean(),
  openDataPublished: Type.Boolean({ description: 'Procurements from publication on are open data (OCDS) at GET /api/ocds/release-package?org=SLUG' }),
});

export const OrganisationChange = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    socialGoalPercent: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    openDataPublished: Type.Optional(Type.Boolean({ description: 'Publish procurements from publication on as open data (OCDS)' })),
  },
  { additionalProperties: false },
);
