import { Type, type Static, type TSchema, type TUnsafe } from '@sinclair/typebox';
import { CONTRACT_NATURES, PROCEDURE_TYPES, PROCUREMENT_STATUSES } from '../../../domain/procurement/procurement.js';
import { SCREENING_RECOMMENDATIONS, ScreeningRecommendationSchema as RecommendationSchema } from '../../../domain/screening/screen-procurement.js';
import { enumOf, Paging, Uuid } from '../../schemas.js';

/**
 * `T | null` as `type: [T, "null"]` rather than anyOf, so a wrong value yields one clear
 * error for its field instead of one per union branch.
 */
const nullable = <T extends TSchema>(schema: T): TUnsafe<Static<T> | null> => {
  const { type, enum: values, ...rest } = schema as unknown as { type: string; enum?: unknown[] };
  return Type.Unsafe<Static<T> | null>({ ...rest, type: [type, 'null'], ...(values ? { enum: [...values, null] } : {}) });
};

export const ContractNatureSchema = enumOf(CONTRACT_NATURES);
export const ProcedureTypeSchema = enumOf(PROCEDURE_TYPES);
export const StatusSchema = enumOf(PROCUREMENT_STATUSES);
export const CpvSchema = Type.String({ pattern: '^[0-9]{8}$', description: 'CPV 2008 code, 8 digits without check digit' });
export const OreSchema = Type.Integer({ minimum: 0, maximum: 9_000_000_000_000_000, description: 'Amount in öre (1 SEK = 100 öre)' });
export const DateSchema = Type.String({ format: 'date', description: 'ISO calendar date YYYY-MM-DD' });
export const MonthsSchema = Type.Integer({ minimum: 1, maximum: 600 });

export const LotInput = Type.Object(
  {
    lotNumber: Type.Integer({ minimum: 1, maximum: 9999 }),
    title: Type.String({ minLength: 1, maxLength: 300 }),
    mainCpv: CpvSchema,
    estimatedValueOre: Type.Optional(nullable(OreSchema)),
    durationMonths: Type.Optional(nullable(MonthsSchema)),
  },
  { additionalProperties: false },
);

const fields = {
  referenceNumber: Type.String({ minLength: 1, maxLength: 64, description: 'Diarienummer, unique within the organisation' }),
  title: Type.String({ minLength: 1, maxLength: 300 }),
  description: Type.String({ maxLength: 20_000 }),
  unitId: Uuid,
  responsibleUserId: nullable(Uuid),
  contractNature: ContractNatureSchema,
  mainCpv: CpvSchema,
  additionalCpv: Type.Array(CpvSchema, { maxItems: 50 }),
  estimatedValueOre: nullable(OreSchema),
  contractStart: nullable(DateSchema),
  durationMonths: nullable(MonthsSchema),
  extensionMonths: nullable(Type.Integer({ minimum: 0, maximum: 600 })),
  procedureType: nullable(ProcedureTypeSchema),
  labourNeedFte: nullable(Type.Number({ minimum: 0, maximum: 100_000, multipleOf: 0.01 })),
  lots: Type.Array(LotInput, { maxItems: 500 }),
};

export const ProcurementCreate = Type.Object(
  {
    referenceNumber: fields.referenceNumber,
    title: fields.title,
    description: Type.Optional(fields.description),
    unitId: fields.unitId,
    responsibleUserId: Type.Optional(fields.responsibleUserId),
    contractNature: fields.contractNature,
    mainCpv: fields.mainCpv,
    additionalCpv: Type.Optional(fields.additionalCpv),
    estimatedValueOre: Type.Optional(fields.estimatedValueOre),
    contractStart: Type.Optional(fields.contractStart),
    durationMonths: Type.Optional(fields.durationMonths),
    extensionMonths: Type.Optional(fields.extensionMonths),
    procedureType: Type.Optional(fields.procedureType),
    labourNeedFte: Type.Optional(fields.labourNeedFte),
    lots: Type.Optional(fields.lots),
  },
  { additionalProperties: false, $id: 'ProcurementCreate' },
);
export type ProcurementCreate = Static<typeof ProcurementCreate>;

export const ProcurementPatch = Type.Composite(
  [
    Type.Object({ version: Type.Integer({ minimum: 1, description: 'The version you edited; a stale version is refused with 409' }) }),
    Type.Partial(Type.Object(fields)),
  ],
  { additionalProperties: false },
);
export type ProcurementPatch = Static<typeof ProcurementPatch>;

const Label = Type.Object({ sv: Type.String(), en: Type.String() });
const CpvRef = Type.Object({ code: Type.String(), sv: Type.String(), en: Type.String() });

export const Lot = Type.Object({
  lotNumber: Type.Integer(),
  title: Type.String(),
  mainCpv: CpvRef,
  estimatedValueOre: nullable(Type.Integer()),
  durationMonths: nullable(Type.Integer()),
});

export const DecisionKindSchema = enumOf(['apply', 'none'] as const);

/** The current screening in short; the whole result is at /api/procurements/{id}/screening. */
const ScreeningSummary = Type.Object({
  recommendation: RecommendationSchema,
  summary: Label,
  missingFacts: Type.Array(Type.String()),
  policyVersion: Type.Integer(),
  screenedAt: Type.String({ format: 'date-time' }),
});

/** The decision in short; the whole decision is at /api/procurements/{id}/decision. */
const DecisionSummary = Type.Object({
  kind: DecisionKindSchema,
  revision: Type.Integer(),
  decidedAt: Type.String({ format: 'date-time' }),
  hasSocialConsiderations: Type.Boolean(),
});

export const Procurement = Type.Object(
  {
    id: Uuid,
    referenceNumber: Type.String(),
    title: Type.String(),
    description: Type.String(),
    unit: Type.Object({ id: Uuid, code: Type.String(), name: Type.String() }),
    responsible: nullable(Type.Object({ id: Uuid, displayName: Type.String() })),
    contractNature: ContractNatureSchema,
    mainCpv: CpvRef,
    additionalCpv: Type.Array(CpvRef),
    estimatedValueOre: nullable(Type.Integer()),
    contractStart: nullable(Type.String()),
    durationMonths: nullable(Type.Integer()),
    extensionMonths: nullable(Type.Integer()),
    procedureType: nullable(ProcedureTypeSchema),
    labourNeedFte: nullable(Type.Number()),
    status: StatusSchema,
    allowedTransitions: Type.Array(StatusSchema),
    isDeletable: Type.Boolean(),
    canEdit: Type.Boolean(),
    lots: Type.Array(Lot),
    screening: nullable(ScreeningSummary),
    decision: nullable(DecisionSummary),
    version: Type.Integer(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Procurement' },
);
export type Procurement = Static<typeof Procurement>;

export const ProcurementListItem = Type.Object(
  {
    id: Uuid,
    referenceNumber: Type.String(),
    title: Type.String(),
    unit: Type.Object({ id: Uuid, code: Type.String(), name: Type.String() }),
    contractNature: ContractNatureSchema,
    mainCpv: CpvRef,
    estimatedValueOre: nullable(Type.Integer()),
    contractStart: nullable(Type.String()),
    durationMonths: nullable(Type.Integer()),
    labourNeedFte: nullable(Type.Number()),
    status: StatusSchema,
    lotCount: Type.Integer(),
    screening: nullable(RecommendationSchema),
    decision: nullable(DecisionKindSchema),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'ProcurementListItem' },
);
export type ProcurementListItem = Static<typeof ProcurementListItem>;

export const SORT_FIELDS = ['referenceNumber', 'title', 'contractStart', 'estimatedValueOre', 'status', 'updatedAt', 'createdAt'] as const;
export const SortSchema = enumOf(
  SORT_FIELDS.flatMap((f) => [f, `-${f}`] as const),
  { default: '-updatedAt', description: 'Field to sort by; prefix with - for descending' },
);

export const ProcurementListQuery = Type.Object(
  {
    ...Paging,
    sort: SortSchema,
    unitId: Type.Optional(Type.Array(Uuid, { maxItems: 50 })),
    status: Type.Optional(Type.Array(StatusSchema, { maxItems: 6 })),
    contractNature: Type.Optional(ContractNatureSchema),
    year: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100, description: 'Year of planned contract start' })),
    cpvDivision: Type.Optional(Type.String({ pattern: '^[0-9]{2}$', description: 'First two digits of the main CPV code' })),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Free-text search (Swedish stemming)' })),
    screening: Type.Optional(enumOf([...SCREENING_RECOMMENDATIONS, 'none'] as const, { description: 'Current screening recommendation; none = not screened' })),
    queue: Type.Optional(
      enumOf(['undecided'] as const, {
        description: 'undecided: the work queue — recommended or needs_assessment, no decision yet, planned or in preparation',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ProcurementListQuery = Static<typeof ProcurementListQuery>;

export const StatusChange = Type.Object({ status: StatusSchema, version: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false });

// Spreadsheet export and import (procurement-transfer-routes.ts).
export const ProcurementExportQuery = Type.Omit(ProcurementListQuery, ['page', 'pageSize'], { additionalProperties: false });

export const ImportQuery = Type.Object(
  { dryRun: Type.Boolean({ default: false, description: 'Only validate the file; store nothing' }) },
  { additionalProperties: false },
);

export const ImportResult = Type.Object({
  created: Type.Integer({ minimum: 0, description: 'Procurements stored (0 on a dry run)' }),
  dryRun: Type.Boolean(),
});

/** The 422 answer of an import: problem+json listing every error by spreadsheet row and column. */
export const ImportProblem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.Literal('import_invalid'),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    errorCount: Type.Optional(Type.Integer()),
    errors: Type.Array(
      Type.Object({
        row: Type.Integer({ description: 'Spreadsheet row number; the header is row 1' }),
        column: Type.String({ description: 'The column header as written in the file; empty for a problem with the whole file' }),
        code: Type.String(),
        message: Type.String(),
      }),
    ),
  },
  { $id: 'ImportProblem' },
);

export { Label };

