import { parseArgs } from 'node:util';
import type { AppConfig } from '../../server/config.js';
import { createApiToken, findAccountByEmail, listActiveOrganisations } from '../../server/features/auth/auth-service.js';
import type { CliIo, withDatabase as WithDatabase } from '../cli-io.js';

/** `hansyn token create`: a personal API token for one of the person's organisations, printed once. */
export async function runTokenCommand(argv: string[], io: CliIo, config: AppConfig, withDatabase: typeof WithDatabase): Promise<number> {
  const [sub, ...args] = argv;
  if (sub !== 'create') throw new Error('Usage: hansyn token create --email E [--org SLUG] [--name NAME]');
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, org: { type: 'string' }, name: { type: 'string' } }, strict: true });
  if (!values.email) throw new Error('--email is required.');
  await withDatabase(config, async ({ db }) => {
    const account = await findAccountByEmail(db, values.email!);
    if (!account) throw new Error(`No user with e-mail ${values.email}.`);
    const organisations = await listActiveOrganisations(db, account.id);
    // No silent default: with several organisations the operator names one.
    if (!values.org && organisations.length > 1) {
      throw new Error(`${account.email} is a member of ${organisations.map((o) => o.slug).join(', ')}: choose one with --org.`);
    }
    const org = values.org ? organisations.find((o) => o.slug === values.org) : organisations[0];
    if (!org) throw new Error(values.org ? `${account.email} is not an active member of ${values.org}.` : `${account.email} has no roles in any organisation.`);
    const token = await createApiToken(db, account.id, org.id, values.name ?? 'CLI token', { system: 'hansyn token create', organisationId: org.id });
    io.stdout(`Token for ${account.email} in ${org.slug} (shown once, keep it secret):\n${token.token}\n`);
  });
  return 0;
}
