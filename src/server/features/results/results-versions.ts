import { eq } from 'drizzle-orm';
import type { Database, DatabaseNotifications } from '../../../db/client.js';
import { resultsVersions } from '../../../db/schema/index.js';
import { createOrganisationVersions, type OrganisationVersions } from '../../organisation-versions.js';

/** Where the results answer cache (decision 0805) learns an organisation's current version (src/server/organisation-versions.ts). */
export type ResultsVersions = OrganisationVersions;

export const RESULTS_VERSIONS_CHANNEL = 'results_versions';

export function createResultsVersions(db: Database, notifications: DatabaseNotifications | null): Promise<ResultsVersions> {
  return createOrganisationVersions(notifications, RESULTS_VERSIONS_CHANNEL, async (organisationId) => {
    const [row] = await db.select({ version: resultsVersions.version }).from(resultsVersions).where(eq(resultsVersions.organisationId, organisationId));
    return row?.version ?? 0;
  });
}
