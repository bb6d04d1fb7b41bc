import { eq, sql } from 'drizzle-orm';
import type { Database, DatabaseNotifications } from '../../../db/client.js';
import { followUpVersions, registerVersions } from '../../../db/schema/index.js';
import { createOrganisationVersions, type OrganisationVersions } from '../../organisation-versions.js';
import { createRegisterVersions } from '../procurements/procurement-service.js';

/** Where the follow-up answer cache (decision 0911) learns an organisation's current version (src/server/organisation-versions.ts). */
export type FollowUpVersions = OrganisationVersions;

export const FOLLOW_UP_VERSIONS_CHANNEL = 'follow_up_versions';

async function readFollowUpVersion(db: Database, organisationId: string): Promise<number> {
  const [row] = await db.select({ version: followUpVersions.version }).from(followUpVersions).where(eq(followUpVersions.organisationId, organisationId));
  return row?.version ?? 0;
}

export function createFollowUpVersions(db: Database, notifications: DatabaseNotifications | null): Promise<FollowUpVersions> {
  return createOrganisationVersions(notifications, FOLLOW_UP_VERSIONS_CHANNEL, (organisationId) => readFollowUpVersion(db, organisationId));
}

/** An organisation's follow-up and register versions, as one read. */
export interface ContractPageVersion {
  followUp: number;
  register: number;
}

/**
 * Where the contract page and fulfilment caches (decision 0432) learn the versions their answers
 * depend on: the follow-up version (contracts, their parts and suppliers) and the register
 * version (the procurement's reference and title, the unit's name). On a PostgreSQL server both
 * counters are read by one statement on every call, so a write by any process is seen at once;
 * on the embedded database each is kept until its triggers' notification arrives, as for every
 * other answer cache (src/server/organisation-versions.ts).
 */
export interface ContractPageVersions {
  current(organisationId: string): Promise<ContractPageVersion>;
  close(): Promise<void>;
}

export async function createContractPageVersions(db: Database, notifications: DatabaseNotifications | null): Promise<ContractPageVersions> {
  if (notifications === null) {
    return {
      async current(organisationId) {
        const [row] = await db
          .select({
            followUp: sql<string | number | null>`(select ${followUpVersions.version} from ${followUpVersions} where ${followUpVersions.organisationId} = ${organisationId})`,
            register: sql<string | number | null>`(select ${registerVersions.version} from ${registerVersions} where ${registerVersions.organisationId} = ${organisationId})`,
          })
          .from(sql`(select 1) as one`);
        return { followUp: Number(row?.followUp ?? 0), register: Number(row?.register ?? 0) };
      },
      close: async () => {},
    };
  }
  const followUp = await createFollowUpVersions(db, notifications);
  const register = await createRegisterVersions(db, notifications);
  return {
    async current(organisationId) {
      const [f, r] = await Promise.all([followUp.current(organisationId), register.current(organisationId)]);
      return { followUp: f, register: r };
    },
    close: async () => {
      await followUp.close();
      await register.close();
    },
  };
}
