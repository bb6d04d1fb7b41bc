import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, like } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, type Database, type DatabaseTarget } from '../../../db/client.js';
import { jobs, mailOutbox } from '../../../db/schema/index.js';
import { enqueue } from './job-service.js';

/**
 * A job due while the server was killed runs exactly once after the restart. The server runs
 * as a child process (tests/support/job-server-process.ts) that is killed with SIGKILL, so
 * nothing of it gets to clean up: the embedded database's lock file stays behind, and a run in
 * progress is simply cut off.
 */
const FIXTURE = path.resolve(import.meta.dirname, '../../../../tests/support/job-server-process.ts');

let target: DatabaseTarget;
let env: Record<string, string>;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `hansyn_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    target = { kind: 'postgres', url: url.toString() };
    env = { DATABASE_URL: url.toString() };
    cleanup = async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hansyn-jobs-restart-'));
    target = { kind: 'pglite', dataDir };
    env = { HANSYN_DATA_DIR: dataDir };
    cleanup = async () => fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);
afterAll(() => cleanup());

interface Server {
  child: ChildProcess;
  /** Resolves with the first stdout line matching `pattern`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  lines: string[];
}

/** Every server a test started: one a failed assertion left running is killed after the test. */
const started = new Set<ChildProcess>();
afterEach(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  started.clear();
});

function startServer(): Server {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  const lines: string[] = [];
  const waiters: Array<{ pattern: RegExp; resolve: (m: RegExpMatchArray) => void }> = [];
  let buffer = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      for (const w of [...waiters]) {
        const m = line.match(w.pattern);
        if (m) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(m);
        }
      }
    }
  });
  return {
    child,
    lines,
    waitFor: (pattern, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const seen = lines.map((l) => l.match(pattern)).find((m) => m !== null);
        if (seen) return resolve(seen);
        const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms; stdout: ${lines.join(' | ')}; stderr: ${stderr}`)), timeoutMs);
        waiters.push({ pattern, resolve: (m) => (clearTimeout(timer), resolve(m)) });
        child.once('exit', (code) => reject(new Error(`server exited (${code}) before ${pattern}; stderr: ${stderr}`)));
      }),
  };
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

async function kill9(server: Server): Promise<void> {
  server.child.kill('SIGKILL');
  await exited(server.child);
}

async function stop(server: Server): Promise<void> {
  server.child.kill('SIGTERM');
  await exited(server.child);
}

/** Opens the database while no server runs (the embedded one admits one process at a time). */
async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const handle = await openDatabase(target);
  try {
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}

const effects = (db: Database, kind: string, jobId: string) =>
  db.select({ subject: mailOutbox.subject }).from(mailOutbox).where(and(eq(mailOutbox.kind, kind), like(mailOutbox.subject, `%${jobId}%`)));

describe('jobs across a killed server', () => {
  it('runs a job that fell due while the server was killed exactly once after the restart, and retries one killed mid-run', async () => {
    const first = startServer();
    await first.waitFor(/^READY /);
    await kill9(first);

    // While no server runs, features queue two runs that are due at once.
    const [once, slow] = await withDatabase(async (db) => [
      (await enqueue(db, 'test.restart', {}, new Date(Date.now() - 60_000)))!.id,
      (await enqueue(db, 'test.slow', {}, new Date(Date.now() - 60_000)))!.id,
    ]);

    // The restarted server runs the first; the second's first attempt hangs and the server is killed in it.
    const second = startServer();
    await second.waitFor(new RegExp(`^RAN ${once} 1$`));
    await second.waitFor(new RegExp(`^STARTED ${slow} 1$`));
    await kill9(second);

    // The next start takes the killed run again once its 1.5 s lease has lapsed, and polls on.
    const third = startServer();
    await third.waitFor(new RegExp(`^RAN ${slow} 2$`));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await stop(third);
    expect([...second.lines, ...third.lines].filter((l) => l.startsWith(`RAN ${once}`))).toEqual([`RAN ${once} 1`]);

    await withDatabase(async (db) => {
      expect(await effects(db, 'test.restart', once)).toHaveLength(1);
      // The killed attempt's write rolled back with its transaction: only the retry's remains.
      expect((await effects(db, 'test.slow', slow)).map((r) => r.subject)).toEqual([`slow ${slow} attempt 2`]);
      const runs = await db.select().from(jobs).where(inArray(jobs.id, [once, slow])).orderBy(jobs.name);
      expect(runs.map((r) => [r.name, r.status, r.attempts])).toEqual([
        ['test.restart', 'succeeded', 1],
        ['test.slow', 'succeeded', 2],
      ]);
    });
  }, 240_000);

  it('listens and answers while the worker works through a backlog of runs', async () => {
    const first = startServer();
    await first.waitFor(/^READY /);
    await stop(first);
    const busy = await withDatabase(async (db) => {
      const ids: string[] = [];
      for (let i = 0; i < 8; i++) ids.push((await enqueue(db, 'test.busy', { i }, new Date(Date.now() - 60_000)))!.id);
      return ids;
    });

    const server = startServer();
    const [, address] = (await server.waitFor(/^READY (\S+)$/)) as unknown as [string, string];
    const health = await fetch(`${address}/api/health`);
    const doneWhenAnswered = server.lines.filter((l) => l.startsWith('BUSY ')).length;
    expect(health.status).toBe(200);
    // Answered with most of the backlog still to run (before the fix it listened only after the last).
    expect(doneWhenAnswered).toBeLessThan(busy.length);
    for (const id of busy) await server.waitFor(new RegExp(`^BUSY ${id}$`));
    await stop(server);
  }, 240_000);
});
