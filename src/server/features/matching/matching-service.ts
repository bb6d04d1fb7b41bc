import { readTogether, type Database } from '../../../db/client.js';
import type { Actor } from '../../../domain/access/can.js';
import { districtByCode } from '../../../domain/matching/districts.js';
import { buildCandidatePool, rankPool } from '../../../domain/matching/candidate-pool.js';
import { rankCandidates, wholeMonthsBetween, type CandidateFacts, type NeedFacts } from '../../../domain/matching/rank-candidates.js';
import { assertCan, type Who } from '../../access.js';
import { AppError, notFound, validationFailed, type FieldError } from '../../errors.js';
import { recordAudit } from '../audit/audit-service.js';
import { addPlacement, addSupplierPlacement, getContract, swedishDate } from '../contracts/contract-service.js';
import { verifiedTargetGroup } from '../../../domain/matching/verified-target-group.js';
import type { BottleneckView, NeedCreate, NeedView, ProposalOutcome, ProposalView, SupplierContact, SupplierProposalAnswer } from './matching-schemas.js';
import { occupationCatalogue, occupationLabel } from '../../../interop/reference/occupation-catalogue.js';
import type { ParticipantKeyring } from './participant-crypto.js';
import { listActiveConsents, listIdentities, listParticipantRows, listRankableRows, listShareConsents, logAccess, type ParticipantRecord } from './participant-repository.js';
import { maskOf, type CandidatePoolCache, type LoadedPool, type PoolEntry } from './candidate-pool-cache.js';
import { decryptRecord, requireKeys } from './participant-service.js';
import { insertNeed, insertProposal, listNeeds, listProposalFacts, listProposals, moveProposal, setNeedStatus, updateProposal, type NeedRecord, type ProposalRecord } from './matching-repository.js';

/*
 * Recruitment needs, ranked candidates, proposals and their outcomes (docs/matching.md). Every
 * function takes the actor, so the supplier portal can call `createRecruitmentNeed`,
 * `listSupplierProposals` and `answerProposal` from its own routes once suppliers sign in.
 */

const ACTIVE = new Set(['proposed', 'interview', 'offer']);

function targetGroupsOf(contract: Awaited<ReturnType<typeof getContract>>, commitmentId: string | null): string[] {
  const relevant = contract.commitments.filter((c) => (commitmentId ? c.id === commitmentId : c.takesPlacements));
  const groups = new Set<string>();
  for (const c of relevant) {
    const value = (c.parameters as Record<string, unknown>).target_groups;
    if (Array.isArray(value)) for (const g of value) if (typeof g === 'string') groups.add(g);
  }
  return [...groups];
}

async function presentNeed(db: Database, actor: Actor, need: NeedRecord): Promise<NeedView> {
  const contract = await getContract(db, actor, need.contractId);
  return { ...need, occupationLabel: occupationLabel(need.ssykCode, need.occupationNameId), targetGroups: targetGroupsOf(contract, need.commitmentId) };
}

async function readableNeed(db: Database, actor: Actor, id: string): Promise<NeedRecord> {
  assertCan(actor, 'recruitment_need:read', { organisationId: actor.organisationId });
  const [need] = await listNeeds(db, actor.organisationId, { id });
  if (!need) throw notFound('The recruitment need');
  return need;
}

/**
 * Checks a need's occupation, commitment and district and stores it under the buyer's contract:
 * the one way a need is written, whether an officer records it or the supplier posts it.
 */
async function insertCheckedNeed(
  tx: Database,
  who: Who,
  target: { organisationId: string; contractId: string; supplierId: string; commitmentIds: readonly string[] },
  body: Omit<NeedCreate, 'contractId'>,
  now: Date,
): Promise<string> {
  const errors: FieldError[] = [];
  const catalogue = occupationCatalogue();
  let ssykCode = body.ssykCode ?? null;
  const occupationNameId = body.occupationNameId ?? null;
  if (ssykCode === null && occupationNameId === null) errors.push({ path: '/body/ssykCode', code: 'occupation_required', message: 'Give an SSYK 2012 unit group or a JobTech occupation name.' });
  if (ssykCode !== null && catalogue.ssyk.get(ssykCode)?.level !== 4) errors.push({ path: '/body/ssykCode', code: 'unknown_ssyk_code', message: 'Not an SSYK 2012 unit group.' });
  if (occupationNameId !== null) {
    const name = catalogue.names.get(occupationNameId);
    if (!name) errors.push({ path: '/body/occupationNameId', code: 'unknown_occupation_name', message: 'Not a JobTech occupation name.' });
    else ssykCode ??= name.ssykCode;
  }
  const commitmentId = body.commitmentId ?? null;
  if (commitmentId !== null && !target.commitmentIds.includes(commitmentId)) errors.push({ path: '/body/commitmentId', code: 'unknown_commitment', message: 'Not a commitment of this contract.' });
  if (body.districtCode && !districtByCode(body.districtCode)) errors.push({ path: '/body/districtCode', code: 'unknown_district', message: 'Unknown district.' });
  if (errors.length > 0) throw validationFailed(errors);
  return insertNeed(tx, {
    organisationId: target.organisationId,
    contractId: target.contractId,
    commitmentId,
    supplierId: target.supplierId,
    title: body.title.trim(),
    ssykCode,
    occupationNameId,
    positions: body.positions,
    extentPercent: body.extentPercent,
    startsOn: body.startsOn,
    municipalityCode: body.municipalityCode ?? (body.districtCode ? (districtByCode(body.districtCode)?.municipalityCode ?? null) : null),
    districtCode: body.districtCode ?? null,
    skills: body.skills ?? [],
    requiredLanguages: body.requiredLanguages ?? [],
    requiredDrivingLicences: body.requiredDrivingLicences ?? [],
    openedOn: swedishDate(now),
    createdBy: who.actor.userId,
  });
}

/**
 * Records a supplier's recruitment need under one of the organisation's contracts. Today a
 * coordinator or labour-market officer does it on the supplier's behalf; the supplier portal
 * will call this with the supplier's actor.
 */
export async function createRecruitmentNeed(db: Database, who: Who, body: NeedCreate, now: Date): Promise<NeedView> {
  assertCan(who.actor, 'recruitment_need:manage', { organisationId: who.actor.organisationId });
  return db.transaction(async (tx) => {
    const contract = await getContract(tx, who.actor, body.contractId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'not_found') throw validationFailed([{ path: '/body/contractId', code: 'unknown_contract', message: 'No such contract.' }]);
      throw error;
    });
    const id = await insertCheckedNeed(tx, who, { organisationId: who.actor.organisationId, contractId: contract.id, supplierId: contract.supplier.id, commitmentIds: contract.commitments.map((c) => c.id) }, body, now);
    await recordAudit(tx, who, { action: 'recruitment_need.created', entityType: 'contract', entityId: contract.id, after: { needId: id, title: body.title } });
    const [need] = await listNeeds(tx, who.actor.organisationId, { id });
    return presentNeed(tx, who.actor, need!);
  });
}

export async function listRecruitmentNeeds(db: Database, actor: Actor, query: { status?: NeedRecord['status'] | undefined; page: number; pageSize: number }) {
  assertCan(actor, 'recruitment_need:read', { organisationId: actor.organisationId });
  const all = await listNeeds(db, actor.organisationId, { status: query.status });
  const page = all.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
  return { total: all.length, items: await readTogether(db, page.map((n) => () => presentNeed(db, actor, n))) };
}

export async function getRecruitmentNeed(db: Database, actor: Actor, id: string): Promise<NeedView> {
  return presentNeed(db, actor, await readableNeed(db, actor, id));
}

/** The facts matching reads of every participant who is not erased (pseudonymous: no identity). */
export async function loadCandidateFacts(db: Database, organisationId: string, supplierId: string, asOf: string): Promise<CandidateFacts[]> {
  const [rows, consents] = await readTogether(db, [() => listParticipantRows(db, organisationId), () => listActiveConsents(db, organisationId, asOf)]);
  const sharing = new Set(consents.filter((c) => c.scope === 'share_profile' && (c.supplierId === null || c.supplierId === supplierId)).map((c) => c.participantId));
  return rows.filter((r): r is ParticipantRecord & { profile: NonNullable<ParticipantRecord['profile']> } => r.profile !== null).map((r) => toCandidate(r, sharing.has(r.id)));
}

export function toCandidate(r: { id: string; reference: string; profile: NonNullable<ParticipantRecord['profile']> }, consentsToShare: boolean): CandidateFacts {
  const p = r.profile;
  return {
    participantId: r.id,
    reference: r.reference,
    occupations: p.occupations,
    skills: p.skills.map((s) => s.toLocaleLowerCase('sv')),
    languages: p.languages,
    drivingLicences: p.drivingLicences,
    availableFrom: p.availableFrom,
    extentWantedPercent: p.extentWantedPercent,
    districtCode: p.districtCode,
    targetGroups: p.targetGroups.map((g) => g.code),
    unemployedSince: p.unemployedSince,
    consentsToShare,
  };
}

export function needFacts(need: NeedRecord | NeedView, targetGroups: readonly string[]): NeedFacts {
  return {
    ssykCode: need.ssykCode,
    occupationNameId: need.occupationNameId,
    skills: need.skills.map((s) => s.toLocaleLowerCase('sv')),
    requiredLanguages: need.requiredLanguages,
    requiredDrivingLicences: need.requiredDrivingLicences,
    startsOn: need.startsOn,
    extentPercent: need.extentPercent,
    districtCode: need.districtCode,
    targetGroups,
  };
}

/** Every rankable participant of the organisation in pool form, with the consents to share (docs/decisions/0703). */
export async function loadCandidatePool(db: Database, organisationId: string): Promise<LoadedPool> {
  const [rows, consents] = await readTogether(db, [() => listRankableRows(db, organisationId), () => listShareConsents(db, organisationId)]);
  const candidates = rows.map((r) => {
    const { consentsToShare: _c, ...pooled } = toCandidate(r, false);
    return pooled;
  });
  return { pool: buildCandidatePool(candidates), consents };
}

/**
 * Ranked candidates for a need, with the reasons of each and how many each filter excluded. With
 * a pool cache the organisation's candidates come from memory while its matching version is
 * current (docs/decisions/0703); the permission and need checks run on every request.
 */
export async function rankNeedCandidates(db: Database, actor: Actor, needId: string, limit: number, now: Date, pools: CandidatePoolCache | null = null) {
  assertCan(actor, 'participant:read', { organisationId: actor.organisationId });
  const need = await readableNeed(db, actor, needId);
  const asOf = swedishDate(now);
  const poolEntry = (): Promise<PoolEntry> =>
    pools ? pools.entry(actor.organisationId) : loadCandidatePool(db, actor.organisationId).then((loaded) => ({ ...loaded, version: 0, masks: new Map<string, Uint8Array>() }));
  const [view, entry, proposals] = await readTogether(db, [() => presentNeed(db, actor, need), poolEntry, () => listProposals(db, actor.organisationId, { needId })]);
  const ranking = rankPool(entry.pool, maskOf(entry, need.supplierId, asOf), needFacts(need, view.targetGroups), asOf, { limit });
  const proposed = new Set(proposals.map((p) => p.participantId));
  return {
    needId,
    asOf,
    scored: ranking.scored,
    excludedByFilter: ranking.excludedByFilter,
    candidates: ranking.ranked.map((c) => ({ ...c, proposed: proposed.has(c.participantId) })),
  };
}

function presentProposal(p: ProposalRecord): ProposalView {
  return { ...p };
}

export async function listNeedProposals(db: Database, actor: Actor, needId: string): Promise<ProposalView[]> {
  assertCan(actor, 'proposal:manage', { organisationId: actor.organisationId });
  await readableNeed(db, actor, needId);
  return (await listProposals(db, actor.organisationId, { needId })).map(presentProposal);
}

/** Proposes a participant for a need: they must pass every hard filter (consent among them) today. */
export async function proposeCandidate(db: Database, who: Who, needId: string, participantId: string, now: Date): Promise<ProposalView> {
  assertCan(who.actor, 'proposal:manage', { organisationId: who.actor.organisationId });
  return db.transaction(async (tx) => {
    const need = await readableNeed(tx, who.actor, needId);
    if (need.status !== 'open') throw new AppError('conflict', 'The need is no longer open.');
    const view = await presentNeed(tx, who.actor, need);
    const asOf = swedishDate(now);
    const [row] = await listParticipantRows(tx, who.actor.organisationId, { ids: [participantId] });
    if (!row?.profile) throw validationFailed([{ path: '/body/participantId', code: 'unknown_participant', message: 'No such participant (or erased).' }]);
    const consents = await listActiveConsents(tx, who.actor.organisationId, asOf);
    const shares = consents.some((c) => c.participantId === participantId && c.scope === 'share_profile' && (c.supplierId === null || c.supplierId === need.supplierId));
    const ranking = rankCandidates([toCandidate({ ...row, profile: row.profile }, shares)], needFacts(need, view.targetGroups), asOf);
    const excluded = ranking.excluded[0];
    if (excluded) {
      throw validationFailed(excluded.reasons.map((r) => ({ path: '/body/participantId', code: r.code, message: `The participant does not pass the ${r.code.replace(/_/g, ' ')} filter.` })));
    }
    const ranked = ranking.ranked[0]!;
    const id = await insertProposal(tx, { organisationId: who.actor.organisationId, needId, participantId, score: ranked.score, reasons: ranked.reasons, proposedOn: asOf, proposedBy: who.actor.userId, history: [{ status: 'proposed', on: asOf, by: who.label }] });
    if (id === null) throw new AppError('duplicate', 'The participant is already proposed for this need.');
    await recordAudit(tx, who, { action: 'proposal.created', entityType: 'recruitment_need', entityId: needId, after: { proposalId: id, reference: row.reference, score: ranked.score } });
    return presentProposal((await listProposals(tx, who.actor.organisationId, { id }))[0]!);
  });
}

const NEXT: Record<string, readonly string[]> = {
  proposed: ['interview', 'offer', 'hired', 'not_hired', 'withdrawn'],
  interview: ['offer', 'hired', 'not_hired', 'withdrawn'],
  offer: ['hired', 'not_hired', 'withdrawn'],
};

/**
 * Records what came of a proposal: interview, offer, hired (the placement is recorded through
 * the contracts feature, under the participant's reference) or not hired with a reason. When
 * the hires reach the need's positions, the need is filled.
 */
export async function answerProposal(db: Database, who: Who, needId: string, proposalId: string, body: ProposalOutcome, now: Date): Promise<ProposalView> {
  assertCan(who.actor, 'proposal:manage', { organisationId: who.actor.organisationId });
  return db.transaction(async (tx) => {
    const need = await readableNeed(tx, who.actor, needId);
    const [proposal] = await listProposals(tx, who.actor.organisationId, { id: proposalId, needId });
    if (!proposal) throw notFound('The proposal');
    if (!(NEXT[proposal.status] ?? []).includes(body.outcome)) throw new AppError('invalid_transition', `A proposal that is ${proposal.status} cannot become ${body.outcome}.`);
    if (body.on < proposal.proposedOn) throw validationFailed([{ path: '/body/on', code: 'before_proposal', message: 'An outcome comes after the proposal.' }]);
    if (body.outcome === 'not_hired' && !body.notHiredReason) throw validationFailed([{ path: '/body/notHiredReason', code: 'required', message: 'Say why the person was not hired.' }]);
    let placementId: string | null = null;
    if (body.outcome === 'hired') {
      if (!body.placement) throw validationFailed([{ path: '/body/placement', code: 'required', message: 'A hire records its placement.' }]);
      const created = await addPlacement(tx, who, need.contractId, {
        commitmentId: body.placement.commitmentId,
        participantRef: proposal.reference,
        targetGroup: body.placement.targetGroup,
        offeredOn: body.on,
        startedOn: body.placement.startedOn,
        ...(body.placement.plannedEndOn ? { plannedEndOn: body.placement.plannedEndOn } : {}),
        extentPercent: body.placement.extentPercent ?? need.extentPercent,
        employmentForm: body.placement.employmentForm,
        ...(need.ssykCode && need.ssykCode.length === 4 ? { ssykCode: need.ssykCode } : {}),
      }, now);
      placementId = created.id;
    }
    const decided = body.outcome === 'hired' || body.outcome === 'not_hired' || body.outcome === 'withdrawn';
    await updateProposal(tx, who.actor.organisationId, proposalId, {
      status: body.outcome,
      notHiredReason: body.outcome === 'not_hired' ? (body.notHiredReason ?? null) : null,
      history: [...proposal.history, { status: body.outcome, on: body.on, by: who.label }],
      placementId: placementId ?? proposal.placementId,
      decidedOn: decided ? body.on : null,
    });
    if (body.outcome === 'hired' && need.hired + 1 >= need.positions) await setNeedStatus(tx, who.actor.organisationId, needId, 'filled', body.on);
    await recordAudit(tx, who, { action: `proposal.${body.outcome}`, entityType: 'recruitment_need', entityId: needId, after: { proposalId, placementId, notHiredReason: body.notHiredReason ?? null } });
    return presentProposal((await listProposals(tx, who.actor.organisationId, { id: proposalId }))[0]!);
  });
}

/**
 * What the supplier sees of the proposals for its need: a pseudonymous profile (experience,
 * skills, languages, availability), and name and contact only once the participant has
 * consented to an interview with this supplier. Reading those is logged like any other read.
 */
export async function listSupplierProposals(db: Database, keyring: ParticipantKeyring | null, who: Who, needId: string, now: Date) {
  const keys = requireKeys(keyring);
  assertCan(who.actor, 'proposal:manage', { organisationId: who.actor.organisationId });
  return db.transaction(async (tx) => {
    const need = await readableNeed(tx, who.actor, needId);
    const asOf = swedishDate(now);
    const list = (await listProposals(tx, who.actor.organisationId, { needId })).filter((p) => p.status !== 'withdrawn');
    const rows = await listParticipantRows(tx, who.actor.organisationId, { ids: list.map((p) => p.participantId) });
    const consents = await listActiveConsents(tx, who.actor.organisationId, asOf);
    const interview = new Set(consents.filter((c) => c.scope === 'interview' && (c.supplierId === null || c.supplierId === need.supplierId)).map((c) => c.participantId));
    const identities = new Map((await listIdentities(tx, who.actor.organisationId, [...interview])).map((i) => [i.participantId, i]));
    const contactRead: string[] = [];
    const result = rows.map((r) => {
      const identity = identities.get(r.id);
      const plain = identity ? decryptRecord(keys, identity) : null;
      if (plain) contactRead.push(r.id);
      return {
        reference: r.reference,
        occupations: r.profile!.occupations,
        skills: r.profile!.skills,
        languages: r.profile!.languages,
        drivingLicences: r.profile!.drivingLicences,
        availableFrom: r.profile!.availableFrom,
        extentWantedPercent: r.profile!.extentWantedPercent,
        contact: plain ? { givenName: plain.givenName, familyName: plain.familyName, email: plain.email, phone: plain.phone } : null,
      };
    });
    await logAccess(tx, contactRead.map((participantId) => ({ organisationId: who.actor.organisationId, participantId, userId: who.actor.userId, actorLabel: who.label, purpose: 'supplier_interview', at: now })));
    return result;
  });
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function daysBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000));
}

/**
 * The bottleneck made visible, pseudonymous throughout: how long open needs have waited, hit
 * rates per occupation (hires per proposal), occupations with open needs and no candidate who
 * passes the filters, and the candidates who have waited longest.
 */
export async function bottleneckOf(db: Database, actor: Actor, now: Date): Promise<BottleneckView> {
  assertCan(actor, 'recruitment_need:read', { organisationId: actor.organisationId });
  const asOf = swedishDate(now);
  const needs = await listNeeds(db, actor.organisationId);
  const open = needs.filter((n) => n.status === 'open');
  const waits = open.map((n) => ({ n, days: daysBetween(n.openedOn, asOf) })).sort((a, b) => b.days - a.days);
  const facts = await listProposalFacts(db, actor.organisationId);
  const byCode = new Map<string, { proposals: number; hired: number }>();
  for (const f of facts) {
    const code = f.ssykCode ?? 'unknown';
    const entry = byCode.get(code) ?? { proposals: 0, hired: 0 };
    entry.proposals++;
    if (f.status === 'hired') entry.hired++;
    byCode.set(code, entry);
  }
  const withoutCandidates = new Map<string, { openNeeds: number; positions: number }>();
  const participantRows = await listParticipantRows(db, actor.organisationId);
  const consents = await listActiveConsents(db, actor.organisationId, asOf);
  for (const n of open) {
    const sharing = new Set(consents.filter((c) => c.scope === 'share_profile' && (c.supplierId === null || c.supplierId === n.supplierId)).map((c) => c.participantId));
    const candidates = participantRows.filter((r) => r.profile !== null).map((r) => toCandidate({ ...r, profile: r.profile! }, sharing.has(r.id)));
    const ranking = rankCandidates(candidates, needFacts(n, []), asOf);
    const anyOccupationMatch = ranking.ranked.some((c) => c.reasons.some((r) => r.code === 'occupation_name' || r.code === 'ssyk_4' || r.code === 'ssyk_3'));
    if (!anyOccupationMatch) {
      const code = n.ssykCode ?? 'unknown';
      const entry = withoutCandidates.get(code) ?? { openNeeds: 0, positions: 0 };
      entry.openNeeds++;
      entry.positions += n.positions;
      withoutCandidates.set(code, entry);
    }
  }
  const activeProposals = new Map<string, number>();
  for (const f of facts) if (ACTIVE.has(f.status) || f.status === 'not_hired') activeProposals.set(f.participantId, (activeProposals.get(f.participantId) ?? 0) + 1);
  const hiredIds = new Set(facts.filter((f) => f.status === 'hired').map((f) => f.participantId));
  const waitingLongest = participantRows
    .filter((r) => r.profile?.unemployedSince && !hiredIds.has(r.id))
    .map((r) => ({ reference: r.reference, monthsWaiting: wholeMonthsBetween(r.profile!.unemployedSince!, asOf), districtCode: r.profile!.districtCode, proposals: activeProposals.get(r.id) ?? 0 }))
    .sort((a, b) => b.monthsWaiting - a.monthsWaiting || a.reference.localeCompare(b.reference))
    .slice(0, 20);
  return {
    asOf,
    openNeeds: open.length,
    waitingDays: { median: median(waits.map((w) => w.days)), max: waits[0]?.days ?? null },
    needsWaitingLongest: waits.slice(0, 10).map(({ n, days }) => ({ needId: n.id, title: n.title, supplierName: n.supplierName, daysWaiting: days, positions: n.positions, proposals: n.proposals })),
    hitRates: [...byCode.entries()]
      .map(([ssykCode, e]) => ({ ssykCode, label: occupationLabel(ssykCode, null), proposals: e.proposals, hired: e.hired, hitRatePercent: e.proposals ? Math.round((e.hired / e.proposals) * 1000) / 10 : null }))
      .sort((a, b) => b.proposals - a.proposals || a.ssykCode.localeCompare(b.ssykCode)),
    occupationsWithoutCandidates: [...withoutCandidates.entries()].map(([ssykCode, e]) => ({ ssykCode, label: occupationLabel(ssykCode, null), ...e })).sort((a, b) => b.positions - a.positions),
    candidatesWaitingLongest: waitingLongest,
  };
}

/**
 * A contract as the supplier portal established it from the signed-in supplier organisation
 * (decision 0602): the buyer's tenant that holds the contract, and the contract's supplier.
 */
export interface SupplierContractScope {
  buyerOrganisationId: string;
  contractId: string;
  supplierId: string;
  commitmentIds: readonly string[];
  /** The commitments that take placements, with their target groups (for a supplier's hire). */
  placementCommitments: ReadonlyArray<{ id: string; targetGroups: readonly string[] }>;
}

/**
 * A supplier organisation's members act on their own contracts' needs with the portal's
 * permissions (reading, or reporting for a change); the scope comes from the supplier view,
 * never from the request, and everything else is read in the buyer's tenant under that scope.
 */
function assertSupplierMay(actor: Actor, action: 'supplier_portal:read' | 'supplier_portal:report'): void {
  if (actor.organisationKind !== 'supplier') throw notFound('The contract');
  assertCan(actor, action, { organisationId: actor.organisationId });
}

async function supplierNeed(db: Database, scope: SupplierContractScope, needId: string): Promise<NeedRecord> {
  const [need] = await listNeeds(db, scope.buyerOrganisationId, { id: needId });
  if (!need || need.contractId !== scope.contractId || need.supplierId !== scope.supplierId) throw notFound('The recruitment need');
  return need;
}

/** A need as its supplier sees it: no target groups (the buyer's judgment) and pseudonymous proposals. */
function presentSupplierNeed(need: NeedRecord, proposals: Array<ProposalRecord & { profile: ParticipantRecord['profile'] }>, contacts: ReadonlyMap<string, SupplierContact> = new Map()) {
  const { organisationId: _o, supplierId: _s, supplierName: _n, hired: _h, proposals: _p, ...rest } = need;
  return {
    ...rest,
    occupationLabel: occupationLabel(need.ssykCode, need.occupationNameId),
    proposals: proposals.map((p) => ({
      id: p.id,
      reference: p.reference,
      status: p.status,
      notHiredReason: p.notHiredReason,
      proposedOn: p.proposedOn,
      decidedOn: p.decidedOn,
      occupations: p.profile?.occupations ?? [],
      skills: p.profile?.skills ?? [],
      languages: p.profile?.languages ?? [],
      drivingLicences: p.profile?.drivingLicences ?? [],
      availableFrom: p.profile?.availableFrom ?? null,
      extentWantedPercent: p.profile?.extentWantedPercent ?? null,
      contact: contacts.get(p.participantId) ?? null,
    })),
  };
}

/**
 * Name and contact of the proposed participants who have consented, on `asOf`, to an interview
 * with this supplier (or with any supplier), decrypted and logged as read with the purpose
 * `supplier_interview` (docs/privacy.md). Without a participant key nothing can be decrypted and
 * no contact is shown.
 */
async function supplierContacts(db: Database, keyring: ParticipantKeyring | null, who: Who, scope: SupplierContractScope, participantIds: readonly string[], now: Date): Promise<Map<string, SupplierContact>> {
  const contacts = new Map<string, SupplierContact>();
  if (keyring === null || participantIds.length === 0) return contacts;
  const asOf = swedishDate(now);
  const wanted = new Set(participantIds);
  const consents = await listActiveConsents(db, scope.buyerOrganisationId, asOf);
  const agreed = [...new Set(consents.filter((c) => c.scope === 'interview' && wanted.has(c.participantId) && (c.supplierId === null || c.supplierId === scope.supplierId)).map((c) => c.participantId))];
  for (const identity of await listIdentities(db, scope.buyerOrganisationId, agreed)) {
    const plain = decryptRecord(keyring, identity);
    contacts.set(identity.participantId, { givenName: plain.givenName, familyName: plain.familyName, email: plain.email, phone: plain.phone });
  }
  await logAccess(db, [...contacts.keys()].map((participantId) => ({ organisationId: scope.buyerOrganisationId, participantId, userId: who.actor.userId, actorLabel: who.label, purpose: 'supplier_interview', at: now })));
  return contacts;
}

/** The need as its supplier sees it, with its live proposals, contacts where consented. */
async function supplierNeedWithProposals(db: Database, keyring: ParticipantKeyring | null, who: Who, scope: SupplierContractScope, need: NeedRecord, now: Date): Promise<SupplierNeed> {
  const list = (await listProposals(db, scope.buyerOrganisationId, { needId: need.id })).filter((p) => p.status !== 'withdrawn');
  const ids = list.map((p) => p.participantId);
  const rows = new Map((await listParticipantRows(db, scope.buyerOrganisationId, { ids })).map((r) => [r.id, r]));
  const contacts = await supplierContacts(db, keyring, who, scope, ids, now);
  return presentSupplierNeed(need, list.map((p) => ({ ...p, profile: rows.get(p.participantId)?.profile ?? null })), contacts);
}
export type SupplierNeed = ReturnType<typeof presentSupplierNeed>;

/**
 * The supplier's needs under one contract with their proposals: pseudonymous (the reference the
 * unit gave, the profile facts), and name and contact of those who consented to an interview
 * with this supplier (each such read logged).
 */
export async function listSupplierNeeds(db: Database, keyring: ParticipantKeyring | null, who: Who, scope: SupplierContractScope, now: Date): Promise<SupplierNeed[]> {
  assertSupplierMay(who.actor, 'supplier_portal:read');
  return db.transaction(async (tx) => {
    const needs = (await listNeeds(tx, scope.buyerOrganisationId)).filter((n) => n.contractId === scope.contractId && n.supplierId === scope.supplierId);
    const out: SupplierNeed[] = [];
    for (const need of needs) out.push(await supplierNeedWithProposals(tx, keyring, who, scope, need, now));
    return out.reverse();
  });
}

/** The supplier posts a recruitment need under its own contract; it lands in the buyer's tenant. */
export async function createSupplierNeed(db: Database, who: Who, scope: SupplierContractScope, body: Omit<NeedCreate, 'contractId'>, now: Date): Promise<SupplierNeed> {
  assertSupplierMay(who.actor, 'supplier_portal:report');
  return db.transaction(async (tx) => {
    const id = await insertCheckedNeed(tx, who, { organisationId: scope.buyerOrganisationId, contractId: scope.contractId, supplierId: scope.supplierId, commitmentIds: scope.commitmentIds }, body, now);
    await recordAudit(tx, who, { action: 'recruitment_need.created', entityType: 'contract', entityId: scope.contractId, after: { needId: id, title: body.title } });
    return presentSupplierNeed((await supplierNeed(tx, scope, id)), []);
  });
}

/**
 * The commitment a supplier's hire counts toward: the one the need names, or the one the body
 * names, or the contract's only commitment that takes placements.
 */
function hireCommitment(scope: SupplierContractScope, need: NeedRecord, requested: string | undefined): { id: string; targetGroups: readonly string[] } {
  const wanted = need.commitmentId ?? requested ?? null;
  if (wanted === null) {
    if (scope.placementCommitments.length === 1) return scope.placementCommitments[0]!;
    throw validationFailed([{ path: '/body/placement/commitmentId', code: 'required', message: 'Say which commitment the hire counts toward.' }]);
  }
  const found = scope.placementCommitments.find((c) => c.id === wanted);
  if (!found) throw validationFailed([{ path: '/body/placement/commitmentId', code: 'unknown_commitment', message: 'Not a commitment of this contract that takes placements.' }]);
  return found;
}

/**
 * The supplier answers a proposal for its own need: interview, offer, not suitable (with a
 * reason) or hired. A hire creates the placement through the contracts feature, under the
 * participant's reference, with the target group taken from the participant's verified judgment
 * (decision 0604) or, when there is none, pending the labour-market unit's confirmation. The
 * proposal moves to hired exactly once: a second answer is 409.
 */
export async function answerProposalAsSupplier(
  db: Database,
  keyring: ParticipantKeyring | null,
  who: Who,
  scope: SupplierContractScope,
  needId: string,
  proposalId: string,
  body: SupplierProposalAnswer,
  now: Date,
): Promise<SupplierNeed> {
  assertSupplierMay(who.actor, 'supplier_portal:report');
  return db.transaction(async (tx) => {
    const need = await supplierNeed(tx, scope, needId);
    const [proposal] = await listProposals(tx, scope.buyerOrganisationId, { id: proposalId, needId });
    if (!proposal || proposal.status === 'withdrawn') throw notFound('The proposal');
    if (!(NEXT[proposal.status] ?? []).includes(body.outcome)) throw new AppError('invalid_transition', `A proposal that is ${proposal.status} cannot become ${body.outcome}.`);
    if (body.on < proposal.proposedOn) throw validationFailed([{ path: '/body/on', code: 'before_proposal', message: 'An outcome comes after the proposal.' }]);
    if (body.on > swedishDate(now)) throw validationFailed([{ path: '/body/on', code: 'in_future', message: 'An outcome is recorded when it happened.' }]);
    if (body.outcome === 'not_hired' && !body.notHiredReason) throw validationFailed([{ path: '/body/notHiredReason', code: 'required', message: 'Say why the person was not suitable.' }]);
    if (body.outcome === 'hired' && !body.placement) throw validationFailed([{ path: '/body/placement', code: 'required', message: 'A hire gives its start date, extent and employment form.' }]);
    const decided = body.outcome === 'hired' || body.outcome === 'not_hired';
    const moved = await moveProposal(tx, scope.buyerOrganisationId, proposalId, proposal.status, {
      status: body.outcome,
      notHiredReason: body.outcome === 'not_hired' ? (body.notHiredReason ?? null) : null,
      history: [...proposal.history, { status: body.outcome, on: body.on, by: who.label }],
      decidedOn: decided ? body.on : null,
    });
    if (!moved) throw new AppError('conflict', 'The proposal was answered meanwhile. Reload to see its status.');
    let placement: { id: string; targetGroupPending: boolean } | null = null;
    if (body.outcome === 'hired' && body.placement) {
      const commitment = hireCommitment(scope, need, body.placement.commitmentId);
      const [row] = await listParticipantRows(tx, scope.buyerOrganisationId, { ids: [proposal.participantId] });
      placement = await addSupplierPlacement(tx, who, scope, {
        commitmentId: commitment.id,
        participantRef: proposal.reference,
        targetGroup: verifiedTargetGroup(row?.profile?.targetGroups ?? [], commitment.targetGroups),
        offeredOn: body.on,
        startedOn: body.placement.startedOn,
        plannedEndOn: body.placement.plannedEndOn ?? null,
        extentPercent: body.placement.extentPercent ?? need.extentPercent,
        employmentForm: body.placement.employmentForm,
        ssykCode: need.ssykCode && need.ssykCode.length === 4 ? need.ssykCode : null,
      }, now);
      await updateProposal(tx, scope.buyerOrganisationId, proposalId, { placementId: placement.id });
      if (need.hired + 1 >= need.positions) await setNeedStatus(tx, scope.buyerOrganisationId, needId, 'filled', body.on);
    }
    await recordAudit(tx, who, { action: `proposal.${body.outcome}`, entityType: 'recruitment_need', entityId: needId, after: { proposalId, notHiredReason: body.notHiredReason ?? null, ...(placement ? { placementId: placement.id, targetGroupPending: placement.targetGroupPending } : {}) } });
    return supplierNeedWithProposals(tx, keyring, who, scope, await supplierNeed(tx, scope, needId), now);
  });
}

/** The supplier portal's routes declare these (another feature reaches matching only through this file). */
export type { ParticipantKeyring } from './participant-crypto.js';
export { SupplierNeedCreate, SupplierNeedView, SupplierProposalAnswer } from './matching-schemas.js';
