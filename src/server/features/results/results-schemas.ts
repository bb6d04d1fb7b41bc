import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { enumOf, Uuid } from '../../schemas.js';

const Suppressed = Type.Object({ suppressed: Type.Literal(true) }, { description: 'A count of 1–4 people, or a cell hidden so that one cannot be recovered' });
/** A person count: the number, or `{ suppressed: true }`. */
export const PersonCount = Type.Union([Type.Integer({ minimum: 0 }), Suppressed]);
const Months = Type.Union([Type.Number({ minimum: 0 }), Suppressed]);
const Label = Type.Object({ sv: Type.String(), en: Type.String() });

export const ResultCell = Type.Object({ key: Type.String(), label: Label, count: PersonCount, fullTimeMonths: Months });
export const ResultMeasureView = Type.Object({
  total: PersonCount,
  byUnit: Type.Array(ResultCell),
  byTargetGroup: Type.Array(ResultCell),
  bySupplier: Type.Array(ResultCell),
  byCpvDivision: Type.Array(ResultCell),
});

const nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const GoalFulfilmentFigure = Type.Object({
  year: Type.Integer(),
  goalPercent: Type.Integer(),
  serviceProcurements: Type.Integer(),
  withSocialConsiderations: Type.Integer(),
  sharePercent: nullable(Type.Number()),
  isGoalMet: nullable(Type.Boolean()),
});

export const ValueView = Type.Object({
  actors: Type.Object({ individual: Type.Integer(), municipality: Type.Integer(), region: Type.Integer(), state: Type.Integer(), employer: Type.Integer() }),
  totalOre: Type.Integer(),
  parameterYear: Type.Integer(),
  fullTimeMonths: Months,
  assumptions: Type.String(),
});

/** "Still employed after the placement ended, where known": people whose last placement ended in the year. */
export const StillEmployedView = Type.Object({
  known: PersonCount,
  stillEmployed: PersonCount,
  employedBySupplier: PersonCount,
  sharePercent: Type.Union([Type.Number(), Suppressed, Type.Null()]),
});

export const PublicContract = Type.Object({
  referenceNumber: Type.String(),
  procurement: Type.Object({ referenceNumber: Type.String(), title: Type.String() }),
  unit: Type.Object({ id: Uuid, name: Type.String() }),
  supplier: Type.Object({ name: Type.String(), organisationNumber: Type.String(), country: Type.String() }),
  startsOn: Type.String(),
  endsOn: Type.String(),
  status: enumOf(['not_started', 'running', 'at_risk', 'shortfall', 'ended'] as const),
});

export const GoalView = Type.Object({
  id: Uuid,
  unitId: nullable(Uuid),
  year: Type.Integer(),
  metric: enumOf(['social_share_percent', 'people_employed', 'full_time_months'] as const),
  target: Type.Integer(),
  createdAt: Type.String(),
  supersededAt: nullable(Type.String()),
});

export const LicenceView = Type.Object({ id: enumOf(['cc-by-4.0', 'cc0'] as const), uri: Type.String(), name: Type.String() });

export const PublicResults = Type.Object(
  {
    organisation: Type.Object({ slug: Type.String(), name: Type.String() }),
    year: Type.Integer(),
    asOf: Type.String(),
    unitId: nullable(Uuid),
    licence: LicenceView,
    goal: GoalFulfilmentFigure,
    goals: Type.Array(GoalView),
    peopleEmployed: ResultMeasureView,
    placementsStarted: ResultMeasureView,
    placementsEnded: ResultMeasureView,
    placementsCompleted: ResultMeasureView,
    fullTimeMonths: Months,
    stillEmployedAfterEnd: Type.Union([StillEmployedView, Type.Null()], { description: 'For the whole organisation only (null in a view filtered by unit, so two views cannot be subtracted)' }),
    value: ValueView,
    contracts: Type.Array(PublicContract),
    downloads: Type.Object({ csv: Type.String(), json: Type.String(), ocds: Type.String(), catalog: Type.String() }),
  },
  { $id: 'PublicResults' },
);
export type PublicResultsView = Static<typeof PublicResults>;

export const YearQuery = Type.Object(
  {
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: 'Default: the current year' })),
    unit: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

export const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z0-9-]+$' }) });

export const DashboardView = Type.Object(
  {
    year: Type.Integer(),
    asOf: Type.String(),
    trend: Type.Array(
      Type.Object({
        year: Type.Integer(),
        goal: GoalFulfilmentFigure,
        peopleEmployed: PersonCount,
        fullTimeMonths: Months,
        targets: Type.Object({ peopleEmployed: nullable(Type.Integer()), fullTimeMonths: nullable(Type.Integer()) }),
      }),
    ),
    peopleEmployed: ResultMeasureView,
    stillEmployedAfterEnd: StillEmployedView,
    value: ValueView,
    contractsAtRisk: Type.Array(Type.Object({ ...PublicContract.properties, id: Uuid, openDeviations: Type.Array(Type.String()) })),
    goals: Type.Array(GoalView),
  },
  { $id: 'ResultsDashboard' },
);
export type DashboardViewType = Static<typeof DashboardView>;

export const GoalChange = Type.Object(
  {
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    metric: enumOf(['social_share_percent', 'people_employed', 'full_time_months'] as const),
    unitId: Type.Optional(nullable(Uuid)),
    target: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  },
  { additionalProperties: false },
);
export type GoalChangeBody = Static<typeof GoalChange>;

export const GoalsQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }, { additionalProperties: false });

export const ResultsSettings = Type.Object({ licence: enumOf(['cc-by-4.0', 'cc0'] as const) }, { additionalProperties: false });
