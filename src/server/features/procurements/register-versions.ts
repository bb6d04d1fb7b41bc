import type { Database, DatabaseNotifications } from '../../../db/client.js';
import { createOrganisationVersions, type OrganisationVersions } from '../../organisation-versions.js';
import { registerVersion } from './procurement-repository.js';

/** Where the list cache learns an organisation's current register version (decision 0202; src/server/organisation-versions.ts). */
export type RegisterVersions = OrganisationVersions;

export const REGISTER_VERSIONS_CHANNEL = 'register_versions';

export function createRegisterVersions(db: Database, notifications: DatabaseNotifications | null): Promise<RegisterVersions> {
  return createOrganisationVersions(notifications, REGISTER_VERSIONS_CHANNEL, (organisationId) => registerVersion(db, organisationId));
}
