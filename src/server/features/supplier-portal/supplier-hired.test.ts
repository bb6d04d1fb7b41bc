import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../db/schema/index.js';
import { awardedProcurement, contractBody } from '../../../../tests/support/contracts.js';
import { createOrganisation, createTestApp, createUser, invitationTokenFor, login, TEST_PASSWORD, type Session, type TestContext } from '../../../../tests/support/factories.js';
import { participantBody, TEST_NUMBERS } from '../../../../tests/support/participants.js';
import { answerReadiness } from '../../../../tests/support/social.js';

/*
 * The supplier's own "hired" answer on a proposal (decision 0604), on PGlite and (with
 * TEST_DATABASE_URL) on PostgreSQL: the placement is created under the participant's reference
 * with the target group of the participant's verified judgment, never the supplier's word;
 * without one it waits, uncounted, until the labour-market unit confirms it.
 */
const TODAY = new Date('2025-03-03T10:00:00Z');
let ctx: TestContext;
let coordinator: Session;
let labour: Session;
let viewer: Session;
let procurer: Session;
let supplier: Session;
let otherSupplier: Session;
let contract: { id: string; commitments: Array<{ id: string; kind: string }> };
let needId: string;
const proposals: Record<'verified' | 'selfDeclared', { id: string; reference: string }> = { verified: { id: '', reference: '' }, selfDeclared: { id: '', reference: '' } };
const S = { organisationNumber: '559900-0014', name: 'Lokalvård Väst AB (test)' };
const T = { organisationNumber: '559900-0022', name: 'Byggkraft AB (test)' };
const EMPLOYMENT = { key: 'employment-condition', parameters: { positions: 2, employment_months: 6, first_hire_within_months: 6, target_groups: ['newly_arrived'], penalty_ore: 50_000_00, correction_days: 30, reporting_interval_months: 3 } };
const NEED = { title: 'Lokalvårdare', ssykCode: '9111', positions: 2, extentPercent: 100, startsOn: '2025-04-01', districtCode: 'gbg-ostra', requiredDrivingLicences: ['B'], requiredLanguages: ['sv'] };
const HIRE = { outcome: 'hired', on: '2025-03-03', placement: { startedOn: '2025-03-03', employmentForm: 'las_employment', extentPercent: 75, plannedEndOn: '2025-12-31' } };

async function supplierSession(contractId: string, email: string): Promise<Session> {
  const invited = await coordinator.post(`/api/contracts/${contractId}/supplier-contacts`, { email });
  expect(invited.statusCode, invited.body).toBe(201);
  const token = await invitationTokenFor(ctx.db, email);
  const accepted = await ctx.app.inject({ method: 'POST', url: '/api/invitation-links/accept', payload: { token, displayName: 'Kim Leverantör', password: TEST_PASSWORD } });
  expect(accepted.statusCode, accepted.body).toBeLessThan(300);
  return login(ctx.app, email);
}

async function propose(number: string, judgment: { code: string; basis: string; assessedOn: string }) {
  const participant = await labour.post('/api/participants', participantBody(number, { profile: { targetGroups: [judgment] } }));
  expect(participant.statusCode, participant.body).toBe(201);
  await labour.post(`/api/participants/${participant.json().id}/consents`, { scope: 'share_profile', supplierId: null, givenOn: '2025-03-01' });
  const proposed = await labour.post(`/api/recruitment-needs/${needId}/proposals`, { participantId: participant.json().id });
  expect(proposed.statusCode, proposed.body).toBe(201);
  return { id: proposed.json().id as string, reference: participant.json().reference as string };
}

beforeAll(async () => {
  ctx = await createTestApp({}, { now: () => TODAY });
  const org = await createOrganisation(ctx.db, { name: 'Köpstad kommun' });
  coordinator = await login(ctx.app, (await createUser(ctx.db, org.id, ['coordinator'])).email);
  labour = await login(ctx.app, (await createUser(ctx.db, org.id, ['labour_market'])).email);
  viewer = await login(ctx.app, (await createUser(ctx.db, org.id, ['viewer'])).email);
  procurer = await login(ctx.app, (await createUser(ctx.db, org.id, [{ role: 'procurer', unitId: org.unit.id }])).email);
  await answerReadiness(coordinator);
  const created = await coordinator.post('/api/contracts', contractBody((await awardedProcurement(coordinator, org.unit.id, [EMPLOYMENT])).id, { supplier: S, startsOn: '2025-01-01', signedOn: '2024-12-01' }));
  expect(created.statusCode, created.body).toBe(201);
  contract = created.json();
  const other = await coordinator.post('/api/contracts', contractBody((await awardedProcurement(coordinator, org.unit.id, [EMPLOYMENT])).id, { supplier: T, startsOn: '2025-01-01', signedOn: '2024-12-01' }));
  expect(other.statusCode, other.body).toBe(201);
  supplier = await supplierSession(contract.id, 'kontakt@lokalvard.test');
  otherSupplier = await supplierSession(other.json().id, 'kontakt@byggkraft.test');
  const posted = await supplier.post(`/api/supplier/contracts/${contract.id}/recruitment-needs`, NEED);
  expect(posted.statusCode, posted.body).toBe(201);
  needId = posted.json().id;
  proposals.verified = await propose(TEST_NUMBERS[0]!, { code: 'newly_arrived', basis: 'residence_permit', assessedOn: '2025-01-10' });
  proposals.selfDeclared = await propose(TEST_NUMBERS[1]!, { code: 'newly_arrived', basis: 'self_declared', assessedOn: '2025-01-10' });
});
afterAll(() => ctx.close());

const answerUrl = (proposalId: string) => `/api/supplier/contracts/${contract.id}/recruitment-needs/${needId}/proposals/${proposalId}/answer`;
const placementsOf = async () => (await coordinator.get(`/api/contracts/${contract.id}`)).json().placements as Array<{ id: string; participantRef: string; targetGroup: string; targetGroupPending: boolean; extentPercent: number; plannedEndOn: string | null; offeredOn: string | null }>;
const counted = async () => ((await coordinator.get(`/api/contracts/${contract.id}/fulfilment?asOf=2025-12-31`)).json().commitments[0].placements as Array<{ placementId: string; targetGroup: string }>);
const auditActions = async () => ctx.db.select({ action: auditEvents.action, organisationId: auditEvents.organisationId }).from(auditEvents).where(eq(auditEvents.entityId, contract.id));

describe('the supplier answers “hired” on a proposal', () => {
  it('a hire needs its employment; a buyer’s viewer or procurer, and another supplier, get 404 and nothing is written', async () => {
    const bare = await supplier.post(answerUrl(proposals.verified.id), { outcome: 'hired', on: '2025-03-03' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().errors[0]).toMatchObject({ path: '/body/placement', code: 'required' });
    for (const someone of [viewer, procurer, otherSupplier, coordinator]) expect((await someone.post(answerUrl(proposals.verified.id), HIRE)).statusCode).toBe(404);
    const smuggled = await supplier.post(answerUrl(proposals.verified.id), { ...HIRE, placement: { ...HIRE.placement, targetGroup: 'newly_arrived' } });
    expect(smuggled.statusCode).toBe(400);
    expect(await placementsOf()).toEqual([]);
  });

  it('with a verified judgment: the placement carries the reference and that target group, and counts', async () => {
    const hired = await supplier.post(answerUrl(proposals.verified.id), HIRE);
    expect(hired.statusCode, hired.body).toBe(200);
    expect(hired.json().proposals.find((p: { id: string }) => p.id === proposals.verified.id)).toMatchObject({ status: 'hired', decidedOn: '2025-03-03' });
    expect(hired.body).not.toContain('newly_arrived');
    const [placement] = await placementsOf();
    expect(placement).toMatchObject({ participantRef: proposals.verified.reference, targetGroup: 'newly_arrived', targetGroupPending: false, extentPercent: 75, plannedEndOn: '2025-12-31', offeredOn: '2025-03-03' });
    expect(await counted()).toEqual([expect.objectContaining({ placementId: placement!.id, targetGroup: 'newly_arrived' })]);
    const officerView = (await labour.get(`/api/recruitment-needs/${needId}/proposals`)).json();
    expect(officerView.find((p: { id: string }) => p.id === proposals.verified.id)).toMatchObject({ status: 'hired', placementId: placement!.id });
    expect((await supplier.get(`/api/supplier/contracts/${contract.id}`)).json().placements).toEqual([expect.objectContaining({ participantRef: proposals.verified.reference })]);
  });

  it('a second answer on the same proposal is 409 and creates no second placement', async () => {
    const again = await supplier.post(answerUrl(proposals.verified.id), HIRE);
    expect(again.statusCode).toBe(409);
    expect(await placementsOf()).toHaveLength(1);
  });

  it('with only a self-declared judgment: the placement is pending and not counted until the unit confirms it', async () => {
    const hired = await supplier.post(answerUrl(proposals.selfDeclared.id), HIRE);
    expect(hired.statusCode, hired.body).toBe(200);
    const pending = (await placementsOf()).find((p) => p.participantRef === proposals.selfDeclared.reference)!;
    expect(pending).toMatchObject({ targetGroupPending: true, targetGroup: 'unverified' });
    expect((await counted()).map((p) => p.placementId)).not.toContain(pending.id);
    const confirmUrl = `/api/contracts/${contract.id}/placements/${pending.id}/confirm-target-group`;
    // The unit can still change a pending placement; it stays pending until confirmed.
    const changed = await labour.patch(`/api/contracts/${contract.id}/placements/${pending.id}`, { plannedEndOn: '2025-11-30' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ plannedEndOn: '2025-11-30', targetGroupPending: true });
    // A viewer does not see placements at all (404); a procurer sees them but may not change them.
    expect((await viewer.post(confirmUrl, { targetGroup: 'newly_arrived' })).statusCode).toBe(404);
    expect((await procurer.post(confirmUrl, { targetGroup: 'newly_arrived' })).statusCode).toBe(403);
    expect((await supplier.post(confirmUrl, { targetGroup: 'newly_arrived' })).statusCode).toBe(404);
    expect((await labour.post(confirmUrl, { targetGroup: 'no_such_group' })).statusCode).toBe(400);
    const confirmed = await labour.post(confirmUrl, { targetGroup: 'newly_arrived' });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ targetGroup: 'newly_arrived', targetGroupPending: false });
    expect((await counted()).map((p) => p.placementId)).toContain(pending.id);
    expect((await labour.post(confirmUrl, { targetGroup: 'newly_arrived' })).statusCode).toBe(409);
    const actions = (await auditActions()).map((a) => a.action);
    expect(actions.filter((a) => a === 'placement.created')).toHaveLength(2);
    expect(actions).toContain('placement.target_group_confirmed');
    // Both positions are filled now.
    expect((await labour.get(`/api/recruitment-needs/${needId}`)).json()).toMatchObject({ status: 'filled' });
  });
});
