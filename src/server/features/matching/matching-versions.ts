import { eq } from 'drizzle-orm';
import type { Database, DatabaseNotifications } from '../../../db/client.js';
import { matchingVersions } from '../../../db/schema/index.js';
import { createOrganisationVersions, type OrganisationVersions } from '../../organisation-versions.js';

/** Where the candidate pool cache (decision 0703) learns an organisation's current version (src/server/organisation-versions.ts). */
export type MatchingVersions = OrganisationVersions;

export const MATCHING_VERSIONS_CHANNEL = 'matching_versions';

export function createMatchingVersions(db: Database, notifications: DatabaseNotifications | null): Promise<MatchingVersions> {
  return createOrganisationVersions(notifications, MATCHING_VERSIONS_CHANNEL, async (organisationId) => {
    const [row] = await db.select({ version: matchingVersions.version }).from(matchingVersions).where(eq(matchingVersions.organisationId, organisationId));
    return row?.version ?? 0;
  });
}
