import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../tests/support/test-database.js';
import { parseIdentityNumber } from '../../domain/participants/personal-identity-number.js';
import { decryptIdentity, ephemeralKeyring } from '../../server/features/matching/participant-crypto.js';
import type { DatabaseHandle } from '../client.js';
import { seedDemo } from './seed-demo.js';

let handle: DatabaseHandle;
const keys = ephemeralKeyring();
const rows = async <T>(query: ReturnType<typeof sql>) => ((await handle.db.execute(query)) as unknown as { rows: T[] }).rows;

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemo(handle.db, { now: new Date(), scale: 'demo', currentYear: 2026, participantKeys: keys });
}, 180_000);
afterAll(() => handle.close());

describe('demo participants', () => {
  it('gives Göteborg’s labour-market unit a few hundred participants with Skatteverket test numbers and invented, marked names', async () => {
    const [{ n }] = await rows<{ n: number }>(sql`select count(*)::int as n from participants p join organisations o on o.id = p.organisation_id where o.slug = 'goteborg'`) as [{ n: number }];
    expect(n).toBeGreaterThanOrEqual(300);
    const testNumbers = new Set((await import('node:fs')).readFileSync(new URL('../../reference/se/skatteverket-testpersonnummer-demo.csv', import.meta.url), 'utf8').split('\n').slice(1));
    const identities = await rows<{ participant_id: string; ciphertext: string }>(sql`select participant_id, ciphertext from participant_identities`);
    for (const i of identities) {
      const plain = JSON.parse(decryptIdentity(keys, i.ciphertext, i.participant_id)) as { personalIdentityNumber: string; familyName: string };
      expect(testNumbers.has(plain.personalIdentityNumber)).toBe(true);
      expect(parseIdentityNumber(plain.personalIdentityNumber, '2026-12-06').valid).toBe(true);
      expect(plain.familyName).toMatch(/\(demo\)$/);
    }
  });

  it('lines references up with the demo placements: every placement’s participant exists in its organisation, with a hired proposal pointing at it', async () => {
    const orphans = await rows<{ participant_ref: string }>(sql`select pl.participant_ref from placements pl left join participants p on p.reference = pl.participant_ref and p.organisation_id = pl.organisation_id where p.id is null`);
    expect(orphans).toEqual([]);
    const mismatched = await rows<{ id: string }>(sql`select pr.id from proposals pr join placements pl on pl.id = pr.placement_id join participants p on p.id = pr.participant_id where pl.participant_ref <> p.reference`);
    expect(mismatched).toEqual([]);
    const [{ placements, hired }] = (await rows<{ placements: number; hired: number }>(sql`select (select count(*)::int from placements) as placements, (select count(*)::int from proposals where status = 'hired' and placement_id is not null) as hired`)) as [{ placements: number; hired: number }];
    expect(hired).toBe(placements);
  });

  it('has open needs waiting, and one occupation with needs and no candidates', async () => {
    const open = await rows<{ ssyk_code: string }>(sql`select ssyk_code from recruitment_needs where status = 'open'`);
    expect(open.length).toBeGreaterThanOrEqual(8);
    expect(open.map((o) => o.ssyk_code)).toContain('7212');
  });
});
