import type { DatabaseNotifications } from '../db/client.js';

/**
 * Where an answer cache learns an organisation's current version of the data it caches: the
 * register (decision 0202), the follow-up queue (0911), the matching candidate pool (0703) and
 * the results (0805) each keep a per-organisation counter that statement-level triggers move in
 * the same transaction as every write, and NOTIFY on their own channel.
 *
 * On a PostgreSQL server (`notifications` null) every call reads the counter: other server
 * processes and the CLI may write, and LISTEN delivery is asynchronous. The embedded database has
 * one process (its data directory is locked) and delivers the trigger's NOTIFY before the
 * committing statement returns, so there the version is read once and kept until a notification
 * for that organisation arrives — a cache hit then costs no query at all.
 */
export interface OrganisationVersions {
  current(organisationId: string): Promise<number>;
  close(): Promise<void>;
}

export async function createOrganisationVersions(
  notifications: DatabaseNotifications | null,
  channel: string,
  read: (organisationId: string) => Promise<number>,
): Promise<OrganisationVersions> {
  if (notifications === null) return { current: read, close: async () => {} };
  const known = new Map<string, number>();
  // Bumped by every notification, so a read that was in flight when one arrived is not kept.
  const generation = new Map<string, number>();
  const unlisten = await notifications.listen(channel, (organisationId) => {
    known.delete(organisationId);
    generation.set(organisationId, (generation.get(organisationId) ?? 0) + 1);
  });
  return {
    async current(organisationId) {
      const value = known.get(organisationId);
      if (value !== undefined) return value;
      const before = generation.get(organisationId) ?? 0;
      const fresh = await read(organisationId);
      if ((generation.get(organisationId) ?? 0) === before) known.set(organisationId, fresh);
      return fresh;
    },
    close: unlisten,
  };
}
