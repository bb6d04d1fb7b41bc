import { parseArgs } from 'node:util';
import { resolveParticipantKeys } from '../server/main.js';
import { isDatabaseEmpty } from '../db/seed/is-database-empty.js';
import { seedDemo } from '../db/seed/seed-demo.js';
import { ConfigError, loadConfig } from '../server/config.js';
import { startServer } from '../server/main.js';
import { CliError, readStdin, withDatabase, type CliIo } from './cli-io.js';

// Re-exported for commands that still import them from here; new code imports ./cli-io.js.
export type { CliIo };
export { withDatabase };

const USAGE = `Hänsyn – social considerations in public procurement

Usage: hansyn <command> [options]

  serve                                   start the web app and API
  migrate                                 apply database migrations
  seed [--scale demo|national] [--seed N] seed demo data into an empty database
  user add --org SLUG --email E --role R [--unit CODE] [--name NAME]
                                          give an account a role, creating it if needed (password
                                          from stdin, or generated and printed)
  user disable|enable|password --email E  the operator's hand on an account (password from stdin)
  token create --email E [--org SLUG] [--name NAME]
                                          create a personal API token (printed once)
  eforms parse FILE… [--json]             parse eForms notices (TED) and summarise social considerations
  export ocds --org SLUG [--out FILE] [--scope public|internal] [--include-notices]
                                          the register as an OCDS 1.1 release package (stdout by default)
  export ocds --market [--year Y] [--country ISO3] [--buyer B] [--out FILE] …
                                          the stored eForms notices of all buyers as an OCDS package
  import eforms PATH… [--batch N]         import eForms notices (files, folders, .tar.gz, .zip) into the
                                          notice store and the registers of matching organisations
  market refresh                          rebuild the market view's figures from every stored notice
  participants rekey [--batch N] [--max-batches N]
                                          key rotation: re-encrypt every participant identity under
                                          the active key (resumable; see docs/privacy.md)

The database is the embedded one under HANSYN_DATA_DIR (default ./data), or the PostgreSQL
server in DATABASE_URL.
`;

/**
 * The `hansyn` command. Returns the exit code, or 'serving' while the server runs.
 * Every failure prints one readable line and exits non-zero.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number | 'serving'> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      io.stdout(USAGE);
      return command === undefined ? 1 : 0;
    }
    const config = loadConfig(io.env);
    // The one command table. These five are two words (`import eforms`); `user` and `token` read
    // their subcommand themselves.
    const twoWords = ['eforms', 'export', 'import', 'market', 'participants'].includes(command);
    const args = twoWords ? rest.slice(1) : rest;
    switch (twoWords ? `${command} ${rest[0] ?? ''}`.trim() : command) {
      case 'serve': {
        parseArgs({ args: rest, options: {}, strict: true });
        await startServer(config, { handleSignals: true });
        return 'serving';
      }
      case 'migrate': {
        parseArgs({ args: rest, options: {}, strict: true });
        await withDatabase(config, async (h) => {
          io.stdout(`Migrations applied (${h.kind}).\n`);
        });
        return 0;
      }
      case 'seed': {
        const { values } = parseArgs({ args: rest, options: { scale: { type: 'string', default: 'demo' }, seed: { type: 'string' } }, strict: true });
        if (values.scale !== 'demo' && values.scale !== 'national') throw new CliError('--scale must be demo or national.');
        const seed = values.seed === undefined ? undefined : Number(values.seed);
        if (seed !== undefined && !Number.isInteger(seed)) throw new CliError('--seed must be an integer.');
        await withDatabase(config, async ({ db }) => {
          if (!(await isDatabaseEmpty(db))) throw new CliError('The database already has organisations; demo data is only seeded into an empty database.');
          const started = Date.now();
          const result = await seedDemo(db, {
            scale: values.scale as 'demo' | 'national',
            participantKeys: resolveParticipantKeys(config),
            now: new Date(),
            ...(seed !== undefined ? { seed } : {}),
            onProgress: (done, total) => {
              if (total > 10 && (done % 25 === 0 || done === total)) io.stderr(`\rSeeding organisations: ${done}/${total}`);
            },
          });
          if (result.organisations > 10) io.stderr('\n');
          io.stdout(`Seeded ${result.organisations} organisations and ${result.procurements} procurements in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
          for (const l of result.logins) io.stdout(`  ${l.organisation.padEnd(9)} ${l.role.padEnd(14)} ${l.email}  password: ${l.password}\n`);
        });
        return 0;
      }
      case 'user': {
        const { runUserCommand } = await import('./commands/user.js');
        return await runUserCommand(rest, io, config, { withDatabase, readStdin });
      }
      case 'token': {
        const { runTokenCommand } = await import('./commands/token.js');
        return await runTokenCommand(rest, io, config, withDatabase);
      }
      // Commands with a subcommand live in ./commands/, loaded only when called.
      case 'eforms parse': {
        const { runEformsParse } = await import('./commands/eforms-parse.js');
        return await runEformsParse(args, io);
      }
      case 'export ocds': {
        const { runExportOcds } = await import('./commands/export-ocds.js');
        return await runExportOcds(args, io, config);
      }
      case 'import eforms': {
        const { runImportEforms } = await import('./commands/import-eforms.js');
        return await runImportEforms(args, io, config);
      }
      case 'market refresh': {
        const { runMarketRefresh } = await import('./commands/market-refresh.js');
        return await runMarketRefresh(args, io, config);
      }
      case 'participants rekey': {
        const { runParticipantsRekey } = await import('./commands/participants-rekey.js');
        return await runParticipantsRekey(args, io, config);
      }
      default:
        throw new CliError(`Unknown command "${command}". Run "hansyn help".`);
    }
  } catch (error) {
    if (error instanceof CliError || error instanceof ConfigError) io.stderr(`hansyn: ${error.message}\n`);
    else if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) io.stderr(`hansyn: ${error.message}\n`);
    else io.stderr(`hansyn: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
