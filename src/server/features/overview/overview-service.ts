import type { Database } from '../../../db/client.js';
import { type Actor } from '../../../domain/access/can.js';
import { countProcurementsByStatusAndUnit } from './overview-repository.js';
import type { OverviewView } from './overview-schemas.js';
import { assertCan } from '../../access.js';

/** The organisation's procurements counted by status, in total and per unit. */
export async function getOverview(db: Database, actor: Actor): Promise<OverviewView> {
  assertCan(actor, 'procurement:read', { organisationId: actor.organisationId });
  const rows = await countProcurementsByStatusAndUnit(db, actor.organisationId);
  const byStatus: Record<string, number> = {};
  const byUnit = new Map<string, OverviewView['byUnit'][number]>();
  for (const r of rows) {
    byStatus[r.status] = (byStatus[r.status] ?? 0) + r.count;
    const unit = byUnit.get(r.unitId) ?? { unitId: r.unitId, unitName: r.unitName, total: 0, byStatus: {} };
    unit.total += r.count;
    unit.byStatus[r.status] = r.count;
    byUnit.set(r.unitId, unit);
  }
  return { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus, byUnit: [...byUnit.values()] };
}
