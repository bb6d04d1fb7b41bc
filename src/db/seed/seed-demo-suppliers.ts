import { and, asc, eq, inArray, like } from 'drizzle-orm';
import { reportingPeriods } from '../../domain/follow-up/reporting-periods.js';
import { hashPassword } from '../../server/features/auth/auth-service.js';
import { swedishDate } from '../../server/features/contracts/follow-up-service.js';
import { ensureSupplierOrganisation, insertSubmittedReport } from '../../server/features/supplier-portal/supplier-portal-service.js';
import type { Database } from '../client.js';
import { auditEvents, contracts, memberships, periodReports, suppliers, users } from '../schema/index.js';
import { DEMO_PASSWORD } from './seed-demo.js';

/** Lokalvård Väst's account: the supplier portal's demo login (README). */
export const DEMO_SUPPLIER_EMAIL = 'supplier@lokalvard-vast.example';

const slugOf = (name: string) =>
  name
    .replace(/\(demo\)/i, '')
    .replace(/\bAB\b/g, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' och ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * The supplier portal's demo (docs/supplier-portal.md): every demo supplier with a contract gets
 * its supplier organisation and an admin account `supplier@<company>.example` with the demo
 * password — Lokalvård Väst's is `supplier@lokalvard-vast.example` — and a few suppliers have a
 * "nothing has changed" report waiting for the buyer's coordinator. Lokalvård Väst's Göteborg
 * contract keeps its open period unreported, so the demo can report it.
 */
export async function seedDemoSuppliers(db: Database, now: Date): Promise<{ organisations: number; pendingReports: number }> {
  const today = swedishDate(now);
  const demoSuppliers = await db.select().from(suppliers).where(like(suppliers.name, '%(demo)')).orderBy(asc(suppliers.nationalId));
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let pending = 0;
  for (const [index, supplier] of demoSuppliers.entries()) {
    const theirs = await db.select().from(contracts).where(eq(contracts.supplierId, supplier.id)).orderBy(asc(contracts.startsOn), asc(contracts.referenceNumber));
    if (theirs.length === 0) continue;
    const organisation = await ensureSupplierOrganisation(db, supplier, true);
    const email = index === 0 ? DEMO_SUPPLIER_EMAIL : `supplier@${slugOf(supplier.name)}.example`;
    const [user] = await db
      .insert(users)
      .values({ email, displayName: `${supplier.name.replace(/\s*\(demo\)/, '')} – rapportör (demo)`, passwordHash })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!user) continue;
    await db.insert(memberships).values({ userId: user.id, organisationId: organisation.id, role: 'admin' });
    await db.insert(auditEvents).values({ organisationId: organisation.id, actorLabel: 'hansyn seed', action: 'demo.supplier_seeded', entityType: 'organisation', entityId: organisation.id, after: { contracts: theirs.length } });
    // A waiting report on the first contract that has an unreported period, except Lokalvård Väst's
    // Göteborg contract (left for the demo to report) — and at most one per supplier.
    for (const contract of theirs) {
      if (index === 0 && contract === theirs.find((c) => c.startsOn <= today && c.endsOn >= today)) continue;
      const reported = new Set(
        (await db.select({ sequence: periodReports.periodSequence }).from(periodReports).where(eq(periodReports.contractId, contract.id))).map((r) => r.sequence),
      );
      const period = reportingPeriods(contract, 3).find((p) => p.endsOn < today && !reported.has(p.sequence));
      if (!period) continue;
      const id = await insertSubmittedReport(db, {
        organisationId: contract.organisationId,
        contractId: contract.id,
        supplierOrganisationId: organisation.id,
        periodSequence: period.sequence,
        noChange: true,
        hires: [],
        endings: [],
        note: 'Demo: inga förändringar under perioden.',
        attestedBy: `${supplier.name.replace(/\s*\(demo\)/, '')} – rapportör (demo)`,
        submittedBy: user.id,
        submittedAt: now,
      });
      if (id) pending += 1;
      break;
    }
  }
  return { organisations: demoSuppliers.length, pendingReports: pending };
}

/** The demo suppliers' accounts (for tests and the start banner). */
export async function demoSupplierLogins(db: Database): Promise<string[]> {
  const rows = await db
    .select({ email: users.email })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(like(users.email, 'supplier@%.example'), inArray(memberships.role, ['admin'])));
  return rows.map((r) => r.email).sort();
}
