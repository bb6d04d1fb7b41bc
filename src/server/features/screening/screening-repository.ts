import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { screeningPolicies, screenings, users } from '../../../db/schema/index.js';
import type { ScreeningResult } from '../../../domain/screening/screen-procurement.js';
import { DEFAULT_SCREENING_POLICY, type ScreeningPolicy } from '../../../domain/screening/screening-policy.js';

export interface PolicyVersionRecord {
  version: number;
  policy: ScreeningPolicy;
  createdBy: { id: string; displayName: string } | null;
  createdAt: Date;
}

export type ScreeningTrigger = (typeof screenings.$inferInsert)['trigger'];

export interface ScreeningRecord {
  id: string;
  procurementId: string;
  policyVersion: number;
  result: ScreeningResult;
  factsHash: string;
  trigger: ScreeningTrigger;
  createdAt: Date;
}

/**
 * The organisation's current policy (the highest version). An organisation that never set one
 * gets Hänsyn's default, stored as version 1 on first use so later versions have a history to
 * follow.
 */
export async function findCurrentPolicy(db: Database, organisationId: string): Promise<ScreeningPolicy> {
  const [row] = await db
    .select({ version: screeningPolicies.version, policy: screeningPolicies.policy })
    .from(screeningPolicies)
    .where(eq(screeningPolicies.organisationId, organisationId))
    .orderBy(desc(screeningPolicies.version))
    .limit(1);
  if (row) return { ...(row.policy as ScreeningPolicy), version: row.version };
  await db
    .insert(screeningPolicies)
    .values({ organisationId, version: DEFAULT_SCREENING_POLICY.version, policy: DEFAULT_SCREENING_POLICY })
    .onConflictDoNothing();
  return findCurrentPolicy(db, organisationId);
}

export async function listPolicyVersions(db: Database, organisationId: string): Promise<PolicyVersionRecord[]> {
  const rows = await db
    .select({
      version: screeningPolicies.version,
      policy: screeningPolicies.policy,
      createdAt: screeningPolicies.createdAt,
      userId: users.id,
      displayName: users.displayName,
    })
    .from(screeningPolicies)
    .leftJoin(users, eq(users.id, screeningPolicies.createdBy))
    .where(eq(screeningPolicies.organisationId, organisationId))
    .orderBy(desc(screeningPolicies.version));
  return rows.map((r) => ({
    version: r.version,
    policy: { ...(r.policy as ScreeningPolicy), version: r.version },
    createdBy: r.userId && r.displayName ? { id: r.userId, displayName: r.displayName } : null,
    createdAt: r.createdAt,
  }));
}

/** Appends a policy version; false when that number was taken meanwhile. */
export async function insertPolicyVersion(db: Database, organisationId: string, policy: ScreeningPolicy, userId: string | null): Promise<boolean> {
  const inserted = await db
    .insert(screeningPolicies)
    .values({ organisationId, version: policy.version, policy, createdBy: userId })
    .onConflictDoNothing()
    .returning({ id: screeningPolicies.id });
  return inserted.length > 0;
}

function toRecord(row: typeof screenings.$inferSelect): ScreeningRecord {
  return {
    id: row.id,
    procurementId: row.procurementId,
    policyVersion: row.policyVersion,
    result: row.result as ScreeningResult,
    factsHash: row.factsHash,
    trigger: row.trigger,
    createdAt: row.createdAt,
  };
}

export async function findCurrentScreening(db: Database, organisationId: string, procurementId: string): Promise<ScreeningRecord | null> {
  const [row] = await db
    .select()
    .from(screenings)
    .where(and(eq(screenings.organisationId, organisationId), eq(screenings.procurementId, procurementId), eq(screenings.isCurrent, true)))
    .limit(1);
  return row ? toRecord(row) : null;
}

export interface NewScreening {
  organisationId: string;
  procurementId: string;
  result: ScreeningResult;
  factsHash: string;
  trigger: ScreeningTrigger;
  createdBy: string | null;
  createdAt: Date;
}

/** Stores a screening as the procurement's current one; earlier ones stay as history. */
export async function insertScreening(db: Database, screening: NewScreening): Promise<ScreeningRecord> {
  await db
    .update(screenings)
    .set({ isCurrent: false })
    .where(and(eq(screenings.organisationId, screening.organisationId), eq(screenings.procurementId, screening.procurementId), eq(screenings.isCurrent, true)));
  const [row] = await db
    .insert(screenings)
    .values({
      organisationId: screening.organisationId,
      procurementId: screening.procurementId,
      policyVersion: screening.result.policyVersion,
      recommendation: screening.result.recommendation,
      result: screening.result,
      factsHash: screening.factsHash,
      trigger: screening.trigger,
      isCurrent: true,
      createdBy: screening.createdBy,
      createdAt: screening.createdAt,
    })
    .returning();
  return toRecord(row!);
}

/** Bulk insert for the demo seed: every row current, no earlier history. */
export async function insertInitialScreenings(db: Database, rows: NewScreening[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(screenings).values(
    rows.map((s) => ({
      organisationId: s.organisationId,
      procurementId: s.procurementId,
      policyVersion: s.result.policyVersion,
      recommendation: s.result.recommendation,
      result: s.result,
      factsHash: s.factsHash,
      trigger: s.trigger,
      isCurrent: true,
      createdBy: s.createdBy,
      createdAt: s.createdAt,
    })),
  );
}
