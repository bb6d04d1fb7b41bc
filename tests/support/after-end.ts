import { expect } from 'vitest';
import { awardedProcurement, contractBody } from './contracts.js';
import { createOrganisation, createUser, invitationTokenFor, login, TEST_PASSWORD, type Session, type TestContext } from './factories.js';
import { answerReadiness } from './social.js';

/** The buyer's day in the after-end tests: the placements below ended 6–9 months before, or less. */
export const AFTER_END_TODAY = new Date('2025-12-10T10:00:00Z');

const S = { organisationNumber: '559900-0014', name: 'Lokalvård Väst AB (test)' };
const T = { organisationNumber: '559900-0022', name: 'Byggkraft AB (test)' };
const EMPLOYMENT = { key: 'employment-condition', parameters: { positions: 4, employment_months: 6, first_hire_within_months: 6, target_groups: ['newly_arrived'], penalty_ore: 50_000_00, correction_days: 30, reporting_interval_months: 3 } };

export interface AfterEndContract {
  coordinator: Session;
  /** The supplier's contact person, signed in to the supplier portal. */
  supplier: Session;
  contractId: string;
  /** Placements of the contract: ended 2025-03-31, 2025-06-09, 2025-10-31, and one still running. */
  placement: Record<'early' | 'june' | 'recent' | 'running', string>;
  /** A placement of another supplier's contract of the same buyer, ended 2025-03-31. */
  otherPlacement: string;
}

/**
 * A buyer with a coordinator, a contract with four placements (three ended) whose supplier's
 * contact has accepted the invitation, and another supplier's contract with one ended placement:
 * what the supplier's "still employed after the end" answers are tested on (decision 0806).
 */
export async function seedAfterEndContract(ctx: TestContext): Promise<AfterEndContract> {
  const org = await createOrganisation(ctx.db, { name: 'Köpstad kommun' });
  const coordinator = await login(ctx.app, (await createUser(ctx.db, org.id, ['coordinator'])).email);
  await answerReadiness(coordinator);
  const created = await coordinator.post('/api/contracts', contractBody((await awardedProcurement(coordinator, org.unit.id, [EMPLOYMENT])).id, { supplier: S }));
  expect(created.statusCode, created.body).toBe(201);
  const other = await coordinator.post('/api/contracts', contractBody((await awardedProcurement(coordinator, org.unit.id, [EMPLOYMENT])).id, { supplier: T }));
  expect(other.statusCode, other.body).toBe(201);
  const place = async (contract: { id: string; commitments: Array<{ id: string }> }, ref: string, endedOn: string | null) => {
    const r = await coordinator.post(`/api/contracts/${contract.id}/placements`, {
      commitmentId: contract.commitments[0]!.id,
      participantRef: ref,
      targetGroup: 'newly_arrived',
      startedOn: '2025-01-15',
      ...(endedOn ? { endedOn, endReason: 'completed' } : {}),
      extentPercent: 100,
      employmentForm: 'las_employment',
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const placement = {
    early: await place(created.json(), 'E-1', '2025-03-31'),
    june: await place(created.json(), 'E-2', '2025-06-09'),
    recent: await place(created.json(), 'E-3', '2025-10-31'),
    running: await place(created.json(), 'E-4', null),
  };
  const otherPlacement = await place(other.json(), 'T-1', '2025-03-31');
  const contractId = created.json().id as string;
  const invited = await coordinator.post(`/api/contracts/${contractId}/supplier-contacts`, { email: 'kontakt@lokalvard.test' });
  expect(invited.statusCode, invited.body).toBe(201);
  const token = await invitationTokenFor(ctx.db, 'kontakt@lokalvard.test');
  const accepted = await ctx.app.inject({ method: 'POST', url: '/api/invitation-links/accept', payload: { token, displayName: 'Kim Leverantör', password: TEST_PASSWORD } });
  expect(accepted.statusCode, accepted.body).toBeLessThan(300);
  const supplier = await login(ctx.app, 'kontakt@lokalvard.test');
  return { coordinator, supplier, contractId, placement, otherPlacement };
}
