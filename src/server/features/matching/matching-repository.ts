import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { contracts, participants, proposals, recruitmentNeeds, suppliers } from '../../../db/schema/index.js';
import type { ScoreReason } from '../../../domain/matching/rank-candidates.js';

export interface NeedRecord {
  id: string;
  organisationId: string;
  contractId: string;
  contractReference: string;
  commitmentId: string | null;
  supplierId: string;
  supplierName: string;
  title: string;
  ssykCode: string | null;
  occupationNameId: string | null;
  positions: number;
  extentPercent: number;
  startsOn: string;
  municipalityCode: string | null;
  districtCode: string | null;
  skills: string[];
  requiredLanguages: string[];
  requiredDrivingLicences: string[];
  status: 'open' | 'filled' | 'cancelled';
  openedOn: string;
  closedOn: string | null;
  proposals: number;
  hired: number;
}

export type NeedWrite = Omit<NeedRecord, 'id' | 'contractReference' | 'supplierName' | 'status' | 'closedOn' | 'proposals' | 'hired'> & { createdBy: string | null };

export interface ProposalRecord {
  id: string;
  needId: string;
  participantId: string;
  reference: string;
  score: number;
  reasons: ScoreReason[];
  status: 'proposed' | 'interview' | 'offer' | 'hired' | 'not_hired' | 'withdrawn';
  notHiredReason: string | null;
  history: Array<{ status: string; on: string; by: string }>;
  placementId: string | null;
  proposedOn: string;
  decidedOn: string | null;
}

const needColumns = {
  id: recruitmentNeeds.id,
  organisationId: recruitmentNeeds.organisationId,
  contractId: recruitmentNeeds.contractId,
  contractReference: contracts.referenceNumber,
  commitmentId: recruitmentNeeds.commitmentId,
  supplierId: recruitmentNeeds.supplierId,
  supplierName: suppliers.name,
  title: recruitmentNeeds.title,
  ssykCode: recruitmentNeeds.ssykCode,
  occupationNameId: recruitmentNeeds.occupationNameId,
  positions: recruitmentNeeds.positions,
  extentPercent: recruitmentNeeds.extentPercent,
  startsOn: recruitmentNeeds.startsOn,
  municipalityCode: recruitmentNeeds.municipalityCode,
  districtCode: recruitmentNeeds.districtCode,
  skills: recruitmentNeeds.skills,
  requiredLanguages: recruitmentNeeds.requiredLanguages,
  requiredDrivingLicences: recruitmentNeeds.requiredDrivingLicences,
  status: recruitmentNeeds.status,
  openedOn: recruitmentNeeds.openedOn,
  closedOn: recruitmentNeeds.closedOn,
  proposals: sql<number>`(select count(*)::int from proposals pr where pr.need_id = ${recruitmentNeeds.id})`,
  hired: sql<number>`(select count(*)::int from proposals pr where pr.need_id = ${recruitmentNeeds.id} and pr.status = 'hired')`,
};

export async function insertNeed(db: Database, need: NeedWrite): Promise<string> {
  const [row] = await db.insert(recruitmentNeeds).values(need).returning({ id: recruitmentNeeds.id });
  return row!.id;
}

export async function listNeeds(db: Database, organisationId: string, filter: { status?: NeedRecord['status'] | undefined; id?: string } = {}): Promise<NeedRecord[]> {
  const conditions = [eq(recruitmentNeeds.organisationId, organisationId)];
  if (filter.status) conditions.push(eq(recruitmentNeeds.status, filter.status));
  if (filter.id) conditions.push(eq(recruitmentNeeds.id, filter.id));
  const rows = await db
    .select(needColumns)
    .from(recruitmentNeeds)
    .innerJoin(contracts, eq(contracts.id, recruitmentNeeds.contractId))
    .innerJoin(suppliers, eq(suppliers.id, recruitmentNeeds.supplierId))
    .where(and(...conditions))
    .orderBy(asc(recruitmentNeeds.openedOn), asc(recruitmentNeeds.title));
  return rows.map((r) => ({ ...r, proposals: Number(r.proposals), hired: Number(r.hired) })) as NeedRecord[];
}

export async function setNeedStatus(db: Database, organisationId: string, id: string, status: NeedRecord['status'], closedOn: string | null): Promise<void> {
  await db.update(recruitmentNeeds).set({ status, closedOn }).where(and(eq(recruitmentNeeds.organisationId, organisationId), eq(recruitmentNeeds.id, id)));
}

const proposalColumns = {
  id: proposals.id,
  needId: proposals.needId,
  participantId: proposals.participantId,
  reference: participants.reference,
  score: proposals.score,
  reasons: proposals.reasons,
  status: proposals.status,
  notHiredReason: proposals.notHiredReason,
  history: proposals.history,
  placementId: proposals.placementId,
  proposedOn: proposals.proposedOn,
  decidedOn: proposals.decidedOn,
};

export async function listProposals(db: Database, organisationId: string, filter: { needId?: string; id?: string }): Promise<ProposalRecord[]> {
  const conditions = [eq(proposals.organisationId, organisationId)];
  if (filter.needId) conditions.push(eq(proposals.needId, filter.needId));
  if (filter.id) conditions.push(eq(proposals.id, filter.id));
  return (await db
    .select(proposalColumns)
    .from(proposals)
    .innerJoin(participants, eq(participants.id, proposals.participantId))
    .where(and(...conditions))
    .orderBy(desc(proposals.score), asc(participants.reference))) as ProposalRecord[];
}

export async function insertProposal(db: Database, row: { organisationId: string; needId: string; participantId: string; score: number; reasons: ScoreReason[]; proposedOn: string; proposedBy: string | null; history: ProposalRecord['history'] }): Promise<string | null> {
  const rows = await db.insert(proposals).values(row).onConflictDoNothing().returning({ id: proposals.id });
  return rows[0]?.id ?? null;
}

export async function updateProposal(db: Database, organisationId: string, id: string, set: Partial<Pick<ProposalRecord, 'status' | 'notHiredReason' | 'history' | 'placementId' | 'decidedOn'>>): Promise<void> {
  await db.update(proposals).set(set).where(and(eq(proposals.organisationId, organisationId), eq(proposals.id, id)));
}

/** Moves a proposal on only while it still has the status `from`; false when another answer came first. */
export async function moveProposal(db: Database, organisationId: string, id: string, from: ProposalRecord['status'], set: Partial<Pick<ProposalRecord, 'status' | 'notHiredReason' | 'history' | 'placementId' | 'decidedOn'>>): Promise<boolean> {
  const rows = await db
    .update(proposals)
    .set(set)
    .where(and(eq(proposals.organisationId, organisationId), eq(proposals.id, id), eq(proposals.status, from)))
    .returning({ id: proposals.id });
  return rows.length === 1;
}

/** All proposals of the organisation, pseudonymous, for the bottleneck figures. */
export async function listProposalFacts(db: Database, organisationId: string) {
  return db
    .select({ needId: proposals.needId, participantId: proposals.participantId, status: proposals.status, ssykCode: recruitmentNeeds.ssykCode })
    .from(proposals)
    .innerJoin(recruitmentNeeds, eq(recruitmentNeeds.id, proposals.needId))
    .where(eq(proposals.organisationId, organisationId));
}
