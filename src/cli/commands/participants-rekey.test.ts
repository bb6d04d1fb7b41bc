import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliTestDatabase, type CliTestDatabase } from '../../../tests/support/test-database.js';
import { decryptIdentity, encryptIdentity, lookupHash, newKeyLine, parseKeyring } from '../../server/features/matching/participant-crypto.js';
import { createOrganisation } from '../../../tests/support/factories.js';
import { TEST_NUMBERS } from '../../../tests/support/participants.js';
import { runCli, type CliIo } from '../run-cli.js';

/**
 * `hansyn participants rekey` through the CLI entry (key rotation, decision 0701): identities
 * written under k1 end up under k2 — ciphertext and lookup hash — in batches, a stopped run
 * resumes, a finished one does nothing, and every batch is audited without identity data.
 */
const K1 = newKeyLine('k1');
const K2 = newKeyLine('k2');
const NUMBERS = [...TEST_NUMBERS, '192111752388'];

let database: CliTestDatabase;
let orgId: string;

async function run(args: string[], keys: string) {
  let out = '';
  let err = '';
  const io: CliIo = { env: { ...database.env, LOG_LEVEL: 'silent', HANSYN_PARTICIPANT_KEYS: keys }, stdout: (s) => (out += s), stderr: (s) => (err += s) };
  const code = await runCli(args, io);
  return { code, out, err };
}

type Row = { participant_id: string; key_id: string; lookup_key_id: string; lookup_hash: string; ciphertext: string };
const identities = () => database.use(async (db) => ((await db.execute(sql`select participant_id, key_id, lookup_key_id, lookup_hash, ciphertext from participant_identities order by participant_id`)) as unknown as { rows: Row[] }).rows);

beforeAll(async () => {
  database = await createCliTestDatabase();
  // The first run migrates the empty database (nothing to re-encrypt yet).
  expect((await run(['participants', 'rekey'], K1)).code).toBe(0);
  const k1 = parseKeyring(K1, 'environment');
  await database.use(async (db) => {
    orgId = (await createOrganisation(db)).id;
    for (const [i, number] of NUMBERS.entries()) {
      const p = (await db.execute(sql`insert into participants (organisation_id, reference, profile) values (${orgId}, ${`P-REKEY${i}`}, null) returning id`)) as unknown as { rows: Array<{ id: string }> };
      const id = p.rows[0]!.id;
      const plain = JSON.stringify({ givenName: 'Testa', familyName: `Provsdotter ${i}`, personalIdentityNumber: number, identityNumberKind: 'personal_identity_number', email: null, phone: null, address: null });
      const { keyId, ciphertext } = encryptIdentity(k1, plain, id);
      await db.execute(sql`insert into participant_identities (participant_id, organisation_id, key_id, ciphertext, lookup_key_id, lookup_hash) values (${id}, ${orgId}, ${keyId}, ${ciphertext}, 'k1', ${lookupHash(k1, number)})`);
    }
  });
}, 120_000);
afterAll(() => database.dispose());

describe('hansyn participants rekey', () => {
  it('re-encrypts in batches, resumes after a stop, and then has nothing left to do', async () => {
    const before = await identities();
    expect(before.map((r) => r.key_id)).toEqual(NUMBERS.map(() => 'k1'));
    const rotated = `${K2},${K1}`;
    const first = await run(['participants', 'rekey', '--batch', '2', '--max-batches', '1'], rotated);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/Re-encrypted 2 identities under key k2 in 1 batch\(es\).*; 3 still under an older key/);
    expect((await identities()).filter((r) => r.key_id === 'k2')).toHaveLength(2);
    const rest = await run(['participants', 'rekey', '--batch', '2'], rotated);
    expect(rest.out).toMatch(/Re-encrypted 3 identities under key k2 in 2 batch\(es\).*; 0 still under/);
    const after = await identities();
    expect(after.map((r) => [r.key_id, r.lookup_key_id])).toEqual(NUMBERS.map(() => ['k2', 'k2']));
    // Readable with k2 alone: k1 can now be removed from the keyring.
    const k2 = parseKeyring(K2, 'environment');
    const plains = after.map((r) => JSON.parse(decryptIdentity(k2, r.ciphertext, r.participant_id)) as { personalIdentityNumber: string; familyName: string });
    expect(plains.map((p) => p.personalIdentityNumber).sort()).toEqual([...NUMBERS].sort());
    for (const [i, r] of after.entries()) expect(r.lookup_hash).toBe(lookupHash(k2, plains[i]!.personalIdentityNumber));
    const again = await run(['participants', 'rekey'], rotated);
    expect(again.out).toMatch(/Re-encrypted 0 identities .* 0 batch\(es\)/);
    expect(await identities()).toEqual(after);
  });

  it('writes one audit event per batch and organisation, with counts and key ids only', async () => {
    const events = await database.use(async (db) => ((await db.execute(sql`select actor_label, action, entity_id, after from audit_events where action = 'participant_identities.reencrypted' order by id`)) as unknown as { rows: Array<{ actor_label: string; action: string; entity_id: string; after: unknown }> }).rows);
    expect(events.map((e) => e.after)).toEqual([
      { keyId: 'k2', fromKeyIds: ['k1'], count: 2 },
      { keyId: 'k2', fromKeyIds: ['k1'], count: 2 },
      { keyId: 'k2', fromKeyIds: ['k1'], count: 1 },
    ]);
    expect(events.every((e) => e.entity_id === orgId && e.actor_label === 'hansyn participants rekey')).toBe(true);
    expect(JSON.stringify(events)).not.toContain('Provsdotter');
  });

  it('refuses to run when the old key is no longer in the keyring, changing nothing', async () => {
    const k3 = newKeyLine('k3');
    const before = await identities();
    const result = await run(['participants', 'rekey'], k3);
    expect(result.code).toBe(1);
    expect(result.err).toContain('k2 is not in the keyring');
    expect(await identities()).toEqual(before);
  });
});
