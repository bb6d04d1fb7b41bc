import type { Database } from '../../../db/client.js';
import { can } from '../../../domain/access/can.js';
import { assertCan, type Who } from '../../access.js';
import { notFound, validationFailed } from '../../errors.js';
import { recordAudit } from '../audit/audit-service.js';
import { findPlacement } from './contract-repository.js';
import { readableContract, swedishDate } from './contract-service.js';
import type { PlacementOutcomeBody } from './contract-schemas.js';
import { listOutcomesOf, listPlacementOutcomes, savePlacementOutcome, saveSupplierOutcomes } from './placement-outcome-repository.js';

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

/**
 * What the supplier answered in its period report about its own ended placements: still employed
 * with it N months after the end, or not employed (the supplier cannot know about other
 * employers). Stored with source `supplier`; an officer's answer for the same placement and months
 * is kept (decision 0806). The caller (the supplier portal) has checked that each placement is one
 * of the supplier's on this contract and ended at least N months ago, and writes the audit events.
 */
export function recordSupplierOutcomes(db: Database, organisationId: string, outcomes: Parameters<typeof saveSupplierOutcomes>[2], now: Date): Promise<number> {
  return saveSupplierOutcomes(db, organisationId, outcomes, swedishDate(now), now);
}

/** The answers recorded so far on the given placements (any source), for the supplier's report form. */
export function outcomesOfPlacements(db: Database, organisationId: string, placementIds: readonly string[]) {
  return listOutcomesOf(db, organisationId, placementIds);
}
