/**
 * The contracts API's types: aliases of the server's TypeBox schemas (decision 0501), so a
 * changed answer is a type error here. Only the web's own names live in this file.
 */
import type { Static } from '@sinclair/typebox';
import type {
  CommitmentView,
  ContractAmendment,
  ContractCreate,
  ContractSummary,
  ContractView,
  DeviationView,
  FulfilmentView,
  PeriodView,
  PlacementCreate,
  PlacementOutcomeBody,
  PlacementOutcomeList,
  PlacementPatch as PlacementPatchSchema,
  PlacementView,
  ReportCreate,
  SanctionStepCreate,
  SanctionStepView,
  SanctionsView,
  StatusSchema,
} from '../../../../../src/server/features/contracts/contract-schemas.js';
import type { DeviationKind } from '../../../../../src/domain/follow-up/deviations.js';
import type { EndReason } from '../../../../../src/domain/follow-up/evaluate-commitment.js';
import type { SanctionStepKind } from '../../../../../src/domain/follow-up/sanction-ladder.js';
import type { WageSubsidy } from '../../../../../src/domain/follow-up/validate-placement.js';

export type { DeviationKind, EndReason, SanctionStepKind, WageSubsidy };

export type Contract = ContractView;
export type ContractListItem = Static<typeof ContractSummary>;
export type Commitment = Static<typeof CommitmentView>;
export type Placement = Static<typeof PlacementView>;
export type PlacementOutcomeInput = PlacementOutcomeBody;
export type PlacementOutcomes = Static<typeof PlacementOutcomeList>;
export type AfterEndStatus = PlacementOutcomeBody['status'];
export type Fulfilment = FulfilmentView;
export type CommitmentFulfilment = FulfilmentView['commitments'][number];
export type CommitmentStatus = Static<typeof StatusSchema>;
export type Period = Static<typeof PeriodView>;
export type Deviation = Static<typeof DeviationView>;
export type SanctionStep = Static<typeof SanctionStepView>;
export type Sanctions = Static<typeof SanctionsView>;

export type ContractInput = ContractCreate;
export type PlacementInput = PlacementCreate;
export type PlacementPatch = PlacementPatchSchema;
export type AmendmentInput = ContractAmendment;
export type SanctionStepInput = SanctionStepCreate;
export type ReportInput = ReportCreate;
