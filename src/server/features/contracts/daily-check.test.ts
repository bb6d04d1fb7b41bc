import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardedProcurement, contractBody } from '../../../../tests/support/contracts.js';
import { createOrganisation, createTestApp, createUser, login, type Session, type TestContext } from '../../../../tests/support/factories.js';
import { answerReadiness } from '../../../../tests/support/social.js';
import { runDailyFollowUpCheck } from './follow-up-service.js';

let ctx: TestContext;
const sessions: Session[] = [];
const contractIds: string[] = [];
const orgIds: string[] = [];
const NOW = new Date('2026-01-02T05:00:00Z');

beforeAll(async () => {
  ctx = await createTestApp();
  for (const name of ['Norrstad', 'Söderby']) {
    const org = await createOrganisation(ctx.db, { name: `${name} kommun` });
    const coordinator = await login(ctx.app, (await createUser(ctx.db, org.id, ['coordinator'])).email);
    await answerReadiness(coordinator);
    const p = await awardedProcurement(coordinator, org.unit.id, [{ key: 'employment-condition', parameters: { positions: 1, employment_months: 6 } }]);
    const c = await coordinator.post('/api/contracts', contractBody(p.id, { startsOn: '2025-01-01', endsOn: '2025-12-31' }));
    expect(c.statusCode, c.body).toBe(201);
    sessions.push(coordinator);
    orgIds.push(org.id);
    contractIds.push(c.json().id);
  }
});
afterAll(() => ctx.close());

describe('runDailyFollowUpCheck', () => {
  it('checks every organisation, finds the shortfall the day after the end, and stores each deviation once', async () => {
    const first = await runDailyFollowUpCheck(ctx.db, '2026-01-01', NOW);
    expect(first.contractsChecked).toBe(2);
    for (const id of contractIds) {
      expect(first.deviationsFound.filter((d) => d.contractId === id).map((d) => d.kind).sort()).toEqual(['report_overdue', 'report_overdue', 'report_overdue', 'shortfall']);
    }
    expect(first.remindersDue.filter((r) => r.kind === 'deviation_found')).toHaveLength(first.deviationsFound.length);
    expect(first.remindersDue.every((r) => r.subject.sv.length > 0 && r.subject.en.length > 0 && r.recipients.roles.includes('coordinator'))).toBe(true);
    // Two runs on the same day, or on the next, find nothing new.
    expect((await runDailyFollowUpCheck(ctx.db, '2026-01-01', NOW)).deviationsFound).toEqual([]);
    const next = await runDailyFollowUpCheck(ctx.db, '2026-01-15', NOW);
    expect(next.deviationsFound.map((d) => d.kind)).toEqual(['report_overdue', 'report_overdue']);
    expect(next.remindersDue.filter((r) => r.kind === 'report_overdue')).toHaveLength(2);
  });

  it('reminder keys are stable, so the queue can send each once', async () => {
    const a = await runDailyFollowUpCheck(ctx.db, '2026-01-07', NOW);
    const b = await runDailyFollowUpCheck(ctx.db, '2026-01-07', NOW);
    expect(a.remindersDue.map((r) => r.key)).toEqual(b.remindersDue.map((r) => r.key));
    expect(a.remindersDue.map((r) => r.kind)).toEqual(['report_due_soon', 'report_due_soon']);
  });

  it('leaves contracts ended more than 90 days ago alone, and can be limited to one organisation', async () => {
    expect((await runDailyFollowUpCheck(ctx.db, '2026-04-01', NOW)).contractsChecked).toBe(0);
    const one = await runDailyFollowUpCheck(ctx.db, '2025-06-01', NOW, { organisationId: orgIds[0]! });
    expect(one.contractsChecked).toBe(1);
    expect(one.deviationsFound.every((d) => d.organisationId === orgIds[0])).toBe(true);
  });
});
