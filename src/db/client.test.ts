import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerDatabase, createTestDatabase } from '../../tests/support/test-database.js';
import { openDatabase, readExecutor, readTogether, type DatabaseHandle } from './client.js';

/**
 * The hot-read executor (decision 0912) on either database: the answers are the plain executor's,
 * and on a PostgreSQL server each SQL text becomes a named statement of its pooled connection, a
 * bounded number of them.
 */
let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

type Rows<T> = { rows: T[] };
const rowsOf = <T>(result: unknown): T[] => (result as Rows<T>).rows;

describe('readExecutor', () => {
  it('answers what the plain executor answers, parameters and types included', async () => {
    const reader = readExecutor(handle.db);
    for (let i = 0; i < 3; i++) {
      const query = sql`select ${i}::int as n, ${`text ${i}`}::text as t, now() is not null as ok`;
      expect(rowsOf(await reader.execute(query))).toEqual(rowsOf(await handle.db.execute(query)));
    }
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('names each SQL text on PostgreSQL, and keeps a connection to a bounded number of them', async () => {
    const reader = readExecutor(handle.db);
    // One after the other, so the pool hands out the connection just released each time.
    for (let i = 0; i < 3; i++) await reader.execute(sql`select 41 + ${i}::int as answer_of_this_test`);
    const prepared = rowsOf<{ name: string; statement: string }>(await reader.execute(sql`select name, statement from pg_prepared_statements`));
    expect(prepared.find((p) => p.statement.includes('answer_of_this_test'))?.name).toMatch(/^hansyn_[0-9a-f]{40}$/);

    for (let i = 0; i < 620; i++) {
      const [row] = rowsOf<{ n: number }>(await reader.execute(sql.raw(`select ${i}::int as n, 'distinct text ${i}' as t`)));
      expect(row!.n).toBe(i);
    }
    const [count] = rowsOf<{ n: number }>(await reader.execute(sql`select count(*)::int as n from pg_prepared_statements`));
    expect(count!.n).toBeLessThanOrEqual(501);
    expect(count!.n).toBeGreaterThan(0);
  });
});

describe('readTogether', () => {
  const reads = (db: DatabaseHandle['db']) =>
    [1, 2, 3].map((n) => async () => rowsOf<{ n: number }>(await db.execute(sql`select ${n}::int as n, pg_sleep(0.01) is not null as slept`))[0]!.n);

  it.skipIf(!process.env.TEST_DATABASE_URL)('never queues a statement on the busy connection of a transaction (first here: Node warns once per process)', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      await handle.db.transaction(async (tx) => readTogether(tx, reads(tx)));
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.includes('already executing'))).toEqual([]);
  });

  it('returns the reads in order, on the pool and inside a transaction (where they run one after the other)', async () => {
    expect(await readTogether(handle.db, reads(handle.db))).toEqual([1, 2, 3]);
    expect(await handle.db.transaction(async (tx) => readTogether(tx, reads(tx)))).toEqual([1, 2, 3]);
  });
});

describe('openDatabase', () => {
  it.skipIf(!process.env.TEST_DATABASE_URL)('opens at most poolSize connections to a PostgreSQL server (HANSYN_DATABASE_POOL_SIZE)', async () => {
    const server = await createServerDatabase(process.env.TEST_DATABASE_URL!);
    const backends = async (poolSize?: number) => {
      const handle = await openDatabase({ kind: 'postgres', url: server.url, poolSize });
      try {
        // Six statements at once, each holding its connection for a moment: the backends they ran on.
        const pids = await Promise.all(
          Array.from({ length: 6 }, () => handle.db.execute(sql`select pg_backend_pid() as pid, pg_sleep(0.05)`).then((r) => rowsOf<{ pid: number }>(r)[0]!.pid)),
        );
        return new Set(pids).size;
      } finally {
        await handle.close();
      }
    };
    try {
      expect(await backends(2)).toBe(2);
      expect(await backends()).toBe(6);
    } finally {
      await server.drop();
    }
  });
});
