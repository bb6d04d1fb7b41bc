import type { Database } from '../client.js';
import { auditEvents } from '../schema/index.js';
import { createRandom, type GeneratedProcurement } from './generate-demo-data.js';

/**
 * A believable history for seeded procurements: registered by its responsible person some
 * months before the contract starts, now and then an edit (a revised value or duration), and
 * one event per status step up to the current status, in the same shape the services write
 * (`procurement.created`, `procurement.updated` with before/after, `procurement.status_changed`).
 * Written directly with its dates (the services stamp "now"); deterministic per organisation;
 * no event lies in the future.
 */

const PATH: ReadonlyArray<GeneratedProcurement['status']> = ['planned', 'in_preparation', 'published', 'evaluation', 'awarded'];
const DAY = 86_400_000;

export interface SeededProcurement {
  id: string;
  facts: GeneratedProcurement;
}

interface Actor {
  userId: string | null;
  label: string;
}

/** The audit events of one organisation's seeded procurements; returns how many were written. */
export async function seedProcurementHistory(
  db: Database,
  organisationId: string,
  procurements: readonly SeededProcurement[],
  actors: { procurer: Actor | null; coordinator: Actor | null },
  now: Date,
  seed: number,
): Promise<number> {
  const random = createRandom(seed);
  const rows: Array<typeof auditEvents.$inferInsert> = [];
  const latest = now.getTime() - 60 * 60_000;
  for (const { id, facts } of procurements) {
    const who = (facts.responsibleRole === 'procurer' ? actors.procurer : actors.coordinator) ?? actors.coordinator ?? actors.procurer;
    if (!who) continue;
    const start = Date.parse(`${facts.contractStart}T09:00:00Z`);
    // Registered 8–14 months before the planned start; each later step a few weeks after the last.
    let at = start - (240 + Math.floor(random() * 180)) * DAY;
    const events: Array<Omit<typeof auditEvents.$inferInsert, 'organisationId' | 'createdAt'> & { at: number }> = [];
    const { lots: _lots, responsibleRole: _role, status: _status, ...created } = facts;
    events.push({ at, actorUserId: who.userId, actorLabel: who.label, action: 'procurement.created', entityType: 'procurement', entityId: id, after: { ...created, status: 'planned' } });
    if (random() < 0.35) {
      at += (10 + Math.floor(random() * 30)) * DAY;
      const field = random() < 0.6 ? 'estimatedValueOre' : 'durationMonths';
      const before = field === 'estimatedValueOre' ? Math.round((facts.estimatedValueOre * (0.7 + random() * 0.25)) / 10_000_000) * 10_000_000 : Math.max(6, facts.durationMonths - 12);
      if (before !== facts[field]) {
        events.push({ at, actorUserId: who.userId, actorLabel: who.label, action: 'procurement.updated', entityType: 'procurement', entityId: id, before: { [field]: before }, after: { [field]: facts[field] } });
      }
    }
    const steps = facts.status === 'cancelled' ? ['planned', random() < 0.5 ? 'in_preparation' : 'planned', 'cancelled'] : PATH.slice(0, PATH.indexOf(facts.status) + 1);
    for (let i = 1; i < steps.length; i++) {
      if (steps[i] === steps[i - 1]) continue;
      at += (14 + Math.floor(random() * 45)) * DAY;
      events.push({
        at,
        actorUserId: who.userId,
        actorLabel: who.label,
        action: 'procurement.status_changed',
        entityType: 'procurement',
        entityId: id,
        before: { status: steps[i - 1] },
        after: { status: steps[i] },
      });
    }
    // Nothing in the future: a history that would run past now is squeezed into the last hours.
    events.forEach((e, i) => {
      const createdAt = new Date(Math.min(e.at, latest - (events.length - i) * 60 * 60_000));
      const { at: _at, ...row } = e;
      rows.push({ ...row, organisationId, createdAt });
    });
  }
  for (let i = 0; i < rows.length; i += 500) await db.insert(auditEvents).values(rows.slice(i, i + 500));
  return rows.length;
}
