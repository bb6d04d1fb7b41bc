import type { AppConfig } from '../server/config.js';
import type { CliIo } from './run-cli.js';

/**
 * Commands of later capabilities (eForms, OCDS). Returns null for an unknown command.
 */
export async function runExtraCommand(command: string, _args: string[], _io: CliIo, _config: AppConfig): Promise<number | null> {
  switch (command) {
    default:
      return null;
  }
}
