import { eq } from 'drizzle-orm';
import type { Database, DatabaseNotifications } from '../../../db/client.js';
import { followUpVersions } from '../../../db/schema/index.js';

/**
 * Where the follow-up answer cache learns an organisation's current follow-up version
 * (docs/decisions/0911), the same way the register's list cache learns its register version
 * (register-versions.ts, decision 0202): on a PostgreSQL server every call reads the counter,
 * because other server processes and the CLI may write and LISTEN delivery is asynchronous; on
 * the embedded database (one process, NOTIFY delivered before the commit returns) it is read
 * once and kept until a notification for that organisation arrives.
 */
export interface FollowUpVersions {
  current(organisationId: string): Promise<number>;
  close(): Promise<void>;
}

export const FOLLOW_UP_VERSIONS_CHANNEL = 'follow_up_versions';

async function readVersion(db: Database, organisationId: string): Promise<number> {
  const [row] = await db.select({ version: followUpVersions.version }).from(followUpVersions).where(eq(followUpVersions.organisationId, organisationId));
  return row?.version ?? 0;
}

export async function createFollowUpVersions(db: Database, notifications: DatabaseNotifications | null): Promise<FollowUpVersions> {
  if (notifications === null) return { current: (organisationId) => readVersion(db, organisationId), close: async () => {} };
  const known = new Map<string, number>();
  // Bumped by every notification, so a read that was in flight when one arrived is not kept.
  const generation = new Map<string, number>();
  const unlisten = await notifications.listen(FOLLOW_UP_VERSIONS_CHANNEL, (organisationId) => {
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
