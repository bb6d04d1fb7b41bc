import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { organisations, units, users } from '../db/schema/index.js';
import { isDatabaseEmpty } from '../db/seed/is-database-empty.js';
import { seedDemo } from '../db/seed/seed-demo.js';
import { ROLES, type Role } from '../domain/access/can.js';
import { ConfigError, loadConfig } from '../server/config.js';
import { createApiToken } from '../server/features/auth/auth-routes.js';
import { MIN_PASSWORD_LENGTH } from '../server/features/auth/auth-crypto.js';
import { addUserWithMemberships } from '../server/features/organisations/organisation-routes.js';
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
                                          add a user (password from stdin, or generated and printed)
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
    // The one command table. These four are two words (`import eforms`); `user` and `token` read
    // their subcommand themselves.
    const twoWords = ['eforms', 'export', 'import', 'market'].includes(command);
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
        const [sub, ...args] = rest;
        if (sub !== 'add') throw new CliError('Usage: hansyn user add --org SLUG --email E --role R [--unit CODE] [--name NAME]');
        const { values } = parseArgs({
          args,
          options: { org: { type: 'string' }, email: { type: 'string' }, role: { type: 'string' }, unit: { type: 'string' }, name: { type: 'string' } },
          strict: true,
        });
        if (!values.org || !values.email || !values.role) throw new CliError('--org, --email and --role are required.');
        if (!(ROLES as readonly string[]).includes(values.role)) throw new CliError(`--role must be one of ${ROLES.join(', ')}.`);
        if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) throw new CliError(`${values.email} is not an e-mail address.`);
        const password = await readStdin(io.stdin);
        if (password !== null && password.length < MIN_PASSWORD_LENGTH) throw new CliError(`The password from stdin must have at least ${MIN_PASSWORD_LENGTH} characters.`);
        await withDatabase(config, async ({ db }) => {
          const [org] = await db.select().from(organisations).where(eq(organisations.slug, values.org!));
          if (!org) throw new CliError(`No organisation with slug "${values.org}".`);
          let unitId: string | null = null;
          if (values.unit) {
            const [unit] = await db.select().from(units).where(sql`${units.organisationId} = ${org.id} and ${units.code} = ${values.unit}`);
            if (!unit) throw new CliError(`No unit with code "${values.unit}" in ${org.slug}.`);
            unitId = unit.id;
          }
          const result = await addUserWithMemberships(
            db,
            { system: 'hansyn user add', organisationId: org.id },
            org.id,
            { email: values.email!, displayName: values.name ?? values.email!, memberships: [{ role: values.role as Role, unitId }], ...(password !== null ? { password } : {}) },
          );
          io.stdout(
            `${result.created ? 'Added' : 'Updated'} ${values.email} as ${values.role}${values.unit ? ` of unit ${values.unit}` : ''} in ${org.name}.\n` +
              (result.initialPassword ? `Generated password (shown once): ${result.initialPassword}\n` : ''),
          );
        });
        return 0;
      }
      case 'token': {
        const [sub, ...args] = rest;
        if (sub !== 'create') throw new CliError('Usage: hansyn token create --email E [--org SLUG] [--name NAME]');
        const { values } = parseArgs({ args, options: { email: { type: 'string' }, org: { type: 'string' }, name: { type: 'string' } }, strict: true });
        if (!values.email) throw new CliError('--email is required.');
        await withDatabase(config, async ({ db }) => {
          const [user] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${values.email})`);
          if (!user) throw new CliError(`No user with e-mail ${values.email}.`);
          const orgs = await db.execute(
            sql`select o.id, o.slug from memberships m join organisations o on o.id = m.organisation_id where m.user_id = ${user.id} group by o.id, o.slug order by o.slug`,
          );
          const rows = (orgs as unknown as { rows: Array<{ id: string; slug: string }> }).rows;
          const org = values.org ? rows.find((o) => o.slug === values.org) : rows[0];
          if (!org) throw new CliError(values.org ? `${values.email} is not a member of ${values.org}.` : `${values.email} has no roles in any organisation.`);
          const token = await createApiToken(db, user.id, org.id, values.name ?? 'CLI token', { system: 'hansyn token create', organisationId: org.id });
          io.stdout(`Token for ${values.email} in ${org.slug} (shown once, keep it secret):\n${token.token}\n`);
        });
        return 0;
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
