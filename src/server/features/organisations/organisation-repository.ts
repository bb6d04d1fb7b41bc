import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { organisations, procurements, units } from '../../../db/schema/index.js';

export type OrganisationRecord = typeof organisations.$inferSelect;
export interface UnitRecord {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  organisationNumber: string | null;
}

const unitColumns = { id: units.id, code: units.code, name: units.name, parentId: units.parentId, organisationNumber: units.organisationNumber };

export async function findOrganisation(db: Database, id: string): Promise<OrganisationRecord | null> {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, id));
  return org ?? null;
}

export async function findOrganisationBySlug(db: Database, slug: string): Promise<OrganisationRecord | null> {
  const [org] = await db.select().from(organisations).where(eq(organisations.slug, slug));
  return org ?? null;
}

export async function updateOrganisation(
  db: Database,
  id: string,
  change: { name?: string | undefined; socialGoalPercent?: number | undefined; openDataPublished?: boolean | undefined },
): Promise<OrganisationRecord> {
  const [after] = await db.update(organisations).set(change).where(eq(organisations.id, id)).returning();
  return after!;
}

export async function listUnits(db: Database, organisationId: string): Promise<UnitRecord[]> {
  return db.select(unitColumns).from(units).where(eq(units.organisationId, organisationId)).orderBy(asc(units.name));
}

export async function findUnit(db: Database, organisationId: string, id: string): Promise<UnitRecord | null> {
  const [unit] = await db.select(unitColumns).from(units).where(and(eq(units.organisationId, organisationId), eq(units.id, id)));
  return unit ?? null;
}

export async function findUnitByCode(db: Database, organisationId: string, code: string): Promise<UnitRecord | null> {
  const [unit] = await db.select(unitColumns).from(units).where(and(eq(units.organisationId, organisationId), eq(units.code, code)));
  return unit ?? null;
}

/** Which of `ids` are units of the organisation. */
export async function existingUnitIds(db: Database, organisationId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: units.id }).from(units).where(and(eq(units.organisationId, organisationId), inArray(units.id, ids)));
  return new Set(rows.map((r) => r.id));
}

/** Each unit's parent, for walking the tree. */
export async function unitParents(db: Database, organisationId: string): Promise<Map<string, string | null>> {
  const all = await db.select({ id: units.id, parentId: units.parentId }).from(units).where(eq(units.organisationId, organisationId));
  return new Map(all.map((u) => [u.id, u.parentId]));
}

export async function insertUnit(
  db: Database,
  unit: { organisationId: string; code: string; name: string; parentId: string | null; organisationNumber: string | null },
): Promise<UnitRecord> {
  const [row] = await db.insert(units).values(unit).returning(unitColumns);
  return row!;
}

export async function updateUnit(
  db: Database,
  organisationId: string,
  id: string,
  change: { code?: string | undefined; name?: string | undefined; parentId?: string | null | undefined; organisationNumber?: string | null | undefined },
): Promise<UnitRecord> {
  const [row] = await db.update(units).set(change).where(and(eq(units.organisationId, organisationId), eq(units.id, id))).returning(unitColumns);
  return row!;
}

/** Procurements and sub-units that keep a unit from being removed. */
export async function countUnitDependants(db: Database, unitId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`(select count(*) from ${procurements} where ${procurements.unitId} = ${unitId}) + (select count(*) from ${units} where ${units.parentId} = ${unitId})`.mapWith(Number) })
    .from(units)
    .where(eq(units.id, unitId));
  return row?.n ?? 0;
}

export async function deleteUnit(db: Database, id: string): Promise<void> {
  await db.delete(units).where(eq(units.id, id));
}
