import { eq } from 'drizzle-orm';
import type { Database, DatabaseNotifications } from '../../../db/client.js';
import { matchingVersions } from '../../../db/schema/index.js';

/**
 * Where the candidate pool cache learns an organisation's current matching version
 * (docs/decisions/0703), the same way the follow-up queue and the register's list cache learn
 * theirs (decisions 0911, 0202): on a PostgreSQL server every call reads the counter, because other
 * server processes and the CLI may write and LISTEN delivery is asynchronous; on the embedded
 * database (one process, NOTIFY delivered before the commit returns) it is read once and kept
 * until a notification for that organisation arrives.
 */
export interface MatchingVersions {
  current(organisationId: string): Promise<number>;
  close(): Promise<void>;
}

export const MATCHING_VERSIONS_CHANNEL = 'matching_versions';

async function readVersion(db: Database, organisationId: string): Promise<number> {
  const [row] = await db.select({ version: matchingVersions.version }).from(matchingVersions).where(eq(matchingVersions.organisationId, organisationId));
  return row?.version ?? 0;
}

export async function createMatchingVersions(db: Database, notifications: DatabaseNotifications | null): Promise<MatchingVersions> {
  if (notifications === null) return { current: (organisationId) => readVersion(db, organisationId), close: async () => {} };
  const known = new Map<string, number>();
  // Bumped by every notification, so a read that was in flight when one arrived is not kept.
  const generation = new Map<string, number>();
  const unlisten = await notifications.listen(MATCHING_VERSIONS_CHANNEL, (organisationId) => {
    known.delete(organisationId);
    generation.set(organisationId, (generation.get(organisationId) ?? 0) + 1);
  });
  return {
    async current(organisationId) {
      const value = known.get(organisationId);
      if (value !== undefined) return value;
      const before = generation.get(organisationId) ?? 0;
      const read = await readVersion(db, organisationId);
      if ((generation.get(organisationId) ?? 0) === before) known.set(organisationId, read);
      return read;
    },
    close: unlisten,
  };
}
