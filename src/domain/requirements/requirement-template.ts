import { Type, type Static } from '@sinclair/typebox';
import { ContractNatureSchema } from '../procurement/procurement-schemas.js';
import { LocalizedTextSchema } from '../shared/localized-text.js';

/**
 * What kind of social requirement a template describes. The first three follow UHM's ladder for
 * employment requirements; `reserved_contract` is LOU 4 kap. 18 §; `social_award_criterion`
 * rewards social commitments in the evaluation instead of demanding them.
 */
export const RequirementTypeSchema = Type.Union([
  Type.Literal('dialogue_clause'),
  Type.Literal('employment_condition'),
  Type.Literal('apprenticeship'),
  Type.Literal('hiring_bonus'),
  Type.Literal('reserved_contract'),
  Type.Literal('social_award_criterion'),
]);
export type RequirementType = Static<typeof RequirementTypeSchema>;
export const REQUIREMENT_TYPES: readonly RequirementType[] = [
  'dialogue_clause',
  'employment_condition',
  'apprenticeship',
  'hiring_bonus',
  'reserved_contract',
  'social_award_criterion',
];

/** UHM's three levels: basic (grundnivå), advanced (avancerad nivå), leading edge (spjutspets). */
export const RequirementLevelSchema = Type.Union([Type.Literal('basic'), Type.Literal('advanced'), Type.Literal('leading_edge')]);
export type RequirementLevel = Static<typeof RequirementLevelSchema>;
export const REQUIREMENT_LEVELS: readonly RequirementLevel[] = ['basic', 'advanced', 'leading_edge'];

const ParameterKey = Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 40 });

const parameterBase = {
  /** The placeholder name: `{{key}}` in body and follow-up texts. */
  key: ParameterKey,
  label: LocalizedTextSchema,
  help: Type.Optional(LocalizedTextSchema),
};

/** Singular and plural of the unit an integer counts, so `{{positions}}` reads "1 person" / "3 personer". */
const UnitSchema = Type.Object(
  {
    sv: Type.Object({ one: Type.String(), other: Type.String() }, { additionalProperties: false }),
    en: Type.Object({ one: Type.String(), other: Type.String() }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type Unit = Static<typeof UnitSchema>;

/**
 * Multi-select from the organisation's target-group list (målgrupper). Values are codes; the
 * renderer joins the labels naturally ("a, b och c").
 */
export const TargetGroupsParameterSchema = Type.Object(
  {
    kind: Type.Literal('target_groups'),
    ...parameterBase,
    minItems: Type.Integer({ minimum: 1 }),
    default: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { uniqueItems: true })),
  },
  { additionalProperties: false },
);

/** A whole number within [min, max]: positions, months, a reporting interval. */
export const IntegerParameterSchema = Type.Object(
  {
    kind: Type.Literal('integer'),
    ...parameterBase,
    min: Type.Integer(),
    max: Type.Integer(),
    unit: Type.Optional(UnitSchema),
    default: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);

/** A percentage within [min, max] ⊆ [0, 100], e.g. UHM's 75 % completion threshold. */
export const PercentParameterSchema = Type.Object(
  {
    kind: Type.Literal('percent'),
    ...parameterBase,
    min: Type.Number({ minimum: 0, maximum: 100 }),
    max: Type.Number({ minimum: 0, maximum: 100 }),
    default: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  },
  { additionalProperties: false },
);

/** An amount in integer öre, rendered as kronor (penalty, bonus). */
export const MoneyOreParameterSchema = Type.Object(
  {
    kind: Type.Literal('money_ore'),
    ...parameterBase,
    min: Type.Integer({ minimum: 0 }),
    max: Type.Optional(Type.Integer({ minimum: 0 })),
    default: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

export const EnumOptionSchema = Type.Object(
  { value: Type.String({ pattern: '^[a-z][a-z0-9_]*$' }), label: LocalizedTextSchema },
  { additionalProperties: false },
);
export type EnumOption = Static<typeof EnumOptionSchema>;

/** One choice from a fixed list, rendered as the option's label (e.g. employment form). */
export const EnumParameterSchema = Type.Object(
  {
    kind: Type.Literal('enum'),
    ...parameterBase,
    options: Type.Array(EnumOptionSchema, { minItems: 1 }),
    default: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

/**
 * Free text up to `maxLength` characters, rendered as written. The value is one string for both
 * languages (a name, an address) or a `{ sv, en }` pair when the words differ by language.
 */
export const TextParameterSchema = Type.Object(
  {
    kind: Type.Literal('text'),
    ...parameterBase,
    maxLength: Type.Integer({ minimum: 1, maximum: 2000 }),
    default: Type.Optional(Type.Union([Type.String(), LocalizedTextSchema])),
  },
  { additionalProperties: false },
);

export const ParameterDefinitionSchema = Type.Union([
  TargetGroupsParameterSchema,
  IntegerParameterSchema,
  PercentParameterSchema,
  MoneyOreParameterSchema,
  EnumParameterSchema,
  TextParameterSchema,
]);
export type ParameterDefinition = Static<typeof ParameterDefinitionSchema>;

/**
 * A filled-in parameter: a number (integer, percent, öre), a code or text, a list of codes, or
 * text in both languages.
 */
export const ParameterValueSchema = Type.Union([Type.Number(), Type.String(), Type.Array(Type.String()), LocalizedTextSchema]);
export type ParameterValue = Static<typeof ParameterValueSchema>;
export const ParameterValuesSchema = Type.Record(Type.String(), ParameterValueSchema);
export type ParameterValues = Static<typeof ParameterValuesSchema>;

/**
 * The eForms codes a template implies when applied to a lot: BT-06 strategic procurement
 * (`soc-obj`), BT-775 social objectives (`opp` = employment opportunities for long-term
 * unemployed, disadvantaged and disabled persons), BT-71 reserved participation (`res-ws` =
 * sheltered workshops and integration enterprises) and BT-736 reserved execution.
 */
export const EformsImplicationsSchema = Type.Object(
  {
    strategicProcurement: Type.Array(Type.Literal('soc-obj')),
    socialObjectives: Type.Array(
      Type.Union([
        Type.Literal('acc-all'),
        Type.Literal('et-eq'),
        Type.Literal('gen-eq'),
        Type.Literal('hum-right'),
        Type.Literal('opp'),
        Type.Literal('other'),
        Type.Literal('work-cond'),
      ]),
      { uniqueItems: true },
    ),
    reservedParticipation: Type.Array(Type.Union([Type.Literal('res-ws'), Type.Literal('res-pub-ser')]), { uniqueItems: true }),
    reservedExecution: Type.Union([Type.Literal('yes'), Type.Null()]),
  },
  { additionalProperties: false },
);
export type EformsImplications = Static<typeof EformsImplicationsSchema>;
export type SocialObjectiveCode = EformsImplications['socialObjectives'][number];
export type ReservedParticipationCode = EformsImplications['reservedParticipation'][number];

/**
 * A requirement template (kravmall). `body` is the contract text the supplier signs up to;
 * `followUp` says what the supplier reports, how often, and what happens on a shortfall
 * (correction, vite, exclusion from call-offs). Both may hold `{{key}}` placeholders for the
 * template's parameters. `guidance` is for the buyer and is never put into procurement documents.
 */
export const RequirementTemplateSchema = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 }),
    type: RequirementTypeSchema,
    level: RequirementLevelSchema,
    title: LocalizedTextSchema,
    guidance: LocalizedTextSchema,
    body: LocalizedTextSchema,
    followUp: LocalizedTextSchema,
    legalBasis: LocalizedTextSchema,
    eforms: EformsImplicationsSchema,
    parameters: Type.Array(ParameterDefinitionSchema),
    suitableContractNatures: Type.Array(ContractNatureSchema, { minItems: 1, uniqueItems: true }),
    /** Two-digit CPV divisions the template suits; empty = any. */
    suitableCpvDivisions: Type.Array(Type.String({ pattern: '^[0-9]{2}$' }), { uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type RequirementTemplate = Static<typeof RequirementTemplateSchema>;

/** All `{{key}}` placeholders in a text, in order of appearance, without duplicates. */
export function findPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g)].map((m) => m[1] ?? ''))];
}
