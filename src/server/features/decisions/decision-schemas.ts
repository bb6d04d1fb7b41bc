import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { RequirementLevelSchema, RequirementTypeSchema } from '../../../domain/requirements/requirement-template.js';
import { ScreeningRecommendationSchema as RecommendationSchema } from '../../../domain/screening/screen-procurement.js';
import { LocalizedTextSchema } from '../../../domain/shared/localized-text.js';
import { enumOf, Uuid } from '../../schemas.js';

const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const DecisionBody = Type.Object(
  {
    kind: enumOf(['apply', 'none'] as const),
    requirements: Type.Array(
      Type.Object(
        {
          templateVersionId: Uuid,
          lotNumbers: Type.Union([Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 500 }), Type.Null()], {
            description: 'The lots the requirement applies to; null = the whole procurement',
          }),
          parameters: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 50, default: [] },
    ),
    justification: Type.String({ maxLength: 4000, default: '', description: 'Required (≥ 20 characters) when departing from the recommendation, and always after needs_assessment' }),
    revision: Type.Optional(Type.Integer({ minimum: 1, description: 'The revision you edited; a stale one is refused with 409' })),
  },
  { additionalProperties: false },
);
export type DecisionBody = Static<typeof DecisionBody>;

const Rendered = Type.Object({ title: Type.String(), body: Type.String(), followUp: Type.String() });

export const DecisionView = Type.Object(
  {
    id: Uuid,
    procurementId: Uuid,
    kind: enumOf(['apply', 'none'] as const),
    justification: Type.String(),
    recommendation: RecommendationSchema,
    screeningId: nullable(Uuid),
    hasSocialConsiderations: Type.Boolean(),
    isLocked: Type.Boolean({ description: 'The procurement is published; the decision can no longer be revised' }),
    revision: Type.Integer(),
    decidedBy: nullable(Type.Object({ id: Uuid, displayName: Type.String() })),
    decidedAt: Type.String({ format: 'date-time' }),
    requirements: Type.Array(
      Type.Object({
        templateVersionId: Uuid,
        templateId: Uuid,
        templateKey: Type.String(),
        version: Type.Integer(),
        type: RequirementTypeSchema,
        level: RequirementLevelSchema,
        title: LocalizedTextSchema,
        lotNumbers: nullable(Type.Array(Type.Integer())),
        parameters: Type.Record(Type.String(), Type.Unknown()),
        rendered: Type.Object({ sv: Rendered, en: Rendered }),
      }),
    ),
  },
  { $id: 'Decision' },
);
export type DecisionView = Static<typeof DecisionView>;

export const LangQuery = Type.Object({ lang: enumOf(['sv', 'en'] as const, { default: 'sv' }) }, { additionalProperties: false });

export const EformsLotFields = Type.Object({
  lotNumber: Type.Integer(),
  lotId: Type.String({ description: 'BT-137' }),
  strategicProcurement: Type.Array(Type.String(), { description: 'BT-06' }),
  socialObjectives: Type.Array(Type.String(), { description: 'BT-775' }),
  reservedParticipation: Type.Array(Type.String(), { description: 'BT-71' }),
  reservedExecution: enumOf(['yes', 'no'] as const, { description: 'BT-736' }),
  performanceTerms: nullable(LocalizedTextSchema),
  performanceTermsTooLong: Type.Boolean({ description: 'BT-70 is over 6 000 characters and must be shortened' }),
});

const GoalFigures = {
  serviceProcurements: Type.Integer(),
  withSocialConsiderations: Type.Integer(),
  sharePercent: nullable(Type.Number()),
  isGoalMet: nullable(Type.Boolean()),
  shortfall: Type.Integer(),
};

export const GoalFulfilmentView = Type.Object({
  year: Type.Integer(),
  goalPercent: Type.Integer(),
  definition: Type.String(),
  ...GoalFigures,
  byUnit: Type.Array(Type.Object({ unit: Type.Object({ id: Uuid, name: Type.String() }), ...GoalFigures })),
});
export type GoalFulfilmentView = Static<typeof GoalFulfilmentView>;

export const GoalQuery = Type.Object(
  { year: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100, description: 'Year of contract start; the current year by default' })) },
  { additionalProperties: false },
);
