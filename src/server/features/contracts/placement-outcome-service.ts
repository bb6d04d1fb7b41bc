import type { Database } from '../../../db/client.js';
import { can } from '../../../domain/access/can.js';
import { assertCan, type Who } from '../../access.js';
import { notFound, validationFailed } from '../../errors.js';
import { recordAudit } from '../audit/audit-service.js';
import { findPlacement } from './contract-repository.js';
import { readableContract, swedishDate } from './contract-service.js';
import type { PlacementOutcomeBody } from './contract-schemas.js';
import { listPlacementOutcomes, savePlacementOutcome } from './placement-outcome-repository.js';

async function readablePlacement(db: Database, who: Who, contractId: string, placementId: string) {
  const contract = await readableContract(db, who.actor, contractId);
  const placement = await findPlacement(db, who.actor.organisationId, contractId, placementId);
  if (!placement || !can(who.actor, 'placement:read', { organisationId: contract.organisationId, unitId: contract.unit.id })) throw notFound('The placement');
  return { contract, placement };
}

/** The answers recorded on what became of the person after the placement ended. */
export async function placementOutcomesOf(db: Database, who: Who, contractId: string, placementId: string) {
  await readablePlacement(db, who, contractId, placementId);
  return { items: await listPlacementOutcomes(db, who.actor.organisationId, placementId) };
}

/**
 * Records, for an ended placement, whether the person is still employed N months after the end
 * — by the supplier, elsewhere, not at all, or that nobody knows — as the officer learnt it
 * (issue 15, "still employed after the placement ended, where known"). An answer for the same
 * months replaces the earlier one; the audit trail keeps both.
 */
export async function recordPlacementOutcome(db: Database, who: Who, contractId: string, placementId: string, body: PlacementOutcomeBody, now: Date) {
  return db.transaction(async (tx) => {
    const { contract, placement } = await readablePlacement(tx, who, contractId, placementId);
    assertCan(who.actor, 'placement:manage', { organisationId: contract.organisationId, unitId: contract.unit.id });
    const today = swedishDate(now);
    if (placement.endedOn === null || placement.endedOn > today) {
      throw validationFailed([{ path: '/body', code: 'placement_not_ended', message: 'Only an ended placement has an outcome after its end.' }]);
    }
    const before = (await listPlacementOutcomes(tx, who.actor.organisationId, placementId)).find((o) => o.monthsAfterEnd === body.monthsAfterEnd);
    const outcome = { monthsAfterEnd: body.monthsAfterEnd, status: body.status, source: 'officer' as const, recordedOn: today };
    await savePlacementOutcome(tx, who.actor.organisationId, placementId, outcome, who.actor.userId, now);
    await recordAudit(tx, who, { action: 'placement.outcome_recorded', entityType: 'contract', entityId: contractId, before: before ? { placementId, ...before } : undefined, after: { placementId, ...outcome } });
    return { items: await listPlacementOutcomes(tx, who.actor.organisationId, placementId) };
  });
}
