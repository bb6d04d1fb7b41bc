import { Type, type Static } from '@sinclair/typebox';
import { END_REASONS } from '../../../domain/follow-up/evaluate-commitment.js';
import { enumOf, Uuid } from '../../schemas.js';

const IsoDate = Type.String({ format: 'date', description: 'ISO calendar date YYYY-MM-DD' });
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Localized = Type.Object({ sv: Type.String(), en: Type.String() });
const CommitmentStatus = enumOf(['not_started', 'on_track', 'at_risk', 'fulfilled', 'shortfall'] as const);
const ReportStatus = enumOf(['pending', 'question', 'approved'] as const, { description: 'pending: waiting for the buyer; question: the buyer asked something; approved: recorded by the buyer' });

export const SupplierContractParams = Type.Object({ id: Uuid });
export const SupplierPeriodParams = Type.Object({ id: Uuid, sequence: Type.Integer({ minimum: 1, maximum: 10_000 }) });
export const SupplierEvidenceParams = Type.Object({ id: Uuid, sequence: Type.Integer({ minimum: 1, maximum: 10_000 }), evidenceId: Uuid });
export const SupplierLetterParams = Type.Object({ id: Uuid, stepId: Uuid });
export const BuyerReportParams = Type.Object({ id: Uuid, reportId: Uuid });
export const BuyerEvidenceParams = Type.Object({ id: Uuid, reportId: Uuid, evidenceId: Uuid });

export const SupplierCommitment = Type.Object({
  id: Uuid,
  kind: Type.String({ description: 'The template type, e.g. employment_condition' }),
  title: Localized,
  text: Localized,
  parameters: Type.Record(Type.String(), Type.Unknown(), { description: 'The agreed numbers, frozen as signed' }),
  takesPlacements: Type.Boolean(),
  status: CommitmentStatus,
  positionsRequired: Type.Number(),
  positionsFulfilled: Type.Number(),
  openPositions: Type.Number(),
  fullTimeMonthsServed: Type.Number(),
  fullTimeMonthsRequired: Type.Number(),
  firstHireDeadline: nullable(IsoDate),
  firstHireMet: nullable(Type.Boolean()),
  penaltyDueOre: Type.Integer(),
});

export const SupplierPeriod = Type.Object({
  sequence: Type.Integer(),
  startsOn: IsoDate,
  endsOn: IsoDate,
  dueOn: IsoDate,
  status: enumOf(['upcoming', 'open', 'due', 'overdue', 'submitted', 'question', 'reported'] as const),
  reportId: nullable(Uuid),
});

const NextReport = nullable(Type.Object({ sequence: Type.Integer(), startsOn: IsoDate, endsOn: IsoDate, dueOn: IsoDate, overdue: Type.Boolean() }));

export const SupplierContractSummary = Type.Object({
  id: Uuid,
  referenceNumber: Type.String(),
  title: Type.String(),
  buyer: Type.Object({ slug: Type.String(), name: Type.String() }),
  startsOn: IsoDate,
  endsOn: IsoDate,
  status: nullable(CommitmentStatus),
  commitments: Type.Array(SupplierCommitment),
  nextReport: NextReport,
  openDeviations: Type.Integer(),
});

export const SupplierContractList = Type.Object({
  supplier: Type.Object({ name: Type.String(), nationalId: Type.String() }),
  asOf: IsoDate,
  items: Type.Array(SupplierContractSummary),
});

export const SupplierPlacement = Type.Object({
  id: Uuid,
  commitmentId: Uuid,
  participantRef: Type.String(),
  startedOn: IsoDate,
  endedOn: nullable(IsoDate),
  endReason: nullable(Type.String()),
  extentPercent: Type.Integer(),
  employmentForm: Type.String(),
  ssykCode: nullable(Type.String()),
});

export const SupplierContractDetail = Type.Composite([
  SupplierContractSummary,
  Type.Object({
    contact: nullable(Type.Object({ name: Type.String(), email: Type.String() })),
    periods: Type.Array(SupplierPeriod),
    deviations: Type.Array(Type.Object({ id: Uuid, kind: Type.String(), commitmentId: nullable(Uuid), periodSequence: nullable(Type.Integer()), detectedOn: IsoDate })),
    letters: Type.Array(
      Type.Object({ id: Uuid, kind: enumOf(['correction_notice', 'penalty_decision'] as const), commitmentId: Uuid, takenOn: IsoDate, deadline: nullable(IsoDate), correctedOn: nullable(IsoDate), amountOre: nullable(Type.Integer()) }),
    ),
    placements: Type.Array(SupplierPlacement),
  }),
]);

export const ReportHire = Type.Object(
  {
    commitmentId: Uuid,
    participantRef: Type.String({ minLength: 1, maxLength: 100, description: 'The reference the labour-market unit gave at referral (never a name or personal identity number)' }),
    startedOn: IsoDate,
    extentPercent: Type.Integer({ minimum: 1, maximum: 100 }),
    employmentForm: Type.String({ minLength: 1, maxLength: 50 }),
    ssykCode: Type.Optional(nullable(Type.String({ maxLength: 10 }))),
  },
  { additionalProperties: false },
);

export const ReportEnding = Type.Object(
  { placementId: Uuid, endedOn: IsoDate, endReason: enumOf(END_REASONS) },
  { additionalProperties: false },
);

/** The supplier's answer on one of its ended placements: still employed with it N months after the end, or not (decision 0806). */
export const ReportAfterEnd = Type.Object(
  {
    placementId: Uuid,
    monthsAfterEnd: Type.Integer({ minimum: 1, maximum: 60 }),
    status: enumOf(['employed_by_supplier', 'not_employed'] as const),
  },
  { additionalProperties: false },
);

export const SupplierReportSubmit = Type.Object(
  {
    noChange: Type.Boolean({ description: 'true: nothing has changed since the last report' }),
    hires: Type.Optional(Type.Array(ReportHire, { maxItems: 200 })),
    endings: Type.Optional(Type.Array(ReportEnding, { maxItems: 200 })),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    attestedBy: Type.String({ minLength: 1, maxLength: 200, description: 'The name of the person attesting that the report is correct' }),
    afterEnd: Type.Optional(
      Type.Array(ReportAfterEnd, {
        maxItems: 500,
        description: 'Optional: for the contract’s ended placements, whether the person is still employed with the supplier N months after the end (at least N months must have passed). An officer’s answer for the same placement and N is kept.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type SupplierReportSubmit = Static<typeof SupplierReportSubmit>;

export const Comment = Type.Object({ id: Uuid, side: enumOf(['buyer', 'supplier'] as const), authorName: Type.String(), body: Type.String(), createdAt: Type.String({ format: 'date-time' }) });
export const Evidence = Type.Object({ id: Uuid, fileName: Type.String(), contentType: Type.String(), sizeBytes: Type.Integer(), sha256: Type.String(), createdAt: Type.String({ format: 'date-time' }) });

export const SupplierReport = Type.Object({
  id: Uuid,
  contractId: Uuid,
  periodSequence: Type.Integer(),
  status: ReportStatus,
  noChange: Type.Boolean(),
  hires: Type.Array(Type.Object({ commitmentId: Uuid, participantRef: Type.String(), startedOn: IsoDate, extentPercent: Type.Integer(), employmentForm: Type.String(), ssykCode: nullable(Type.String()) })),
  endings: Type.Array(Type.Object({ placementId: Uuid, endedOn: IsoDate, endReason: Type.String() })),
  note: Type.String(),
  attestedBy: Type.String(),
  submittedAt: Type.String({ format: 'date-time' }),
  reviewedAt: nullable(Type.String({ format: 'date-time' })),
  version: Type.Integer(),
  comments: Type.Array(Comment),
  evidence: Type.Array(Evidence),
});

export const SupplierReportForm = Type.Object({
  contract: Type.Object({ id: Uuid, referenceNumber: Type.String(), title: Type.String(), buyer: Type.Object({ slug: Type.String(), name: Type.String() }) }),
  period: SupplierPeriod,
  commitments: Type.Array(Type.Object({ id: Uuid, title: Localized, takesPlacements: Type.Boolean() })),
  employmentForms: Type.Array(Type.String()),
  /** The placements known so far that were running at some time in the period or after it: the pre-filled report. */
  placements: Type.Array(SupplierPlacement),
  report: nullable(SupplierReport),
  /** The contract's placements that ended at least six months ago, with the question the report may answer (optional) and what is known so far. */
  afterEnd: Type.Array(
    Type.Object({
      placementId: Uuid,
      participantRef: Type.String(),
      endedOn: IsoDate,
      monthsAfterEnd: Type.Integer({ description: '12 when a year has passed since the end, else 6' }),
      answer: nullable(Type.Object({ status: enumOf(['employed_by_supplier', 'employed_elsewhere', 'not_employed', 'unknown'] as const), source: enumOf(['officer', 'supplier'] as const) })),
    }),
  ),
  attestedByDefault: Type.String({ description: 'The signed-in person’s name, for the attestation' }),
});

export const CommentBody = Type.Object({ body: Type.String({ minLength: 1, maxLength: 4000 }) }, { additionalProperties: false });
export const BuyerCommentBody = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: 4000 }), question: Type.Optional(Type.Boolean({ description: 'true: ask a question — the report waits for the supplier’s answer' })) },
  { additionalProperties: false },
);

export const ApproveBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    targetGroups: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 200, description: 'The verified target group of each reported hire, in the report’s order' }),
  },
  { additionalProperties: false },
);

export const BuyerSupplierReports = Type.Object({
  supplierOrganisation: nullable(Type.Object({ slug: Type.String(), name: Type.String() })),
  reports: Type.Array(SupplierReport),
});

export const SupplierContactInvite = Type.Object({ email: Type.String({ minLength: 3, maxLength: 320, format: 'email' }) }, { additionalProperties: false });
export const SupplierContactInvited = Type.Object({
  supplierOrganisation: Type.Object({ id: Uuid, slug: Type.String(), name: Type.String() }),
  invitation: Type.Object({ id: Uuid, email: Type.String(), role: Type.String(), expiresAt: Type.String({ format: 'date-time' }) }),
});

export const LetterQuery = Type.Object({ lang: Type.Optional(enumOf(['sv', 'en'] as const, { default: 'sv' })) });

export const ReportUploadQuery = Type.Object(
  { preview: Type.Boolean({ default: false, description: 'true: answer what the file would report and store nothing' }) },
  { additionalProperties: false },
);

/** What an uploaded report workbook would report, before it is sent. */
export const ReportUploadPreview = Type.Object({
  preview: Type.Literal(true),
  noChange: Type.Boolean({ description: 'The file lists no hire and no ending: "nothing has changed"' }),
  unchanged: Type.Integer({ description: 'Known hires listed without a change' }),
  hires: Type.Array(Type.Object({ row: Type.Integer(), commitmentId: Uuid, participantRef: Type.String(), startedOn: IsoDate, extentPercent: Type.Integer(), employmentForm: Type.String(), ssykCode: nullable(Type.String()) })),
  endings: Type.Array(Type.Object({ row: Type.Integer(), placementId: Uuid, participantRef: Type.String(), endedOn: IsoDate, endReason: Type.String() })),
  afterEnd: Type.Array(
    Type.Object({
      row: Type.Integer({ description: 'Row on the sheet Efter anställningen' }),
      placementId: Uuid,
      participantRef: Type.String(),
      monthsAfterEnd: Type.Integer(),
      status: ReportAfterEnd.properties.status,
      keptAnswerOfBuyer: Type.Boolean({ description: 'The buyer’s officer has answered for this placement and months; that answer is kept and this one is not stored' }),
    }),
    { description: 'The "still employed with us" answers of the sheet Efter anställningen (decision 0806); rows left empty are no answer' },
  ),
});

/** 422 `import_invalid`: every problem of the file, each at its row and column. */
export const ReportUploadProblem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  code: Type.String(),
  detail: Type.String(),
  instance: Type.Optional(Type.String()),
  errorCount: Type.Optional(Type.Integer()),
  errors: Type.Array(Type.Object({ sheet: Type.String({ description: 'The sheet the row is on (Rapport, Efter anställningen); empty for the whole file' }), row: Type.Integer({ description: 'Spreadsheet row; the header is row 1' }), column: Type.String({ description: 'The column header as written; empty for the whole file' }), code: Type.String(), message: Type.String() })),
});
