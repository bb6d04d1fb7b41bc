import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { KEY_FILE_NAME, loadOrCreateKeyFile } from '../../src/server/features/matching/participant-crypto.js';
import { createCliTestDatabase, type CliTestDatabase } from '../support/test-database.js';
import { createOrganisation, createUser, login } from '../support/factories.js';
import { participantBody, TEST_COORDINATION_NUMBER, TEST_NUMBERS } from '../support/participants.js';

/**
 * "A database dump alone reveals no name or identity number" (issue 14): participants are
 * registered through the API, then the whole database is read as bytes — every file of the
 * embedded database's directory, or `pg_dump` of the PostgreSQL test database — and searched
 * for the test identity numbers (every spelling) and the names. The pseudonymous references
 * must be found, which shows the search itself works.
 */
const NAMES = [
  { givenName: 'Dumpolina', familyName: 'Krypteradsdotter' },
  { givenName: 'Hemlighetus', familyName: 'Nyckelsson' },
  { givenName: 'Chiffrera', familyName: 'Aesgcmberg' },
];
const NUMBERS = [TEST_NUMBERS[1], TEST_NUMBERS[2], TEST_COORDINATION_NUMBER];

let target: CliTestDatabase;
let references: string[] = [];

function secretsIn(bytes: Buffer): string[] {
  const found: string[] = [];
  for (const n of NUMBERS) {
    for (const spelling of [n, `${n.slice(0, 8)}-${n.slice(8)}`, n.slice(2), `${n.slice(2, 8)}-${n.slice(8)}`]) {
      if (bytes.includes(Buffer.from(spelling, 'utf8'))) found.push(spelling);
    }
  }
  for (const name of NAMES) for (const part of [name.givenName, name.familyName]) if (bytes.includes(Buffer.from(part, 'utf8'))) found.push(part);
  return found;
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

beforeAll(async () => {
  target = await createCliTestDatabase();
  const dataDir = target.env.HANSYN_DATA_DIR;
  const database = await openDatabase(dataDir ? { kind: 'pglite', dataDir } : { kind: 'postgres', url: target.env.DATABASE_URL! });
  await database.migrate();
  const participantKeys = dataDir ? loadOrCreateKeyFile(dataDir) : undefined;
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database, ...(participantKeys ? { participantKeys } : {}) });
  await app.ready();
  const org = await createOrganisation(database.db);
  const labour = await login(app, (await createUser(database.db, org.id, ['labour_market'])).email);
  references = [];
  for (let i = 0; i < NUMBERS.length; i++) {
    const created = await labour.post('/api/participants', participantBody(NUMBERS[i]!, { identity: { ...NAMES[i], email: `${NAMES[i]!.givenName.toLowerCase()}@example.invalid`, address: `${NAMES[i]!.familyName}gatan 1` } }));
    expect(created.statusCode, created.body).toBe(201);
    references.push(created.json().reference);
    // A read, an update and a search leave their traces (access log, audit) too.
    expect((await labour.get(`/api/participants?q=${NUMBERS[i]}`)).json().total).toBe(1);
  }
  await app.close();
  await database.close();
}, 120_000);
afterAll(() => target.dispose());

describe('a database dump holds no identity in plain text', () => {
  it.runIf(!process.env.TEST_DATABASE_URL)('the files of the PGlite data directory contain no test identity number or name; the key file lies outside them', () => {
    const dataDir = target.env.HANSYN_DATA_DIR!;
    const files = filesUnder(path.join(dataDir, 'pg'));
    expect(files.length).toBeGreaterThan(100);
    const all = Buffer.concat(files.map((f) => fs.readFileSync(f)));
    expect(all.includes(Buffer.from(references[0]!, 'utf8'))).toBe(true);
    expect(secretsIn(all)).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, KEY_FILE_NAME))).toBe(true);
    expect(files.some((f) => f.endsWith(KEY_FILE_NAME))).toBe(false);
  });

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))('pg_dump of the PostgreSQL database contains no test identity number or name', () => {
    const dump = execFileSync('pg_dump', ['--no-owner', target.env.DATABASE_URL!], { maxBuffer: 256 * 1024 * 1024 });
    expect(dump.includes(Buffer.from(references[0]!, 'utf8'))).toBe(true);
    expect(dump.includes(Buffer.from('participant_identities', 'utf8'))).toBe(true);
    expect(secretsIn(dump)).toEqual([]);
  });
});
