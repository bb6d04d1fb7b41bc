import { Type, type Static } from '@sinclair/typebox';
import { LocalizedTextSchema, type LocalizedText } from '../shared/localized-text.js';

/**
 * A target group (målgrupp) for employment requirements. Organisations edit their own list;
 * labels are written to sit inside a sentence ("… anställa personer som får ekonomiskt bistånd"),
 * so they start in lower case.
 */
export const TargetGroupSchema = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 60 }),
    label: LocalizedTextSchema,
  },
  { additionalProperties: false },
);
export type TargetGroup = Static<typeof TargetGroupSchema>;

/** Target-group labels by code, as the renderer takes them. */
export type TargetGroupLabels = Readonly<Record<string, LocalizedText>>;

/** The target groups Hänsyn ships with; an organisation may rename, add or remove them. */
export const DEFAULT_TARGET_GROUPS: readonly TargetGroup[] = [
  {
    code: 'long_term_unemployed',
    label: { sv: 'personer som har varit arbetslösa länge', en: 'people who have been out of work for a long time' },
  },
  { code: 'newly_arrived', label: { sv: 'nyanlända', en: 'newly arrived immigrants' } },
  {
    code: 'young_without_upper_secondary',
    label: { sv: 'unga som saknar fullständig gymnasieutbildning', en: 'young people who have not completed upper secondary school' },
  },
  {
    code: 'disability',
    label: { sv: 'personer med funktionsnedsättning som påverkar arbetsförmågan', en: 'people whose disability affects their capacity for work' },
  },
  { code: 'income_support', label: { sv: 'personer som får ekonomiskt bistånd', en: 'people who receive income support' } },
  {
    code: 'designated_areas',
    label: { sv: 'boende i de stadsdelar som kommunen har pekat ut', en: 'residents of the districts the municipality has designated' },
  },
];

/** Turns a target-group list into the code → label map that rendering needs. */
export function targetGroupLabels(groups: readonly TargetGroup[]): TargetGroupLabels {
  return Object.fromEntries(groups.map((g) => [g.code, g.label]));
}
