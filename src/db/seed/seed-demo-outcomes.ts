import { and, asc, inArray, isNotNull, lte, eq, gte } from 'drizzle-orm';
import { addDays, addMonths } from '../../domain/follow-up/calendar.js';
import type { AfterEndStatus } from '../../domain/results/still-employed.js';
import { insertPlacementRows, swedishDate } from '../../server/features/contracts/contract-service.js';
import type { Database } from '../client.js';
import { contracts, organisations, placementOutcomes, placements } from '../schema/index.js';
import { createRandom } from './generate-demo-data.js';

/** Months after the end at which the demo coordinators asked, the latest that has passed first. */
const ASKED_AFTER_MONTHS = [12, 6, 3] as const;

/**
 * Invented answers on what became of the people after their demo placements ended (issue 15,
 * "still employed after the placement ended, where known"), so the dashboard and the public page
 * show the figure from the first start: of the ended placements that were asked about (3, 6 or
 * 12 months after the end, whichever is the latest that has passed by `now`), about two in three
 * have an answer — of those about half still employed, by the supplier or elsewhere — about one in
 * ten "unknown" (asked, no answer), and the rest not asked. Deterministic: a seeded
 * random over the placements in participant order; `now` is the caller's clock.
 */
export async function seedDemoOutcomes(db: Database, now: Date): Promise<{ outcomes: number }> {
  const today = swedishDate(now);
  const random = createRandom(1515);
  const orgs = await db.select({ id: organisations.id, slug: organisations.slug }).from(organisations).where(inArray(organisations.slug, ['goteborg', 'boras']));
  if (orgs.length === 0) return { outcomes: 0 };
  const ended = await db
    .select({ id: placements.id, organisationId: placements.organisationId, endedOn: placements.endedOn })
    .from(placements)
    .where(and(inArray(placements.organisationId, orgs.map((o) => o.id)), isNotNull(placements.endedOn), lte(placements.endedOn, today)))
    .orderBy(asc(placements.participantRef), asc(placements.startedOn));
  const rows: Array<typeof placementOutcomes.$inferInsert> = [];
  for (const p of ended) {
    const roll = random();
    const kind = random();
    const months = ASKED_AFTER_MONTHS.find((m) => addMonths(p.endedOn!, m) <= today);
    if (months === undefined) continue;
    let status: AfterEndStatus | null;
    if (roll < 0.66) status = kind < 0.3 ? 'employed_by_supplier' : kind < 0.5 ? 'employed_elsewhere' : 'not_employed';
    else if (roll < 0.76) status = 'unknown';
    else status = null;
    if (status === null) continue;
    const recordedOn = addDays(addMonths(p.endedOn!, months), Math.floor(random() * 14));
    rows.push({ organisationId: p.organisationId, placementId: p.id, monthsAfterEnd: months, status, source: 'officer', recordedOn: recordedOn > today ? today : recordedOn, updatedAt: now });
  }
  for (let i = 0; i < rows.length; i += 500) await db.insert(placementOutcomes).values(rows.slice(i, i + 500));
  return { outcomes: rows.length };
}

/**
 * One hire that Göteborg's demo supplier recorded itself in the last fortnight without a verified
 * target group: it counts toward nothing until the officer confirms the group (decision 0604).
 * Seeded before the demo participants, which give its reference a participant with no verified
 * target group and the hired proposal the supplier answered, as for every demo placement.
 */
export async function seedDemoPendingHire(db: Database, now: Date): Promise<void> {
  const today = swedishDate(now);
  const [goteborg] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, 'goteborg'));
  if (!goteborg) return;
  const organisationId = goteborg.id;
  // The first running contract (by reference) with placements, and one of its commitments that takes them.
  const [like] = await db
    .select({ contractId: placements.contractId, commitmentId: placements.commitmentId, employmentForm: placements.employmentForm, ssykCode: placements.ssykCode })
    .from(placements)
    .innerJoin(contracts, eq(contracts.id, placements.contractId))
    .where(and(eq(placements.organisationId, organisationId), lte(contracts.startsOn, addDays(today, -14)), gte(contracts.endsOn, today)))
    .orderBy(asc(contracts.referenceNumber), asc(placements.participantRef))
    .limit(1);
  if (!like) return;
  await insertPlacementRows(
    db,
    organisationId,
    [
      {
        contractId: like.contractId,
        commitmentId: like.commitmentId,
        participantRef: 'DEMO-9001',
        // The placeholder a pending hire carries until the officer confirms the group (decision 0604).
        targetGroup: 'unverified',
        targetGroupPending: true,
        offeredOn: null,
        startedOn: addDays(today, -12),
        plannedEndOn: addDays(addMonths(addDays(today, -12), 6), -1),
        endedOn: null,
        endReason: null,
        extentPercent: 100,
        employmentForm: like.employmentForm,
        ssykCode: like.ssykCode,
        wageSubsidy: 'none',
      },
    ],
    now,
  );
}
