import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardedProcurement, contractBody } from '../../../../tests/support/contracts.js';
import { createOrganisation, createTestApp, createUser, login, type Session, type TestContext } from '../../../../tests/support/factories.js';
import { participantBody, TEST_NUMBERS } from '../../../../tests/support/participants.js';
import { answerReadiness } from '../../../../tests/support/social.js';

/**
 * The candidate pool cache (docs/decisions/0703) against a real database: a repeated ranking
 * reads the organisation's candidates from memory, and every committed write to participants or
 * consents — through the API, or straight into the database as another server process or the
 * CLI would make it — is in the next ranking.
 */
let ctx: TestContext;
let labour: Session;
let orgId: string;
let needId: string;
let first: { id: string; reference: string };

type Candidates = { scored: number; excludedByFilter: Record<string, number>; candidates: Array<{ participantId: string; reference: string; score: number; reasons: Array<{ code: string }> }> };

beforeAll(async () => {
  ctx = await createTestApp({}, { now: () => new Date('2025-03-03T10:00:00Z') });
  const org = await createOrganisation(ctx.db);
  orgId = org.id;
  const coordinator = await login(ctx.app, (await createUser(ctx.db, org.id, ['coordinator'])).email);
  labour = await login(ctx.app, (await createUser(ctx.db, org.id, ['labour_market'])).email);
  await answerReadiness(coordinator);
  const procurement = await awardedProcurement(coordinator, org.unit.id, [{ key: 'employment-condition', parameters: { positions: 2, target_groups: ['newly_arrived'] } }]);
  const contract = await coordinator.post('/api/contracts', contractBody(procurement.id, { startsOn: '2025-01-01', signedOn: '2024-12-01' }));
  expect(contract.statusCode, contract.body).toBe(201);
  const need = await coordinator.post('/api/recruitment-needs', { contractId: contract.json().id, title: 'Lokalvårdare', ssykCode: '9111', positions: 1, extentPercent: 100, startsOn: '2025-04-01', requiredDrivingLicences: ['B'] });
  expect(need.statusCode, need.body).toBe(201);
  needId = need.json().id;
  const created = await labour.post('/api/participants', participantBody(TEST_NUMBERS[0]));
  expect(created.statusCode, created.body).toBe(201);
  first = created.json();
  expect((await labour.post(`/api/participants/${first.id}/consents`, { scope: 'share_profile', supplierId: null, givenOn: '2025-03-01' })).statusCode).toBe(200);
}, 120_000);
afterAll(() => ctx.close());

async function ranking(): Promise<Candidates> {
  const response = await labour.get(`/api/recruitment-needs/${needId}/candidates`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Candidates;
}

const version = async () => {
  const result = (await ctx.db.execute(sql`select version from matching_versions where organisation_id = ${orgId}`)) as unknown as { rows: unknown[] };
  return Number((result.rows[0] as { version: number | string } | undefined)?.version ?? 0);
};

const references = (c: Candidates) => c.candidates.map((x) => x.reference);

describe('the candidate pool cache', () => {
  it('ranks from memory: a profile change that bypasses the version triggers stays unseen', async () => {
    expect(references(await ranking())).toEqual([first.reference]);
    await ctx.db.execute(sql`alter table participants disable trigger user`);
    try {
      await ctx.db.execute(sql`update participants set profile = jsonb_set(profile, '{drivingLicences}', '[]'::jsonb) where id = ${first.id}`);
      // Only a pool kept in memory can still rank the person who no longer holds licence B.
      expect(references(await ranking())).toEqual([first.reference]);
    } finally {
      await ctx.db.execute(sql`alter table participants enable trigger user`);
    }
    // Any tracked write to the organisation's participants makes the next ranking read them all again.
    await ctx.db.execute(sql`update participants set updated_at = updated_at where id = ${first.id}`);
    const after = await ranking();
    expect(after.candidates).toEqual([]);
    expect(after.excludedByFilter.missing_driving_licence).toBe(1);
    await ctx.db.execute(sql`update participants set profile = jsonb_set(profile, '{drivingLicences}', '["B"]'::jsonb) where id = ${first.id}`);
    expect(references(await ranking())).toEqual([first.reference]);
  });

  it('sees a participant inserted straight into the database, as another process would write it', async () => {
    await ranking();
    const before = await version();
    const profile = participantBody(TEST_NUMBERS[1], { profile: { unemployedSince: '2023-01-01', skills: ['städning'] } }).profile;
    const inserted = (await ctx.db.execute(
      sql`insert into participants (organisation_id, reference, profile) values (${orgId}, 'P-STRAIGHTSQL', ${JSON.stringify(profile)}::jsonb) returning id`,
    )) as unknown as { rows: Array<{ id: string }> };
    const id = inserted.rows[0]!.id;
    expect(await version()).toBe(before + 1);
    // No consent yet: considered and excluded.
    const withoutConsent = await ranking();
    expect(withoutConsent.scored).toBe(2);
    expect(withoutConsent.excludedByFilter.no_consent).toBe(1);
    await ctx.db.execute(sql`insert into participant_consents (organisation_id, participant_id, scope, supplier_id, given_on) values (${orgId}, ${id}, 'share_profile', null, '2025-03-02')`);
    // Waited longer, so ranks first at the same occupation score.
    expect(references(await ranking())).toEqual(['P-STRAIGHTSQL', first.reference]);
  });

  it('sees a consent revoked and a participant erased straight in the database at once', async () => {
    await ranking();
    await ctx.db.execute(sql`update participant_consents set revoked_on = '2025-03-03' where participant_id = ${first.id}`);
    const revoked = await ranking();
    expect(references(revoked)).toEqual(['P-STRAIGHTSQL']);
    expect(revoked.excludedByFilter.no_consent).toBe(1);
    await ctx.db.execute(sql`update participants set profile = null, erased_at = now(), erasure_reason = 'request' where reference = 'P-STRAIGHTSQL'`);
    const erased = await ranking();
    expect(erased.candidates).toEqual([]);
    expect(erased.scored).toBe(1);
  });

  it('reads consent per supplier: a consent with another supplier shares nothing with this one', async () => {
    expect((await ranking()).candidates).toEqual([]);
    const other = (await ctx.db.execute(sql`insert into suppliers (national_id, name) values ('5599999999', 'Annan leverantör AB') returning id`)) as unknown as { rows: Array<{ id: string }> };
    await ctx.db.execute(sql`insert into participant_consents (organisation_id, participant_id, scope, supplier_id, given_on) values (${orgId}, ${first.id}, 'share_profile', ${other.rows[0]!.id}, '2025-03-03')`);
    const elsewhere = await ranking();
    expect(elsewhere.candidates).toEqual([]);
    expect(elsewhere.excludedByFilter.no_consent).toBe(1);
    await ctx.db.execute(sql`insert into participant_consents (organisation_id, participant_id, scope, supplier_id, given_on) values (${orgId}, ${first.id}, 'share_profile', null, '2025-03-03')`);
    expect(references(await ranking())).toEqual([first.reference]);
  });
});
