import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardedProcurement, contractBody } from '../../../../tests/support/contracts.js';
import { createOrganisation, createTestApp, createUser, login, type Session, type TestContext } from '../../../../tests/support/factories.js';
import { participantBody, TEST_COORDINATION_NUMBER, TEST_NUMBERS } from '../../../../tests/support/participants.js';
import { answerReadiness } from '../../../../tests/support/social.js';
import { runParticipantRetention } from './participant-service.js';

let ctx: TestContext;
let org: Awaited<ReturnType<typeof createOrganisation>>;
let coordinator: Session;
let labour: Session;
let procurer: Session;
let viewer: Session;
let supplier: Session;
let admin: Session;
let contract: { id: string; supplier: { id: string }; commitments: Array<{ id: string; kind: string }> };
let participantId: string;
let reference: string;
let needId: string;

const EMPLOYMENT = { key: 'employment-condition', parameters: { positions: 2, employment_months: 6, first_hire_within_months: 6, target_groups: ['newly_arrived', 'income_support'], penalty_ore: 50_000_00, correction_days: 30 } };

async function count(table: string): Promise<number> {
  const result = await ctx.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
  return Number((result as unknown as { rows: Array<{ n: number }> }).rows[0]!.n);
}

beforeAll(async () => {
  ctx = await createTestApp({}, { now: () => new Date('2025-03-03T10:00:00Z') });
  org = await createOrganisation(ctx.db, { name: 'Exempelstads kommun' });
  coordinator = await login(ctx.app, (await createUser(ctx.db, org.id, ['coordinator'])).email);
  labour = await login(ctx.app, (await createUser(ctx.db, org.id, ['labour_market'])).email);
  procurer = await login(ctx.app, (await createUser(ctx.db, org.id, ['procurer'])).email);
  viewer = await login(ctx.app, (await createUser(ctx.db, org.id, ['viewer'])).email);
  supplier = await login(ctx.app, (await createUser(ctx.db, org.id, ['supplier'])).email);
  admin = await login(ctx.app, (await createUser(ctx.db, org.id, ['admin'])).email);
  await answerReadiness(coordinator);
  const procurement = await awardedProcurement(coordinator, org.unit.id, [EMPLOYMENT]);
  const created = await coordinator.post('/api/contracts', contractBody(procurement.id, { startsOn: '2025-01-01', signedOn: '2024-12-01' }));
  expect(created.statusCode, created.body).toBe(201);
  contract = created.json();
});
afterAll(() => ctx.close());

describe('participants', () => {
  it('registers a participant with a random reference and answers the identity only to labour-market officers', async () => {
    const created = await labour.post('/api/participants', participantBody(TEST_NUMBERS[0]));
    expect(created.statusCode, created.body).toBe(201);
    const p = created.json();
    participantId = p.id;
    reference = p.reference;
    expect(p.reference).toMatch(/^P-[2-9A-Z]{10}$/);
    expect(p.reference).not.toContain(TEST_NUMBERS[0].slice(2, 8));
    expect(p.personalIdentityNumber).toBe('19771207-2391');
    const one = await labour.get(`/api/participants/${p.id}?purpose=matching`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ reference: p.reference, personalIdentityNumber: '19771207-2391', givenName: 'Testa', profile: { districtCode: 'gbg-angered' } });
    const list = await labour.get('/api/participants?q=19771207-2391');
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: p.id, reference: p.reference, personalIdentityNumber: '19771207-2391' }] });
    const byName = await labour.get('/api/participants?q=provsdott');
    expect(byName.json().total).toBe(1);
  });

  it('logs every read of identifiable data with who and the purpose', async () => {
    const rows = await ctx.db.execute(sql`select purpose from participant_access_log where participant_id = ${participantId} order by at`);
    const purposes = (rows as unknown as { rows: Array<{ purpose: string }> }).rows.map((r) => r.purpose);
    expect(purposes).toContain('matching');
    expect(purposes.filter((x) => x === 'case_work').length).toBeGreaterThanOrEqual(3);
  });

  it('accepts a coordination number and refuses an invalid or duplicate number, naming the field and writing nothing', async () => {
    const before = await count('participants');
    const coordination = await labour.post('/api/participants', participantBody(TEST_COORDINATION_NUMBER));
    expect(coordination.statusCode, coordination.body).toBe(201);
    expect(coordination.json().identityNumberKind).toBe('coordination_number');
    const invalid = await labour.post('/api/participants', participantBody('197712072392'));
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().errors[0]).toMatchObject({ path: '/body/identity/personalIdentityNumber', code: 'identity_number_checksum' });
    const duplicate = await labour.post('/api/participants', participantBody('771207-2391'));
    expect(duplicate.statusCode).toBe(409);
    const diagnosis = await labour.post('/api/participants', participantBody(TEST_NUMBERS[1], { profile: { diagnosis: 'x' } }));
    expect(diagnosis.statusCode).toBe(400);
    expect(await count('participants')).toBe(before + 1);
  });

  it.each([
    ['supplier', () => supplier],
    ['procurer', () => procurer],
    ['viewer', () => viewer],
    ['coordinator', () => coordinator],
    ['admin', () => admin],
  ])('a %s gets no identity or profile data', async (_role, session) => {
    for (const url of ['/api/participants', `/api/participants/${participantId}`, `/api/participants/${participantId}/export`, `/api/participants/${participantId}/export?format=pdf`]) {
      const response = await session().get(url);
      expect([403, 404], url).toContain(response.statusCode);
      expect(response.body).not.toContain('Provsdotter');
      expect(response.body).not.toContain('2391');
    }
    expect((await session().post(`/api/participants/${participantId}/erase`)).statusCode).toBe(403);
  });
});

describe('needs, matching and proposals', () => {
  it('records a need under a contract, refusing an unknown SSYK code by field', async () => {
    const bad = await coordinator.post('/api/recruitment-needs', { contractId: contract.id, title: 'Lokalvårdare', ssykCode: '9999', positions: 1, extentPercent: 100, startsOn: '2025-04-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ path: '/body/ssykCode', code: 'unknown_ssyk_code' });
    const need = await coordinator.post('/api/recruitment-needs', { contractId: contract.id, title: 'Lokalvårdare', ssykCode: '9111', positions: 1, extentPercent: 100, startsOn: '2025-04-01', districtCode: 'gbg-ostra', requiredDrivingLicences: ['B'], requiredLanguages: ['sv'], skills: ['städning'] });
    expect(need.statusCode, need.body).toBe(201);
    expect(need.json()).toMatchObject({ supplierId: contract.supplier.id, occupationLabel: expect.stringMatching(/städ/i), targetGroups: ['newly_arrived', 'income_support'], status: 'open' });
    needId = need.json().id;
  });

  it('excludes a participant without consent, then ranks them with reasons once they consent', async () => {
    const before = (await labour.get(`/api/recruitment-needs/${needId}/candidates`)).json();
    expect(before.candidates).toEqual([]);
    expect(before.excludedByFilter.no_consent).toBeGreaterThanOrEqual(1);
    const refused = await labour.post(`/api/recruitment-needs/${needId}/proposals`, { participantId });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].code).toBe('no_consent');
    const consent = await labour.post(`/api/participants/${participantId}/consents`, { scope: 'share_profile', supplierId: null, givenOn: '2025-03-01' });
    expect(consent.statusCode, consent.body).toBe(200);
    const after = (await labour.get(`/api/recruitment-needs/${needId}/candidates`)).json();
    expect(after.candidates[0]).toMatchObject({ participantId, reference });
    expect(after.candidates[0].reasons.map((r: { code: string }) => r.code)).toEqual(['ssyk_4', 'skills', 'distance', 'extent', 'target_group', 'waiting']);
  });

  it('shows the supplier only a pseudonymous profile until an interview consent, then the contact', async () => {
    const proposed = await labour.post(`/api/recruitment-needs/${needId}/proposals`, { participantId });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const pseudonymous = await labour.get(`/api/recruitment-needs/${needId}/supplier-view`);
    expect(pseudonymous.json()).toEqual([expect.objectContaining({ reference, contact: null })]);
    expect(pseudonymous.body).not.toContain('Provsdotter');
    await labour.post(`/api/participants/${participantId}/consents`, { scope: 'interview', supplierId: contract.supplier.id, givenOn: '2025-03-03' });
    const withContact = await labour.get(`/api/recruitment-needs/${needId}/supplier-view`);
    expect(withContact.json()[0].contact).toMatchObject({ givenName: 'Testa', familyName: 'Provsdotter' });
  });

  it('tracks interview, offer and hire; the hire records a placement under the reference and fills the need', async () => {
    const [proposal] = (await labour.get(`/api/recruitment-needs/${needId}/proposals`)).json();
    const url = `/api/recruitment-needs/${needId}/proposals/${proposal.id}/outcome`;
    expect((await labour.post(url, { outcome: 'interview', on: '2025-03-03' })).statusCode).toBe(200);
    expect((await labour.post(url, { outcome: 'offer', on: '2025-03-03' })).statusCode).toBe(200);
    const skipBack = await labour.post(url, { outcome: 'interview', on: '2025-03-03' });
    expect(skipBack.statusCode).toBe(409);
    const commitment = contract.commitments.find((c) => c.kind === 'employment_condition')!;
    const hired = await labour.post(url, { outcome: 'hired', on: '2025-03-03', placement: { commitmentId: commitment.id, targetGroup: 'newly_arrived', startedOn: '2025-04-01', employmentForm: 'las_employment' } });
    expect(hired.statusCode, hired.body).toBe(200);
    expect(hired.json()).toMatchObject({ status: 'hired', placementId: expect.any(String) });
    const c = (await labour.get(`/api/contracts/${contract.id}`)).json();
    expect(c.placements).toEqual([expect.objectContaining({ participantRef: reference, ssykCode: '9111' })]);
    expect((await labour.get(`/api/recruitment-needs/${needId}`)).json().status).toBe('filled');
  });

  it('shows the bottleneck figures, pseudonymous', async () => {
    const response = await coordinator.get('/api/matching/bottleneck');
    expect(response.statusCode).toBe(200);
    expect(response.json().hitRates).toEqual([expect.objectContaining({ ssykCode: '9111', proposals: 1, hired: 1, hitRatePercent: 100 })]);
    expect(response.body).not.toContain('Provsdotter');
    expect((await viewer.get('/api/matching/bottleneck')).statusCode).toBe(403);
  });
});

describe('GDPR', () => {
  it('exports everything held about the person as JSON and as a PDF', async () => {
    const json = await labour.get(`/api/participants/${participantId}/export`);
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({ participant: { personalIdentityNumber: '19771207-2391', reference }, proposals: [expect.objectContaining({ status: 'hired' })], placements: [expect.objectContaining({ startedOn: '2025-04-01' })] });
    expect(json.json().accessLog.length).toBeGreaterThan(3);
    const pdf = await labour.get(`/api/participants/${participantId}/export?format=pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('erases on request: identity and profile go; participants, proposals, placements and the hit rate stay', async () => {
    const counts = { participants: await count('participants'), proposals: await count('proposals'), placements: await count('placements') };
    const bottleneck = (await coordinator.get('/api/matching/bottleneck')).json().hitRates;
    const erased = await labour.post(`/api/participants/${participantId}/erase`);
    expect(erased.statusCode).toBe(204);
    expect({ participants: await count('participants'), proposals: await count('proposals'), placements: await count('placements') }).toEqual(counts);
    expect(await count('participant_identities')).toBe(1);
    const after = (await labour.get(`/api/participants/${participantId}`)).json();
    expect(after).toMatchObject({ reference, personalIdentityNumber: null, givenName: null, profile: null, consents: [], erasureReason: 'request' });
    expect((await coordinator.get('/api/matching/bottleneck')).json().hitRates).toEqual(bottleneck);
    const search = await labour.get('/api/participants?q=19771207-2391');
    expect(search.json().total).toBe(0);
  });

  it('erases by retention once the last placement ended longer ago than the retention time, not before', async () => {
    const other = (await labour.get('/api/participants')).json().items.find((p: { erased: boolean }) => !p.erased);
    expect(await runParticipantRetention(ctx.db, '2025-03-03', 24, new Date('2025-03-03T02:30:00Z'))).toBe(0);
    // The coordination-number participant never had a placement and was last changed in 2025-03.
    expect(await runParticipantRetention(ctx.db, '2027-03-04', 24, new Date('2027-03-04T02:30:00Z'))).toBe(1);
    const gone = (await labour.get(`/api/participants/${other.id}`)).json();
    expect(gone).toMatchObject({ personalIdentityNumber: null, erasureReason: 'retention' });
    expect(await count('participant_identities')).toBe(0);
  });
});
