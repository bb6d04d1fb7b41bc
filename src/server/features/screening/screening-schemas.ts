import { Type, type Static } from '@sinclair/typebox';
import { LocalizedTextSchema } from '../../../domain/shared/localized-text.js';
import { ScreeningRecommendationSchema as RecommendationSchema } from '../../../domain/screening/screen-procurement.js';
import { ScreeningPolicySchema } from '../../../domain/screening/screening-policy.js';
import { enumOf, Uuid } from '../../schemas.js';


const RuleOutcome = Type.Object({
  rule: enumOf(['contract_nature', 'cpv', 'value', 'duration', 'labour_need', 'readiness'] as const),
  questionId: Type.Optional(Type.String()),
  outcome: enumOf(['pass', 'fail', 'unknown'] as const),
  reason: LocalizedTextSchema,
});

const LotScreening = Type.Object({
  lotNumber: Type.Integer(),
  recommendation: RecommendationSchema,
  summary: LocalizedTextSchema,
  rules: Type.Array(RuleOutcome),
  missingFacts: Type.Array(Type.String()),
});

export const ScreeningView = Type.Object(
  {
    id: Uuid,
    recommendation: RecommendationSchema,
    summary: LocalizedTextSchema,
    reasons: Type.Array(LocalizedTextSchema, { description: 'The summary, then the reason of every rule that did not pass' }),
    rules: Type.Array(RuleOutcome),
    missingFacts: Type.Array(Type.String(), { description: 'Facts to fill in, e.g. `labourNeedFte`, `lots[1].estimatedValueOre`, `readiness.matching-lead`' }),
    lots: Type.Array(LotScreening),
    policyVersion: Type.Integer(),
    isPolicyOutdated: Type.Boolean({ description: 'The policy has a newer version than the one this screening used' }),
    trigger: enumOf(['created', 'updated', 'manual', 'seed', 'decision'] as const),
    screenedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Screening' },
);
export type ScreeningView = Static<typeof ScreeningView>;

export const PolicyVersionView = Type.Object({
  version: Type.Integer(),
  policy: ScreeningPolicySchema,
  createdBy: Type.Union([Type.Object({ id: Uuid, displayName: Type.String() }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});
export type PolicyVersionView = Static<typeof PolicyVersionView>;
