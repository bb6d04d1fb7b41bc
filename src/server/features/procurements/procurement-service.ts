import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { memberships, units } from '../../../db/schema/index.js';
import { can, type Actor } from '../../../domain/access/can.js';
import { canTransition, isDeletable, isFinalStatus, nextStatuses } from '../../../domain/procurement/procurement-status.js';
import type { ProcurementStatus } from '../../../domain/procurement/procurement.js';
import { validateProcurementDraft, type ProcurementDraft } from '../../../domain/procurement/validate-procurement.js';
import { loadCpvCatalogue } from '../../../interop/reference/cpv-catalogue.js';
import { AppError, validationFailed, type FieldError } from '../../errors.js';
import { assertCan, type Who } from '../../access.js';
import { recordAudit, recordAudits } from '../audit/audit-service.js';
import { screenAfterProcurementChange, screenNewProcurements } from '../screening/screening-service.js';
import {
  deleteProcurement as deleteRow,
  insertProcurements,
  listProcurements,
  setProcurementStatus,
  takenReferences,
  updateProcurement as updateRow,
  type ListOptions,
  type ProcurementRecord,
} from './procurement-repository.js';
import type { ListCache } from './list-cache.js';
import type { RegisterVersions } from './register-versions.js';
import type { RegisterSnapshots } from './register-snapshot.js';
import { getProcurement } from './procurement-read-service.js';
import type { Procurement, ProcurementCreate, ProcurementListItem, ProcurementPatch } from './procurement-schemas.js';

export { getProcurement };
/** The versioned answer cache of decision 0202, also used by the follow-up queue (decision 0911). */
export { createListCache, type ListCache } from './list-cache.js';
export { createRegisterVersions } from './register-versions.js';

function cpvRef(code: string) {
  const entry = loadCpvCatalogue().get(code);
  return { code, sv: entry?.sv ?? code, en: entry?.en ?? code };
}

function toDraft(input: ProcurementCreate): ProcurementDraft {
  return {
    referenceNumber: input.referenceNumber.trim(),
    title: input.title.trim(),
    description: input.description ?? '',
    unitId: input.unitId,
    responsibleUserId: input.responsibleUserId ?? null,
    contractNature: input.contractNature,
    mainCpv: input.mainCpv,
    additionalCpv: input.additionalCpv ?? [],
    estimatedValueOre: input.estimatedValueOre ?? null,
    contractStart: input.contractStart ?? null,
    durationMonths: input.durationMonths ?? null,
    extensionMonths: input.extensionMonths ?? null,
    procedureType: input.procedureType ?? null,
    labourNeedFte: input.labourNeedFte ?? null,
    lots: (input.lots ?? []).map((l) => ({
      lotNumber: l.lotNumber,
      title: l.title.trim(),
      mainCpv: l.mainCpv,
      estimatedValueOre: l.estimatedValueOre ?? null,
      durationMonths: l.durationMonths ?? null,
    })),
  };
}

/**
 * Checks a draft against everything that needs the database: the unit belongs to the
 * organisation (and to the actor, for unit-limited procurers), the responsible person is a
 * member, the reference number is free. Returns every problem with its field path.
 */
export async function checkDraft(db: Database, who: Who, draft: ProcurementDraft, exceptId?: string): Promise<FieldError[]> {
  return (await checkDrafts(db, who, [draft], exceptId))[0]!;
}

/**
 * checkDraft for many drafts at once (spreadsheet import): the same rules, with one lookup
 * per kind instead of three queries per draft. Problems are returned per draft, in order.
 */
export async function checkDrafts(db: Database, who: Who, drafts: ProcurementDraft[], exceptId?: string): Promise<FieldError[][]> {
  const organisationId = who.actor.organisationId;
  const unitIds = [...new Set(drafts.map((d) => d.unitId))];
  const userIds = [...new Set(drafts.flatMap((d) => (d.responsibleUserId === null ? [] : [d.responsibleUserId])))];
  const knownUnits = new Set<string>();
  for (let i = 0; i < unitIds.length; i += 1000) {
    const rows = await db
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.organisationId, organisationId), inArray(units.id, unitIds.slice(i, i + 1000))));
    for (const r of rows) knownUnits.add(r.id);
  }
  const knownMembers = new Set<string>();
  for (let i = 0; i < userIds.length; i += 1000) {
    const rows = await db
      .selectDistinct({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.organisationId, organisationId), inArray(memberships.userId, userIds.slice(i, i + 1000))));
    for (const r of rows) knownMembers.add(r.userId);
  }
  const taken = await takenReferences(db, organisationId, drafts.map((d) => d.referenceNumber).filter((r) => r !== ''), exceptId);
  return drafts.map((draft) => {
    const problems: FieldError[] = validateProcurementDraft(draft, { isKnownCpv: (c) => loadCpvCatalogue().has(c) });
    if (!knownUnits.has(draft.unitId)) problems.push({ path: '/unitId', code: 'unknown_unit', message: 'No such unit in your organisation.' });
    else if (!can(who.actor, 'procurement:create', { organisationId, unitId: draft.unitId })) {
      problems.push({ path: '/unitId', code: 'unit_not_yours', message: 'You can only register procurements for your own units.' });
    }
    if (draft.responsibleUserId !== null && !knownMembers.has(draft.responsibleUserId)) {
      problems.push({ path: '/responsibleUserId', code: 'unknown_user', message: 'No such person in your organisation.' });
    }
    if (draft.referenceNumber !== '' && taken.has(draft.referenceNumber)) {
      problems.push({ path: '/referenceNumber', code: 'duplicate', message: `Reference number ${draft.referenceNumber} is already used.` });
    }
    return problems;
  });
}

/** The API view of a procurement for this actor: labels resolved, personal data only for those allowed. */
export function present(record: ProcurementRecord, actor: Actor): Procurement {
  const resource = { organisationId: record.organisationId, unitId: record.unitId };
  const mayChangeStatus = can(actor, 'procurement:change_status', resource);
  return {
    id: record.id,
    referenceNumber: record.referenceNumber,
    title: record.title,
    description: record.description,
    unit: record.unit,
    responsible: can(actor, 'personal_data:read', resource) ? record.responsible : null,
    contractNature: record.contractNature,
    mainCpv: cpvRef(record.mainCpv),
    additionalCpv: record.additionalCpv.map(cpvRef),
    estimatedValueOre: record.estimatedValueOre,
    contractStart: record.contractStart,
    durationMonths: record.durationMonths,
    extensionMonths: record.extensionMonths,
    procedureType: record.procedureType,
    labourNeedFte: record.labourNeedFte,
    status: record.status,
    allowedTransitions: mayChangeStatus ? [...nextStatuses(record.status)] : [],
    isDeletable: isDeletable(record.status) && can(actor, 'procurement:delete', resource),
    canEdit: !isFinalStatus(record.status) && can(actor, 'procurement:update', resource),
    lots: record.lots.map((l) => ({ ...l, mainCpv: cpvRef(l.mainCpv) })),
    screening: record.screening ? { ...record.screening, screenedAt: record.screening.screenedAt.toISOString() } : null,
    decision: record.decision ? { ...record.decision, decidedAt: record.decision.decidedAt.toISOString() } : null,
    version: record.version,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

export type RegisterPage = { items: ProcurementListItem[]; total: number };

/**
 * One page of the register. With a cache, an answer computed earlier is reused while the
 * organisation's register version is unchanged; the version is read before the list query, so
 * a write that commits in between only makes the stored answer newer than its version says.
 */
export async function listProcurementsFor(
  db: Database,
  actor: Actor,
  options: ListOptions,
  cached: { cache: ListCache<RegisterPage>; versions: RegisterVersions; onLookup?: (hit: boolean) => void; snapshots?: RegisterSnapshots | null } | null = null,
  /** The register version already read in this request (with the caller), if any. */
  knownVersion?: number,
): Promise<RegisterPage> {
  assertCan(actor, 'procurement:read', { organisationId: actor.organisationId });
  // With a cache, a miss is cut from the organisation's register snapshot when it has one (decision 0913).
  const compute = async (version?: number): Promise<RegisterPage> => {
    const fromSnapshot = version === undefined || !cached?.snapshots ? null : await cached.snapshots.list(db, actor.organisationId, version, options);
    const { rows, total } = fromSnapshot ?? (await listProcurements(db, actor.organisationId, options));
    return { total, items: rows.map((r) => ({ ...r, mainCpv: cpvRef(r.mainCpv), updatedAt: r.updatedAt.toISOString() })) };
  };
  if (cached === null) return compute();
  const version = knownVersion ?? (await cached.versions.current(actor.organisationId));
  const key = JSON.stringify(options);
  const hit = cached.cache.get(actor.organisationId, key, version);
  cached.onLookup?.(hit !== undefined);
  if (hit !== undefined) return hit;
  const page = await compute(version);
  cached.cache.set(actor.organisationId, key, version, page);
  return page;
}

/** Stores a checked draft and its audit event; the caller owns the transaction. */
export async function insertCheckedDraft(db: Database, who: Who, draft: ProcurementDraft, now: Date, action = 'procurement.created'): Promise<string> {
  return (await insertCheckedDrafts(db, who, [draft], now, action))[0]!;
}

/** insertCheckedDraft for many drafts: bulk inserts, one audit event per procurement. */
export async function insertCheckedDrafts(db: Database, who: Who, drafts: ProcurementDraft[], now: Date, action = 'procurement.created'): Promise<string[]> {
  const ids = await insertProcurements(db, who.actor.organisationId, drafts);
  await recordAudits(
    db,
    who,
    drafts.map((draft, i) => ({ action, entityType: 'procurement', entityId: ids[i]!, after: draft })),
  );
  // Every new procurement is screened at once, in the same transaction.
  await screenNewProcurements(
    db,
    who.actor.organisationId,
    ids.map((id, i) => ({ id, facts: drafts[i]! })),
    now,
    'created',
    who.actor.userId,
  );
  return ids;
}

export async function createProcurement(db: Database, who: Who, input: ProcurementCreate, now: Date): Promise<string> {
  assertCan(who.actor, 'procurement:create', { organisationId: who.actor.organisationId });
  const draft = toDraft(input);
  return db.transaction(async (tx) => {
    const problems = await checkDraft(tx, who, draft);
    if (problems.length > 0) throw validationFailed(problems.map((p) => ({ ...p, path: `/body${p.path}` })));
    return insertCheckedDraft(tx, who, draft, now);
  });
}

export { toDraft as draftFromInput };

export async function updateProcurement(db: Database, who: Who, id: string, patch: ProcurementPatch, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await getProcurement(tx, who.actor, id);
    const resource = { organisationId: current.organisationId, unitId: current.unitId };
    assertCan(who.actor, 'procurement:update', resource);
    if (isFinalStatus(current.status)) {
      throw new AppError('conflict', `A procurement that is ${current.status} can no longer be edited.`);
    }
    const { version, ...changes } = patch;
    const merged = toDraft({ ...current, ...changes } as ProcurementCreate);
    const problems = await checkDraft(tx, who, merged, id);
    if (problems.length > 0) throw validationFailed(problems.map((p) => ({ ...p, path: `/body${p.path}` })));
    if (!(await updateRow(tx, who.actor.organisationId, id, version, merged, now))) {
      throw new AppError('stale_version', 'Someone else changed this procurement after you opened it. Reload and try again.', {
        currentVersion: current.version,
      });
    }
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const key of Object.keys(changes) as Array<keyof ProcurementDraft>) {
      const was = (current as unknown as ProcurementDraft)[key];
      if (JSON.stringify(was) !== JSON.stringify(merged[key])) {
        before[key] = was;
        after[key] = merged[key];
      }
    }
    await recordAudit(tx, who, { action: 'procurement.updated', entityType: 'procurement', entityId: id, before, after });
    await screenAfterProcurementChange(tx, who, id, merged, 'updated', now);
  });
}

export async function changeProcurementStatus(
  db: Database,
  who: Who,
  id: string,
  to: ProcurementStatus,
  expectedVersion: number | undefined,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await getProcurement(tx, who.actor, id);
    assertCan(who.actor, 'procurement:change_status', { organisationId: current.organisationId, unitId: current.unitId });
    if (!canTransition(current.status, to)) {
      throw new AppError('invalid_transition', `A procurement that is ${current.status} cannot become ${to}.`, {
        from: current.status,
        to,
        allowed: nextStatuses(current.status),
      });
    }
    if (!(await setProcurementStatus(tx, who.actor.organisationId, id, expectedVersion ?? current.version, to, now))) {
      throw new AppError('stale_version', 'Someone else changed this procurement after you opened it. Reload and try again.');
    }
    await recordAudit(tx, who, {
      action: 'procurement.status_changed',
      entityType: 'procurement',
      entityId: id,
      before: { status: current.status },
      after: { status: to },
    });
  });
}

export async function removeProcurement(db: Database, who: Who, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await getProcurement(tx, who.actor, id);
    assertCan(who.actor, 'procurement:delete', { organisationId: current.organisationId, unitId: current.unitId });
    if (!isDeletable(current.status)) {
      throw new AppError('not_deletable', 'Only planned procurements can be deleted; cancel it instead.');
    }
    await deleteRow(tx, who.actor.organisationId, id);
    const { organisationId: _o, unit: _u, responsible: _r, ...snapshot } = current;
    await recordAudit(tx, who, { action: 'procurement.deleted', entityType: 'procurement', entityId: id, before: snapshot });
  });
}
