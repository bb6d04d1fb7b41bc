/**
 * PROVISIONAL: the shapes of the contracts API as issue 12 names them, until the server's
 * contract schemas land (branch `contracts`). Then this file becomes `import type` from them.
 */

export type CommitmentKind = string;
export type CommitmentStatus = 'not_started' | 'on_track' | 'at_risk' | 'fulfilled' | 'shortfall';
export type EndReason = 'completed' | 'resigned' | 'dismissed_with_cause' | 'ended_by_supplier' | 'other';
export type EmploymentForm = 'las_employment' | 'apprenticeship' | 'traineeship';

export interface Commitment {
  id: string;
  kind: CommitmentKind;
  parameters: Record<string, unknown>;
}

export interface Placement {
  id: string;
  commitmentId: string;
  participantRef?: string | null;
  targetGroup: string;
  offeredOn: string | null;
  startedOn: string;
  plannedEndOn: string | null;
  endedOn: string | null;
  endReason: EndReason | null;
  extentPercent: number;
  employmentForm: EmploymentForm;
  ssykCode: string | null;
}

export interface Contract {
  id: string;
  procurement: { id: string; referenceNumber: string; title: string };
  lotNumbers: number[] | null;
  supplier: { id?: string; organisationNumber: string; name: string };
  referenceNumber: string;
  signedOn: string;
  startsOn: string;
  endsOn: string;
  commitments: Commitment[];
  placements?: Placement[];
}

export interface ContractListItem {
  id: string;
  procurement: { id: string; referenceNumber: string; title: string };
  supplier: { organisationNumber: string; name: string };
  referenceNumber: string;
  startsOn: string;
  endsOn: string;
  status?: string;
}

export interface FulfilmentPlacement {
  placementId: string;
  fullTimeMonths: number;
  countsAsFulfilled: boolean;
}

export interface CommitmentFulfilment {
  commitmentId: string;
  status: CommitmentStatus;
  positionsRequired: number;
  positionsFulfilled: number;
  firstHireDeadline: string | null;
  firstHireMet: boolean;
  penaltyDueOre: number;
  placements: FulfilmentPlacement[];
}

export interface Fulfilment {
  asOf: string;
  commitments: CommitmentFulfilment[];
}

export interface ContractInput {
  procurementId: string;
  lotNumbers: number[] | null;
  supplier: { organisationNumber: string; name: string };
  referenceNumber: string;
  signedOn: string;
  startsOn: string;
  endsOn: string;
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
  employmentForm: EmploymentForm;
  ssykCode?: string | null;
}
