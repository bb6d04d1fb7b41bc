import { Type, type Static } from '@sinclair/typebox';
import { enumOf, Paging, Uuid } from '../../schemas.js';

/*
 * HTTP schemas of participants and matching (docs/matching.md). The profile holds only facts
 * needed to match and follow up: a target group is a code and the basis of the judgment, never
 * a diagnosis (additionalProperties: false everywhere, so nothing else can be stored).
 */

const IsoDate = Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const ShortText = (maxLength: number) => Type.String({ minLength: 1, maxLength });

export const AGE_BANDS = ['16-24', '25-29', '30-49', '50-64', '65+'] as const;
export const DRIVING_LICENCES = ['AM', 'A1', 'A2', 'A', 'B', 'BE', 'C1', 'C1E', 'C', 'CE', 'D1', 'D1E', 'D', 'DE'] as const;
export const TARGET_GROUP_BASES = ['self_declared', 'employment_service_decision', 'income_support_decision', 'residence_permit', 'reduced_work_capacity_decision', 'officer_assessment'] as const;
export const PURPOSES = ['case_work', 'matching', 'access_request', 'follow_up'] as const;
export const CONSENT_SCOPES = ['share_profile', 'interview'] as const;
export const PROPOSAL_OUTCOMES = ['interview', 'offer', 'hired', 'not_hired', 'withdrawn'] as const;
export const NOT_HIRED_REASONS = ['supplier_chose_other', 'participant_declined', 'requirements_not_met', 'no_show', 'need_cancelled', 'other'] as const;

export const TargetGroupJudgment = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 60, description: 'A target-group code of the organisation; `disability` records only the fact, never a diagnosis' }),
    basis: enumOf(TARGET_GROUP_BASES, { description: 'What the judgment rests on' }),
    assessedOn: IsoDate,
  },
  { additionalProperties: false },
);

export const Occupation = Type.Object(
  {
    ssykCode: Type.Union([Type.String({ pattern: '^\\d{2,4}$' }), Type.Null()], { description: 'SSYK 2012 group (2–4 digits)' }),
    occupationNameId: Type.Union([Type.String({ pattern: '^[A-Za-z0-9_]{3,20}$' }), Type.Null()], { description: 'JobTech Taxonomy occupation-name concept id' }),
    experienced: Type.Boolean({ description: 'Has worked in it (else: wants to)' }),
  },
  { additionalProperties: false },
);

export const Profile = Type.Object(
  {
    targetGroups: Type.Array(TargetGroupJudgment, { maxItems: 10 }),
    unemployedSince: Type.Union([IsoDate, Type.Null()]),
    incomeSupport: Type.Boolean(),
    newlyArrived: Type.Boolean(),
    ageBand: enumOf(AGE_BANDS),
    municipalityCode: Type.Union([Type.String({ pattern: '^\\d{4}$' }), Type.Null()]),
    districtCode: Type.Union([Type.String({ pattern: '^[a-z0-9-]{2,40}$' }), Type.Null()]),
    occupations: Type.Array(Occupation, { maxItems: 20 }),
    skills: Type.Array(ShortText(60), { maxItems: 30 }),
    languages: Type.Array(Type.String({ pattern: '^[a-z]{2}$' }), { maxItems: 15, description: 'ISO 639-1' }),
    drivingLicences: Type.Array(enumOf(DRIVING_LICENCES), { maxItems: 14 }),
    availableFrom: Type.Union([IsoDate, Type.Null()], { description: 'First day the person can start; null: not available now' }),
    extentWantedPercent: Type.Integer({ minimum: 1, maximum: 100 }),
    training: Type.Array(Type.Object({ title: ShortText(120), completedOn: Type.Union([IsoDate, Type.Null()]) }, { additionalProperties: false }), { maxItems: 20 }),
  },
  { additionalProperties: false, $id: 'ParticipantProfile' },
);
export type Profile = Static<typeof Profile>;

export const IdentityInput = Type.Object(
  {
    givenName: ShortText(100),
    familyName: ShortText(100),
    personalIdentityNumber: Type.String({ minLength: 10, maxLength: 13, description: 'Personal identity or coordination number, 10 or 12 digits, with or without separator' }),
    email: Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()]),
    phone: Type.Union([Type.String({ pattern: '^[0-9 +()-]{5,20}$' }), Type.Null()]),
    address: Type.Union([ShortText(200), Type.Null()]),
  },
  { additionalProperties: false },
);
export type IdentityInput = Static<typeof IdentityInput>;

export const ParticipantCreate = Type.Object({ identity: IdentityInput, profile: Profile }, { additionalProperties: false });
export type ParticipantCreate = Static<typeof ParticipantCreate>;
export const ParticipantPatch = Type.Object({ identity: Type.Optional(IdentityInput), profile: Type.Optional(Profile) }, { additionalProperties: false });
export type ParticipantPatch = Static<typeof ParticipantPatch>;

export const PurposeQuery = Type.Object({ purpose: enumOf(PURPOSES, { default: 'case_work', description: 'Why identifiable data is read (logged)' }) }, { additionalProperties: false });
export const ParticipantListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Name, reference or identity number' })),
    purpose: enumOf(PURPOSES, { default: 'case_work' }),
    ...Paging,
  },
  { additionalProperties: false },
);
export type ParticipantListQuery = Static<typeof ParticipantListQuery>;

export const ConsentView = Type.Object({
  id: Uuid,
  scope: enumOf(CONSENT_SCOPES),
  supplierId: Type.Union([Uuid, Type.Null()]),
  supplierName: Type.Union([Type.String(), Type.Null()]),
  givenOn: IsoDate,
  revokedOn: Type.Union([IsoDate, Type.Null()]),
});
export const ConsentCreate = Type.Object(
  { scope: enumOf(CONSENT_SCOPES), supplierId: Type.Union([Uuid, Type.Null()], { description: 'null: any supplier the unit proposes the person to' }), givenOn: IsoDate },
  { additionalProperties: false },
);
export type ConsentCreate = Static<typeof ConsentCreate>;
export const ConsentRevoke = Type.Object({ revokedOn: IsoDate }, { additionalProperties: false });

export const ParticipantSummary = Type.Object({
  id: Uuid,
  reference: Type.String(),
  givenName: Type.Union([Type.String(), Type.Null()]),
  familyName: Type.Union([Type.String(), Type.Null()]),
  personalIdentityNumber: Type.Union([Type.String(), Type.Null()]),
  districtCode: Type.Union([Type.String(), Type.Null()]),
  unemployedSince: Type.Union([IsoDate, Type.Null()]),
  targetGroups: Type.Array(Type.String()),
  sharesProfile: Type.Boolean(),
  erased: Type.Boolean(),
});

export const ParticipantView = Type.Object(
  {
    id: Uuid,
    reference: Type.String({ description: 'Stable random pseudonym; placements use it' }),
    givenName: Type.Union([Type.String(), Type.Null()]),
    familyName: Type.Union([Type.String(), Type.Null()]),
    personalIdentityNumber: Type.Union([Type.String(), Type.Null()], { description: 'YYYYMMDD-NNNC; null after erasure' }),
    identityNumberKind: Type.Union([enumOf(['personal_identity_number', 'coordination_number']), Type.Null()]),
    email: Type.Union([Type.String(), Type.Null()]),
    phone: Type.Union([Type.String(), Type.Null()]),
    address: Type.Union([Type.String(), Type.Null()]),
    profile: Type.Union([Type.Ref(Profile), Type.Null()]),
    consents: Type.Array(ConsentView),
    lastPlacementEndedOn: Type.Union([IsoDate, Type.Null()], { description: "Last day of the latest ended placement; retention counts from it" }),
    erasedAt: Type.Union([Type.String(), Type.Null()]),
    erasureReason: Type.Union([enumOf(['request', 'retention']), Type.Null()]),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  },
  { $id: 'ParticipantView' },
);
export type ParticipantView = Static<typeof ParticipantView>;

export const NeedCreate = Type.Object(
  {
    contractId: Uuid,
    commitmentId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    title: ShortText(200),
    ssykCode: Type.Optional(Type.Union([Type.String({ pattern: '^\\d{4}$' }), Type.Null()])),
    occupationNameId: Type.Optional(Type.Union([Type.String({ pattern: '^[A-Za-z0-9_]{3,20}$' }), Type.Null()])),
    positions: Type.Integer({ minimum: 1, maximum: 1000 }),
    extentPercent: Type.Integer({ minimum: 1, maximum: 100 }),
    startsOn: IsoDate,
    municipalityCode: Type.Optional(Type.Union([Type.String({ pattern: '^\\d{4}$' }), Type.Null()])),
    districtCode: Type.Optional(Type.Union([Type.String({ pattern: '^[a-z0-9-]{2,40}$' }), Type.Null()])),
    skills: Type.Optional(Type.Array(ShortText(60), { maxItems: 30 })),
    requiredLanguages: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z]{2}$' }), { maxItems: 10 })),
    requiredDrivingLicences: Type.Optional(Type.Array(enumOf(DRIVING_LICENCES), { maxItems: 14 })),
  },
  { additionalProperties: false },
);
export type NeedCreate = Static<typeof NeedCreate>;

export const NeedView = Type.Object({
  id: Uuid,
  contractId: Uuid,
  contractReference: Type.String(),
  commitmentId: Type.Union([Uuid, Type.Null()]),
  supplierId: Uuid,
  supplierName: Type.String(),
  title: Type.String(),
  ssykCode: Type.Union([Type.String(), Type.Null()]),
  occupationNameId: Type.Union([Type.String(), Type.Null()]),
  occupationLabel: Type.Union([Type.String(), Type.Null()]),
  positions: Type.Integer(),
  extentPercent: Type.Integer(),
  startsOn: IsoDate,
  municipalityCode: Type.Union([Type.String(), Type.Null()]),
  districtCode: Type.Union([Type.String(), Type.Null()]),
  skills: Type.Array(Type.String()),
  requiredLanguages: Type.Array(Type.String()),
  requiredDrivingLicences: Type.Array(Type.String()),
  targetGroups: Type.Array(Type.String()),
  status: enumOf(['open', 'filled', 'cancelled']),
  openedOn: IsoDate,
  closedOn: Type.Union([IsoDate, Type.Null()]),
  proposals: Type.Integer(),
  hired: Type.Integer(),
});
export type NeedView = Static<typeof NeedView>;
export const NeedListQuery = Type.Object({ status: Type.Optional(enumOf(['open', 'filled', 'cancelled'])), ...Paging }, { additionalProperties: false });

const Reason = Type.Object({ code: Type.String(), points: Type.Optional(Type.Integer()) }, { additionalProperties: true });
export const CandidateView = Type.Object({ participantId: Uuid, reference: Type.String(), score: Type.Integer(), reasons: Type.Array(Reason), proposed: Type.Boolean() });
export const CandidatesView = Type.Object({
  needId: Uuid,
  asOf: IsoDate,
  scored: Type.Integer({ description: 'Participants considered' }),
  excludedByFilter: Type.Object({ no_consent: Type.Integer(), missing_driving_licence: Type.Integer(), missing_language: Type.Integer(), not_available: Type.Integer() }),
  candidates: Type.Array(CandidateView),
});
export const CandidatesQuery = Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 20 }) }, { additionalProperties: false });

export const ProposalCreate = Type.Object({ participantId: Uuid }, { additionalProperties: false });
export const ProposalOutcome = Type.Object(
  {
    outcome: enumOf(PROPOSAL_OUTCOMES),
    on: IsoDate,
    notHiredReason: Type.Optional(enumOf(NOT_HIRED_REASONS)),
    /** For `hired`: the placement the contracts feature records. */
    placement: Type.Optional(
      Type.Object(
        {
          commitmentId: Uuid,
          targetGroup: Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 60 }),
          startedOn: IsoDate,
          employmentForm: Type.String({ minLength: 1, maxLength: 40 }),
          extentPercent: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
          plannedEndOn: Type.Optional(IsoDate),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type ProposalOutcome = Static<typeof ProposalOutcome>;

/** What a supplier may see of a proposed participant: pseudonymous until an interview consent. */
/** Name and contact of a proposed participant, shown to the supplier only under an interview consent. */
export const SupplierContact = Type.Object({ givenName: Type.String(), familyName: Type.String(), email: Type.Union([Type.String(), Type.Null()]), phone: Type.Union([Type.String(), Type.Null()]) });
export type SupplierContact = Static<typeof SupplierContact>;

export const SupplierProfileView = Type.Object({
  reference: Type.String(),
  occupations: Type.Array(Occupation),
  skills: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  drivingLicences: Type.Array(Type.String()),
  availableFrom: Type.Union([IsoDate, Type.Null()]),
  extentWantedPercent: Type.Integer(),
  contact: Type.Union([SupplierContact, Type.Null()]),
});

export const ProposalView = Type.Object({
  id: Uuid,
  needId: Uuid,
  participantId: Uuid,
  reference: Type.String(),
  score: Type.Integer(),
  reasons: Type.Array(Reason),
  status: enumOf(['proposed', 'interview', 'offer', 'hired', 'not_hired', 'withdrawn']),
  notHiredReason: Type.Union([Type.String(), Type.Null()]),
  history: Type.Array(Type.Object({ status: Type.String(), on: IsoDate, by: Type.String() })),
  placementId: Type.Union([Uuid, Type.Null()]),
  proposedOn: IsoDate,
  decidedOn: Type.Union([IsoDate, Type.Null()]),
});
export type ProposalView = Static<typeof ProposalView>;
export const ProposalParams = Type.Object({ id: Uuid, proposalId: Uuid });

export const BottleneckView = Type.Object({
  asOf: IsoDate,
  openNeeds: Type.Integer(),
  waitingDays: Type.Object({ median: Type.Union([Type.Number(), Type.Null()]), max: Type.Union([Type.Integer(), Type.Null()]) }),
  needsWaitingLongest: Type.Array(Type.Object({ needId: Uuid, title: Type.String(), supplierName: Type.String(), daysWaiting: Type.Integer(), positions: Type.Integer(), proposals: Type.Integer() })),
  hitRates: Type.Array(Type.Object({ ssykCode: Type.String(), label: Type.Union([Type.String(), Type.Null()]), proposals: Type.Integer(), hired: Type.Integer(), hitRatePercent: Type.Union([Type.Number(), Type.Null()]) })),
  occupationsWithoutCandidates: Type.Array(Type.Object({ ssykCode: Type.String(), label: Type.Union([Type.String(), Type.Null()]), openNeeds: Type.Integer(), positions: Type.Integer() })),
  candidatesWaitingLongest: Type.Array(Type.Object({ reference: Type.String(), monthsWaiting: Type.Integer(), districtCode: Type.Union([Type.String(), Type.Null()]), proposals: Type.Integer() })),
});
export type BottleneckView = Static<typeof BottleneckView>;

export type ParticipantSummary = Static<typeof ParticipantSummary>;
export type CandidatesView = Static<typeof CandidatesView>;

/* ---------------- the supplier portal's side (docs/supplier-portal.md) ---------------- */

/** A need the supplier posts under its own contract (the contract is the path's). */
export const SupplierNeedCreate = Type.Omit(NeedCreate, ['contractId'], { additionalProperties: false });
export type SupplierNeedCreate = Static<typeof SupplierNeedCreate>;

export const SupplierProposalAnswer = Type.Object(
  {
    outcome: enumOf(['interview', 'offer', 'hired', 'not_hired'] as const, {
      description: '`hired` records the placement (give `placement`; its target group comes from the participant’s verified judgment, never from the supplier — decision 0604); `not_hired`: not suitable, with a reason.',
    }),
    on: IsoDate,
    notHiredReason: Type.Optional(enumOf(NOT_HIRED_REASONS)),
    /** For `hired`: the employment. */
    placement: Type.Optional(
      Type.Object(
        {
          startedOn: IsoDate,
          employmentForm: Type.String({ minLength: 1, maxLength: 40 }),
          extentPercent: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'Default: the need’s extent' })),
          plannedEndOn: Type.Optional(IsoDate),
          commitmentId: Type.Optional(Type.String({ format: 'uuid', description: 'Only when the need names no commitment and the contract has several that take placements' })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type SupplierProposalAnswer = Static<typeof SupplierProposalAnswer>;

/** A proposal as the supplier sees it: the reference the unit gave and the profile facts, never identity or target groups. */
export const SupplierProposal = Type.Object({
  id: Uuid,
  reference: Type.String(),
  status: enumOf(['proposed', 'interview', 'offer', 'hired', 'not_hired', 'withdrawn']),
  notHiredReason: Type.Union([Type.String(), Type.Null()]),
  proposedOn: IsoDate,
  decidedOn: Type.Union([IsoDate, Type.Null()]),
  occupations: Type.Array(Occupation),
  skills: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  drivingLicences: Type.Array(Type.String()),
  availableFrom: Type.Union([IsoDate, Type.Null()]),
  extentWantedPercent: Type.Union([Type.Integer(), Type.Null()]),
  contact: Type.Union([SupplierContact, Type.Null()], { description: 'Name, e-mail and phone once the participant has consented to an interview with this supplier; null until then' }),
});

export const SupplierNeedView = Type.Object({
  id: Uuid,
  contractId: Uuid,
  contractReference: Type.String(),
  commitmentId: Type.Union([Uuid, Type.Null()]),
  title: Type.String(),
  ssykCode: Type.Union([Type.String(), Type.Null()]),
  occupationNameId: Type.Union([Type.String(), Type.Null()]),
  occupationLabel: Type.Union([Type.String(), Type.Null()]),
  positions: Type.Integer(),
  extentPercent: Type.Integer(),
  startsOn: IsoDate,
  municipalityCode: Type.Union([Type.String(), Type.Null()]),
  districtCode: Type.Union([Type.String(), Type.Null()]),
  skills: Type.Array(Type.String()),
  requiredLanguages: Type.Array(Type.String()),
  requiredDrivingLicences: Type.Array(Type.String()),
  status: enumOf(['open', 'filled', 'cancelled']),
  openedOn: IsoDate,
  closedOn: Type.Union([IsoDate, Type.Null()]),
  proposals: Type.Array(SupplierProposal),
});
export type SupplierNeedView = Static<typeof SupplierNeedView>;
