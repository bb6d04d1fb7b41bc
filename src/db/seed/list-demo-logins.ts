import { sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { queryRows } from '../raw-sql.js';
import { DEMO_PASSWORD, type DemoLogin } from './seed-demo.js';

/**
 * The demo accounts of the first `organisationLimit` demo organisations (Göteborg and Borås in
 * the demo set), for the start banner, in the README's role order. Only accounts on `.example`
 * addresses of organisations flagged `is_demo` are listed; the password shown is the one they
 * were seeded with. One query, so the banner costs a restart next to nothing.
 */
export async function listDemoLogins(db: Database, organisationLimit = 2): Promise<DemoLogin[]> {
  const rows = await queryRows<{ email: string; role: string; slug: string }>(db, sql`
    with demo as (
      select id, slug, row_number() over (order by created_at, slug) as n
      from organisations where is_demo order by created_at, slug limit ${organisationLimit}
    )
    select u.email, m.role, demo.slug
    from demo
    join memberships m on m.organisation_id = demo.id
    join users u on u.id = m.user_id
    where u.email like '%.example'
    order by demo.n,
      array_position(array['admin', 'coordinator', 'procurer', 'labour_market', 'supplier', 'viewer']::text[], m.role::text),
      u.email`);
  return rows.map((r) => ({ email: r.email, password: DEMO_PASSWORD, role: r.role, organisation: r.slug }));
}
