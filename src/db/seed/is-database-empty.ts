import { sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { organisations } from '../schema/index.js';

/** True when no organisation exists yet: the only case where demo data may be seeded. */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(organisations);
  return (row?.n ?? 0) === 0;
}
