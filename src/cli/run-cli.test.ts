import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client.js';
import { runCli, type CliIo } from './run-cli.js';

/** The CLI on a real embedded database in a temporary directory. */
let dataDir: string;

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hansyn-cli-'));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function run(args: string[], stdin?: string) {
  let out = '';
  let err = '';
  const io: CliIo = {
    env: { HANSYN_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    ...(stdin !== undefined ? { stdin: Object.assign(Readable.from([stdin]), { isTTY: false }) } : {}),
  };
  const code = await runCli(args, io);
  return { code, out, err };
}

describe('hansyn', () => {
  it('migrates, then seeds demo data once and prints the logins', async () => {
    expect(await run(['migrate'])).toMatchObject({ code: 0, out: expect.stringContaining('Migrations applied') });
    const seeded = await run(['seed']);
    expect(seeded.code).toBe(0);
    expect(seeded.out).toMatch(/Seeded 2 organisations and \d+ procurements/);
    expect(seeded.out).toContain('coordinator@goteborg.example');
    const again = await run(['seed']);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already has organisations/);
    // The whole demo (participants with encrypted identities included) takes 5–10 s alone and
    // several times that on a loaded machine; a timeout here would leave the seed running and
    // holding the directory, failing every later test of the file.
  }, 180_000);

  it('adds a user with a password from stdin, or a generated one', async () => {
    const fromStdin = await run(['user', 'add', '--org', 'goteborg', '--email', 'ny@test.example', '--role', 'procurer', '--unit', 'LOK'], 'ett långt lösenord 2026\n');
    expect(fromStdin).toMatchObject({ code: 0, out: expect.stringContaining('Added ny@test.example as procurer of unit LOK in Göteborgs Stad') });
    expect(fromStdin.out).not.toContain('Generated password');
    const generated = await run(['user', 'add', '--org', 'boras', '--email', 'gen@test.example', '--role', 'viewer']);
    expect(generated.out).toMatch(/Generated password \(shown once\): \S{16,}/);
  });

  it('creates an API token for a user', async () => {
    const r = await run(['token', 'create', '--email', 'coordinator@goteborg.example']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/hsn_[A-Za-z0-9_-]{20,}/);
  });

  it.each([
    [['user', 'add', '--org', 'nowhere', '--email', 'x@test.example', '--role', 'viewer'], /No organisation with slug "nowhere"/],
    [['user', 'add', '--org', 'goteborg', '--email', 'x@test.example', '--role', 'king'], /--role must be one of/],
    [['user', 'add', '--org', 'goteborg', '--email', 'x@test.example', '--role', 'viewer', '--unit', 'NOPE'], /No unit with code "NOPE"/],
    [['token', 'create', '--email', 'nobody@test.example'], /No user with e-mail/],
    [['seed', '--scale', 'galactic'], /--scale must be demo or national/],
    [['frobnicate'], /Unknown command "frobnicate"/],
    [['migrate', '--force'], /Unknown option '--force'/],
  ])('fails readably: %j', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    expect(r.err.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('refuses to open a database directory another process holds', async () => {
    const held = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const r = await run(['migrate']);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/in use by another Hänsyn process/);
    } finally {
      await held.close();
    }
    expect((await run(['migrate'])).code).toBe(0);
  });

  it('lists every configuration problem at once', async () => {
    let err = '';
    const code = await runCli(['migrate'], { env: { PORT: 'x', LOG_LEVEL: 'loud' }, stdout: () => {}, stderr: (s) => (err += s) });
    expect(code).toBe(1);
    expect(err).toContain('PORT');
    expect(err).toContain('LOG_LEVEL');
  });
});
