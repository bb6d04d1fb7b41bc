import { Type, type Static } from '@sinclair/typebox';

/** Occupation search for the participant and need forms (docs/matching.md). */
export const OccupationSearchQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 100, description: 'An SSYK 2012 code (or its start), a JobTech concept id, or words of a Swedish or English label' }),
    /** Only SSYK unit groups (four digits) and occupation names: what a recruitment need may name. */
    unitGroupsOnly: Type.Boolean({ default: false }),
    limit: Type.Integer({ minimum: 1, maximum: 50, default: 20 }),
  },
  { additionalProperties: false },
);
export type OccupationSearchQuery = Static<typeof OccupationSearchQuery>;

export const OccupationHit = Type.Object({
  /** `ssyk`: an SSYK 2012 group on level 2, 3 or 4; `name`: a JobTech occupation name (in its SSYK group). */
  kind: Type.Union([Type.Literal('ssyk'), Type.Literal('name')]),
  ssykCode: Type.String(),
  occupationNameId: Type.Union([Type.String(), Type.Null()]),
  sv: Type.String(),
  /** JobTech occupation names are Swedish only; then the English label is the Swedish one. */
  en: Type.String(),
});
export type OccupationHit = Static<typeof OccupationHit>;
export const OccupationSearchResult = Type.Object({ items: Type.Array(OccupationHit) });
