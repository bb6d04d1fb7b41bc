import type { Database } from '../../../db/client.js';
import { can, type Actor } from '../../../domain/access/can.js';
import { notFound } from '../../errors.js';
import { findProcurement, type ProcurementRecord } from './procurement-repository.js';

export type { ProcurementRecord };

/**
 * A procurement of the actor's organisation that the actor may read, or 404 — never 403, so
 * another organisation's (or another unit's) procurement is indistinguishable from none (0002).
 * Its own module so that screening and decisions can read a procurement without importing the
 * procurement service, which itself calls screening (no import circle).
 */
export async function getProcurement(db: Database, actor: Actor, id: string): Promise<ProcurementRecord> {
  const record = await findProcurement(db, actor.organisationId, id);
  if (!record || !can(actor, 'procurement:read', { organisationId: record.organisationId, unitId: record.unitId })) {
    throw notFound('The procurement');
  }
  return record;
}
