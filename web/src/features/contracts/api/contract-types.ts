/**
 * PROVISIONAL: the contracts API's shapes as the server's contract schemas (branch `contracts`,
 * not yet committed) define them. When they land, every type here becomes an alias of
 * `import type … from src/server/features/contracts/contract-schemas.js` (decision 0501).
 */
import type { LocalizedText } from '../../../../../src/domain/shared/localized-text.js';
import type { DeviationKind } from '../../../../../src/domain/follow-up/deviations.js';
import type { EndReason } from '../../../../../src/domain/follow-up/evaluate-commitment.js';
import type { SanctionStepKind } from '../../../../../src/domain/follow-up/sanction-ladder.js';
import type { WageSubsidy } from '../../../../../src/domain/follow-up/validate-placement.js';

export type { DeviationKind, EndReason, SanctionStepKind, WageSubsidy };
export type CommitmentStatus = 'not_started' | 'on_track' | 'at_risk' | 'fulfilled' | 'shortfall';
type Measure = 'per_position' | 'summed_months';

export interface Commitment {
  id: string;
  kind: string;
  templateKey: string;
  title: LocalizedText;
  text: LocalizedText;
  measure: Measure;
  parameters: Record<string, unknown>;
  version: number;
  takesPlacements: boolean;
}

export interface Placement {
  id: string;
  commitmentId: string;
  participantRef: string;
  targetGroup: string;
  offeredOn: string | null;
  startedOn: string;
  plannedEndOn: string | null;
  endedOn: string | null;
  endReason: EndReason | null;
  extentPercent: number;
  employmentForm: string;
  ssykCode: string | null;
  wageSubsidy: WageSubsidy;
  version: number;
}

interface Supplier {
  id: string;
  country: string;
  nationalId: string;
  organisationNumber: string | null;
  name: string;
}

export interface ContractListItem {
  id: string;
  referenceNumber: string;
  procurement: { id: string; referenceNumber: string; title: string };
  unit: { id: string; name: string };
  supplier: Supplier;
  lotNumbers: number[] | null;
  signedOn: string;
  startsOn: string;
  endsOn: string;
  valueOre: number | null;
  version: number;
  commitmentCount: number;
  placementCount: number;
  openDeviations: number;
}

export interface Contract extends ContractListItem {
  extensionOptions: Array<{ months: number; exercisedOn?: string | null }>;
  calledOffValueOre: number | null;
  commitments: Commitment[];
  placements: Placement[];
  mayReadPlacements: boolean;
  amendments: Array<{ version: number; reason: string; signedOn: string; createdAt: string; before: unknown; after: unknown }>;
  createdAt: string;
  updatedAt: string;
}

export interface CommitmentFulfilment {
  commitmentId: string;
  kind: string;
  measure: string;
  status: CommitmentStatus;
  reasons: string[];
  positionsRequired: number;
  positionsFulfilled: number;
  openPositions: number;
  monthsPerPosition: number;
  fullTimeMonthsServed: number;
  fullTimeMonthsRequired: number;
  monthsLeft: number;
  firstHireDeadline: string | null;
  firstHireMet: boolean | null;
  penaltyDueOre: number;
  bonusEarnedOre: number;
  placements: Array<{ placementId: string; fullTimeMonths: number; countsAsFulfilled: boolean; state: string; targetGroup: string; employmentForm: string }>;
}

export interface Fulfilment {
  contractId: string;
  asOf: string;
  commitments: CommitmentFulfilment[];
}

export interface Period {
  sequence: number;
  startsOn: string;
  endsOn: string;
  dueOn: string;
  status: 'upcoming' | 'open' | 'due' | 'overdue' | 'reported';
  report: { id: string; reportedOn: string; meetingsHeldOn: string[]; sharePercent: number | null; note: string; summary: unknown; createdAt: string } | null;
}

export interface Deviation {
  id: string;
  contractId: string;
  commitmentId: string | null;
  kind: DeviationKind;
  periodSequence: number | null;
  detectedOn: string;
  details: Record<string, unknown>;
  status: 'open' | 'resolved';
  resolvedOn: string | null;
  resolution: string | null;
}

export interface SanctionStep {
  id: string;
  commitmentId: string;
  deviationId: string | null;
  kind: SanctionStepKind;
  takenOn: string;
  deadline: string | null;
  correctedOn: string | null;
  amountOre: number | null;
  reason: string;
  evidence: string;
  takenBy: string | null;
  approvedBy: string | null;
  createdAt: string;
}

export interface Sanctions {
  steps: SanctionStep[];
  next: Array<{ commitmentId: string; kinds: SanctionStepKind[] }>;
}

export interface ContractInput {
  procurementId: string;
  lotNumbers: number[] | null;
  supplier: { organisationNumber?: string; country?: string; nationalId?: string; name: string };
  referenceNumber: string;
  signedOn: string;
  startsOn: string;
  endsOn: string;
  valueOre?: number | null;
}

export interface PlacementInput {
  commitmentId: string;
  participantRef: string;
  targetGroup: string;
  offeredOn?: string | null;
  startedOn: string;
  plannedEndOn?: string | null;
  endedOn?: string | null;
  endReason?: EndReason | null;
  extentPercent: number;
  employmentForm: string;
  ssykCode?: string | null;
  wageSubsidy?: WageSubsidy;
}

export type PlacementPatch = Partial<Omit<PlacementInput, 'commitmentId'>> & { version?: number };

export interface AmendmentInput {
  version: number;
  reason: string;
  signedOn: string;
  endsOn?: string;
}

export interface SanctionStepInput {
  commitmentId: string;
  deviationId?: string | null;
  kind: SanctionStepKind;
  takenOn: string;
  reason: string;
  evidence?: string;
}

export interface ReportInput {
  reportedOn: string;
  note?: string;
}
