import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../run-cli.js';
import { createCliTestDatabase, type CliTestDatabase } from '../../../tests/support/test-database.js';
import { createOrganisation } from '../../../tests/support/factories.js';

/** The operator's `hansyn user …` and `hansyn token create` on a real database. */
let database: CliTestDatabase;

beforeAll(async () => {
  database = await createCliTestDatabase();
  await database.use(async (db) => {
    await createOrganisation(db, { slug: 'alfa', name: 'Alfa kommun' });
    await createOrganisation(db, { slug: 'beta', name: 'Beta kommun' });
  });
});
afterAll(() => database.dispose());

async function run(args: string[], stdin?: string) {
  let out = '';
  let err = '';
  const io: CliIo = {
    env: { ...database.env, LOG_LEVEL: 'silent' },
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    ...(stdin !== undefined ? { stdin: Object.assign(Readable.from([stdin]), { isTTY: false }) } : {}),
  };
  return { code: await runCli(args, io), out, err };
}

describe('hansyn user and token', () => {
  it('refuses a breached password from stdin, accepts a good one, and never changes an existing account’s password through add', async () => {
    const weak = await run(['user', 'add', '--org', 'alfa', '--email', 'op@test.example', '--role', 'admin'], 'password1234\n');
    expect(weak.code).toBe(1);
    expect(weak.err).toMatch(/The password is refused/);
    const ok = await run(['user', 'add', '--org', 'alfa', '--email', 'op@test.example', '--role', 'admin'], 'blåbär i skogen varje höst\n');
    expect(ok).toMatchObject({ code: 0, out: expect.stringContaining('Added op@test.example as admin in Alfa kommun') });
    const second = await run(['user', 'add', '--org', 'beta', '--email', ' OP@test.example ', '--role', 'viewer'], 'ett helt annat lösenord\n');
    expect(second.out).toMatch(/Updated .* as viewer in Beta kommun/);
    expect(second.out).toMatch(/password was not changed/);
  });

  it('asks for --org when the person has several organisations (no silent default)', async () => {
    const r = await run(['token', 'create', '--email', 'op@test.example']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/member of alfa, beta: choose one with --org/);
    expect((await run(['token', 'create', '--email', 'op@test.example', '--org', 'beta'])).out).toMatch(/hsn_/);
  });

  it('disables, enables and sets a password', async () => {
    expect((await run(['user', 'disable', '--email', 'op@test.example'])).out).toMatch(/disabled/);
    expect((await run(['user', 'enable', '--email', 'op@test.example'])).out).toMatch(/enabled/);
    expect((await run(['user', 'password', '--email', 'op@test.example'], 'aaaaaaaaaaaa\n')).code).toBe(1);
    expect((await run(['user', 'password', '--email', 'op@test.example'], 'nya lösenordet fungerar fint\n')).code).toBe(0);
  });
});
