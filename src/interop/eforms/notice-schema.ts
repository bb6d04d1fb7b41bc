import { Type, type Static } from '@sinclair/typebox';
import { MoneySchema, type Money } from '../../domain/shared/money.js';

/**
 * The parsed eForms notice: the edge schema between TED XML and Hänsyn.
 * Field comments name the eForms business term (BT) or technical field (OPT/OPP) that fills them.
 * Absent values are `null` or `[]`; the parser never guesses.
 */

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

const NonEmptyString = Type.String({ minLength: 1 });

// An amount as written in the notice (major units, decimal) with its ISO 4217 currency
// (`@currencyID`): the domain's one `Money`.
export type { Money };

/** BT-36 Duration Period with its `@unitCode` (DAY, MONTH, YEAR …). */
export const DurationSchema = Type.Object(
  {
    value: Type.Number(),
    unit: NonEmptyString,
  },
  { additionalProperties: false },
);
export type Duration = Static<typeof DurationSchema>;

/** An organisation referenced from the notice (buyer or winner), resolved through `efac:Organizations`. */
export const OrganisationSchema = Type.Object(
  {
    /** OPT-200 technical identifier, e.g. `ORG-0001`. */
    organisationId: NonEmptyString,
    /** BT-500 Organisation Name (first language variant). */
    name: Nullable(Type.String()),
    /** BT-501 Organisation Identifier, as written (Swedish org numbers appear as `556xxx-xxxx` or without dash). */
    companyId: Nullable(Type.String()),
    /** BT-501 with every non-alphanumeric character removed, for matching. */
    companyIdNormalised: Nullable(Type.String()),
    /** BT-514 Organisation Country Code (ISO 3166-1 alpha-3). */
    country: Nullable(Type.String()),
  },
  { additionalProperties: false },
);
export type Organisation = Static<typeof OrganisationSchema>;

export const WinnerSchema = Type.Composite(
  [
    OrganisationSchema,
    Type.Object({
      /** Lots (BT-13713 via OPT-320, BT-13714; may name a lot group) in which this organisation is a winning tenderer. */
      lotIds: Type.Array(Type.String()),
    }),
  ],
  { additionalProperties: false },
);
export type Winner = Static<typeof WinnerSchema>;

export const LotSchema = Type.Object(
  {
    /** Lots carry `schemeName="Lot"`; PIN-only notices describe `Part`s instead. */
    kind: Type.Union([Type.Literal('lot'), Type.Literal('part')]),
    /** BT-137 Purpose Lot Identifier. */
    lotId: Type.String(),
    /** BT-21 Title. */
    title: Nullable(Type.String()),
    /** BT-24 Description. */
    description: Nullable(Type.String()),
    /** BT-262 Main Classification Code (CPV). */
    mainCpv: Nullable(Type.String()),
    /** BT-263 Additional Classification Code (CPV). */
    additionalCpv: Type.Array(Type.String()),
    /** BT-23 Main Nature (works, supplies, services). */
    mainNature: Nullable(Type.String()),
    /** BT-27 Estimated Value. */
    estimatedValue: Nullable(MoneySchema),
    /** BT-36 Duration Period. */
    duration: Nullable(DurationSchema),
    /** BT-06 Strategic Procurement codes (env-imp, soc-obj, inn-pur, none). */
    strategicProcurement: Type.Array(Type.String()),
    /** BT-777 Strategic Procurement Description. */
    strategicProcurementDescription: Nullable(Type.String()),
    /** BT-775 Social Procurement codes (social-objective list). */
    socialObjectives: Type.Array(Type.String()),
    /** BT-774 Green Procurement codes (environmental-impact list). */
    greenProcurement: Type.Array(Type.String()),
    /** BT-805 Green Procurement Criteria codes. */
    gppCriteria: Type.Array(Type.String()),
    /** BT-71 Reserved Participation codes (none, res-ws, res-pub-ser). */
    reservedParticipation: Type.Array(Type.String()),
    /** BT-736 Reserved Execution code (yes, no, not-known). */
    reservedExecution: Nullable(Type.String()),
    /** BT-70 Terms Performance (conditions for performance of the contract). */
    performanceTerms: Nullable(Type.String()),
  },
  { additionalProperties: false },
);
export type Lot = Static<typeof LotSchema>;

export const TenderSchema = Type.Object(
  {
    /** OPT-321 Tender Technical Identifier. */
    tenderId: Type.String(),
    /** BT-13714 Tender Lot Identifier (may be a lot group). */
    lotId: Nullable(Type.String()),
    /** BT-720 Tender Value. */
    value: Nullable(MoneySchema),
    /** OPT-310 Tendering Party ID Reference. */
    tenderingPartyId: Nullable(Type.String()),
  },
  { additionalProperties: false },
);
export type Tender = Static<typeof TenderSchema>;

export const ContractSchema = Type.Object(
  {
    /** OPT-316 Contract Technical Identifier. */
    contractId: Type.String(),
    /** BT-150 Contract Identifier(s). */
    contractIdentifiers: Type.Array(Type.String()),
    /** BT-3202 Contract Tender ID (Reference). */
    tenderIds: Type.Array(Type.String()),
    /** Lots reached through the tenders (BT-13714) and the lot results (BT-13713 via OPT-315). */
    lotIds: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);
export type Contract = Static<typeof ContractSchema>;

export const NoticeResultsSchema = Type.Object(
  {
    winners: Type.Array(WinnerSchema),
    tenders: Type.Array(TenderSchema),
    contracts: Type.Array(ContractSchema),
  },
  { additionalProperties: false },
);
export type NoticeResults = Static<typeof NoticeResultsSchema>;

export const NoticeRootSchema = Type.Union([
  Type.Literal('ContractNotice'),
  Type.Literal('ContractAwardNotice'),
  Type.Literal('PriorInformationNotice'),
]);
export type NoticeRoot = Static<typeof NoticeRootSchema>;

export const NoticeSchema = Type.Object(
  {
    /** The XML root element. */
    root: NoticeRootSchema,
    /** BT-701 Notice Identifier (UUID). */
    noticeId: NonEmptyString,
    /** BT-757 Notice Version. */
    noticeVersion: Nullable(Type.String()),
    /** OPP-010 Notice Publication Number (only in published notices), e.g. `00189213-2024`. */
    noticePublicationId: Nullable(Type.String()),
    /** BT-04 Procedure Identifier (absent from PIN-only and buyer-profile notices). */
    procedureId: Nullable(Type.String()),
    /** BT-02 Notice Type (cn-standard, can-social, pin-only …). */
    noticeType: NonEmptyString,
    /** BT-03 Form Type (planning, competition, result …). */
    formType: Nullable(Type.String()),
    /** OPP-070 Notice Subtype (1–40, E1–E6 …). */
    noticeSubtype: Nullable(Type.String()),
    /** `cbc:CustomizationID`, e.g. `eforms-sdk-1.9`. */
    sdkVersion: NonEmptyString,
    /** BT-702(a) Notice Official Language (ISO 639-2/B, upper case). */
    language: Nullable(Type.String()),
    /** BT-05(a) Notice Dispatch Date as an ISO calendar date (offset dropped). */
    issueDate: Nullable(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
    /** OPT-300 buyers resolved to their organisations. */
    buyers: Type.Array(OrganisationSchema),
    /** BT-21 Title of the procedure. */
    title: Nullable(Type.String()),
    /** BT-24 Description of the procedure. */
    description: Nullable(Type.String()),
    /** BT-262 Main Classification Code of the procedure. */
    mainCpv: Nullable(Type.String()),
    /** BT-263 Additional Classification Codes of the procedure. */
    additionalCpv: Type.Array(Type.String()),
    /** BT-23 Main Nature of the procedure. */
    mainNature: Nullable(Type.String()),
    /** BT-27 Estimated Value of the procedure. */
    estimatedValue: Nullable(MoneySchema),
    lots: Type.Array(LotSchema),
    /** Present when the notice has an `efac:NoticeResult` (result notices). */
    results: Nullable(NoticeResultsSchema),
  },
  { additionalProperties: false },
);
export type Notice = Static<typeof NoticeSchema>;

export const ParseErrorCodeSchema = Type.Union([
  Type.Literal('input-too-large'),
  Type.Literal('invalid-encoding'),
  Type.Literal('dtd-forbidden'),
  Type.Literal('too-deep'),
  Type.Literal('too-much-text'),
  Type.Literal('malformed-xml'),
  Type.Literal('unsupported-root'),
  Type.Literal('unsupported-sdk-version'),
  Type.Literal('missing-required-field'),
]);
export type ParseErrorCode = Static<typeof ParseErrorCodeSchema>;

export interface ParseError {
  code: ParseErrorCode;
  message: string;
}

export type ParseResult = { ok: true; notice: Notice } | { ok: false; error: ParseError };
