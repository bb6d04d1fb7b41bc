import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../../domain/access/can.js';
import type { AppConfig } from '../../server/config.js';
import { AppError } from '../../server/errors.js';
import { createAccount, findAccountByEmail, generatePassword, setAccountDisabled, setAccountPassword } from '../../server/features/auth/auth-service.js';
import { addMembershipByOperator } from '../../server/features/members/member-service.js';
import { findOrganisationBySlug, findUnitByCode } from '../../server/features/organisations/organisation-service.js';
import type { CliIo, withDatabase as WithDatabase } from '../cli-io.js';

const USER_USAGE = `Usage:
  hansyn user add --org SLUG --email E --role R [--unit CODE] [--name NAME]
      give an account a role in an organisation, creating the account if there is none
      (password from stdin, or generated and printed once)
  hansyn user disable --email E     stop every session and token of the account
  hansyn user enable --email E      let a disabled account sign in again
  hansyn user password --email E    set the password from stdin; ends every session
`;

/** Why a policy-checked password was refused, in one line. */
function passwordProblem(error: unknown): string | null {
  if (error instanceof AppError && error.code === 'validation_failed') {
    const first = (error.details.errors as Array<{ message: string }> | undefined)?.[0];
    return `The password is refused: ${first?.message ?? error.message}`;
  }
  return null;
}

/**
 * `hansyn user …`: the operator's hand on accounts. An account (e-mail, name, password, disabled)
 * belongs to the person; only they and the operator change it (docs/decisions/0301).
 */
export async function runUserCommand(
  argv: string[],
  io: CliIo,
  config: AppConfig,
  helpers: { withDatabase: typeof WithDatabase; readStdin: (stdin: CliIo['stdin']) => Promise<string | null> },
): Promise<number> {
  const [sub, ...args] = argv;
  // The command line is the shell: its clock is the wall clock.
  const now = () => new Date();
  if (sub === 'add') {
    const { values } = parseArgs({
      args,
      options: { org: { type: 'string' }, email: { type: 'string' }, role: { type: 'string' }, unit: { type: 'string' }, name: { type: 'string' } },
      strict: true,
    });
    if (!values.org || !values.email || !values.role) throw new Error('--org, --email and --role are required.');
    if (!(ROLES as readonly string[]).includes(values.role)) throw new Error(`--role must be one of ${ROLES.join(', ')}.`);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim())) throw new Error(`${values.email} is not an e-mail address.`);
    const password = await helpers.readStdin(io.stdin);
    await helpers.withDatabase(config, async ({ db }) => {
      const org = await findOrganisationBySlug(db, values.org!);
      if (!org) throw new Error(`No organisation with slug "${values.org}".`);
      let unitId: string | null = null;
      if (values.unit) {
        const unit = await findUnitByCode(db, org.id, values.unit);
        if (!unit) throw new Error(`No unit with code "${values.unit}" in ${org.slug}.`);
        unitId = unit.id;
      }
      const existing = await findAccountByEmail(db, values.email!);
      let generated: string | null = null;
      let userId = existing?.id;
      if (!userId) {
        generated = password === null ? generatePassword() : null;
        try {
          userId = await createAccount(db, {
            email: values.email!,
            displayName: values.name ?? values.email!.trim(),
            password: password ?? generated!,
            now: now(),
            // A generated password is random (90 bits), not one a person chose.
            trusted: generated !== null,
            passwordPath: 'password',
          });
        } catch (error) {
          const problem = passwordProblem(error);
          throw problem ? new Error(problem) : error;
        }
      }
      await addMembershipByOperator(db, org.id, userId, [{ role: values.role as Role, unitId }], 'hansyn user add');
      io.stdout(
        `${existing ? 'Updated' : 'Added'} ${values.email!.trim()} as ${values.role}${values.unit ? ` of unit ${values.unit}` : ''} in ${org.name}.\n` +
          (generated ? `Generated password (shown once): ${generated}\n` : '') +
          (existing && password !== null ? 'The account existed: its password was not changed (use "hansyn user password").\n' : ''),
      );
    });
    return 0;
  }
  if (sub === 'disable' || sub === 'enable' || sub === 'password') {
    const { values } = parseArgs({ args, options: { email: { type: 'string' } }, strict: true });
    if (!values.email) throw new Error('--email is required.');
    const password = sub === 'password' ? await helpers.readStdin(io.stdin) : null;
    if (sub === 'password' && password === null) throw new Error('Give the new password on stdin.');
    await helpers.withDatabase(config, async ({ db }) => {
      const account = await findAccountByEmail(db, values.email!);
      if (!account) throw new Error(`No user with e-mail ${values.email}.`);
      if (sub === 'password') {
        try {
          await setAccountPassword(db, account.id, password!, now());
        } catch (error) {
          const problem = passwordProblem(error);
          throw problem ? new Error(problem) : error;
        }
        io.stdout(`Password of ${account.email} set; every session of it ended.\n`);
      } else {
        await setAccountDisabled(db, account.id, sub === 'disable', now());
        io.stdout(`${account.email} ${sub === 'disable' ? 'disabled: its sessions and tokens stop' : 'enabled'}.\n`);
      }
    });
    return 0;
  }
  throw new Error(USER_USAGE.trimEnd());
}
