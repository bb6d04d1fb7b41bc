import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliTestDatabase, type CliTestDatabase } from '../../../tests/support/test-database.js';
import { runCli, type CliIo } from '../run-cli.js';

/**
 * `hansyn market refresh` through the CLI entry: after the market aggregates went stale (here:
 * emptied and skewed by hand, as an interrupted import leaves them), it rebuilds exactly what the
 * import had computed.
 */
const REAL = fileURLToPath(new URL('../../../tests/fixtures/eforms/real-notices/', import.meta.url));

let database: CliTestDatabase;

async function run(args: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = { env: { ...database.env, LOG_LEVEL: 'silent' }, stdout: (s) => (out += s), stderr: (s) => (err += s) };
  const code = await runCli(args, io);
  return { code, out, err };
}

const snapshot = () =>
  database.use(async (db) => {
    const rows = async (query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as { rows: unknown[] }).rows;
    return {
      cells: await rows(sql`select * from notice_market_cells order by year, country, contract_nature, cpv_division, social_code, currency`),
      buyers: await rows(sql`select * from notice_market_buyers order by buyer_key`),
      buyerCells: await rows(sql`select * from notice_market_buyer_cells order by buyer_key, currency`),
    };
  });

beforeAll(async () => {
  database = await createCliTestDatabase();
  const imported = await run(['import', 'eforms', REAL]);
  expect(imported.code, imported.err + imported.out).toBe(0);
});
afterAll(() => database.dispose());

describe('hansyn market refresh', () => {
  it('rebuilds stale market figures to what the import computed', async () => {
    const fresh = await snapshot();
    expect(fresh.cells.length).toBeGreaterThan(0);
    expect(fresh.buyers.length).toBeGreaterThan(0);
    await database.use(async (db) => {
      await db.execute(sql`delete from notice_market_cells`);
      await db.execute(sql`update notice_market_buyers set notices = notices + 100`);
      await db.execute(sql`delete from notice_market_buyer_cells`);
    });
    expect(await snapshot()).not.toEqual(fresh);

    const { code, out } = await run(['market', 'refresh']);
    expect(code).toBe(0);
    expect(out).toMatch(new RegExp(`^Market figures rebuilt from \\d+ notice\\(s\\): ${fresh.cells.length} cell\\(s\\), ${fresh.buyers.length} buyer\\(s\\), in \\d+\\.\\d s\\.\\n$`));
    expect(await snapshot()).toEqual(fresh);
  });

  it('explains itself and refuses unknown arguments', async () => {
    expect((await run(['market', 'refresh', '--help'])).out).toContain('Usage: hansyn market refresh');
    const wrong = await run(['market', 'refresh', '--everything']);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('Unknown argument: --everything');
  });
});
