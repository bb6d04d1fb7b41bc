import { readTogether, type Database } from '../../../db/client.js';
import { can, unitScope, type Actor } from '../../../domain/access/can.js';
import { isIsoDate } from '../../../domain/follow-up/calendar.js';
import { deriveCommitmentTerms, takesPlacements, type CommitmentTerms } from '../../../domain/follow-up/commitment-terms.js';
import { evaluateCommitment, type CommitmentFulfilment } from '../../../domain/follow-up/evaluate-commitment.js';
import { fullTimeMonthsBetween, roundMonths } from '../../../domain/follow-up/full-time-months.js';
import { reportingPeriods } from '../../../domain/follow-up/reporting-periods.js';
import type { ContractForRelease } from '../../../domain/ocds/contracts-to-release.js';
import { latestCorrectionNotice } from '../../../domain/follow-up/sanction-ladder.js';
import { validatePlacement } from '../../../domain/follow-up/validate-placement.js';
import { EMPLOYMENT_FORM_OPTIONS } from '../../../domain/requirements/starter-templates.js';
import { AppError, forbidden, notFound, validationFailed, type FieldError } from '../../errors.js';
import { recordAudit } from '../audit/audit-service.js';
import { getDecision } from '../decisions/decision-service.js';
import { normaliseOrganisationNumber } from '../../../domain/shared/organisation-number.js';
import { getProcurement } from '../procurements/procurement-service.js';
import { getTargetGroups } from '../requirements/requirement-service.js';
import {
  amendCommitment,
  amendContract,
  findContract,
  findContractWith,
  findPlacement,
  insertAmendment,
  insertCommitments,
  insertContract,
  insertPlacement,
  insertPlacements,
  insertSanctionStep,
  isContractReferenceTaken,
  listCommitments,
  listContracts,
  listContractsOfProcurements,
  listPlacements,
  listReports,
  listSanctionSteps,
  updatePlacement,
  upsertSupplier,
  type CommitmentRecord,
  type ContractRecord,
  type ContractWrite,
  type ContractWithParts,
  type PlacementRecord,
  type PlacementWrite,
  type ReportRecord,
  type SanctionStepRecord,
  type SupplierRecord,
} from './contract-repository.js';
import type { ContractAmendment, ContractCreate, ContractListQuery, ContractView, FulfilmentView, PlacementCreate, PlacementPatch, PlacementTargetGroupConfirm } from './contract-schemas.js';
import { ssykUnitGroup } from '../../../interop/reference/occupation-catalogue.js';
import { cachedContractAnswer, type ContractAnswerCache } from './contract-answer-cache.js';
import { assertCan, type Who } from '../../access.js';

const EMPLOYMENT_FORMS = new Set(EMPLOYMENT_FORM_OPTIONS.map((o) => o.value));

/** The calendar date of an instant in Sweden, for "today" in follow-up rules. */
export function swedishDate(now: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A contract the actor may read, or 404 (another organisation's, or another unit's for a limited procurer). */
export async function readableContract(db: Database, actor: Actor, id: string): Promise<ContractRecord> {
  const contract = await findContract(db, actor.organisationId, id);
  if (!contract || !mayRead(actor, contract)) throw notFound('The contract');
  return contract;
}

/** Where a contract sits, which is all the permission checks look at. */
type ContractPlace = Pick<ContractRecord, 'organisationId'> & { unit: { id: string } };

function mayRead(actor: Actor, contract: ContractPlace): boolean {
  return can(actor, 'contract:read', { organisationId: contract.organisationId, unitId: contract.unit.id });
}

function presentSupplier(s: SupplierRecord) {
  return { id: s.id, country: s.country, nationalId: s.nationalId, organisationNumber: s.country === 'SE' ? s.nationalId : null, name: s.name };
}

function presentCommitment(c: CommitmentRecord) {
  return {
    id: c.id,
    kind: c.kind,
    templateKey: c.templateKey,
    title: c.title,
    text: c.text,
    measure: c.measure,
    parameters: c.parameters,
    version: c.version,
    takesPlacements: takesPlacements(termsOf(c, null)),
  };
}

function presentPlacement(p: PlacementRecord) {
  const { contractId: _contract, ...rest } = p;
  return rest;
}

/** The follow-up terms of a stored commitment (framework positions from the called-off value). */
export function termsOf(c: CommitmentRecord, contract: Pick<ContractRecord, 'calledOffValueOre' | 'valueOre'> | null): CommitmentTerms {
  return deriveCommitmentTerms({ type: c.kind, parameters: c.parameters, measure: c.measure }, { calledOffValueOre: contract ? (contract.calledOffValueOre ?? contract.valueOre) : null });
}

const PAGE_PARTS = ['commitments', 'placements', 'deviations', 'amendments'] as const;

async function present(db: Database, actor: Actor, contract: ContractRecord): Promise<ContractView> {
  const page = (await findContractWith(db, actor.organisationId, contract.id, PAGE_PARTS))!;
  return presentPage(page, mayReadPlacementsOf(actor, page.contract));
}

function mayReadPlacementsOf(actor: Actor, contract: ContractPlace): boolean {
  return can(actor, 'placement:read', { organisationId: contract.organisationId, unitId: contract.unit.id });
}

/** The contract page; without `mayReadPlacements` (viewers, admins) it carries no placement, so no participant reference. */
function presentPage(page: ContractWithParts, mayReadPlacements: boolean): ContractView {
  const { contract, commitments: commitmentRows, placements: placementRows, deviations: deviationRows, amendments } = page;
  return {
    ...summary(contract, commitmentRows.length, placementRows.length, deviationRows.filter((d) => d.status === 'open').length),
    extensionOptions: contract.extensionOptions.map((o) => ({ months: o.months, exercisedOn: o.exercisedOn ?? null })),
    calledOffValueOre: contract.calledOffValueOre,
    commitments: commitmentRows.map(presentCommitment),
    placements: mayReadPlacements ? placementRows.map(presentPlacement) : [],
    mayReadPlacements,
    amendments: amendments.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
    createdAt: contract.createdAt.toISOString(),
    updatedAt: contract.updatedAt.toISOString(),
  };
}

function summary(contract: ContractRecord, commitmentCount: number, placementCount: number, openDeviations: number) {
  return {
    id: contract.id,
    referenceNumber: contract.referenceNumber,
    procurement: contract.procurement,
    unit: contract.unit,
    supplier: presentSupplier(contract.supplier),
    lotNumbers: contract.lotNumbers,
    signedOn: contract.signedOn,
    startsOn: contract.startsOn,
    endsOn: contract.endsOn,
    valueOre: contract.valueOre,
    version: contract.version,
    commitmentCount,
    placementCount,
    openDeviations,
  };
}

/** Views of the contract page that differ in content: with placements, or aggregates only. */
const WITH_PLACEMENTS = 'with_placements';
const AGGREGATES_ONLY = 'aggregates_only';

/**
 * The contract page: the contract and its parts in one query (docs/decisions/0911). With a
 * cache, the answer computed earlier is served while the organisation's follow-up and register
 * versions are unchanged (docs/decisions/0432). Who may read it is decided on every request:
 * before the cache, whether the actor reads contracts anywhere; then, before anything is
 * served, the unit check against the contract's unit as stored with the answer (current, since
 * the contract row moves the follow-up version). Each view is built on its own, so the one
 * served to viewers never held a participant reference.
 */
export async function getContract(db: Database, actor: Actor, id: string, cached: ContractAnswerCache | null = null): Promise<ContractView> {
  if (cached === null) {
    const page = await findContractWith(db, actor.organisationId, id, PAGE_PARTS);
    if (!page || !mayRead(actor, page.contract)) throw notFound('The contract');
    return presentPage(page, mayReadPlacementsOf(actor, page.contract));
  }
  if (unitScope(actor, 'contract:read')?.length === 0) throw notFound('The contract');
  const entry = await cachedContractAnswer(cached, 'contract_page', actor.organisationId, id, true, async () => {
    const page = await findContractWith(db, actor.organisationId, id, PAGE_PARTS);
    if (!page) return null;
    return { unitId: page.contract.unit.id, views: { [WITH_PLACEMENTS]: presentPage(page, true), [AGGREGATES_ONLY]: presentPage(page, false) } };
  });
  const place = { organisationId: actor.organisationId, unit: { id: entry?.unitId ?? '' } };
  if (!entry || !mayRead(actor, place)) throw notFound('The contract');
  return entry.views[mayReadPlacementsOf(actor, place) ? WITH_PLACEMENTS : AGGREGATES_ONLY] as ContractView;
}

export async function listContractsFor(db: Database, actor: Actor, query: ContractListQuery, now: Date) {
  assertCan(actor, 'contract:read', { organisationId: actor.organisationId });
  const activeOn = query.active ? (query.asOf ?? swedishDate(now)) : undefined;
  const { rows, total } = await listContracts(
    db,
    actor.organisationId,
    { unitIds: unitScope(actor, 'contract:read'), q: query.q, supplierId: query.supplierId, procurementId: query.procurementId, unitId: query.unitId, activeOn },
    query.page,
    query.pageSize,
  );
  return { total, items: rows.map((r) => summary(r, r.commitmentCount, r.placementCount, r.openDeviations)) };
}

/** The supplier's platform identity: a valid Swedish organisation number, or a country and national id. */
export function supplierIdentity(input: ContractCreate['supplier'], path: string, now: Date): { country: string; nationalId: string; name: string } | FieldError {
  if (input.organisationNumber !== undefined) {
    const normalised = normaliseOrganisationNumber(input.organisationNumber, swedishDate(now));
    if (normalised === null) return { path: `${path}/organisationNumber`, code: 'invalid_organisation_number', message: 'Not a valid Swedish organisation number (NNNNNN-NNNN with a correct check digit).' };
    return { country: 'SE', nationalId: normalised, name: input.name.trim() };
  }
  if (input.country && input.nationalId) {
    if (input.country === 'SE') {
      const normalised = normaliseOrganisationNumber(input.nationalId, swedishDate(now));
      if (normalised === null) return { path: `${path}/nationalId`, code: 'invalid_organisation_number', message: 'A Swedish supplier needs a valid organisation number.' };
      return { country: 'SE', nationalId: normalised, name: input.name.trim() };
    }
    return { country: input.country, nationalId: input.nationalId.trim().toUpperCase(), name: input.name.trim() };
  }
  return { path: `${path}/organisationNumber`, code: 'required', message: 'Give the organisation number, or country and national id for a foreign supplier.' };
}

function dateErrors(body: { signedOn: string; startsOn: string; endsOn: string }): FieldError[] {
  const errors: FieldError[] = [];
  if (body.endsOn < body.startsOn) errors.push({ path: '/body/endsOn', code: 'end_before_start', message: 'The contract cannot end before it starts.' });
  return errors;
}

export interface ContractDraftChecked {
  procurementUnitId: string;
  supplier: { country: string; nationalId: string; name: string };
  commitments: Omit<CommitmentRecord, 'id' | 'contractId' | 'version'>[];
}

/**
 * Checks a new contract against its procurement and snapshots the decision's applied
 * requirements that cover its lots as commitments, parameters frozen as agreed.
 */
export async function checkContractDraft(db: Database, who: Who, body: ContractCreate, now: Date, path = '/body'): Promise<{ errors: FieldError[]; checked: ContractDraftChecked | null }> {
  const errors: FieldError[] = [];
  const organisationId = who.actor.organisationId;
  let procurement;
  try {
    procurement = await getProcurement(db, who.actor, body.procurementId);
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found') return { errors: [{ path: `${path}/procurementId`, code: 'unknown_procurement', message: 'No such procurement in your organisation.' }], checked: null };
    throw e;
  }
  assertCan(who.actor, 'contract:manage', { organisationId, unitId: procurement.unitId });
  if (procurement.status !== 'awarded') errors.push({ path: `${path}/procurementId`, code: 'not_awarded', message: `Contracts are recorded for awarded procurements; this one is ${procurement.status}.` });
  const lots = new Set(procurement.lots.map((l) => l.lotNumber));
  (body.lotNumbers ?? []).forEach((n, i) => {
    if (!lots.has(n)) errors.push({ path: `${path}/lotNumbers/${i}`, code: 'unknown_lot', message: `The procurement has no lot ${n}.` });
  });
  errors.push(...dateErrors(body).map((e) => ({ ...e, path: e.path.replace('/body', path) })));
  const supplier = supplierIdentity(body.supplier, `${path}/supplier`, now);
  if ('path' in supplier) errors.push(supplier);
  if (await isContractReferenceTaken(db, organisationId, body.referenceNumber.trim())) {
    errors.push({ path: `${path}/referenceNumber`, code: 'duplicate', message: 'Another contract of your organisation has this reference.' });
  }
  if (errors.length > 0 || 'path' in supplier) return { errors, checked: null };
  let requirements: Awaited<ReturnType<typeof getDecision>>['requirements'] = [];
  try {
    const decision = await getDecision(db, who.actor, procurement.id, now);
    requirements = decision.kind === 'apply' ? decision.requirements : [];
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'not_found')) throw e;
  }
  const contractLots = body.lotNumbers;
  const covered = requirements
    .map((r, index) => ({ r, index }))
    .filter(({ r }) => r.lotNumbers === null || contractLots === null || r.lotNumbers.some((n) => contractLots.includes(n)));
  return {
    errors: [],
    checked: {
      procurementUnitId: procurement.unitId,
      supplier,
      commitments: covered.map(({ r, index }, position) => ({
        position,
        kind: r.type,
        templateKey: r.templateKey,
        templateVersionId: r.templateVersionId,
        title: r.title,
        text: { sv: `${r.rendered.sv.body}\n\n${r.rendered.sv.followUp}`, en: `${r.rendered.en.body}\n\n${r.rendered.en.followUp}` },
        measure: body.measures?.[String(index)] ?? 'per_position',
        parameters: structuredClone(r.parameters),
      })),
    },
  };
}

/** Stores a checked contract with its commitments and audit event; the caller owns the transaction. */
export async function insertCheckedContract(db: Database, who: Who, body: ContractCreate, checked: ContractDraftChecked, now: Date): Promise<string> {
  const organisationId = who.actor.organisationId;
  const supplier = await upsertSupplier(db, checked.supplier);
  const id = await insertContract(db, organisationId, {
    procurementId: body.procurementId,
    unitId: checked.procurementUnitId,
    supplierId: supplier.id,
    referenceNumber: body.referenceNumber.trim(),
    lotNumbers: body.lotNumbers === null ? null : [...body.lotNumbers].sort((a, b) => a - b),
    signedOn: body.signedOn,
    startsOn: body.startsOn,
    endsOn: body.endsOn,
    extensionOptions: (body.extensionOptions ?? []).map((o) => ({ months: o.months, exercisedOn: o.exercisedOn ?? null })),
    valueOre: body.valueOre ?? null,
    calledOffValueOre: body.calledOffValueOre ?? null,
    createdBy: who.actor.userId,
    now,
  });
  await insertCommitments(db, organisationId, id, checked.commitments);
  await recordAudit(db, who, {
    action: 'contract.created',
    entityType: 'contract',
    entityId: id,
    after: { ...body, supplier: checked.supplier, commitments: checked.commitments.map((c) => ({ kind: c.kind, templateKey: c.templateKey, measure: c.measure, parameters: c.parameters })) },
  });
  return id;
}

/** Records a contract awarded under a procurement (or some of its lots), with its commitments. */
export async function createContract(db: Database, who: Who, body: ContractCreate, now: Date): Promise<ContractView> {
  return db.transaction(async (tx) => {
    const { errors, checked } = await checkContractDraft(tx, who, body, now);
    if (!checked) throw validationFailed(errors);
    const id = await insertCheckedContract(tx, who, body, checked, now);
    return present(tx, who.actor, (await findContract(tx, who.actor.organisationId, id))!);
  });
}

/**
 * An amendment (ändringsavtal): a new contract version with a reason. It may move the end date,
 * change the value or the called-off value, the extension options, and commitments' parameters;
 * each changed commitment keeps its earlier parameters as a version with the same reason.
 */
export async function amendContractFor(db: Database, who: Who, id: string, body: ContractAmendment, now: Date): Promise<ContractView> {
  return db.transaction(async (tx) => {
    const contract = await readableContract(tx, who.actor, id);
    assertCan(who.actor, 'contract:manage', { organisationId: contract.organisationId, unitId: contract.unit.id });
    const commitmentRows = await listCommitments(tx, who.actor.organisationId, [id]);
    const errors: FieldError[] = [];
    const endsOn = body.endsOn ?? contract.endsOn;
    if (endsOn < contract.startsOn) errors.push({ path: '/body/endsOn', code: 'end_before_start', message: 'The contract cannot end before it starts.' });
    const changes = (body.commitments ?? []).map((c, i) => {
      const current = commitmentRows.find((r) => r.id === c.commitmentId);
      if (!current) errors.push({ path: `/body/commitments/${i}/commitmentId`, code: 'unknown_commitment', message: 'This contract has no such commitment.' });
      return { current, change: c };
    });
    if (errors.length > 0) throw validationFailed(errors);
    if (body.version !== contract.version) throw new AppError('stale_version', 'The contract was amended by someone else. Reload and try again.', { currentVersion: contract.version });
    const next = {
      endsOn,
      valueOre: body.valueOre !== undefined ? body.valueOre : contract.valueOre,
      calledOffValueOre: body.calledOffValueOre !== undefined ? body.calledOffValueOre : contract.calledOffValueOre,
      extensionOptions: body.extensionOptions ? body.extensionOptions.map((o) => ({ months: o.months, exercisedOn: o.exercisedOn ?? null })) : contract.extensionOptions,
      now,
    };
    if (!(await amendContract(tx, who.actor.organisationId, id, contract.version, next))) throw new AppError('stale_version', 'The contract was amended by someone else. Reload and try again.');
    const before = { endsOn: contract.endsOn, valueOre: contract.valueOre, calledOffValueOre: contract.calledOffValueOre, extensionOptions: contract.extensionOptions, commitments: {} as Record<string, unknown> };
    const after = { endsOn: next.endsOn, valueOre: next.valueOre, calledOffValueOre: next.calledOffValueOre, extensionOptions: next.extensionOptions, commitments: {} as Record<string, unknown> };
    for (const { current, change } of changes) {
      const parameters = { ...current!.parameters, ...(change.parameters ?? {}) };
      const measure = change.measure ?? current!.measure;
      before.commitments[current!.id] = { measure: current!.measure, parameters: current!.parameters };
      after.commitments[current!.id] = { measure, parameters };
      await amendCommitment(tx, who.actor.organisationId, current!, { parameters, measure, reason: body.reason, createdBy: who.actor.userId, now });
    }
    await insertAmendment(tx, who.actor.organisationId, { contractId: id, version: contract.version + 1, reason: body.reason, signedOn: body.signedOn, before, after, createdBy: who.actor.userId, now });
    await recordAudit(tx, who, { action: 'contract.amended', entityType: 'contract', entityId: id, before, after: { ...after, reason: body.reason, version: contract.version + 1 } });
    return present(tx, who.actor, (await findContract(tx, who.actor.organisationId, id))!);
  });
}

/* ---------------- placements ---------------- */

async function checkPlacement(db: Database, actor: Actor, contract: ContractRecord, p: PlacementWrite, now: Date): Promise<FieldError[]> {
  const errors: FieldError[] = validatePlacement(p).map((e) => ({ path: `/body/${e.field}`, code: e.code, message: e.message }));
  const commitmentRows = await listCommitments(db, actor.organisationId, [contract.id]);
  const commitment = commitmentRows.find((c) => c.id === p.commitmentId);
  if (!commitment) errors.push({ path: '/body/commitmentId', code: 'unknown_commitment', message: 'This contract has no such commitment.' });
  else if (!takesPlacements(termsOf(commitment, contract))) errors.push({ path: '/body/commitmentId', code: 'commitment_takes_no_placements', message: `A ${commitment.kind} commitment is not followed up by placements.` });
  const groups = await getTargetGroups(db, actor, now);
  // A placement waiting for its target group keeps the placeholder until confirmed (decision 0604).
  if (p.targetGroupPending !== true && !groups.some((g) => g.code === p.targetGroup && g.active)) errors.push({ path: '/body/targetGroup', code: 'unknown_target_group', message: 'Not one of your organisation’s active target-group codes.' });
  if (!EMPLOYMENT_FORMS.has(p.employmentForm)) errors.push({ path: '/body/employmentForm', code: 'unknown_employment_form', message: `employmentForm is one of ${[...EMPLOYMENT_FORMS].join(', ')}.` });
  if (p.ssykCode !== null && !ssykUnitGroup(p.ssykCode)) errors.push({ path: '/body/ssykCode', code: 'unknown_ssyk_code', message: 'Not an SSYK 2012 unit group (four digits).' });
  if (/^\d{6,8}[-+]?\d{4}$/.test(p.participantRef.replace(/\s/g, ''))) errors.push({ path: '/body/participantRef', code: 'looks_like_personal_identity_number', message: 'Use a pseudonymous reference, never a personal identity number.' });
  return errors;
}

function mayManagePlacements(actor: Actor, contract: ContractRecord): boolean {
  return can(actor, 'placement:manage', { organisationId: contract.organisationId, unitId: contract.unit.id });
}

export async function addPlacement(db: Database, who: Who, contractId: string, body: PlacementCreate, now: Date): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const contract = await readableContract(tx, who.actor, contractId);
    if (!mayManagePlacements(who.actor, contract)) throw forbidden();
    const write: PlacementWrite = {
      commitmentId: body.commitmentId,
      participantRef: body.participantRef.trim(),
      targetGroup: body.targetGroup,
      offeredOn: body.offeredOn ?? null,
      startedOn: body.startedOn,
      plannedEndOn: body.plannedEndOn ?? null,
      endedOn: body.endedOn ?? null,
      endReason: body.endReason ?? null,
      extentPercent: body.extentPercent,
      employmentForm: body.employmentForm,
      ssykCode: body.ssykCode ?? null,
      wageSubsidy: body.wageSubsidy ?? 'none',
    };
    const errors = await checkPlacement(tx, who.actor, contract, write, now);
    if (errors.length > 0) throw validationFailed(errors);
    const id = await insertPlacement(tx, who.actor.organisationId, contractId, write, now);
    await recordAudit(tx, who, { action: 'placement.created', entityType: 'contract', entityId: contractId, after: { placementId: id, ...write } });
    return { id };
  });
}

export async function changePlacement(db: Database, who: Who, contractId: string, placementId: string, patch: PlacementPatch, now: Date): Promise<ReturnType<typeof presentPlacement>> {
  return db.transaction(async (tx) => {
    const contract = await readableContract(tx, who.actor, contractId);
    const current = await findPlacement(tx, who.actor.organisationId, contractId, placementId);
    if (!current || !can(who.actor, 'placement:read', { organisationId: contract.organisationId, unitId: contract.unit.id })) throw notFound('The placement');
    if (!mayManagePlacements(who.actor, contract)) throw forbidden();
    const { version, ...fields } = patch;
    const { id: _id, version: currentVersion, contractId: _c, ...base } = current;
    const next: PlacementWrite = { ...base, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) } as PlacementWrite;
    const errors = await checkPlacement(tx, who.actor, contract, next, now);
    if (errors.length > 0) throw validationFailed(errors);
    if (version !== undefined && version !== currentVersion) throw new AppError('stale_version', 'The placement was changed by someone else. Reload and try again.', { currentVersion });
    if (!(await updatePlacement(tx, who.actor.organisationId, placementId, currentVersion, next, now))) throw new AppError('stale_version', 'The placement was changed by someone else. Reload and try again.');
    await recordAudit(tx, who, { action: next.endedOn !== null && current.endedOn === null ? 'placement.ended' : 'placement.updated', entityType: 'contract', entityId: contractId, before: { placementId, ...base }, after: { placementId, ...next } });
    return presentPlacement((await findPlacement(tx, who.actor.organisationId, contractId, placementId))!);
  });
}

/**
 * The labour-market unit confirms the target group of a placement the supplier recorded without
 * a verified judgment (decision 0604): the target group is set and the placement starts to count.
 * Only a pending placement can be confirmed (else 409); audited as `placement.target_group_confirmed`.
 */
export async function confirmPlacementTargetGroup(db: Database, who: Who, contractId: string, placementId: string, body: PlacementTargetGroupConfirm, now: Date): Promise<ReturnType<typeof presentPlacement>> {
  return db.transaction(async (tx) => {
    const contract = await readableContract(tx, who.actor, contractId);
    const current = await findPlacement(tx, who.actor.organisationId, contractId, placementId);
    if (!current || !can(who.actor, 'placement:read', { organisationId: contract.organisationId, unitId: contract.unit.id })) throw notFound('The placement');
    if (!mayManagePlacements(who.actor, contract)) throw forbidden();
    if (!current.targetGroupPending) throw new AppError('conflict', 'The placement’s target group is already verified.');
    const { id: _id, version: currentVersion, contractId: _c, ...base } = current;
    if (body.version !== undefined && body.version !== currentVersion) throw new AppError('stale_version', 'The placement was changed by someone else. Reload and try again.', { currentVersion });
    const next: PlacementWrite = { ...base, targetGroup: body.targetGroup, targetGroupPending: false };
    const errors = await checkPlacement(tx, who.actor, contract, next, now);
    if (errors.length > 0) throw validationFailed(errors);
    if (!(await updatePlacement(tx, who.actor.organisationId, placementId, currentVersion, next, now))) throw new AppError('stale_version', 'The placement was changed by someone else. Reload and try again.');
    await recordAudit(tx, who, { action: 'placement.target_group_confirmed', entityType: 'contract', entityId: contractId, before: { placementId, targetGroup: current.targetGroup, targetGroupPending: true }, after: { placementId, targetGroup: body.targetGroup, targetGroupPending: false } });
    return presentPlacement((await findPlacement(tx, who.actor.organisationId, contractId, placementId))!);
  });
}

/** Stored as the target group of a pending placement until the unit confirms one (decision 0604). */
export const UNVERIFIED_TARGET_GROUP = 'unverified';

/** A hire the supplier records itself on a proposal; the target group comes from matching, never from the supplier. */
export interface SupplierPlacement {
  commitmentId: string;
  participantRef: string;
  /** The verified target group, or null: the placement is stored pending (decision 0604). */
  targetGroup: string | null;
  offeredOn: string;
  startedOn: string;
  plannedEndOn: string | null;
  extentPercent: number;
  employmentForm: string;
  ssykCode: string | null;
}

/**
 * Records a placement in the buyer's tenant for a hire the supplier answered on a proposal. The
 * scope (buyer, contract, supplier) comes from the supplier view, never from the request; the
 * caller (matching, under the supplier portal's permission check) owns the transaction. The
 * placement is audited in the supplier organisation's trail as `placement.created`.
 */
export async function addSupplierPlacement(db: Database, who: Who, scope: { buyerOrganisationId: string; contractId: string; supplierId: string }, body: SupplierPlacement, now: Date): Promise<{ id: string; targetGroupPending: boolean }> {
  const contract = await findContract(db, scope.buyerOrganisationId, scope.contractId);
  if (!contract || contract.supplier.id !== scope.supplierId) throw notFound('The contract');
  const write: PlacementWrite = {
    commitmentId: body.commitmentId,
    participantRef: body.participantRef.trim(),
    targetGroup: body.targetGroup ?? UNVERIFIED_TARGET_GROUP,
    targetGroupPending: body.targetGroup === null,
    offeredOn: body.offeredOn,
    startedOn: body.startedOn,
    plannedEndOn: body.plannedEndOn,
    endedOn: null,
    endReason: null,
    extentPercent: body.extentPercent,
    employmentForm: body.employmentForm,
    ssykCode: body.ssykCode,
    wageSubsidy: 'none',
  };
  const errors: FieldError[] = validatePlacement(write).map((e) => ({ path: `/body/placement/${e.field}`, code: e.code, message: e.message }));
  const commitment = (await listCommitments(db, scope.buyerOrganisationId, [contract.id])).find((c) => c.id === write.commitmentId);
  if (!commitment) errors.push({ path: '/body/placement/commitmentId', code: 'unknown_commitment', message: 'This contract has no such commitment.' });
  else if (!takesPlacements(termsOf(commitment, contract))) errors.push({ path: '/body/placement/commitmentId', code: 'commitment_takes_no_placements', message: `A ${commitment.kind} commitment is not followed up by placements.` });
  if (!EMPLOYMENT_FORMS.has(write.employmentForm)) errors.push({ path: '/body/placement/employmentForm', code: 'unknown_employment_form', message: `employmentForm is one of ${[...EMPLOYMENT_FORMS].join(', ')}.` });
  if (errors.length > 0) throw validationFailed(errors);
  const id = await insertPlacement(db, scope.buyerOrganisationId, contract.id, write, now);
  await recordAudit(db, who, { action: 'placement.created', entityType: 'contract', entityId: contract.id, after: { placementId: id, buyerOrganisationId: scope.buyerOrganisationId, ...write } });
  return { id, targetGroupPending: write.targetGroupPending === true };
}

/* ---------------- fulfilment ---------------- */

export interface ContractFacts {
  contract: ContractRecord;
  commitments: CommitmentRecord[];
  placements: PlacementRecord[];
  reports: ReportRecord[];
  sanctionSteps: SanctionStepRecord[];
}

/** Loads what follow-up rules need for a set of contracts of one organisation, in five queries. */
export async function loadContractFacts(db: Database, organisationId: string, list: readonly ContractRecord[]): Promise<ContractFacts[]> {
  const ids = list.map((c) => c.id);
  const [c, p, r, s] = await readTogether(db, [() => listCommitments(db, organisationId, ids), () => listPlacements(db, organisationId, ids), () => listReports(db, organisationId, ids), () => listSanctionSteps(db, organisationId, ids)]);
  const group = <T extends { contractId: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const row of rows) (m.get(row.contractId) ?? m.set(row.contractId, []).get(row.contractId)!).push(row);
    return m;
  };
  const [gc, gp, gr, gs] = [group(c), group(p), group(r), group(s)];
  return list.map((contract) => ({ contract, commitments: gc.get(contract.id) ?? [], placements: gp.get(contract.id) ?? [], reports: gr.get(contract.id) ?? [], sanctionSteps: gs.get(contract.id) ?? [] }));
}

/** Every commitment of a contract evaluated as of a date (pure rules in src/domain/follow-up). */
export function evaluateContract(facts: ContractFacts, asOf: string): Array<{ commitment: CommitmentRecord; terms: CommitmentTerms; fulfilment: CommitmentFulfilment }> {
  const meetings = facts.reports.flatMap((r) => r.meetingsHeldOn);
  return facts.commitments.map((commitment) => {
    const terms = termsOf(commitment, facts.contract);
    const steps = facts.sanctionSteps.filter((s) => s.commitmentId === commitment.id);
    const fulfilment = evaluateCommitment({
      terms,
      contract: { startsOn: facts.contract.startsOn, endsOn: facts.contract.endsOn },
      // A placement waiting for its target group to be verified counts toward nothing (decision 0604).
      placements: facts.placements.filter((p) => p.commitmentId === commitment.id && !p.targetGroupPending),
      asOf,
      meetingsHeldOn: meetings,
      correctionNotice: latestCorrectionNotice(steps),
    });
    return { commitment, terms, fulfilment };
  });
}

/**
 * Each commitment's status as of a date, with the numbers behind it. The answer is the same for
 * every reader who may read the contract: per placement it carries the id, state, target group
 * and employment form, never the participant reference. With a cache it is served while the
 * organisation's follow-up version is unchanged (docs/decisions/0432); the permission check runs
 * on every request, as for the contract page.
 */
export async function fulfilmentOf(db: Database, actor: Actor, contractId: string, asOf: string, cached: ContractAnswerCache | null = null): Promise<FulfilmentView> {
  if (!isIsoDate(asOf)) throw validationFailed([{ path: '/querystring/asOf', code: 'format', message: 'asOf is a calendar date YYYY-MM-DD.' }]);
  if (cached === null) {
    // One query for the contract and what the rules need (docs/decisions/0911).
    const loaded = await findContractWith(db, actor.organisationId, contractId, FULFILMENT_PARTS);
    if (!loaded || !mayRead(actor, loaded.contract)) throw notFound('The contract');
    return presentFulfilment(contractId, loaded, asOf);
  }
  if (unitScope(actor, 'contract:read')?.length === 0) throw notFound('The contract');
  const entry = await cachedContractAnswer(cached, 'contract_fulfilment', actor.organisationId, `${contractId} ${asOf}`, false, async () => {
    const loaded = await findContractWith(db, actor.organisationId, contractId, FULFILMENT_PARTS);
    return loaded ? { unitId: loaded.contract.unit.id, views: { [ANY_READER]: presentFulfilment(contractId, loaded, asOf) } } : null;
  });
  if (!entry || !mayRead(actor, { organisationId: actor.organisationId, unit: { id: entry.unitId } })) throw notFound('The contract');
  return entry.views[ANY_READER] as FulfilmentView;
}

const FULFILMENT_PARTS = ['commitments', 'placements', 'reports', 'sanctionSteps'] as const;
const ANY_READER = 'any_reader';

function presentFulfilment(contractId: string, facts: ContractFacts, asOf: string): FulfilmentView {
  const byId = new Map(facts.placements.map((p) => [p.id, p]));
  return {
    contractId,
    asOf,
    commitments: evaluateContract(facts, asOf).map(({ commitment, terms, fulfilment: f }) => ({
      commitmentId: commitment.id,
      kind: commitment.kind,
      measure: terms.measure,
      status: f.status,
      reasons: f.reasons,
      positionsRequired: f.positionsRequired,
      positionsFulfilled: f.positionsFulfilled,
      openPositions: f.openPositions,
      monthsPerPosition: roundMonths(terms.monthsPerPosition),
      fullTimeMonthsServed: roundMonths(f.fullTimeMonthsServed),
      fullTimeMonthsRequired: roundMonths(f.fullTimeMonthsRequired),
      monthsLeft: roundMonths(f.monthsLeft),
      firstHireDeadline: f.firstHireDeadline,
      firstHireMet: f.firstHireMet,
      penaltyDueOre: f.penaltyDueOre,
      bonusEarnedOre: f.bonusEarnedOre,
      placements: f.placements.map((e) => ({
        placementId: e.placementId,
        fullTimeMonths: roundMonths(e.fullTimeMonths),
        countsAsFulfilled: e.countsAsFulfilled,
        state: e.state,
        targetGroup: byId.get(e.placementId)!.targetGroup,
        employmentForm: byId.get(e.placementId)!.employmentForm,
      })),
    })),
  };
}

/* ---------------- open data ---------------- */

/**
 * The contracts of some procurements as open data needs them (OCDS `contracts[]` with the
 * metrics extension): agreed numbers per commitment and, per ended reporting period, positions
 * filled by its end and full-time months served in it, by target group and employment form.
 * Aggregates only: no participant reference leaves this function. The caller decides scope.
 */
export async function openDataContracts(db: Database, organisationId: string, procurementIds: readonly string[], asOf: string): Promise<Map<string, ContractForRelease[]>> {
  const out = new Map<string, ContractForRelease[]>();
  if (procurementIds.length === 0) return out;
  const list = (await listContractsOfProcurements(db, organisationId, procurementIds)).filter((c) => c.startsOn <= asOf || c.signedOn <= asOf);
  const facts = await loadContractFacts(db, organisationId, list);
  for (const f of facts) {
    const interval = f.commitments.length === 0 ? null : Math.min(...f.commitments.map((c) => termsOf(c, f.contract).reportingIntervalMonths));
    const periods = interval === null ? [] : reportingPeriods(f.contract, interval).filter((p) => p.endsOn < asOf);
    const commitments = f.commitments.map((c) => {
      const t = termsOf(c, f.contract);
      return { id: c.id, position: c.position, kind: c.kind, title: c.title, positionsRequired: t.positions, monthsPerPosition: t.monthsPerPosition };
    });
    const entry: ContractForRelease = {
      id: f.contract.id,
      referenceNumber: f.contract.referenceNumber,
      supplier: { name: f.contract.supplier.name, country: f.contract.supplier.country, nationalId: f.contract.supplier.nationalId },
      lotNumbers: f.contract.lotNumbers,
      signedOn: f.contract.signedOn,
      startsOn: f.contract.startsOn,
      endsOn: f.contract.endsOn,
      valueOre: f.contract.valueOre,
      commitments,
      periods: periods.map((p) => {
        const evaluated = evaluateContract(f, p.endsOn);
        const cells = new Map<string, { commitmentId: string; targetGroup: string; employmentForm: string; positionsFilled: number; fullTimeMonths: number }>();
        for (const { commitment, fulfilment } of evaluated) {
          for (const e of fulfilment.placements) {
            const placement = f.placements.find((x) => x.id === e.placementId)!;
            const from = placement.startedOn > p.startsOn ? placement.startedOn : p.startsOn;
            const end = placement.endedOn !== null && placement.endedOn < p.endsOn ? placement.endedOn : p.endsOn;
            const months = fullTimeMonthsBetween(from, end, placement.extentPercent);
            if (months === 0 && !e.countsAsFulfilled) continue;
            const key = `${commitment.id}|${placement.targetGroup}|${placement.employmentForm}`;
            const cell = cells.get(key) ?? { commitmentId: commitment.id, targetGroup: placement.targetGroup, employmentForm: placement.employmentForm, positionsFilled: 0, fullTimeMonths: 0 };
            cell.positionsFilled += e.countsAsFulfilled ? 1 : 0;
            cell.fullTimeMonths += months;
            cells.set(key, cell);
          }
        }
        return { sequence: p.sequence, startsOn: p.startsOn, endsOn: p.endsOn, cells: [...cells.values()] };
      }),
    };
    const procurementId = f.contract.procurement.id;
    (out.get(procurementId) ?? out.set(procurementId, []).get(procurementId)!).push(entry);
  }
  return out;
}

/*
 * Bulk writes without a request, for the demo seed: no rights check, no validation of the draft
 * and no audit event. The caller owns the transaction, has built consistent data and records
 * what it did. Everything a person or an integration does goes through the functions above.
 */

/** The supplier with this identity, registered if new (its name is kept when it exists). */
export function ensureSupplier(db: Database, identity: { country: string; nationalId: string; name: string }): Promise<SupplierRecord> {
  return upsertSupplier(db, identity);
}

/** Inserts a contract with its commitments; answers its id and the commitments as stored. */
export async function insertContractWithCommitments(
  db: Database,
  organisationId: string,
  contract: ContractWrite,
  list: Parameters<typeof insertCommitments>[3],
): Promise<{ id: string; commitments: CommitmentRecord[] }> {
  const id = await insertContract(db, organisationId, contract);
  await insertCommitments(db, organisationId, id, list);
  return { id, commitments: await listCommitments(db, organisationId, [id]) };
}

/** The commitments of the organisation's contracts, as stored. */
export function listContractCommitments(db: Database, organisationId: string, contractIds: readonly string[]): Promise<CommitmentRecord[]> {
  return listCommitments(db, organisationId, contractIds);
}

/** Inserts placements in batches, created and updated at `now`. */
export function insertPlacementRows(db: Database, organisationId: string, rows: Parameters<typeof insertPlacements>[2], now: Date): Promise<void> {
  return insertPlacements(db, organisationId, rows, now);
}

/** Inserts one step of the sanction ladder that the caller has checked with the domain's rules. */
export function insertCheckedSanctionStep(db: Database, organisationId: string, step: Parameters<typeof insertSanctionStep>[2]): Promise<string> {
  return insertSanctionStep(db, organisationId, step);
}
