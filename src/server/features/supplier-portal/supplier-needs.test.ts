import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardedProcurement, contractBody } from '../../../../tests/support/contracts.js';
import { createOrganisation, createTestApp, createUser, invitationTokenFor, login, TEST_PASSWORD, type Session, type TestContext } from '../../../../tests/support/factories.js';
import { participantBody, TEST_NUMBERS } from '../../../../tests/support/participants.js';
import { answerReadiness } from '../../../../tests/support/social.js';

/*
 * Recruitment needs through the supplier portal, on PGlite and (with TEST_DATABASE_URL) on
 * PostgreSQL: the supplier posts a need, the buyer's labour-market officer proposes a candidate,
 * the supplier sees a pseudonymous profile and answers; a third supplier sees nothing of it.
 */
const TODAY = new Date('2025-03-03T10:00:00Z');
let ctx: TestContext;
let coordinator: Session;
let labour: Session;
let supplier: Session;
let otherSupplier: Session;
let contract: { id: string; commitments: Array<{ id: string; kind: string }> };
let otherContractId: string;
let needId: string;
let proposalId: string;
let reference: string;
let participantId: string;
const S = { organisationNumber: '559900-0014', name: 'Lokalvård Väst AB (test)' };
const T = { organisationNumber: '559900-0022', name: 'Byggkraft AB (test)' };
const EMPLOYMENT = { key: 'employment-condition', parameters: { positions: 2, employment_months: 6, first_hire_within_months: 6, target_groups: ['newly_arrived'], penalty_ore: 50_000_00, correction_days: 30, reporting_interval_months: 3 } };
const NEED = { title: 'Lokalvårdare', ssykCode: '9111', positions: 1, extentPercent: 100, startsOn: '2025-04-01', districtCode: 'gbg-ostra', requiredDrivingLicences: ['B'], requiredLanguages: ['sv'] };

async function supplierSession(contractId: string, email: string): Promise<Session> {
  const invited = await coordinator.post(`/api/contracts/${contractId}/supplier-contacts`, { email });
  expect(invited.statusCode, invited.body).toBe(201);
  const token = await invitationTokenFor(ctx.db, email);
  const accepted = await ctx.app.inject({ method: 'POST', url: '/api/invitation-links/accept', payload: { token, displayName: 'Kim Leverantör', password: TEST_PASSWORD } });
  expect(accepted.statusCode, accepted.body).toBeLessThan(300);
  return login(ctx.app, email);
}

beforeAll(async () => {
  ctx = await createTestApp({}, { now: () => TODAY });
  const org = await createOrganisation(ctx.db, { name: 'Köpstad kommun' });
  coordinator = await login(ctx.app, (await createUser(ctx.db, org.id, ['coordinator'])).email);
  labour = await login(ctx.app, (await createUser(ctx.db, org.id, ['labour_market'])).email);
  await answerReadiness(coordinator);
  const created = await coordinator.post('/api/contracts', contractBody((await awardedProcurement(coordinator, org.unit.id, [EMPLOYMENT])).id, { supplier: S, startsOn: '2025-01-01', signedOn: '2024-12-01' }));
  expect(created.statusCode, created.body).toBe(201);
  contract = created.json();
  const other = await coordinator.post('/api/contracts', contractBody((await awardedProcurement(coordinator, org.unit.id, [EMPLOYMENT])).id, { supplier: T, startsOn: '2025-01-01', signedOn: '2024-12-01' }));
  expect(other.statusCode, other.body).toBe(201);
  otherContractId = other.json().id;
  supplier = await supplierSession(contract.id, 'kontakt@lokalvard.test');
  otherSupplier = await supplierSession(otherContractId, 'kontakt@byggkraft.test');
});
afterAll(() => ctx.close());

const needsUrl = () => `/api/supplier/contracts/${contract.id}/recruitment-needs`;
const answerUrl = () => `${needsUrl()}/${needId}/proposals/${proposalId}/answer`;

describe('the supplier’s recruitment needs', () => {
  it('posts a need under its contract; a bad occupation is refused by field and nothing is written', async () => {
    const bad = await supplier.post(needsUrl(), { ...NEED, ssykCode: '9999' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ path: '/body/ssykCode', code: 'unknown_ssyk_code' });
    const noOccupation = await supplier.post(needsUrl(), { ...NEED, ssykCode: undefined });
    expect(noOccupation.json().errors[0]).toMatchObject({ path: '/body/ssykCode', code: 'occupation_required' });
    const smuggled = await supplier.post(needsUrl(), { ...NEED, contractId: otherContractId });
    expect(smuggled.statusCode).toBe(400);
    expect((await supplier.get(needsUrl())).json()).toEqual([]);
    const posted = await supplier.post(needsUrl(), NEED);
    expect(posted.statusCode, posted.body).toBe(201);
    expect(posted.json()).toMatchObject({ contractId: contract.id, title: 'Lokalvårdare', ssykCode: '9111', occupationLabel: expect.stringMatching(/städ/i), status: 'open', proposals: [] });
    expect(posted.json()).not.toHaveProperty('targetGroups');
    needId = posted.json().id;
  });

  it('the buyer’s labour-market unit sees the need and proposes a consenting candidate through its own API', async () => {
    const seen = (await labour.get('/api/recruitment-needs')).json();
    expect(seen.items).toEqual([expect.objectContaining({ id: needId, supplierName: S.name, targetGroups: ['newly_arrived'] })]);
    const participant = await labour.post('/api/participants', participantBody(TEST_NUMBERS[0]));
    expect(participant.statusCode, participant.body).toBe(201);
    reference = participant.json().reference;
    participantId = participant.json().id;
    await labour.post(`/api/participants/${participant.json().id}/consents`, { scope: 'share_profile', supplierId: null, givenOn: '2025-03-01' });
    const proposed = await labour.post(`/api/recruitment-needs/${needId}/proposals`, { participantId: participant.json().id });
    expect(proposed.statusCode, proposed.body).toBe(201);
    proposalId = proposed.json().id;
  });

  it('the supplier sees the proposal as a pseudonymous profile: the reference, no name, no identity number, no target group', async () => {
    const response = await supplier.get(needsUrl());
    expect(response.statusCode).toBe(200);
    const [need] = response.json();
    expect(need.proposals).toEqual([
      expect.objectContaining({ id: proposalId, reference, status: 'proposed', skills: ['Städning'], languages: ['sv', 'ar'], drivingLicences: ['B'], availableFrom: '2025-01-01', extentWantedPercent: 100 }),
    ]);
    for (const secret of ['Testa', 'Provsdotter', '19771207', '2391', '031-123', 'newly_arrived', 'participantId', 'score']) expect(response.body).not.toContain(secret);
  });

  it('shows name and contact only once the participant consents to an interview with this supplier, and logs the read', async () => {
    const others = await labour.post(`/api/participants/${participantId}/consents`, { scope: 'interview', supplierId: (await coordinator.get(`/api/contracts/${otherContractId}`)).json().supplier.id, givenOn: '2025-03-03' });
    expect(others.statusCode, others.body).toBe(200);
    const stillPseudonymous = await supplier.get(needsUrl());
    expect(stillPseudonymous.json()[0].proposals[0].contact).toBeNull();
    for (const secret of ['Testa', 'Provsdotter', '031-123']) expect(stillPseudonymous.body).not.toContain(secret);
    const logged = async () => ((await labour.get(`/api/participants/${participantId}/export`)).json().accessLog as Array<{ purpose: string; by: string }>).filter((a) => a.purpose === 'supplier_interview');
    expect(await logged()).toEqual([]);
    // A consent dated tomorrow does not count yet.
    await labour.post(`/api/participants/${participantId}/consents`, { scope: 'interview', supplierId: null, givenOn: '2025-03-04' });
    expect((await supplier.get(needsUrl())).json()[0].proposals[0].contact).toBeNull();
    const consent = await labour.post(`/api/participants/${participantId}/consents`, { scope: 'interview', supplierId: (await coordinator.get(`/api/contracts/${contract.id}`)).json().supplier.id, givenOn: '2025-03-03' });
    expect(consent.statusCode, consent.body).toBe(200);
    const response = await supplier.get(needsUrl());
    expect(response.json()[0].proposals[0]).toMatchObject({ reference, contact: { givenName: 'Testa', familyName: 'Provsdotter', email: null, phone: '031-123 45 67' } });
    // Name and contact only: never the identity number or the target groups.
    for (const secret of ['19771207', '2391', 'newly_arrived', 'participantId']) expect(response.body).not.toContain(secret);
    expect(await logged()).toEqual([expect.objectContaining({ by: 'kontakt@lokalvard.test' })]);
    // Another supplier still gets 404, and reads nothing.
    expect((await otherSupplier.get(needsUrl())).statusCode).toBe(404);
    expect(await logged()).toHaveLength(1);
  });

  it('answers interview, offer and not suitable (a reason is required); a step back is 409', async () => {
    expect((await supplier.post(answerUrl(), { outcome: 'interview', on: '2025-03-03' })).statusCode).toBe(200);
    expect((await supplier.post(answerUrl(), { outcome: 'hired', on: '2025-03-03' })).statusCode).toBe(400);
    const future = await supplier.post(answerUrl(), { outcome: 'offer', on: '2025-04-03' });
    expect(future.json().errors[0]).toMatchObject({ path: '/body/on', code: 'in_future' });
    const offer = await supplier.post(answerUrl(), { outcome: 'offer', on: '2025-03-03' });
    expect(offer.statusCode, offer.body).toBe(200);
    expect(offer.json().proposals[0].status).toBe('offer');
    expect((await supplier.post(answerUrl(), { outcome: 'interview', on: '2025-03-03' })).statusCode).toBe(409);
    const noReason = await supplier.post(answerUrl(), { outcome: 'not_hired', on: '2025-03-03' });
    expect(noReason.json().errors[0]).toMatchObject({ path: '/body/notHiredReason', code: 'required' });
    const officerView = (await labour.get(`/api/recruitment-needs/${needId}/proposals`)).json();
    expect(officerView[0]).toMatchObject({ status: 'offer', history: [expect.objectContaining({ status: 'proposed' }), expect.objectContaining({ status: 'interview', by: 'kontakt@lokalvard.test' }), expect.objectContaining({ status: 'offer' })] });
  });

  it('after the unit records the hire, the supplier sees it hired and the placement on its contract under the reference', async () => {
    const commitment = contract.commitments.find((c) => c.kind === 'employment_condition')!;
    const hired = await labour.post(`/api/recruitment-needs/${needId}/proposals/${proposalId}/outcome`, { outcome: 'hired', on: '2025-03-03', placement: { commitmentId: commitment.id, targetGroup: 'newly_arrived', startedOn: '2025-04-01', employmentForm: 'las_employment' } });
    expect(hired.statusCode, hired.body).toBe(200);
    const [need] = (await supplier.get(needsUrl())).json();
    expect(need).toMatchObject({ status: 'filled', proposals: [expect.objectContaining({ status: 'hired' })] });
    const detail = (await supplier.get(`/api/supplier/contracts/${contract.id}`)).json();
    expect(detail.placements).toEqual([expect.objectContaining({ participantRef: reference, startedOn: '2025-04-01' })]);
  });

  it('another supplier, and a buyer, get 404 on every need route of the contract and write nothing', async () => {
    expect((await otherSupplier.get(needsUrl())).statusCode).toBe(404);
    expect((await otherSupplier.post(needsUrl(), NEED)).statusCode).toBe(404);
    expect((await otherSupplier.post(answerUrl(), { outcome: 'interview', on: '2025-03-03' })).statusCode).toBe(404);
    expect((await coordinator.get(needsUrl())).statusCode).toBe(404);
    expect((await otherSupplier.get(`/api/supplier/contracts/${otherContractId}/recruitment-needs`)).json()).toEqual([]);
    expect((await supplier.post(`${needsUrl()}/${needId}/proposals/${needId}/answer`, { outcome: 'interview', on: '2025-03-03' })).statusCode).toBe(404);
    expect((await labour.get('/api/recruitment-needs')).json().total).toBe(1);
  });
});
