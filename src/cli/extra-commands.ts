import type { AppConfig } from '../server/config.js';
import type { CliIo } from './run-cli.js';

/**
 * Commands of later capabilities (eForms, OCDS). Returns null for an unknown command.
 */
export async function runExtraCommand(command: string, args: string[], io: CliIo, config: AppConfig): Promise<number | null> {
  const [sub, ...rest] = args;
  switch (`${command} ${sub ?? ''}`.trim()) {
    case 'eforms parse': {
      const { runEformsParse } = await import('./commands/eforms-parse.js');
      return runEformsParse(rest, io);
    }
    case 'export ocds': {
      const { runExportOcds } = await import('./commands/export-ocds.js');
      return runExportOcds(rest, io, config);
    }
    case 'import eforms': {
      const { runImportEforms } = await import('./commands/import-eforms.js');
      return runImportEforms(rest, io, config);
    }
    case 'market refresh': {
      const { runMarketRefresh } = await import('./commands/market-refresh.js');
      return runMarketRefresh(rest, io, config);
    }
    default:
      return null;
  }
}
