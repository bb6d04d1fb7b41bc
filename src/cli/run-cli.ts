import { parseArgs } from 'node:util';
import { openDatabase, type DatabaseHandle } from '../db/client.js';
import { isDatabaseEmpty } from '../db/seed/is-database-empty.js';
import { seedDemo } from '../db/seed/seed-demo.js';
import { ConfigError, loadConfig, type AppConfig } from '../server/config.js';
import { startServer } from '../server/main.js';

export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: (s: string) => void;
  /**
   * Writes to stdout and resolves when more may be written (backpressure), for output too large to
   * buffer, such as the market's OCDS package. Without it, `stdout` is used.
   */
  writeStdout?: (s: string) => Promise<void>;
  stderr: (s: string) => void;
  /** Whether stderr is a terminal (long commands then redraw a progress line). */
  stderrIsTTY?: boolean;
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}

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

The database is the embedded one under HANSYN_DATA_DIR (default ./data), or the PostgreSQL
server in DATABASE_URL.
`;

class CliError extends Error {}

/** Opens and migrates the configured database for one command, and closes it afterwards. */
export async function withDatabase<T>(config: AppConfig, work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await openDatabase(
    config.database.kind === 'pglite' ? { kind: 'pglite', dataDir: config.database.dataDir } : { kind: 'postgres', url: config.database.url },
  );
  try {
    await handle.migrate();
    return await work(handle);
  } finally {
    await handle.close();
  }
}

async function readStdin(stdin: CliIo['stdin']): Promise<string | null> {
  if (!stdin || stdin.isTTY) return null;
  let text = '';
  for await (const chunk of stdin) text += chunk.toString();
  return text.replace(/\r?\n$/, '');
}

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
    switch (command) {
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
      default: {
        const { runExtraCommand } = await import('./extra-commands.js');
        const result = await runExtraCommand(command, rest, io, config);
        if (result === null) throw new CliError(`Unknown command "${command}". Run "hansyn help".`);
        return result;
      }
    }
  } catch (error) {
    if (error instanceof CliError || error instanceof ConfigError) io.stderr(`hansyn: ${error.message}\n`);
    else if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) io.stderr(`hansyn: ${error.message}\n`);
    else io.stderr(`hansyn: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
