import { Type, type Static } from '@sinclair/typebox';
import { CONTRACT_NATURES } from '../../../domain/procurement/procurement.js';
import { NoticeSchema } from '../../../interop/eforms/notice-schema.js';
import { enumOf, Paging, Uuid } from '../../schemas.js';
import { GROUP_BY } from './market-repository.js';

const nullableString = Type.Union([Type.String(), Type.Null()]);

export const MarketFilters = {
  year: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100, description: 'Year of the notice dispatch date (BT-05)' })),
  country: Type.Optional(Type.String({ pattern: '^[A-Za-z]{3}$', description: 'Buyer country, ISO 3166-1 alpha-3 (BT-514), e.g. SWE' })),
  buyer: Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: 'Buyer: grouping key (SWE:2120000142), organisation number (BT-501) or part of a name (BT-500)' }),
  ),
  contractNature: Type.Optional(enumOf(CONTRACT_NATURES, { description: 'Main nature (BT-23)' })),
  cpvDivision: Type.Optional(Type.String({ pattern: '^[0-9]{2}$', description: 'First two digits of the main CPV (BT-262)' })),
};

/** Notices by their social considerations (drill-down list and OCDS package). */
export const SOCIAL_FILTERS = ['any', 'employment', 'none'] as const;
const SocialFilter = Type.Optional(enumOf(SOCIAL_FILTERS, { description: 'any = declares social considerations' }));

export const SocialConsiderationsQuery = Type.Object(
  {
    ...MarketFilters,
    groupBy: enumOf(GROUP_BY, { default: 'year', description: 'What each row is' }),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100, description: 'Most rows returned (buyers: the ones with most notices)' }),
  },
  { additionalProperties: false },
);
export type SocialConsiderationsQuery = Static<typeof SocialConsiderationsQuery>;

const CurrencyValue = Type.Object({
  currency: Type.String(),
  estimatedValue: Type.Number({ description: 'Sum of estimated values (BT-27), major units' }),
  valueWithSocial: Type.Number({ description: 'Part of it in lots that declare social considerations' }),
});

const Measures = {
  notices: Type.Integer(),
  noticesWithSocial: Type.Integer(),
  noticesWithEmployment: Type.Integer(),
  share: Type.Number({ description: 'noticesWithSocial / notices (socialCode rows: notices / totals.notices)' }),
  employmentShare: Type.Number({ description: 'noticesWithEmployment / notices (socialCode rows: over totals.notices)' }),
  noticesWithValue: Type.Integer({ description: 'Notices with an estimated value' }),
  valueByCurrency: Type.Array(CurrencyValue, { description: 'No exchange rates are applied; each currency is summed on its own' }),
};

export const MarketRow = Type.Object({ key: Type.String(), label: nullableString, ...Measures });
export type MarketRow = Static<typeof MarketRow>;

export const SocialConsiderationsAnswer = Type.Object(
  {
    groupBy: enumOf(GROUP_BY),
    rows: Type.Array(MarketRow),
    /** Number of groups before `limit`. */
    groups: Type.Integer(),
    totals: Type.Object(Measures),
  },
  { $id: 'MarketSocialConsiderations' },
);
export type SocialConsiderationsAnswer = Static<typeof SocialConsiderationsAnswer>;

export const MarketNoticesQuery = Type.Object(
  {
    ...Paging,
    ...MarketFilters,
    social: SocialFilter,
  },
  { additionalProperties: false },
);
export type MarketNoticesQuery = Static<typeof MarketNoticesQuery>;

/** Which notices go into the market's OCDS release package: the market view's filters. */
export const MarketReleasePackageQuery = Type.Object(
  {
    ...MarketFilters,
    social: SocialFilter,
  },
  { additionalProperties: false },
);
export type MarketReleasePackageQuery = Static<typeof MarketReleasePackageQuery>;

export const MarketNoticeItem = Type.Object(
  {
    noticeId: Type.String(),
    version: nullableString,
    publicationId: nullableString,
    procedureId: nullableString,
    noticeType: Type.String(),
    formType: nullableString,
    issueDate: nullableString,
    buyerName: nullableString,
    buyerKey: Type.String(),
    buyerCountry: nullableString,
    title: nullableString,
    mainCpv: nullableString,
    contractNature: nullableString,
    estimatedValue: Type.Union([Type.Object({ amount: Type.Number(), currency: Type.String() }), Type.Null()]),
    hasSocial: Type.Boolean(),
    hasEmployment: Type.Boolean(),
    socialCodes: Type.Array(Type.String()),
  },
  { $id: 'MarketNoticeItem' },
);

export const NoticeIdParams = Type.Object({ noticeId: Type.String({ minLength: 1, maxLength: 200, description: 'BT-701 Notice Identifier' }) });

const SocialSignal = Type.Object(
  {
    kind: enumOf(['structured', 'textual'] as const),
    field: Type.String(),
    code: Type.Optional(Type.String()),
    lotId: Type.Optional(nullableString),
    match: Type.Optional(Type.String()),
    language: Type.Optional(Type.String()),
    employment: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const SocialSummarySchema = Type.Object({
  declaresSocial: Type.Boolean(),
  concernsEmployment: Type.Boolean(),
  signals: Type.Array(SocialSignal),
});

export const MarketNoticeDetail = Type.Object(
  {
    noticeId: Type.String(),
    version: nullableString,
    importedAt: Type.String({ format: 'date-time' }),
    notice: NoticeSchema,
    social: SocialSummarySchema,
    linkedProcurement: Type.Union([Type.Object({ id: Uuid, referenceNumber: Type.String(), title: Type.String() }), Type.Null()], {
      description: 'Your own organisation’s procurement this notice was matched to; never another organisation’s',
    }),
  },
  { $id: 'MarketNoticeDetail' },
);

export const PeerComparisonQuery = Type.Object(
  {
    year: MarketFilters.year,
    country: Type.Optional(Type.String({ pattern: '^[A-Za-z]{3}$', default: 'SWE', description: 'Country of the comparable buyers' })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 20, description: 'Most peers listed (closest volume first)' }),
  },
  { additionalProperties: false },
);
export type PeerComparisonQuery = Static<typeof PeerComparisonQuery>;

const Share = {
  notices: Type.Integer(),
  noticesWithSocial: Type.Integer(),
  noticesWithEmployment: Type.Integer(),
  share: Type.Number(),
  employmentShare: Type.Number(),
};

export const PeerComparison = Type.Object(
  {
    country: Type.String(),
    year: Type.Union([Type.Integer(), Type.Null()]),
    own: Type.Object({
      source: Type.Literal('notices', { description: 'Counted from notices whose buyer (BT-501) is one of your organisation numbers' }),
      organisationNumbers: Type.Array(Type.String()),
      ...Share,
    }),
    register: Type.Object(
      {
        procurements: Type.Integer(),
        decided: Type.Integer({ description: 'Procurements with a recorded decision on social considerations' }),
        withSocialConsiderations: Type.Integer({ description: 'Decisions that apply requirements' }),
        share: Type.Number({ description: 'withSocialConsiderations / decided (all years)' }),
      },
      { description: 'Your own register, all years; shown beside, not compared (peers have only notices)' },
    ),
    comparable: Type.Object({ definition: Type.String(), minNotices: Type.Integer(), maxNotices: Type.Integer() }),
    peers: Type.Object({
      count: Type.Integer(),
      notices: Type.Integer(),
      pooledShare: Type.Number(),
      medianShare: Type.Number(),
      pooledEmploymentShare: Type.Number(),
      buyers: Type.Array(Type.Object({ key: Type.String(), name: nullableString, ...Share })),
    }),
  },
  { $id: 'MarketPeerComparison' },
);
export type PeerComparison = Static<typeof PeerComparison>;
