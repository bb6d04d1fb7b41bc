import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { memberships, organisations, procurementDecisions, procurements, screenings, units, users } from '../../../db/schema/index.js';
import type { ContractNature, ProcedureType } from '../../../domain/procurement/procurement.js';
import { filterConditions, orderByOf, type ListFilter } from './procurement-repository.js';

/** A procurement with everything the spreadsheet columns need, by codes and e-mail rather than ids. */
export interface RegisterRow {
  id: string;
  referenceNumber: string;
  title: string;
  description: string;
  unitId: string;
  unitCode: string;
  responsibleEmail: string | null;
  contractNature: ContractNature;
  mainCpv: string;
  additionalCpv: string[];
  estimatedValueOre: number | null;
  contractStart: string | null;
  durationMonths: number | null;
  extensionMonths: number | null;
  procedureType: ProcedureType | null;
  labourNeedFte: number | null;
  status: string;
  /** The current screening's recommendation, the decision's kind, date (ISO) and justification. */
  recommendation: string | null;
  decisionKind: string | null;
  decidedAt: string | null;
  justification: string | null;
}

/**
 * The ids of every procurement matching the list filter, in the list's order, at most
 * `limit`. Taking the ids first fixes the set and its order for an export that is then read
 * in batches (no deep OFFSET, no row seen twice).
 */
export async function listMatchingIds(db: Database, organisationId: string, filter: ListFilter & { sort: string }, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: procurements.id })
    .from(procurements)
    .where(and(...filterConditions(organisationId, filter)))
    .orderBy(...orderByOf(filter.sort))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** The given procurements of an organisation, in the order of `ids`. */
export async function findRegisterRows(db: Database, organisationId: string, ids: string[]): Promise<RegisterRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      id: procurements.id,
      referenceNumber: procurements.referenceNumber,
      title: procurements.title,
      description: procurements.description,
      unitId: procurements.unitId,
      unitCode: units.code,
      responsibleEmail: users.email,
      contractNature: procurements.contractNature,
      mainCpv: procurements.mainCpv,
      additionalCpv: procurements.additionalCpv,
      estimatedValueOre: procurements.estimatedValueOre,
      contractStart: procurements.contractStart,
      durationMonths: procurements.durationMonths,
      extensionMonths: procurements.extensionMonths,
      procedureType: procurements.procedureType,
      labourNeedFte: procurements.labourNeedFte,
      status: procurements.status,
      recommendation: screenings.recommendation,
      decisionKind: procurementDecisions.kind,
      decidedAt: procurementDecisions.decidedAt,
      justification: procurementDecisions.justification,
    })
    .from(procurements)
    .innerJoin(units, eq(units.id, procurements.unitId))
    .leftJoin(users, eq(users.id, procurements.responsibleUserId))
    .leftJoin(screenings, and(eq(screenings.procurementId, procurements.id), eq(screenings.isCurrent, true)))
    .leftJoin(procurementDecisions, eq(procurementDecisions.procurementId, procurements.id))
    .where(and(eq(procurements.organisationId, organisationId), inArray(procurements.id, ids)));
  const byId = new Map(
    rows.map((r) => [
      r.id,
      {
        ...r,
        procedureType: r.procedureType as ProcedureType | null,
        // The decision's day in Swedish time, as the register shows it.
        decidedAt: r.decidedAt === null ? null : new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(r.decidedAt),
      },
    ]),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function listUnitCodes(db: Database, organisationId: string): Promise<Array<{ id: string; code: string; name: string }>> {
  return db.select({ id: units.id, code: units.code, name: units.name }).from(units).where(eq(units.organisationId, organisationId)).orderBy(units.code);
}

/** Members of an organisation by lower-case e-mail. */
export async function memberIdsByEmail(db: Database, organisationId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectDistinct({ id: users.id, email: sql<string>`lower(${users.email})` })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organisationId, organisationId));
  return new Map(rows.map((r) => [r.email, r.id]));
}

export async function findOrganisationSlug(db: Database, organisationId: string): Promise<string> {
  const [row] = await db.select({ slug: organisations.slug }).from(organisations).where(eq(organisations.id, organisationId)).limit(1);
  return row?.slug ?? 'organisation';
}
