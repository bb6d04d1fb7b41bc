import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { procurements } from '../../../db/schema/index.js';
import type { ProcurementStatus } from '../../../domain/procurement/procurement.js';
import type { ProcurementDraft } from '../../../domain/procurement/validate-procurement.js';
import { screenAfterProcurementChange, screenNewProcurements } from '../screening/screening-service.js';
import { findProcurement, insertProcurement, updateProcurement, type ProcurementRecord } from './procurement-repository.js';

/**
 * The register's surface for the eForms import (src/server/features/notices): an imported
 * procurement is stored, versioned and screened exactly like a typed one, by the feature that owns
 * the `procurements` table (issue 9, item 4). The caller owns the transaction and has decided that
 * the notice may reach this organisation's register (matching by organisation number).
 */

/** What the import needs to know of a procurement it may update. */
export interface ImportTarget {
  id: string;
  unitId: string;
  status: ProcurementStatus;
  version: number;
  responsibleUserId: string | null;
}

const TARGET_COLUMNS = {
  id: procurements.id,
  unitId: procurements.unitId,
  status: procurements.status,
  version: procurements.version,
  responsibleUserId: procurements.responsibleUserId,
};

/** The organisation's procurement with this id, or null. */
export async function findImportTarget(db: Database, organisationId: string, id: string): Promise<ImportTarget | null> {
  const [row] = await db
    .select(TARGET_COLUMNS)
    .from(procurements)
    .where(and(eq(procurements.organisationId, organisationId), eq(procurements.id, id)))
    .limit(1);
  return row ?? null;
}

/** The organisation's procurement with this reference number, or null. */
export async function findImportTargetByReference(db: Database, organisationId: string, referenceNumber: string): Promise<ImportTarget | null> {
  const [row] = await db
    .select(TARGET_COLUMNS)
    .from(procurements)
    .where(and(eq(procurements.organisationId, organisationId), eq(procurements.referenceNumber, referenceNumber)))
    .limit(1);
  return row ?? null;
}

/** The whole record, for merging a newer notice into it. */
export function findProcurementRecord(db: Database, organisationId: string, id: string): Promise<ProcurementRecord | null> {
  return findProcurement(db, organisationId, id);
}

/**
 * Stores a validated draft from a notice as a new procurement with the status the notice gives,
 * and screens it; returns its id. The row is new in this transaction, so its first version carries
 * the status.
 */
export async function createImportedProcurement(db: Database, organisationId: string, draft: ProcurementDraft, status: ProcurementStatus, now: Date): Promise<string> {
  const id = await insertProcurement(db, organisationId, draft);
  await writeStatus(db, organisationId, id, status, now, false);
  await screenNewProcurements(db, organisationId, [{ id, facts: draft }], now, 'created');
  return id;
}

async function writeStatus(db: Database, organisationId: string, id: string, status: ProcurementStatus, now: Date, bumpVersion: boolean): Promise<void> {
  await db
    .update(procurements)
    .set(bumpVersion ? { status, version: sql`${procurements.version} + 1`, updatedAt: now } : { status, updatedAt: now })
    .where(and(eq(procurements.organisationId, organisationId), eq(procurements.id, id)));
}

/**
 * Replaces a procurement's fields with a merged draft and sets the notice's status, if
 * `expectedVersion` is still current: one write, one new version. Screens it again; false (and
 * nothing written) when someone changed it meanwhile.
 */
export async function updateImportedProcurement(
  db: Database,
  who: { system: string; organisationId: string },
  id: string,
  expectedVersion: number,
  draft: ProcurementDraft,
  status: ProcurementStatus,
  now: Date,
): Promise<boolean> {
  const updated = await updateProcurement(db, who.organisationId, id, expectedVersion, draft, now);
  if (!updated) return false;
  // The same write as the fields above: its version was bumped there.
  await writeStatus(db, who.organisationId, id, status, now, false);
  await screenAfterProcurementChange(db, who, id, draft, 'updated', now);
  return true;
}

/**
 * Sets the status an imported notice gives (the notice is the evidence; see statusAfterImport)
 * without the user-facing transition check, and bumps `version` and `updatedAt` like every other
 * write, so an editor holding the old version gets a conflict instead of overwriting it.
 */
export async function setImportedStatus(db: Database, organisationId: string, id: string, status: ProcurementStatus, now: Date): Promise<void> {
  await writeStatus(db, organisationId, id, status, now, true);
}
