import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../tests/support/test-database.js';
import type { DatabaseHandle } from '../client.js';
import { seedDemo } from './seed-demo.js';

let handle: DatabaseHandle;
const rows = async <T>(query: ReturnType<typeof sql>) => ((await handle.db.execute(query)) as unknown as { rows: T[] }).rows;

beforeAll(async () => {
  handle = await createTestDatabase();
  // The demo seed calls seedDemoContracts itself; the clock there is the real one.
  await seedDemo(handle.db, { now: new Date(), scale: 'demo', currentYear: 2026 });
}, 120_000);
afterAll(() => handle.close());

describe('demo contracts', () => {
  it('gives Göteborg’s awarded procurements with requirements contracts, about 85–90 hires a year', async () => {
    const perYear = await rows<{ y: number; n: number }>(sql`select extract(year from started_on)::int as y, count(*)::int as n from placements group by 1 order by 1`);
    const full = perYear.filter((r) => r.y === 2024 || r.y === 2025);
    expect(full).toHaveLength(2);
    for (const year of full) {
      expect(year.n).toBeGreaterThanOrEqual(85);
      expect(year.n).toBeLessThanOrEqual(90);
    }
    const refs = await rows<{ participant_ref: string }>(sql`select participant_ref from placements`);
    expect(refs.every((r) => /^DEMO-\d{4}$/.test(r.participant_ref))).toBe(true);
  });

  it('has Lokalvård Väst AB (demo) with contracts in both Göteborg and Borås, and only suppliers marked demo', async () => {
    const lokal = await rows<{ slug: string }>(sql`select distinct o.slug from contracts c join suppliers s on s.id = c.supplier_id join organisations o on o.id = c.organisation_id where s.name = 'Lokalvård Väst AB (demo)' order by 1`);
    expect(lokal.map((r) => r.slug)).toEqual(['boras', 'goteborg']);
    expect((await rows<{ name: string }>(sql`select name from suppliers`)).every((s) => s.name.endsWith('(demo)'))).toBe(true);
  });

  it('has some deviations and one case through the whole sanction ladder', async () => {
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from deviations`))[0]!.n).toBeGreaterThan(0);
    const steps = await rows<{ kind: string }>(sql`select kind from sanction_steps order by taken_on`);
    expect(steps.map((s) => s.kind)).toEqual(['dialogue_note', 'correction_notice', 'penalty_decision', 'exclusion', 'termination_recommendation']);
  });
});
