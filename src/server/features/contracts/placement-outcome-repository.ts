import { and, asc, eq, sql } from 'drizzle-orm';
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
