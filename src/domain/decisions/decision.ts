import { Type, type Static } from '@sinclair/typebox';

/**
 * One requirement applied in a decision: which published template version, to which lots
 * (`null` = the whole procurement, every lot), with which parameter values.
 */
export const AppliedRequirementSchema = Type.Object(
  {
    templateVersionId: Type.String({ minLength: 1 }),
    lotNumbers: Type.Union([Type.Array(Type.Integer({ minimum: 1 })), Type.Null()]),
    parameters: Type.Record(Type.String(), Type.Unknown()),
  },
  { additionalProperties: false },
);
export type AppliedRequirement = Static<typeof AppliedRequirementSchema>;

/**
 * The buyer's decision on social considerations for a procurement (beslut om social hänsyn):
 * apply one or more requirements, or none. Comply or explain: a decision that departs from the
 * screening recommendation carries a written justification (motivering).
 */
export const DecisionSchema = Type.Object(
  {
    kind: Type.Union([Type.Literal('apply'), Type.Literal('none')]),
    requirements: Type.Array(AppliedRequirementSchema),
    justification: Type.String({ maxLength: 4000 }),
  },
  { additionalProperties: false },
);
export type Decision = Static<typeof DecisionSchema>;

/**
 * Whether a decision puts social considerations into the procurement: at least one requirement
 * applied. This is what the council goal (at least 50 % of service procurements) counts.
 */
export function hasSocialConsiderations(decision: Decision): boolean {
  return decision.kind === 'apply' && decision.requirements.length > 0;
}
