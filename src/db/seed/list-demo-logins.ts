import { and, asc, eq, inArray, like } from 'drizzle-orm';
import type { Database } from '../client.js';
import { memberships, organisations, users } from '../schema/index.js';
import { DEMO_PASSWORD, type DemoLogin } from './seed-demo.js';

/** Role order of the README's table of demo accounts. */
const ROLE_ORDER = ['admin', 'coordinator', 'procurer', 'labour_market', 'supplier', 'viewer'];

/**
 * The demo accounts of the first `organisationLimit` demo organisations (Göteborg and Borås in
 * the demo set), for the start banner. Only accounts on `.example` addresses of organisations
 * flagged `is_demo` are listed; the password shown is the demo password they were seeded with.
 */
export async function listDemoLogins(db: Database, organisationLimit = 2): Promise<DemoLogin[]> {
  const demoOrgs = await db
    .select({ id: organisations.id, slug: organisations.slug })
    .from(organisations)
    .where(eq(organisations.isDemo, true))
    .orderBy(asc(organisations.createdAt), asc(organisations.slug))
    .limit(organisationLimit);
  if (demoOrgs.length === 0) return [];
  const rows = await db
    .select({ email: users.email, role: memberships.role, organisationId: memberships.organisationId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(inArray(memberships.organisationId, demoOrgs.map((o) => o.id)), like(users.email, '%.example')));
  const slugOf = new Map(demoOrgs.map((o) => [o.id, o.slug]));
  const orgOrder = new Map(demoOrgs.map((o, i) => [o.id, i]));
  return rows
    .sort((a, b) => orgOrder.get(a.organisationId)! - orgOrder.get(b.organisationId)! || ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role))
    .map((r) => ({ email: r.email, password: DEMO_PASSWORD, role: r.role, organisation: slugOf.get(r.organisationId)! }));
}
