import type { SQL } from 'drizzle-orm';
import type { Database } from './client.js';

/**
 * The one way to run a raw SQL statement and read its rows (decision 0313): executor first, the
 * row type named by the caller, tables and columns as Drizzle references inside the `sql` template
 * (`${notices}`, `${notices.buyerKey}`), never as strings. Both drivers (PGlite and node-postgres)
 * answer `execute` with `{ rows }`; this is the only place that relies on it.
 *
 * Numbers from `count(*)`, `sum(…)` and numerics arrive as strings on node-postgres unless the
 * statement casts them (`::int`, `::float8`); declare the row type as what the SQL returns.
 */
export async function queryRows<Row extends object>(db: Database, statement: SQL): Promise<Row[]> {
  const result = (await db.execute(statement)) as unknown as { rows: Row[] };
  return result.rows;
}

/** The first row of a raw statement, or undefined. */
export async function queryRow<Row extends object>(db: Database, statement: SQL): Promise<Row | undefined> {
  return (await queryRows<Row>(db, statement))[0];
}
