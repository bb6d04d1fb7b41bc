import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardedProcurement, contractBody } from '../../../../tests/support/contracts.js';
import { createOrganisation, createTestApp, createUser, login, type TestContext } from '../../../../tests/support/factories.js';
import { answerReadiness } from '../../../../tests/support/social.js';
import {
  findContract,
  findContractWith,
  listCommitments,
  listDeviations,
  listPlacements,
  listReports,
  listSanctionSteps,
} from './contract-repository.js';

/**
 * The contract page's one query (findContractWith, docs/decisions/0911) returns exactly what the
 * per-part queries return — same rows, same order, same types (dates, instants, amounts) — for a
 * contract with every part filled in, several rows each.
 */
let ctx: TestContext;
let orgId: string;
let contractId: string;

beforeAll(async () => {
  ctx = await createTestApp();
  const org = await createOrganisation(ctx.db);
  orgId = org.id;
  const coordinator = await login(ctx.app, (await createUser(ctx.db, org.id, ['coordinator'])).email);
  await answerReadiness(coordinator);
  const p = await awardedProcurement(coordinator, org.unit.id, [
    { key: 'employment-condition', parameters: { positions: 2, employment_months: 6 } },
    { key: 'dialogue-clause', parameters: {} },
  ]);
  const c = await coordinator.post('/api/contracts', contractBody(p.id, { startsOn: '2025-01-01', endsOn: '2026-12-31' }));
  expect(c.statusCode, c.body).toBe(201);
  contractId = c.json().id;
  const commitmentId = (c.json() as { commitments: Array<{ id: string }> }).commitments[0]!.id;
  const db = ctx.db;
  for (const [ref, startedOn, endedOn] of [
    ['P-2', '2025-03-01', null],
    ['P-1', '2025-02-01', '2025-05-31'],
    ['P-3', '2025-03-01', null],
  ] as const) {
    await db.execute(
      sql`insert into placements (organisation_id, contract_id, commitment_id, participant_ref, target_group, started_on, ended_on, end_reason, extent_percent, employment_form) values (${orgId}, ${contractId}, ${commitmentId}, ${ref}, 'long_term_unemployed', ${startedOn}, ${endedOn}, ${endedOn === null ? null : 'resigned'}, 75, 'las_employment')`,
    );
  }
  for (const [sequence, startsOn, endsOn] of [
    [2, '2025-04-01', '2025-06-30'],
    [1, '2025-01-01', '2025-03-31'],
  ] as const) {
    await db.execute(
      sql`insert into period_reports (organisation_id, contract_id, period_sequence, period_starts_on, period_ends_on, reported_on, meetings_held_on, share_percent, summary, note, created_at) values (${orgId}, ${contractId}, ${sequence}, ${startsOn}, ${endsOn}, '2025-07-20', '{2025-02-03,2025-03-04}', 40, '{"placements": 2}'::jsonb, 'Anteckning', '2025-07-20T10:11:12.345678Z')`,
    );
  }
  for (const [key, detectedOn, status] of [
    ['a', '2025-05-01', 'open'],
    ['b', '2025-06-01', 'resolved'],
    ['c', '2025-05-01', 'open'],
  ] as const) {
    await db.execute(
      sql`insert into deviations (organisation_id, contract_id, commitment_id, kind, key, detected_on, details, status) values (${orgId}, ${contractId}, ${commitmentId}, 'at_risk', ${key}, ${detectedOn}, '{"openPositions": 1}'::jsonb, ${status})`,
    );
  }
  for (const [kind, takenOn, amount] of [
    ['correction_notice', '2025-06-10', null],
    ['dialogue_note', '2025-06-01', null],
    ['penalty_decision', '2025-07-15', 12_345_678_901],
  ] as const) {
    await db.execute(
      sql`insert into sanction_steps (organisation_id, contract_id, commitment_id, kind, taken_on, deadline, amount_ore, reason, evidence, taken_by_label, created_at) values (${orgId}, ${contractId}, ${commitmentId}, ${kind}, ${takenOn}, ${kind === 'correction_notice' ? '2025-07-10' : null}, ${amount}, 'Skäl', 'Underlag', 'test', '2025-07-20T08:00:00.123999Z')`,
    );
  }
  for (const version of [3, 2]) {
    await db.execute(
      sql`insert into contract_amendments (organisation_id, contract_id, version, reason, signed_on, before, after, created_at) values (${orgId}, ${contractId}, ${version}, 'Förlängning', '2025-08-01', '{"endsOn": "2026-12-31"}'::jsonb, '{"endsOn": "2027-06-30"}'::jsonb, '2025-08-01T12:00:00.999500Z')`,
    );
  }
}, 120_000);
afterAll(() => ctx.close());

describe('findContractWith', () => {
  it('returns the contract and every part exactly as the per-part queries do', async () => {
    const all = ['commitments', 'placements', 'deviations', 'amendments', 'reports', 'sanctionSteps'] as const;
    const page = await findContractWith(ctx.db, orgId, contractId, all);
    expect(page).not.toBeNull();
    expect(page!.contract).toEqual(await findContract(ctx.db, orgId, contractId));
    expect(page!.commitments).toEqual(await listCommitments(ctx.db, orgId, [contractId]));
    expect(page!.placements).toEqual(await listPlacements(ctx.db, orgId, [contractId]));
    expect(page!.deviations).toEqual(await listDeviations(ctx.db, orgId, [contractId]));
    expect(page!.reports).toEqual(await listReports(ctx.db, orgId, [contractId]));
    expect(page!.sanctionSteps).toEqual(await listSanctionSteps(ctx.db, orgId, [contractId]));
    const amendments = await ctx.db.execute(sql`select version from contract_amendments where contract_id = ${contractId} order by version`);
    expect(page!.amendments.map((a) => a.version)).toEqual((amendments as unknown as { rows: Array<{ version: number }> }).rows.map((r) => r.version));
    expect(page!.amendments[0]).toEqual({ version: 2, reason: 'Förlängning', signedOn: '2025-08-01', createdAt: new Date('2025-08-01T12:00:00.999Z'), before: { endsOn: '2026-12-31' }, after: { endsOn: '2027-06-30' } });
    // Several rows of each, so the order is really checked.
    expect([page!.commitments.length, page!.placements.length, page!.deviations.length, page!.reports.length, page!.sanctionSteps.length]).toEqual([2, 3, 3, 2, 3]);
  });

  it('loads only the parts asked for, and nothing for another organisation', async () => {
    const page = await findContractWith(ctx.db, orgId, contractId, ['placements']);
    expect(page!.placements).toHaveLength(3);
    expect(page!.reports).toEqual([]);
    const other = await createOrganisation(ctx.db);
    expect(await findContractWith(ctx.db, other.id, contractId, ['placements'])).toBeNull();
  });
});
