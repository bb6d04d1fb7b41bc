import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { placementOutcomes } from '../../../db/schema/index.js';

export interface PlacementOutcome {
  monthsAfterEnd: number;
  status: 'employed_by_supplier' | 'employed_elsewhere' | 'not_employed' | 'unknown';
  source: 'officer' | 'supplier';
  recordedOn: string;
}

const columns = { monthsAfterEnd: placementOutcomes.monthsAfterEnd, status: placementOutcomes.status, source: placementOutcomes.source, recordedOn: placementOutcomes.recordedOn };

export function listPlacementOutcomes(db: Database, organisationId: string, placementId: string): Promise<PlacementOutcome[]> {
  return db
    .select(columns)
    .from(placementOutcomes)
    .where(and(eq(placementOutcomes.organisationId, organisationId), eq(placementOutcomes.placementId, placementId)))
    .orderBy(asc(placementOutcomes.monthsAfterEnd));
}

/** One answer per placement and months after the end: a new answer for the same months replaces the old. */
export async function savePlacementOutcome(db: Database, organisationId: string, placementId: string, outcome: PlacementOutcome, userId: string | null, now: Date): Promise<void> {
  await db
    .insert(placementOutcomes)
    .values({ organisationId, placementId, ...outcome, recordedBy: userId, updatedAt: now })
    .onConflictDoUpdate({
      target: [placementOutcomes.placementId, placementOutcomes.monthsAfterEnd],
      set: { status: outcome.status, source: outcome.source, recordedOn: outcome.recordedOn, recordedBy: userId, updatedAt: now },
      where: sql`${placementOutcomes.organisationId} = ${organisationId}`,
    });
}

/**
 * The supplier's answers from its period report (decision 0806): stored with source `supplier`,
 * replacing an earlier supplier answer for the same placement and months, never an officer's.
 * Returns how many were stored.
 */
export async function saveSupplierOutcomes(db: Database, organisationId: string, outcomes: ReadonlyArray<{ placementId: string; monthsAfterEnd: number; status: 'employed_by_supplier' | 'not_employed' }>, recordedOn: string, now: Date): Promise<number> {
  if (outcomes.length === 0) return 0;
  const stored = await db
    .insert(placementOutcomes)
    .values(outcomes.map((o) => ({ organisationId, placementId: o.placementId, monthsAfterEnd: o.monthsAfterEnd, status: o.status, source: 'supplier' as const, recordedOn, recordedBy: null, updatedAt: now })))
    .onConflictDoUpdate({
      target: [placementOutcomes.placementId, placementOutcomes.monthsAfterEnd],
      set: { status: sql`excluded.status`, recordedOn, updatedAt: now },
      where: sql`${placementOutcomes.organisationId} = ${organisationId} and ${placementOutcomes.source} = 'supplier'`,
    })
    .returning({ id: placementOutcomes.id });
  return stored.length;
}

/** Every answer on the given placements, for the supplier's report form. */
export function listOutcomesOf(db: Database, organisationId: string, placementIds: readonly string[]): Promise<Array<PlacementOutcome & { placementId: string }>> {
  if (placementIds.length === 0) return Promise.resolve([]);
  return db
    .select({ ...columns, placementId: placementOutcomes.placementId })
    .from(placementOutcomes)
    .where(and(eq(placementOutcomes.organisationId, organisationId), inArray(placementOutcomes.placementId, [...placementIds])))
    .orderBy(asc(placementOutcomes.monthsAfterEnd));
}
