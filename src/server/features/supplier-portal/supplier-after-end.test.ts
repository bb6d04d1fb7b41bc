import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../db/schema/index.js';
import { AFTER_END_TODAY, seedAfterEndContract, type AfterEndContract } from '../../../../tests/support/after-end.js';
import { createTestApp, type Session, type TestContext } from '../../../../tests/support/factories.js';
import { put } from '../../../../tests/support/social.js';

/*
 * The supplier's optional "still employed with us N months after the end" in its period report
 * (issue 15, decision 0806), on PGlite and (with TEST_DATABASE_URL) on PostgreSQL: offered for the
 * contract's placements that ended at least six months ago, stored as the supplier's answer, never
 * over an officer's, and refused for another contract's placement or before N months have passed.
 */
const TODAY = AFTER_END_TODAY;
let ctx: TestContext;
let coordinator: Session;
let supplier: Session;
let contractId: string;
let otherPlacement: string;
let placement: AfterEndContract['placement'];

beforeAll(async () => {
  ctx = await createTestApp({}, { now: () => TODAY });
  ({ coordinator, supplier, contractId, placement, otherPlacement } = await seedAfterEndContract(ctx));
}, 180_000);
afterAll(() => ctx.close());

const formUrl = () => `/api/supplier/contracts/${contractId}/periods/3`;
const submit = (afterEnd: unknown[]) => supplier.post(`/api/supplier/contracts/${contractId}/periods/3/report`, { noChange: true, attestedBy: 'Kim Leverantör', afterEnd });
const outcomes = async (placementId: string) => (await coordinator.get(`/api/contracts/${contractId}/placements/${placementId}/outcomes`)).json().items as Array<{ monthsAfterEnd: number; status: string; source: string }>;

describe('the supplier answers what became of people after their placements', () => {
  it('offers the placements that ended at least six months ago, at 6 months (12 once a year has passed), pre-filled with an officer’s answer', async () => {
    expect((await put(coordinator, `/api/contracts/${contractId}/placements/${placement.early}/outcomes`, { monthsAfterEnd: 6, status: 'employed_elsewhere' })).statusCode).toBe(200);
    const form = await supplier.get(formUrl());
    expect(form.statusCode, form.body).toBe(200);
    expect(form.json().afterEnd).toEqual([
      { placementId: placement.june, participantRef: 'E-2', endedOn: '2025-06-09', monthsAfterEnd: 6, answer: null },
      { placementId: placement.early, participantRef: 'E-1', endedOn: '2025-03-31', monthsAfterEnd: 6, answer: { status: 'employed_elsewhere', source: 'officer' } },
    ]);
  });

  it('refuses an answer before N months have passed, about another contract’s placement, twice for the same months, or "elsewhere" (which the supplier cannot know); nothing is stored', async () => {
    const tooEarly = await submit([{ placementId: placement.recent, monthsAfterEnd: 6, status: 'employed_by_supplier' }]);
    expect(tooEarly.statusCode, tooEarly.body).toBe(400);
    expect(tooEarly.json().errors[0]).toMatchObject({ path: '/body/afterEnd/0/monthsAfterEnd', code: 'too_early' });
    const notHers = await submit([{ placementId: otherPlacement, monthsAfterEnd: 6, status: 'not_employed' }]);
    expect(notHers.statusCode).toBe(400);
    expect(notHers.json().errors[0].code).toBe('unknown_placement');
    const twice = await submit([
      { placementId: placement.june, monthsAfterEnd: 6, status: 'not_employed' },
      { placementId: placement.june, monthsAfterEnd: 6, status: 'employed_by_supplier' },
    ]);
    expect(twice.statusCode).toBe(400);
    expect(twice.json().errors[0].code).toBe('duplicate');
    expect((await submit([{ placementId: placement.june, monthsAfterEnd: 6, status: 'employed_elsewhere' }])).statusCode).toBe(400);
    expect(await outcomes(placement.june)).toEqual([]);
    expect((await supplier.get(formUrl())).json().period.reportId).toBeNull();
  });

  it('stores the supplier’s answers with its report, keeps the officer’s answer for the same placement and months, and audits both trails', async () => {
    const r = await submit([
      { placementId: placement.early, monthsAfterEnd: 6, status: 'not_employed' },
      { placementId: placement.june, monthsAfterEnd: 6, status: 'employed_by_supplier' },
    ]);
    expect(r.statusCode, r.body).toBe(201);
    expect(await outcomes(placement.early)).toEqual([{ monthsAfterEnd: 6, status: 'employed_elsewhere', source: 'officer', recordedOn: '2025-12-10' }]);
    expect(await outcomes(placement.june)).toEqual([{ monthsAfterEnd: 6, status: 'employed_by_supplier', source: 'supplier', recordedOn: '2025-12-10' }]);
    const events = await ctx.db.select({ organisationId: auditEvents.organisationId }).from(auditEvents).where(and(eq(auditEvents.entityId, contractId), eq(auditEvents.action, 'supplier_report.after_end_answered')));
    expect(new Set(events.map((e) => e.organisationId)).size).toBe(2);
    // The form shows the supplier's own answer back.
    expect((await supplier.get(formUrl())).json().afterEnd[0]).toMatchObject({ placementId: placement.june, answer: { status: 'employed_by_supplier', source: 'supplier' } });
  });

  it('lets an officer’s later answer replace the supplier’s', async () => {
    expect((await put(coordinator, `/api/contracts/${contractId}/placements/${placement.june}/outcomes`, { monthsAfterEnd: 6, status: 'not_employed' })).statusCode).toBe(200);
    expect(await outcomes(placement.june)).toEqual([{ monthsAfterEnd: 6, status: 'not_employed', source: 'officer', recordedOn: '2025-12-10' }]);
  });
});
