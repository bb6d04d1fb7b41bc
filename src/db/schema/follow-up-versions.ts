import { bigint, pgTable, uuid } from 'drizzle-orm/pg-core';

/**
 * A per-organisation counter that moves forward in the same transaction as every write to what
 * the follow-up pages show (contracts, commitments, placements, reports, deviations, sanction
 * steps, amendments, and the names of suppliers with a contract there); kept by statement-level
 * triggers in migration 0013. The follow-up queue's answer cache is checked against it, as the
 * register's list cache is against register_versions (docs/decisions/0911, 0202). No foreign
 * key, for the same reason as register_versions: a cascade from a deleted organisation fires
 * the triggers after the organisation row is gone.
 */
export const followUpVersions = pgTable('follow_up_versions', {
  organisationId: uuid('organisation_id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});
