import type { Database } from '../../../db/client.js';
import { type Actor } from '../../../domain/access/can.js';
import { AppError, notFound, validationFailed, type FieldError } from '../../errors.js';
import { recordAudit, type AuditActor } from '../audit/audit-service.js';
import { normaliseOrganisationNumber } from '../../../domain/shared/organisation-number.js';
import { swedishDate } from '../contracts/contract-service.js';
import * as repo from './organisation-repository.js';
import { assertCan } from '../../access.js';

/** The tenant itself and its unit tree; changed by admins. */
type SignedIn = { actor: Actor; label: string };

export async function getOwnOrganisation(db: Database, actor: Actor) {
  const org = await repo.findOrganisation(db, actor.organisationId);
  if (!org) throw notFound('The organisation');
  return org;
}

export async function updateOwnOrganisation(db: Database, who: SignedIn, change: Parameters<typeof repo.updateOrganisation>[2]) {
  assertCan(who.actor, 'organisation:manage', { organisationId: who.actor.organisationId });
  return db.transaction(async (tx) => {
    const before = await repo.findOrganisation(tx, who.actor.organisationId);
    if (!before) throw notFound('The organisation');
    const after = await repo.updateOrganisation(tx, who.actor.organisationId, change);
    await recordAudit(tx, who, {
      action: 'organisation.updated',
      entityType: 'organisation',
      entityId: who.actor.organisationId,
      before: { name: before.name, socialGoalPercent: before.socialGoalPercent, openDataPublished: before.openDataPublished },
      after: { name: after.name, socialGoalPercent: after.socialGoalPercent, openDataPublished: after.openDataPublished },
    });
    return after;
  });
}

export async function listUnits(db: Database, actor: Actor) {
  assertCan(actor, 'unit:read', { organisationId: actor.organisationId });
  return repo.listUnits(db, actor.organisationId);
}

/** Which of `ids` are units of the organisation (for other features checking a unit reference). */
export const existingUnitIds = repo.existingUnitIds;
export const findOrganisationBySlug = repo.findOrganisationBySlug;
export const findOrganisationById = repo.findOrganisation;
export const findUnitByCode = repo.findUnitByCode;

async function checkUnit(db: Database, organisationId: string, body: { parentId?: string | null | undefined; organisationNumber?: string | null | undefined }, now: Date, selfId?: string) {
  const errors: FieldError[] = [];
  let organisationNumber: string | null | undefined = body.organisationNumber;
  if (body.organisationNumber) {
    organisationNumber = normaliseOrganisationNumber(body.organisationNumber, swedishDate(now));
    if (organisationNumber === null) errors.push({ path: '/body/organisationNumber', code: 'invalid_organisation_number', message: 'Not a valid Swedish organisation number.' });
  }
  if (body.parentId) {
    const parents = await repo.unitParents(db, organisationId);
    if (!parents.has(body.parentId)) errors.push({ path: '/body/parentId', code: 'unknown_unit', message: 'No such unit.' });
    // Walking up from the new parent must never reach the unit itself.
    for (let at: string | null | undefined = body.parentId; at && selfId; at = parents.get(at)) {
      if (at === selfId) {
        errors.push({ path: '/body/parentId', code: 'cycle', message: 'A unit cannot be placed below itself.' });
        break;
      }
    }
  }
  if (errors.length > 0) throw validationFailed(errors);
  return organisationNumber;
}

export async function createUnit(
  db: Database,
  who: SignedIn,
  body: { code: string; name: string; parentId?: string | null | undefined; organisationNumber?: string | null | undefined },
  now: Date,
) {
  const organisationId = who.actor.organisationId;
  assertCan(who.actor, 'unit:manage', { organisationId });
  const organisationNumber = await checkUnit(db, organisationId, body, now);
  return db.transaction(async (tx) => {
    if (await repo.findUnitByCode(tx, organisationId, body.code)) throw validationFailed([{ path: '/body/code', code: 'duplicate', message: 'That code is already used.' }]);
    const row = await repo.insertUnit(tx, { organisationId, code: body.code, name: body.name, parentId: body.parentId ?? null, organisationNumber: organisationNumber ?? null });
    await recordAudit(tx, who, { action: 'unit.created', entityType: 'unit', entityId: row.id, after: row });
    return row;
  });
}

export async function updateUnit(
  db: Database,
  who: SignedIn,
  id: string,
  body: { code?: string | undefined; name?: string | undefined; parentId?: string | null | undefined; organisationNumber?: string | null | undefined },
  now: Date,
) {
  const organisationId = who.actor.organisationId;
  assertCan(who.actor, 'unit:manage', { organisationId });
  const organisationNumber = await checkUnit(db, organisationId, body, now, id);
  return db.transaction(async (tx) => {
    const before = await repo.findUnit(tx, organisationId, id);
    if (!before) throw notFound('The unit');
    const after = await repo.updateUnit(tx, organisationId, id, { ...body, ...(organisationNumber !== undefined ? { organisationNumber } : {}) });
    await recordAudit(tx, who, { action: 'unit.updated', entityType: 'unit', entityId: before.id, before, after });
    return after;
  });
}

export async function deleteUnit(db: Database, who: SignedIn, id: string): Promise<void> {
  const organisationId = who.actor.organisationId;
  assertCan(who.actor, 'unit:manage', { organisationId });
  await db.transaction(async (tx) => {
    const unit = await repo.findUnit(tx, organisationId, id);
    if (!unit) throw notFound('The unit');
    if ((await repo.countUnitDependants(tx, unit.id)) > 0) throw new AppError('conflict', 'The unit still has procurements or sub-units.');
    await repo.deleteUnit(tx, unit.id);
    await recordAudit(tx, who, { action: 'unit.deleted', entityType: 'unit', entityId: unit.id, before: unit });
  });
}

export type { AuditActor };
