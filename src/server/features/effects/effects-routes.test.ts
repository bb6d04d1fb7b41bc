import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, login, type Session, type TestContext } from '../../../../tests/support/factories.js';

let ctx: TestContext;
let viewer: Session;
let supplier: Session;

/**
 * UHM's published worked example ("Beräkningsexempel", Upphandlingsmyndigheten, 2019): a
 * municipal procurement; one newly arrived person over 25, unemployed 12–23 months, employed
 * 12 months full time at 20 500 kr with nystartsjobb; productivity 80 %; no unemployment
 * insurance; housing benefit; supervisor 30 000 kr at 10 %; employer administration 10 000 kr;
 * procurement cost 40 000 kr; no bonus. UHM states that every actor gains and that society
 * gains over 200 000 kr. The per-actor amounts of the example were not found (docs/results.md).
 */
/** The state's figure in UHM's example with the shipped 2019 parameter set (öre). */
const STATE_2019_ORE = -2_578_658;

const UHM_2019 = {
  buyerType: 'municipality',
  requirementType: 'employment',
  months: 12,
  positions: 1,
  extentPercent: 100,
  grossMonthlyPayOre: 20_500_00,
  wageSubsidy: 'nystartsjobb',
  productivityPercent: 80,
  ageBand: '26-65',
  unemploymentMonths: 12,
  newlyArrived: true,
  unemploymentInsurance: false,
  housingBenefit: true,
  supervisorMonthlyPayOre: 30_000_00,
  supervisionPercent: 10,
  employerAdminCostOre: 10_000_00,
  procurementCostOre: 40_000_00,
  bonusOre: 0,
  year: 2019,
};

beforeAll(async () => {
  ctx = await createTestApp();
  const org = await createOrganisation(ctx.db);
  viewer = await login(ctx.app, (await createUser(ctx.db, org.id, ['viewer'])).email);
  supplier = await login(ctx.app, (await createUser(ctx.db, org.id, ['supplier'])).email);
});
afterAll(() => ctx.close());

describe('POST /api/effects/calculate', () => {
  it('UHM’s 2019 worked example: every actor gains, as UHM states, and each figure shows its steps and sources', async () => {
    const response = await viewer.post('/api/effects/calculate', UHM_2019);
    expect(response.statusCode, response.body).toBe(200);
    const r = response.json();
    for (const actor of ['individual', 'municipality', 'region', 'employer']) expect(r.actors[actor], actor).toBeGreaterThan(0);
    expect(r.totalOre).toBe(Object.values(r.actors as Record<string, number>).reduce((a, b) => a + b, 0));
    // Hänsyn's figure with the shipped 2019 parameter set (pinned so a parameter change shows here).
    expect(r.totalOre).toBe(16_132_336);
    // The state loses: a newly arrived person brings two and a half employer contributions of
    // nystartsjobb under the 2019 rules (parameters-2019.json, inferred), not two (next test).
    expect(r.actors.state).toBe(STATE_2019_ORE);
    expect(r.parameterSet.year).toBe(2019);
    expect(r.parameterSet.sources.map((s: { parameter: string }) => s.parameter)).toEqual(expect.arrayContaining(['employerContributionPercent', 'establishmentAllowanceMonthlyOre', 'wageSubsidies.nystartsjobb.contributionMultiple']));
    for (const s of r.parameterSet.sources) expect(s.source.length, s.parameter).toBeGreaterThan(0);
    expect(r.steps.find((s: { key: string }) => s.key === 'state.wageSubsidy').amountOre).toBe(-188_520_00);
    expect(r.steps.find((s: { key: string }) => s.key === 'municipality.procurementCost').amountOre).toBe(-40_000_00);
  });

  // Known divergence, kept visible: UHM states that every actor gains, the state too. With the
  // 2019 level for newly arrived persons (two and a half contributions, 188 520 kr a year on the
  // 20 000 kr ceiling) the state's gains do not cover the subsidy; with two (the level the files
  // used before) they did (docs/results.md, "UHM's worked example").
  it.fails('UHM’s 2019 worked example: the state gains too, as UHM states (not reproduced)', async () => {
    const r = (await viewer.post('/api/effects/calculate', UHM_2019)).json();
    expect(r.actors.state).toBeGreaterThan(0);
  });

  // Known divergence, kept visible: UHM states a total above 200 000 kr; Hänsyn gives about
  // 161 000 kr because it charges the 40 000 kr procurement cost to the one position (next test
  // and docs/results.md, "UHM's worked example").
  it.fails('UHM’s 2019 worked example: total above 200 000 kr as UHM states (not reproduced)', async () => {
    const r = (await viewer.post('/api/effects/calculate', UHM_2019)).json();
    expect(r.totalOre).toBeGreaterThan(200_000_00);
  });

  // The reading that fits UHM's statement (docs/results.md): the one-off procurement cost is a
  // cost of the requirement, not of the position; left out, the same example gives over 200 000 kr,
  // and 100 such positions under one procurement over 20 million kr, as UHM's press release says.
  it('UHM’s 2019 worked example without the one-off procurement cost: over 200 000 kr, and over 20 million kr for 100 positions', async () => {
    const one = (await viewer.post('/api/effects/calculate', { ...UHM_2019, procurementCostOre: 0 })).json();
    expect(one.totalOre).toBe(16_132_336 + 40_000_00);
    expect(one.totalOre).toBeGreaterThan(200_000_00);
    const hundred = (await viewer.post('/api/effects/calculate', { ...UHM_2019, positions: 100 })).json();
    expect(hundred.totalOre).toBeGreaterThan(20_000_000_00);
  });

  it('uses Göteborg’s own tax rates when given its municipality code', async () => {
    const average = (await viewer.post('/api/effects/calculate', UHM_2019)).json();
    const gothenburg = (await viewer.post('/api/effects/calculate', { ...UHM_2019, municipalityCode: '1480' })).json();
    expect(gothenburg.actors.municipality).toBeGreaterThan(average.actors.municipality);
    expect(gothenburg.parameterSet.sources.map((s: { parameter: string }) => s.parameter)).toContain('municipalTaxRates.1480.municipalPercent');
  });

  it('shows SROI adjustments apart, leaving the UHM figure untouched', async () => {
    const plain = (await viewer.post('/api/effects/calculate', UHM_2019)).json();
    const adjusted = (await viewer.post('/api/effects/calculate', { ...UHM_2019, sroi: { deadweightPercent: 50, displacementPercent: 0, attributionPercent: 0, dropOffPercent: 0, years: 1 } })).json();
    expect(adjusted.totalOre).toBe(plain.totalOre);
    expect(adjusted.actors).toEqual(plain.actors);
    expect(adjusted.sroi).toMatchObject({ uhmTotalOre: plain.totalOre, adjustedTotalOre: Math.round(plain.totalOre / 2) });
    expect(plain.sroi).toBeUndefined();
  });

  it('every year from 2019 to 2026 has a parameter set', async () => {
    const response = await viewer.get('/api/effects/parameter-years');
    expect(response.json().years).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    for (const year of [2024, 2026]) expect((await viewer.post('/api/effects/calculate', { ...UHM_2019, year })).statusCode).toBe(200);
  });

  it.each([
    [{ year: 2018 }, '/body/year'],
    [{ year: 2031 }, '/body/year'],
    [{ municipalityCode: '9999' }, '/body/municipalityCode'],
    [{ municipalityCode: '14800' }, '/body/municipalityCode'],
    [{ extentPercent: 0 }, '/body/extentPercent'],
    [{ extentPercent: 101 }, '/body/extentPercent'],
    [{ months: 0 }, '/body/months'],
    [{ wageSubsidy: 'plusjobb' }, '/body/wageSubsidy'],
    [{ ageBand: '30' }, '/body/ageBand'],
    [{ grossMonthlyPayOre: -1 }, '/body/grossMonthlyPayOre'],
    [{ sroi: { deadweightPercent: 120, displacementPercent: 0, attributionPercent: 0, dropOffPercent: 0, years: 1 } }, '/body/sroi/deadweightPercent'],
  ])('refuses %j naming %s', async (over, path) => {
    const response = await viewer.post('/api/effects/calculate', { ...UHM_2019, ...over });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('is for members: suppliers are refused and anonymous callers must sign in', async () => {
    expect((await supplier.post('/api/effects/calculate', UHM_2019)).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'POST', url: '/api/effects/calculate', payload: UHM_2019 })).statusCode).toBe(401);
  });
});
