import { eq } from 'drizzle-orm';
import type { Database } from '../client.js';
import { organisationGoals, organisations, resultsSettings } from '../schema/index.js';

/**
 * Demo goals for Göteborg (invented, clearly demo): the standing 50 % share of service
 * procurements with social considerations, and people employed and full-time months per year,
 * with one goal raised during 2025 so the history shows. Open data stays off: an admin turns it on.
 */
export async function seedDemoResults(db: Database, now: Date): Promise<void> {
  const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, 'goteborg'));
  if (!org) return;
  const rows: Array<typeof organisationGoals.$inferInsert> = [];
  for (const year of [2022, 2023, 2024, 2025, 2026]) {
    rows.push({ organisationId: org.id, year, metric: 'social_share_percent', target: 50, createdAt: new Date(`${year - 1}-12-15T10:00:00Z`) });
    rows.push({ organisationId: org.id, year, metric: 'people_employed', target: year < 2025 ? 80 : 90, createdAt: new Date(`${year - 1}-12-15T10:00:00Z`) });
    rows.push({ organisationId: org.id, year, metric: 'full_time_months', target: 500, createdAt: new Date(`${year - 1}-12-15T10:00:00Z`) });
  }
  // 2025's people goal was first 85, raised to 90 before the year began: the first row is kept as history.
  rows.push({ organisationId: org.id, year: 2025, metric: 'people_employed', target: 85, createdAt: new Date('2024-12-10T10:00:00Z'), supersededAt: new Date('2024-12-15T10:00:00Z') });
  await db.insert(organisationGoals).values(rows);
  await db.insert(resultsSettings).values({ organisationId: org.id, licence: 'cc-by-4.0', updatedAt: now }).onConflictDoNothing();
}
