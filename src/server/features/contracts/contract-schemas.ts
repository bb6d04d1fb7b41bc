import { Type, type Static, type TSchema, type TUnsafe } from '@sinclair/typebox';
import { REQUIREMENT_TYPES } from '../../../domain/requirements/requirement-template.js';
import { END_REASONS } from '../../../domain/follow-up/evaluate-commitment.js';
import { SANCTION_STEP_KINDS } from '../../../domain/follow-up/sanction-ladder.js';
import { WAGE_SUBSIDIES } from '../../../domain/follow-up/validate-placement.js';
import { DEVIATION_KINDS } from '../../../domain/follow-up/deviations.js';
import { LocalizedTextSchema } from '../../../domain/shared/localized-text.js';
import { enumOf, Paging, Uuid } from '../../schemas.js';

/** `T | null` as `type: [T, "null"]`, so a wrong value gives one error for its field. */
const nullable = <T extends TSchema>(schema: T): TUnsafe<Static<T> | null> => {
  // TypeBox's TSchema has no `type`/`enum` fields in its type; the literal and union schemas given here carry them.
  const { type, enum: values, ...rest } = schema as unknown as { type: string; enum?: unknown[] };
  return Type.Unsafe<Static<T> | null>({ ...rest, type: [type, 'null'], ...(values ? { enum: [...values, null] } : {}) });
};

export const IsoDate = Type.String({ format: 'date', description: 'ISO calendar date YYYY-MM-DD' });
export const Ore = Type.Integer({ minimum: 0, maximum: 9_000_000_000_000_000, description: 'Amount in öre (1 SEK = 100 öre)' });
const LotNumbers = nullable(Type.Array(Type.Integer({ minimum: 1, maximum: 9999 }), { minItems: 1, maxItems: 500, uniqueItems: true }));

export const CommitmentKindSchema = enumOf(REQUIREMENT_TYPES, { description: 'The template type the commitment comes from' });
export const EndReasonSchema = enumOf(END_REASONS);
export const WageSubsidySchema = enumOf(WAGE_SUBSIDIES);
export const StatusSchema = enumOf(['not_started', 'on_track', 'at_risk', 'fulfilled', 'shortfall'] as const);
export const MeasureSchema = enumOf(['per_position', 'summed_months'] as const, {
  description: 'per_position: each position filled by one placement serving the agreed months; summed_months: jobs that together equal at least positions × months',
});

export const SupplierInput = Type.Object(
  {
    organisationNumber: Type.Optional(Type.String({ minLength: 10, maxLength: 13, description: 'Swedish organisation number, NNNNNN-NNNN or 10 digits' })),
    country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2, for a foreign supplier' })),
    nationalId: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'National company id, for a foreign supplier' })),
    name: Type.String({ minLength: 1, maxLength: 300 }),
  },
  { additionalProperties: false },
);

export const ExtensionOption = Type.Object(
  { months: Type.Integer({ minimum: 1, maximum: 120 }), exercisedOn: Type.Optional(nullable(IsoDate)) },
  { additionalProperties: false },
);

export const ContractCreate = Type.Object(
  {
    procurementId: Uuid,
    lotNumbers: LotNumbers,
    supplier: SupplierInput,
    referenceNumber: Type.String({ minLength: 1, maxLength: 64, description: 'Contract reference, unique within the organisation' }),
    signedOn: IsoDate,
    startsOn: IsoDate,
    endsOn: IsoDate,
    extensionOptions: Type.Optional(Type.Array(ExtensionOption, { maxItems: 10 })),
    valueOre: Type.Optional(nullable(Ore)),
    calledOffValueOre: Type.Optional(nullable(Ore)),
    /** Measures per applied requirement (by its position in the decision); default per_position. */
    measures: Type.Optional(Type.Record(Type.String({ pattern: '^[0-9]+$' }), MeasureSchema)),
  },
  { additionalProperties: false },
);
export type ContractCreate = Static<typeof ContractCreate>;

export const SupplierView = Type.Object({ id: Uuid, country: Type.String(), nationalId: Type.String(), organisationNumber: nullable(Type.String()), name: Type.String() });

export const CommitmentView = Type.Object({
  id: Uuid,
  kind: CommitmentKindSchema,
  templateKey: Type.String(),
  title: LocalizedTextSchema,
  text: LocalizedTextSchema,
  measure: MeasureSchema,
  parameters: Type.Record(Type.String(), Type.Unknown()),
  version: Type.Integer(),
  takesPlacements: Type.Boolean(),
});

export const PlacementView = Type.Object({
  id: Uuid,
  commitmentId: Uuid,
  participantRef: Type.String(),
  targetGroup: Type.String(),
  offeredOn: nullable(IsoDate),
  startedOn: IsoDate,
  plannedEndOn: nullable(IsoDate),
  endedOn: nullable(IsoDate),
  endReason: nullable(EndReasonSchema),
  extentPercent: Type.Integer(),
  employmentForm: Type.String(),
  ssykCode: nullable(Type.String()),
  wageSubsidy: WageSubsidySchema,
  targetGroupPending: Type.Boolean({ description: 'Recorded by the supplier without a verified target group: counts toward nothing until the labour-market unit confirms it (decision 0604)' }),
  version: Type.Integer(),
});

export const ContractSummary = Type.Object({
  id: Uuid,
  referenceNumber: Type.String(),
  procurement: Type.Object({ id: Uuid, referenceNumber: Type.String(), title: Type.String() }),
  unit: Type.Object({ id: Uuid, name: Type.String() }),
  supplier: SupplierView,
  lotNumbers: LotNumbers,
  signedOn: IsoDate,
  startsOn: IsoDate,
  endsOn: IsoDate,
  valueOre: nullable(Ore),
  version: Type.Integer(),
  commitmentCount: Type.Integer(),
  placementCount: Type.Integer(),
  openDeviations: Type.Integer(),
});

export const ContractView = Type.Object(
  {
    ...ContractSummary.properties,
    extensionOptions: Type.Array(ExtensionOption),
    calledOffValueOre: nullable(Ore),
    commitments: Type.Array(CommitmentView),
    /** Empty for users who may not see placements (viewers, admins). */
    placements: Type.Array(PlacementView),
    mayReadPlacements: Type.Boolean(),
    amendments: Type.Array(
      Type.Object({ version: Type.Integer(), reason: Type.String(), signedOn: IsoDate, createdAt: Type.String({ format: 'date-time' }), before: Type.Unknown(), after: Type.Unknown() }),
    ),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Contract' },
);
export type ContractView = Static<typeof ContractView>;

export const ContractListQuery = Type.Object(
  {
    ...Paging,
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Reference, procurement title or supplier name' })),
    supplierId: Type.Optional(Uuid),
    procurementId: Type.Optional(Uuid),
    unitId: Type.Optional(Uuid),
    active: Type.Optional(Type.Boolean({ description: 'Only contracts running on asOf (default today)' })),
    asOf: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);
export type ContractListQuery = Static<typeof ContractListQuery>;

export const ContractAmendment = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'The contract version you amend (optimistic locking)' }),
    reason: Type.String({ minLength: 5, maxLength: 4000 }),
    signedOn: IsoDate,
    endsOn: Type.Optional(IsoDate),
    valueOre: Type.Optional(nullable(Ore)),
    calledOffValueOre: Type.Optional(nullable(Ore)),
    extensionOptions: Type.Optional(Type.Array(ExtensionOption, { maxItems: 10 })),
    commitments: Type.Optional(
      Type.Array(
        Type.Object({ commitmentId: Uuid, parameters: Type.Optional(Type.Record(Type.String(), Type.Unknown())), measure: Type.Optional(MeasureSchema) }, { additionalProperties: false }),
        { maxItems: 50 },
      ),
    ),
  },
  { additionalProperties: false },
);
export type ContractAmendment = Static<typeof ContractAmendment>;

const placementFields = {
  commitmentId: Uuid,
  participantRef: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._:-]+$', description: 'Pseudonymous reference; never a name or personal identity number' }),
  targetGroup: Type.String({ minLength: 1, maxLength: 60 }),
  offeredOn: nullable(IsoDate),
  startedOn: IsoDate,
  plannedEndOn: nullable(IsoDate),
  endedOn: nullable(IsoDate),
  endReason: nullable(EndReasonSchema),
  extentPercent: Type.Integer({ minimum: 1, maximum: 100 }),
  employmentForm: Type.String({ minLength: 1, maxLength: 60 }),
  ssykCode: nullable(Type.String({ pattern: '^[0-9]{4}$', description: 'SSYK 2012 unit group (four digits)' })),
  wageSubsidy: WageSubsidySchema,
};

export const PlacementCreate = Type.Object(
  {
    commitmentId: placementFields.commitmentId,
    participantRef: placementFields.participantRef,
    targetGroup: placementFields.targetGroup,
    offeredOn: Type.Optional(placementFields.offeredOn),
    startedOn: placementFields.startedOn,
    plannedEndOn: Type.Optional(placementFields.plannedEndOn),
    endedOn: Type.Optional(placementFields.endedOn),
    endReason: Type.Optional(placementFields.endReason),
    extentPercent: placementFields.extentPercent,
    employmentForm: placementFields.employmentForm,
    ssykCode: Type.Optional(placementFields.ssykCode),
    wageSubsidy: Type.Optional(placementFields.wageSubsidy),
  },
  { additionalProperties: false },
);
export type PlacementCreate = Static<typeof PlacementCreate>;

export const PlacementPatch = Type.Object(
  {
    version: Type.Optional(Type.Integer({ minimum: 1 })),
    participantRef: Type.Optional(placementFields.participantRef),
    targetGroup: Type.Optional(placementFields.targetGroup),
    offeredOn: Type.Optional(placementFields.offeredOn),
    startedOn: Type.Optional(placementFields.startedOn),
    plannedEndOn: Type.Optional(placementFields.plannedEndOn),
    endedOn: Type.Optional(placementFields.endedOn),
    endReason: Type.Optional(placementFields.endReason),
    extentPercent: Type.Optional(placementFields.extentPercent),
    employmentForm: Type.Optional(placementFields.employmentForm),
    ssykCode: Type.Optional(placementFields.ssykCode),
    wageSubsidy: Type.Optional(placementFields.wageSubsidy),
  },
  { additionalProperties: false },
);
export type PlacementPatch = Static<typeof PlacementPatch>;

export const PlacementParams = Type.Object({ id: Uuid, placementId: Uuid });

/** The labour-market unit confirms the target group of a placement the supplier recorded (decision 0604). */
export const PlacementTargetGroupConfirm = Type.Object(
  { targetGroup: Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 60 }), version: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);
export type PlacementTargetGroupConfirm = Static<typeof PlacementTargetGroupConfirm>;
export const AsOfQuery = Type.Object({ asOf: Type.Optional(IsoDate) }, { additionalProperties: false });

export const FulfilmentView = Type.Object({
  contractId: Uuid,
  asOf: IsoDate,
  commitments: Type.Array(
    Type.Object({
      commitmentId: Uuid,
      kind: CommitmentKindSchema,
      measure: Type.String(),
      status: StatusSchema,
      reasons: Type.Array(Type.String()),
      positionsRequired: Type.Integer(),
      positionsFulfilled: Type.Integer(),
      openPositions: Type.Integer(),
      monthsPerPosition: Type.Number(),
      fullTimeMonthsServed: Type.Number({ description: 'Two decimals' }),
      fullTimeMonthsRequired: Type.Number(),
      monthsLeft: Type.Number(),
      firstHireDeadline: nullable(IsoDate),
      firstHireMet: nullable(Type.Boolean()),
      penaltyDueOre: Type.Integer(),
      bonusEarnedOre: Type.Integer(),
      placements: Type.Array(
        Type.Object({ placementId: Uuid, fullTimeMonths: Type.Number({ description: 'Two decimals' }), countsAsFulfilled: Type.Boolean(), state: Type.String(), targetGroup: Type.String(), employmentForm: Type.String() }),
      ),
    }),
  ),
});
export type FulfilmentView = Static<typeof FulfilmentView>;

export const PeriodView = Type.Object({
  sequence: Type.Integer(),
  startsOn: IsoDate,
  endsOn: IsoDate,
  dueOn: IsoDate,
  status: enumOf(['upcoming', 'open', 'due', 'overdue', 'reported'] as const),
  report: nullable(
    Type.Object({
      id: Uuid,
      reportedOn: IsoDate,
      meetingsHeldOn: Type.Array(IsoDate),
      sharePercent: nullable(Type.Integer()),
      note: Type.String(),
      summary: Type.Unknown(),
      createdAt: Type.String({ format: 'date-time' }),
    }),
  ),
});

export const ReportCreate = Type.Object(
  {
    reportedOn: IsoDate,
    meetingsHeldOn: Type.Optional(Type.Array(IsoDate, { maxItems: 50 })),
    sharePercent: Type.Optional(nullable(Type.Integer({ minimum: 0, maximum: 100 }))),
    note: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);
export type ReportCreate = Static<typeof ReportCreate>;
export const PeriodParams = Type.Object({ id: Uuid, sequence: Type.Integer({ minimum: 1, maximum: 10_000 }) });

export const DeviationView = Type.Object({
  id: Uuid,
  contractId: Uuid,
  commitmentId: nullable(Uuid),
  kind: enumOf(DEVIATION_KINDS),
  periodSequence: nullable(Type.Integer()),
  detectedOn: IsoDate,
  details: Type.Record(Type.String(), Type.Unknown()),
  status: enumOf(['open', 'resolved'] as const),
  resolvedOn: nullable(IsoDate),
  resolution: nullable(Type.String()),
});
export const DeviationResolve = Type.Object({ resolvedOn: IsoDate, resolution: Type.String({ minLength: 3, maxLength: 4000 }) }, { additionalProperties: false });
export const DeviationParams = Type.Object({ id: Uuid, deviationId: Uuid });

export const SanctionStepKindSchema = enumOf(SANCTION_STEP_KINDS);
export const SanctionStepView = Type.Object({
  id: Uuid,
  commitmentId: Uuid,
  deviationId: nullable(Uuid),
  kind: SanctionStepKindSchema,
  takenOn: IsoDate,
  deadline: nullable(IsoDate),
  correctedOn: nullable(IsoDate),
  amountOre: nullable(Type.Integer()),
  reason: Type.String(),
  evidence: Type.String(),
  takenBy: nullable(Type.String()),
  approvedBy: nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
});
export const SanctionStepCreate = Type.Object(
  {
    commitmentId: Uuid,
    deviationId: Type.Optional(nullable(Uuid)),
    kind: SanctionStepKindSchema,
    takenOn: IsoDate,
    reason: Type.String({ minLength: 3, maxLength: 4000 }),
    evidence: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);
export type SanctionStepCreate = Static<typeof SanctionStepCreate>;
export const SanctionParams = Type.Object({ id: Uuid, stepId: Uuid });
export const CorrectionRecord = Type.Object({ correctedOn: IsoDate }, { additionalProperties: false });
export const SanctionsView = Type.Object({
  steps: Type.Array(SanctionStepView),
  next: Type.Array(Type.Object({ commitmentId: Uuid, kinds: Type.Array(SanctionStepKindSchema) })),
});

export const LetterQuery = Type.Object({ lang: Type.Optional(enumOf(['sv', 'en'] as const, { default: 'sv' })) }, { additionalProperties: false });

/** The 422 answer of a contract import: problem+json listing every error by row and column. */
export const ContractImportProblem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  code: Type.String(),
  detail: Type.String(),
  instance: Type.Optional(Type.String()),
  errorCount: Type.Optional(Type.Integer()),
  errors: Type.Array(Type.Object({ row: Type.Integer(), column: Type.String(), code: Type.String(), message: Type.String() })),
});

/** One row of the coordinator's follow-up queue (GET /api/follow-up/queue). */
export const FollowUpQueueItem = Type.Object({
  kind: enumOf(['deviation_open', 'report_overdue', 'report_due_soon', 'correction_deadline_passed', 'correction_deadline_near'] as const),
  contractId: Type.String({ format: 'uuid' }),
  contractReference: Type.String(),
  supplierName: Type.String(),
  commitmentId: Type.Union([Type.String(), Type.Null()]),
  deviationId: Type.Union([Type.String(), Type.Null()]),
  sanctionStepId: Type.Union([Type.String(), Type.Null()]),
  periodSequence: Type.Union([Type.Integer(), Type.Null()]),
  dueOn: Type.Union([IsoDate, Type.Null()]),
  detail: Type.Record(Type.String(), Type.Unknown()),
});

export const FollowUpQueueView = Type.Object({ asOf: IsoDate, items: Type.Array(FollowUpQueueItem) });

/** What became of the person after an ended placement, as far as anyone knows (issue 15). */
export const AFTER_END_STATUSES = ['employed_by_supplier', 'employed_elsewhere', 'not_employed', 'unknown'] as const;
export const PlacementOutcomeBody = Type.Object(
  {
    monthsAfterEnd: Type.Integer({ minimum: 1, maximum: 60, description: 'How many months after the placement ended the answer describes (6 and 12 are usual)' }),
    status: enumOf(AFTER_END_STATUSES),
  },
  { additionalProperties: false },
);
export type PlacementOutcomeBody = Static<typeof PlacementOutcomeBody>;
export const PlacementOutcomeView = Type.Object({
  monthsAfterEnd: Type.Integer(),
  status: enumOf(AFTER_END_STATUSES),
  source: enumOf(['officer', 'supplier'] as const),
  recordedOn: Type.String({ format: 'date' }),
});
export const PlacementOutcomeList = Type.Object({ items: Type.Array(PlacementOutcomeView) });
