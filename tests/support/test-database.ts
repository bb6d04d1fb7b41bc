import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database, type DatabaseHandle } from '../../src/db/client.js';

/**
 * A new, empty database on the PostgreSQL server at `url` (named `<prefix>_<random>`), and a way
 * to drop it again. Tests and benchmarks both make theirs here.
 */
export async function createServerDatabase(url: string, prefix = 'hansyn_test'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new
 * database on the PostgreSQL server in TEST_DATABASE_URL (dropped again on close).
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const handle = await openDatabase({ kind: 'pglite', dataDir: null });
    await handle.migrate();
    return handle;
  }
  const server = await createServerDatabase(url);
  const handle = await openDatabase({ kind: 'postgres', url: server.url });
  await handle.migrate();
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await server.drop();
    },
  };
}

/** A database the `hansyn` command opens by itself, from the environment it is given. */
export interface CliTestDatabase {
  /** HANSYN_DATA_DIR (PGlite) or DATABASE_URL (PostgreSQL), for `CliIo.env`. */
  env: Record<string, string>;
  /**
   * Opens the database, runs `work` and closes it again. An embedded data directory admits one
   * process at a time, so nothing stays open while a command runs.
   */
  use<T>(work: (db: Database) => Promise<T>): Promise<T>;
  /** Removes the data directory or drops the server database. */
  dispose(): Promise<void>;
}

/**
 * For command tests: an embedded database in a temporary directory by default, or a new database
 * on the PostgreSQL server in TEST_DATABASE_URL. Empty; the command migrates it.
 */
export async function createCliTestDatabase(): Promise<CliTestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  const use = async <T>(target: Parameters<typeof openDatabase>[0], work: (db: Database) => Promise<T>): Promise<T> => {
    const handle = await openDatabase(target);
    try {
      await handle.migrate();
      return await work(handle.db);
    } finally {
      await handle.close();
    }
  };
  if (!url) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hansyn-cli-db-'));
    return {
      env: { HANSYN_DATA_DIR: dataDir },
      use: (work) => use({ kind: 'pglite', dataDir }, work),
      dispose: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const server = await createServerDatabase(url);
  return {
    env: { DATABASE_URL: server.url },
    use: (work) => use({ kind: 'postgres', url: server.url }, work),
    dispose: () => server.drop(),
  };
}
