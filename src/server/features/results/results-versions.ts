import { eq } from 'drizzle-orm';
import type { Database, DatabaseNotifications } from '../../../db/client.js';
import { resultsVersions } from '../../../db/schema/index.js';

/**
 * Where the results answer cache learns an organisation's current results version
 * (docs/decisions/0805), the same way the follow-up queue's cache learns its version
 * (follow-up-versions.ts, decisions 0202 and 0911): on a PostgreSQL server every call reads the
 * counter, because other server processes and the CLI may write and LISTEN delivery is
 * asynchronous; on the embedded database (one process, NOTIFY delivered before the commit
 * returns) it is read once and kept until a notification for that organisation arrives.
 */
export interface ResultsVersions {
  current(organisationId: string): Promise<number>;
  close(): Promise<void>;
}

export const RESULTS_VERSIONS_CHANNEL = 'results_versions';

async function readVersion(db: Database, organisationId: string): Promise<number> {
  const [row] = await db.select({ version: resultsVersions.version }).from(resultsVersions).where(eq(resultsVersions.organisationId, organisationId));
  return row?.version ?? 0;
}

export async function createResultsVersions(db: Database, notifications: DatabaseNotifications | null): Promise<ResultsVersions> {
  if (notifications === null) return { current: (organisationId) => readVersion(db, organisationId), close: async () => {} };
  const known = new Map<string, number>();
  // Bumped by every notification, so a read that was in flight when one arrived is not kept.
  const generation = new Map<string, number>();
  const unlisten = await notifications.listen(RESULTS_VERSIONS_CHANNEL, (organisationId) => {
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
