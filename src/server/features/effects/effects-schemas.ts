import { Type, type Static } from '@sinclair/typebox';
import { enumOf } from '../../schemas.js';

const Ore = (description: string) => Type.Integer({ minimum: 0, maximum: 100_000_000_000, description });

export const SroiInput = Type.Object(
  {
    deadweightPercent: Type.Number({ minimum: 0, maximum: 100 }),
    displacementPercent: Type.Number({ minimum: 0, maximum: 100 }),
    attributionPercent: Type.Number({ minimum: 0, maximum: 100 }),
    dropOffPercent: Type.Number({ minimum: 0, maximum: 100 }),
    years: Type.Integer({ minimum: 1, maximum: 10 }),
  },
  { additionalProperties: false, description: 'Optional SROI-style adjustments; the answer shows them apart, never inside the UHM figure.' },
);

/** The what-if calculator's input, with the field names of issue 15. Money in öre. */
export const EffectCalculation = Type.Object(
  {
    buyerType: enumOf(['municipality', 'region', 'state'] as const),
    municipalityCode: Type.Optional(Type.String({ pattern: '^[0-9]{4}$', description: 'SCB municipality code; its tax rates when the parameter set has them, else the national averages' })),
    requirementType: enumOf(['employment', 'apprenticeship', 'work_placement'] as const),
    months: Type.Integer({ minimum: 1, maximum: 120 }),
    positions: Type.Integer({ minimum: 1, maximum: 10_000 }),
    extentPercent: Type.Integer({ minimum: 1, maximum: 100 }),
    grossMonthlyPayOre: Ore('Full-time gross monthly pay; for a work placement, the value of the work at full productivity'),
    wageSubsidy: enumOf(['nystartsjobb', 'lonebidrag', 'introduktionsjobb', 'none'] as const),
    productivityPercent: Type.Number({ minimum: 0, maximum: 100 }),
    ageBand: enumOf(['18-25', '26-65', '66+'] as const),
    unemploymentMonths: Type.Integer({ minimum: 0, maximum: 600 }),
    newlyArrived: Type.Boolean(),
    unemploymentInsurance: Type.Boolean(),
    housingBenefit: Type.Boolean(),
    supervisorMonthlyPayOre: Ore('Supervisor’s gross monthly pay'),
    supervisionPercent: Type.Number({ minimum: 0, maximum: 100 }),
    employerAdminCostOre: Ore('One-off administration cost per position'),
    procurementCostOre: Ore('Extra cost of procuring with the requirement'),
    bonusOre: Ore('Hiring bonus paid, in total'),
    year: Type.Integer({ minimum: 2019, maximum: 2100 }),
    sroi: Type.Optional(SroiInput),
  },
  { additionalProperties: false },
);
export type EffectCalculationBody = Static<typeof EffectCalculation>;

const Actors = Type.Object({
  individual: Type.Integer(),
  municipality: Type.Integer(),
  region: Type.Integer(),
  state: Type.Integer(),
  employer: Type.Integer(),
});

export const EffectSourceView = Type.Object({ parameter: Type.String(), value: Type.Number(), source: Type.String(), date: Type.String(), note: Type.Optional(Type.String()) });
export const EffectStepView = Type.Object({
  key: Type.String(),
  actor: Type.String(),
  label: Type.String(),
  formula: Type.String(),
  amountOre: Type.Integer(),
  parameters: Type.Array(Type.String()),
});

export const EffectResultView = Type.Object(
  {
    actors: Actors,
    totalOre: Type.Integer(),
    parameterSet: Type.Object({ year: Type.Integer(), sources: Type.Array(EffectSourceView) }),
    steps: Type.Array(EffectStepView),
    sroi: Type.Optional(
      Type.Object({ uhmTotalOre: Type.Integer(), perYearOre: Type.Array(Type.Integer()), adjustedTotalOre: Type.Integer(), formula: Type.String() }, { description: 'SROI-style adjusted figure, apart from the UHM figure' }),
    ),
  },
  { $id: 'EffectResult' },
);

export const ParameterYears = Type.Object({ years: Type.Array(Type.Integer()) });
