import { bigint, pgTable, uuid } from 'drizzle-orm/pg-core';

/**
 * A per-organisation counter that moves forward in the same transaction as every write to what
 * ranking reads (participants and their profiles, and consents); kept by statement-level triggers
 * in migration 0014. The matching candidate pool of each server process is checked against it
 * (docs/decisions/0703), as the register's list cache is against register_versions (0202) and the
 * follow-up queue against follow_up_versions (0911). No foreign key, for the same reason: a
 * cascade from a deleted organisation fires the triggers after the organisation row is gone.
 */
export const matchingVersions = pgTable('matching_versions', {
  organisationId: uuid('organisation_id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});
