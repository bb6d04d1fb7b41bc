import type { Database, DatabaseNotifications } from '../../../db/client.js';
import { registerVersion } from './procurement-repository.js';

/**
 * Where the list cache learns an organisation's current register version (docs/decisions/0202).
 *
 * On a PostgreSQL server every call reads the counter: other server processes and the CLI may
 * write, and LISTEN delivery is asynchronous. The embedded database has one process (its data
 * directory is locked) and delivers the trigger's NOTIFY before the committing statement
 * returns, so there the version is read once and kept until a notification says otherwise — a
 * cache hit then costs no query at all.
 */
export interface RegisterVersions {
  current(organisationId: string): Promise<number>;
  close(): Promise<void>;
}

export const REGISTER_VERSIONS_CHANNEL = 'register_versions';

export async function createRegisterVersions(db: Database, notifications: DatabaseNotifications | null): Promise<RegisterVersions> {
  if (notifications === null) {
    return { current: (organisationId) => registerVersion(db, organisationId), close: async () => {} };
  }
  const known = new Map<string, number>();
  // Bumped by every notification, so a read that was in flight when one arrived is not kept.
  const generation = new Map<string, number>();
  const unlisten = await notifications.listen(REGISTER_VERSIONS_CHANNEL, (organisationId) => {
    known.delete(organisationId);
    generation.set(organisationId, (generation.get(organisationId) ?? 0) + 1);
  });
  return {
    async current(organisationId) {
      const value = known.get(organisationId);
      if (value !== undefined) return value;
      const before = generation.get(organisationId) ?? 0;
      const read = await registerVersion(db, organisationId);
      if ((generation.get(organisationId) ?? 0) === before) known.set(organisationId, read);
      return read;
    },
    close: unlisten,
  };
}
