import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardedProcurement, contractBody } from '../../../../tests/support/contracts.js';
import { createOrganisation, createTestApp, createUser, login, type Session, type TestContext } from '../../../../tests/support/factories.js';
import { answerReadiness } from '../../../../tests/support/social.js';
import type { OcdsReleasePackage } from '../../../domain/ocds/ocds-release.js';
import { validateReleasePackage } from '../../../interop/ocds/validate-release-package.js';

let ctx: TestContext;
let coordinator: Session;
let contractId: string;

beforeAll(async () => {
  ctx = await createTestApp({ HANSYN_OCID_PREFIX: 'ocds-test01', HANSYN_PUBLIC_URL: 'https://hansyn.example.se' });
  const org = await createOrganisation(ctx.db);
  coordinator = await login(ctx.app, (await createUser(ctx.db, org.id, ['admin', 'coordinator'])).email);
  await answerReadiness(coordinator);
  const p = await awardedProcurement(coordinator, org.unit.id, [{ key: 'employment-condition', parameters: { positions: 2, employment_months: 6 } }]);
  const contract = await coordinator.post('/api/contracts', contractBody(p.id, { startsOn: '2025-01-01', endsOn: '2026-12-31', valueOre: 3_000_000_00 }));
  expect(contract.statusCode, contract.body).toBe(201);
  contractId = contract.json().id;
  const commitmentId = contract.json().commitments[0].id;
  for (const [ref, startedOn, extent, group] of [['OCDS-SECRET-1', '2025-01-01', 100, 'newly_arrived'], ['OCDS-SECRET-2', '2025-02-01', 50, 'income_support']] as const) {
    const placed = await coordinator.post(`/api/contracts/${contractId}/placements`, { commitmentId, participantRef: ref, targetGroup: group, startedOn, extentPercent: extent, employmentForm: 'las_employment' });
    expect(placed.statusCode, placed.body).toBe(201);
  }
});
afterAll(() => ctx.close());

describe('OCDS contracts[] with the metrics extension', () => {
  it('exports agreed metrics and per-period results by target group and employment form, valid, without participant references', async () => {
    const response = await coordinator.get('/api/ocds/release-package?scope=internal');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as OcdsReleasePackage;
    expect(validateReleasePackage(body)).toEqual({ valid: true, errors: [] });
    expect(body.extensions.some((e) => e.includes('ocds_metrics_extension'))).toBe(true);
    expect(response.body).not.toContain('OCDS-SECRET');
    const release = body.releases.find((r) => r.contracts?.length)!;
    expect(release.tag).toEqual(expect.arrayContaining(['award', 'contract']));
    expect(release.parties.some((p) => p.roles.includes('supplier') && p.id === 'SE-BLV-556036-0793')).toBe(true);
    const contract = release.contracts![0]!;
    expect(contract).toMatchObject({ id: `contract-${contractId}`, value: { amount: 3_000_000, currency: 'SEK' } });
    expect(contract.agreedMetrics![0]!.observations).toEqual([
      expect.objectContaining({ measure: 2, unit: { name: 'anställningar' } }),
      expect.objectContaining({ measure: 12, unit: { name: 'heltidsmånader' } }),
    ]);
    const observations = contract.implementation!.metrics![0]!.observations!;
    // Q1 2025: the full-time hire served 3.00 months, the half-time one 1.00 (February–March at 50 %).
    const q1 = observations.filter((o) => o.id.includes('period-1-') && o.dimensions?.measure === 'fullTimeMonthsServed');
    expect(q1.map((o) => [o.dimensions!.targetGroup, o.dimensions!.employmentForm, o.measure])).toEqual([
      ['newly_arrived', 'las_employment', 3],
      ['income_support', 'las_employment', 1],
    ]);
    // By the end of Q2 the full-time hire has served six months and fills a position.
    const q2 = observations.find((o) => o.id.includes('period-2-newly_arrived') && o.dimensions?.measure === 'positionsFilled');
    expect(q2?.measure).toBe(1);
  });
});
