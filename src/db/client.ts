import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite, parse as pgliteParse, protocol, type QueryOptions, type Results } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { PgTransaction, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
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

/**
 * Runs independent reads and returns their results in order: all at once on a pool (each may
 * take its own connection), one after the other inside a transaction, which holds one connection
 * that runs one statement at a time (node-postgres would queue them, deprecated since pg 8.x and
 * removed in 9; the embedded database serialises them anyway).
 */
export async function readTogether<const T extends ReadonlyArray<() => Promise<unknown>>>(
  db: Database,
  reads: T,
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  type Results = { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
  if (!(db instanceof PgTransaction)) return (await Promise.all(reads.map((read) => read()))) as Results;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as Results;
}

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string | null }
  /** `poolSize`: connections this process opens at most (default 10). */
  | { kind: 'postgres'; url: string; poolSize?: number };

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
      readExecutors.set(db, drizzlePglite(namedStatementClient(client) as never, { schema }) as unknown as Database);
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
  const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
  pool.on('error', () => {
    /* idle client errors are reported on the next query */
  });
  const db = drizzlePg(pool, { schema }) as unknown as Database;
  readExecutors.set(db, drizzlePg(namedStatementPool(pool), { schema }) as unknown as Database);
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


/** Named statements per pooled connection on a PostgreSQL server; a connection past this many closes them all. */
const MAX_NAMED_STATEMENTS_PER_CONNECTION = 500;

/**
 * The pool as the hot reads see it on a PostgreSQL server (decision 0912): every statement
 * without a name gets one from its SQL text, so node-postgres parses it once per pooled
 * connection and afterwards only binds and executes it, and PostgreSQL's plan cache applies —
 * as the embedded database's named statements do. Same SQL text, same name, so a name never
 * meets a different text. A connection that has prepared many texts forgets them (DEALLOCATE ALL)
 * before the next, so the statements a connection holds stay bounded.
 */
function namedStatementPool(pool: pg.Pool): pg.Pool {
  const names = new Map<string, string>();
  const nameOf = (text: string): string => {
    let name = names.get(text);
    if (name === undefined) {
      name = `hansyn_${createHash('sha1').update(text).digest('hex')}`;
      if (names.size >= 10_000) names.clear();
      names.set(text, name);
    }
    return name;
  };
  const named = Object.create(pool) as pg.Pool;
  named.query = (async (config: pg.QueryConfig, values?: unknown[]) => {
    if (typeof config !== 'object' || config.name !== undefined) return pool.query(config as never, values as never);
    const client = await pool.connect();
    try {
      const name = nameOf(config.text);
      const parsed = (client as unknown as { connection: { parsedStatements: Record<string, string> } }).connection.parsedStatements;
      // Counted only when a new text is about to be prepared: a statement seen before costs a lookup.
      if (!(name in parsed) && Object.keys(parsed).length >= MAX_NAMED_STATEMENTS_PER_CONNECTION) {
        await client.query('deallocate all');
        for (const key of Object.keys(parsed)) delete parsed[key];
      }
      return await client.query({ ...config, name }, values as never);
    } finally {
      client.release();
    }
  }) as never;
  return named;
}

/**
 * Where the hot reads run (decision 0912): for an open database, an executor whose statements are
 * parsed and planned once; for a transaction, the transaction itself.
 */
const readExecutors = new WeakMap<Database, Database>();

/**
 * The executor for a hot read statement (the procurement page, the register list) on `db`
 * (decision 0912). On PGlite it is a second Drizzle instance over the same database whose
 * statements are named, server-side prepared statements, parsed once per distinct SQL text and
 * then only bound and executed: one call into the WebAssembly engine per query instead of six,
 * and PostgreSQL's plan cache applies. On a PostgreSQL server it is `db` (statements Drizzle
 * `.prepare(name)`s there are named per pooled connection by node-postgres). Inside a
 * transaction it is the transaction. Read statements only: nothing here syncs written pages.
 */
export function readExecutor(db: Database): Database {
  return readExecutors.get(db) ?? db;
}

/**
 * Statements built once per executor: `build(executor).prepare(name)`, kept for as long as the
 * executor lives (the open database, or one transaction). Drizzle then skips building the SQL,
 * and on PostgreSQL the statement is named.
 */
export function preparedStatement<P>(name: string, build: (db: Database) => { prepare(name: string): P }): (db: Database) => P {
  const prepared = new WeakMap<Database, P>();
  return (db) => {
    const executor = readExecutor(db);
    let statement = prepared.get(executor);
    if (statement === undefined) {
      statement = build(executor).prepare(name);
      prepared.set(executor, statement);
    }
    return statement;
  };
}

/** Named statements per PGlite client; beyond this many distinct texts the oldest is closed. */
const MAX_NAMED_STATEMENTS = 500;

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * A stand-in for a PGlite client with only `query`, for Drizzle (readExecutor). PGlite's own
 * `query` parses, describes, binds, describes, executes and syncs in six calls into the engine
 * and plans every time; this parses a SQL text once as a named statement (learning its parameter
 * types), then sends bind, describe, execute and sync in one message. Parameters are serialised
 * and rows parsed exactly as PGlite's `query` does (its own serializers and `parseResults`), under
 * the same two locks, so it waits for a running transaction like any query.
 */
function namedStatementClient(client: PGlite): { query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> } {
  const statements = new Map<string, { name: string; types: number[] }>();
  let counter = 0;
  const { serialize } = protocol;
  return {
    query: <T>(text: string, params: unknown[] = [], options?: QueryOptions) =>
      client._runExclusiveTransaction(() =>
        client.runExclusive(async () => {
          let statement = statements.get(text);
          if (statement === undefined) {
            const closing: Uint8Array[] = [];
            if (statements.size >= MAX_NAMED_STATEMENTS) {
              const [oldestText, oldest] = statements.entries().next().value!;
              statements.delete(oldestText);
              closing.push(serialize.close({ type: 'S', name: oldest.name }));
            }
            const name = `hansyn_read_${++counter}`;
            const described = await client.execProtocol(concat([...closing, serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync()]), { syncToFs: false });
            statement = { name, types: pgliteParse.parseDescribeStatementResults(described.messages) };
            statements.set(text, statement);
          }
          const { types } = statement;
          const values = params.map((param, i) => {
            if (param === null || param === undefined) return null;
            const serializer = options?.serializers?.[types[i]!] ?? client.serializers[types[i]!];
            return serializer ? serializer(param) : String(param);
          });
          const { messages } = await client.execProtocol(
            concat([serialize.bind({ statement: statement.name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()]),
            { syncToFs: false },
          );
          return pgliteParse.parseResults(messages, client.parsers, options)[0] as Results<T>;
        }),
      ),
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
