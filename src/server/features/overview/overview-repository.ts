import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { procurements, units } from '../../../db/schema/index.js';

/** Counts of an organisation's procurements by status and unit (a read model; writes nothing). */
export async function countProcurementsByStatusAndUnit(db: Database, organisationId: string) {
  return db
    .select({
      unitId: units.id,
      unitName: units.name,
      status: procurements.status,
      count: sql<number>`count(*)`.mapWith(Number),
    })
    .from(procurements)
    .innerJoin(units, eq(units.id, procurements.unitId))
    .where(eq(procurements.organisationId, organisationId))
    .groupBy(units.id, units.name, procurements.status)
    .orderBy(units.name);
}
