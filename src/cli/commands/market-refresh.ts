import type { AppConfig } from '../../server/config.js';
import { rebuildMarketFigures } from '../../server/features/notices/notice-import-service.js';
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
    const { notices, cells, buyers } = await rebuildMarketFigures(db);
    io.stdout(`Market figures rebuilt from ${notices} notice(s): ${cells} cell(s), ${buyers} buyer(s), in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
    return 0;
  });
}
