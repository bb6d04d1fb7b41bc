import { eq } from 'drizzle-orm';
import type { Database, DatabaseNotifications } from '../../../db/client.js';
import { followUpVersions } from '../../../db/schema/index.js';
import { createOrganisationVersions, type OrganisationVersions } from '../../organisation-versions.js';

/** Where the follow-up answer cache (decision 0911) learns an organisation's current version (src/server/organisation-versions.ts). */
export type FollowUpVersions = OrganisationVersions;

export const FOLLOW_UP_VERSIONS_CHANNEL = 'follow_up_versions';

export function createFollowUpVersions(db: Database, notifications: DatabaseNotifications | null): Promise<FollowUpVersions> {
  return createOrganisationVersions(notifications, FOLLOW_UP_VERSIONS_CHANNEL, async (organisationId) => {
    const [row] = await db.select({ version: followUpVersions.version }).from(followUpVersions).where(eq(followUpVersions.organisationId, organisationId));
    return row?.version ?? 0;
  });
}
