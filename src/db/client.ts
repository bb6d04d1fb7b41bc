import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { MIGRATIONS_DIR } from '../paths.js';
import { lockDataDir, type DirLock } from './lock.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** Either driver's database; a transaction is one too, so repositories take this. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string | null }
  | { kind: 'postgres'; url: string };

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Apply pending migrations; safe to call on an up-to-date database. */
  migrate(): Promise<void>;
  /** Whether every migration shipped with this build has been applied. */
  isMigrated(): Promise<boolean>;
  /**
   * The embedded database's NOTIFY messages, delivered in this process before the committing
   * statement returns. Null on a PostgreSQL server, where delivery is asynchronous and other
   * processes may write, so nothing may rely on it there.
   */
  notifications: DatabaseNotifications | null;
  close(): Promise<void>;
}

export interface DatabaseNotifications {
  /** Calls `onNotify` for every message on `channel`; the returned function stops it. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
}

const MIGRATIONS_TABLE = '__drizzle_migrations';

function shippedMigrationCount(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

/**
 * PGlite runs PostgreSQL inside this process, so its buffer cache is this process's memory:
 * 64 MB instead of PostgreSQL's 128 MB keeps a large import under its memory target; the
 * operating system still caches the data files (decision 0331).
 */
const PGLITE_OPTIONS = { startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=64MB'] };

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'pglite') {
    let lock: DirLock | null = null;
    if (target.dataDir !== null) lock = lockDataDir(target.dataDir);
    try {
      const client = target.dataDir === null ? new PGlite(PGLITE_OPTIONS) : new PGlite(path.join(target.dataDir, 'pg'), PGLITE_OPTIONS);
      await client.waitReady;
      const db = drizzlePglite(client, { schema }) as unknown as Database;
      const migrationsSchema = 'drizzle';
      return {
        db,
        kind: 'pglite',
        migrate: () => migratePglite(db as never, { migrationsFolder: MIGRATIONS_DIR, migrationsSchema }),
        isMigrated: () => countApplied(db, migrationsSchema).then((n) => n >= shippedMigrationCount()),
        notifications: { listen: (channel, onNotify) => client.listen(channel, onNotify) },
        close: async () => {
          await client.close();
          lock?.release();
        },
      };
    } catch (error) {
      lock?.release();
      throw error;
    }
  }
  const pool = new pg.Pool({ connectionString: target.url, max: 10 });
  pool.on('error', () => {
    /* idle client errors are reported on the next query */
  });
  const db = drizzlePg(pool, { schema }) as unknown as Database;
  const migrationsSchema = 'drizzle';
  return {
    db,
    kind: 'postgres',
    migrate: () => migratePg(db as never, { migrationsFolder: MIGRATIONS_DIR, migrationsSchema }),
    isMigrated: () => countApplied(db, migrationsSchema).then((n) => n >= shippedMigrationCount()),
    notifications: null,
    close: () => pool.end(),
  };
}

async function countApplied(db: Database, migrationsSchema: string): Promise<number> {
  try {
    const result = await db.execute(
      sql`select count(*)::int as n from ${sql.identifier(migrationsSchema)}.${sql.identifier(MIGRATIONS_TABLE)}`,
    );
    const rows = (result as unknown as { rows: Array<{ n: number }> }).rows;
    return rows[0]?.n ?? 0;
  } catch {
    return 0;
  }
}
