import { sql } from 'drizzle-orm';
import type { AppConfig } from '../../server/config.js';
import { analyzeNoticeTables, refreshMarketAggregates } from '../../server/features/notices/notice-repository.js';
import { withDatabase, type CliIo } from '../cli-io.js';

export const MARKET_REFRESH_USAGE = `Usage: hansyn market refresh

Rebuilds the market view's pre-aggregated figures (market cells and the buyer directory) from
every stored notice and refreshes the planner's statistics. An import does this for what it
touched when it finishes; run this after an import that was interrupted, or after changing
notices by hand.
`;

/** `hansyn market refresh`: rebuild every market aggregate from the notices. */
export async function runMarketRefresh(argv: string[], io: CliIo, config: AppConfig): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(MARKET_REFRESH_USAGE);
    return 0;
  }
  if (argv.length > 0) {
    io.stderr(`Unknown argument: ${argv[0]}\n\n${MARKET_REFRESH_USAGE}`);
    return 2;
  }
  return withDatabase(config, async ({ db }) => {
    const started = Date.now();
    await db.transaction((tx) => refreshMarketAggregates(tx, 'all'));
    await analyzeNoticeTables(db);
    const counted = (await db.execute(
      sql`select (select count(*) from notices)::int as notices, (select count(*) from notice_market_cells)::int as cells, (select count(*) from notice_market_buyers)::int as buyers`,
    )) as unknown as { rows: Array<{ notices: number; cells: number; buyers: number }> };
    const { notices, cells, buyers } = counted.rows[0]!;
    io.stdout(`Market figures rebuilt from ${notices} notice(s): ${cells} cell(s), ${buyers} buyer(s), in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
    return 0;
  });
}
