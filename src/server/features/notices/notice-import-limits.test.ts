import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client.js';
import { noticeImports, notices } from '../../../db/schema/index.js';
import type { NoticeSource } from '../../../interop/eforms/read-notice-sources.js';
import { buildDeflatedZip, paddedNotices } from '../../../../tests/support/build-deflated-zip.js';
import { createOrganisation, createUser, login, type Session } from '../../../../tests/support/factories.js';
import { CONSTRUCTED_NOTICE, CONSTRUCTED_NOTICE_ID, multipartFile } from '../../../../tests/support/notice-variants.js';
import { createTestDatabase } from '../../../../tests/support/test-database.js';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import type { App } from '../../deps.js';
import { importNotices, prepareNotice } from './notice-import-service.js';

/**
 * Issue 8, item 2: a 4.4 MB zip of notices padded with megabytes of blanks took 4.3 GB and killed
 * the server; imports were left unfinished for ever. Memory is bounded whatever the input, uploads
 * are limited per organisation and per server (state in the database), and an import cut short
 * is marked failed.
 */

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const MiB = 1024 * 1024;
const idOf = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

let database: DatabaseHandle;
let app: App;
const sessions: Session[] = [];
const organisationIds: string[] = [];

async function startApp(env: Record<string, string> = {}): Promise<App> {
  const started = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', HANSYN_LOGIN_RATE_LIMIT: '1000', ...env }), database });
  await started.ready();
  return started;
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startApp({ HANSYN_IMPORTS_MAX_RUNNING: '2' });
  for (const number of ['212000-0142', '212000-1355', '212000-1561']) {
    const org = await createOrganisation(database.db, { organisationNumber: number });
    organisationIds.push(org.id);
    sessions.push(await login(app, (await createUser(database.db, org.id, ['coordinator'])).email));
  }
});
afterAll(async () => {
  await app.close();
  await database.close();
});

function upload(session: Session, filename: string, data: Buffer | string) {
  const { payload, headers } = multipartFile('file', filename, data);
  return session.request({ method: 'POST', url: '/api/imports/eforms', payload, headers });
}

async function clearImports() {
  await database.db.delete(noticeImports);
  await database.db.delete(notices);
}

async function runningImport(organisationId: string | null, heartbeatSecondsAgo: number) {
  const at = new Date(Date.now() - heartbeatSecondsAgo * 1000);
  const [row] = await database.db
    .insert(noticeImports)
    .values({ organisationId, actorLabel: 'another process', source: 'x.zip', startedAt: at, status: 'running', heartbeatAt: at, storedCount: 7 })
    .returning();
  return row!;
}

describe('memory stays bounded whatever the input', () => {
  it('a batch of parsed notices padded with 4 MiB of blanks each keeps none of the padding', () => {
    gc();
    const before = process.memoryUsage().heapUsed;
    const batch = [...paddedNotices(CONSTRUCTED_NOTICE, 10, 4 * MiB, idOf, CONSTRUCTED_NOTICE_ID)].map((entry) => prepareNotice({ name: entry.name, bytes: entry.data }));
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    expect(batch.every((item) => 'notice' in item)).toBe(true);
    // Before the fix each parsed notice kept its whole decoded document alive (≈ 42 MB for these ten).
    expect(grown).toBeLessThan(8 * MiB);
  });

  it('stores a batch once it holds batchBytes of XML, not only after batchSize notices', async () => {
    await clearImports();
    async function* sources(): AsyncGenerator<NoticeSource> {
      for (const entry of paddedNotices(CONSTRUCTED_NOTICE, 12, 1 * MiB, idOf, CONSTRUCTED_NOTICE_ID)) yield { name: entry.name, bytes: entry.data };
    }
    const flushedAt: number[] = [];
    const summary = await importNotices(database.db, sources(), {
      now: () => new Date(), by: { operator: 'test' },
      source: 'padded',
      batchBytes: 4 * MiB,
      onProgress: (progress) => flushedAt.push(progress.read),
    });
    expect(summary).toMatchObject({ read: 12, stored: 12, failed: [] });
    expect(flushedAt).toEqual([4, 8, 12]);
  });

  it('imports the hostile archive of the issue (scaled down: 40 notices × 2 MiB of blanks in a 0.5 MB zip)', async () => {
    await clearImports();
    const zip = buildDeflatedZip(paddedNotices(CONSTRUCTED_NOTICE, 40, 2 * MiB, idOf, CONSTRUCTED_NOTICE_ID));
    expect(zip.length).toBeLessThan(1 * MiB);
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
    const response = await upload(sessions[0]!, 'padded.zip', zip);
    clearInterval(sampler);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ read: 40, stored: 40, failed: [] });
    // 80 MiB of notices inflated; what is kept at any moment is a batch (8 MiB of XML) and garbage.
    expect(peak - before).toBeLessThan(400 * MiB);
    const [row] = await database.db.select().from(noticeImports).where(eq(noticeImports.id, response.json().importId));
    expect(row).toMatchObject({ status: 'finished', storedCount: 40 });
    expect(row!.finishedAt).not.toBeNull();
  });
});

describe('import slots: one running upload per organisation, a cap per server, state in the database', () => {
  it('answers 429 with Retry-After while another upload of the organisation runs (in any process)', async () => {
    await clearImports();
    await runningImport(organisationIds[0]!, 1);
    const response = await upload(sessions[0]!, 'cn.xml', CONSTRUCTED_NOTICE);
    expect(response.statusCode).toBe(429);
    expect(response.json()).toMatchObject({ code: 'rate_limited', retryAfterSeconds: expect.any(Number) });
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(await database.db.select().from(notices)).toEqual([]);
    // Another organisation may upload meanwhile.
    expect((await upload(sessions[1]!, 'cn.xml', CONSTRUCTED_NOTICE)).statusCode).toBe(200);
  });

  it('answers 429 when the server-wide number of running uploads is reached', async () => {
    await clearImports();
    await runningImport(organisationIds[0]!, 1);
    await runningImport(organisationIds[1]!, 1);
    const response = await upload(sessions[2]!, 'cn.xml', CONSTRUCTED_NOTICE);
    expect(response.statusCode).toBe(429);
    expect(response.json().detail).toMatch(/busy/);
  });

  it('fails an import whose heartbeat expired, keeping its counts, and lets the organisation upload again', async () => {
    await clearImports();
    const stale = await runningImport(organisationIds[0]!, 600);
    expect((await upload(sessions[0]!, 'cn.xml', CONSTRUCTED_NOTICE)).statusCode).toBe(200);
    const [row] = await database.db.select().from(noticeImports).where(eq(noticeImports.id, stale.id));
    expect(row).toMatchObject({ status: 'failed', storedCount: 7, error: expect.stringContaining('interrupted') });
    expect(row!.finishedAt).not.toBeNull();
    const listed = (await sessions[0]!.get('/api/imports/eforms')).json();
    expect(listed.find((item: { id: string }) => item.id === stale.id)).toMatchObject({ status: 'failed', stored: 7 });
  });

  it('marks an import failed, with what it stored, when reading stops with an error', async () => {
    await clearImports();
    async function* sources(): AsyncGenerator<NoticeSource> {
      yield { name: 'a.xml', bytes: new TextEncoder().encode(CONSTRUCTED_NOTICE) };
      throw new Error('disk went away');
    }
    await expect(importNotices(database.db, sources(), { now: () => new Date(), by: { operator: 'test' }, source: 'x', batchSize: 1 })).rejects.toThrow('disk went away');
    const [row] = await database.db.select().from(noticeImports);
    expect(row).toMatchObject({ status: 'failed', storedCount: 1, error: 'disk went away' });
    expect(row!.finishedAt).not.toBeNull();
  });

  it('marks imports cut short by a crash failed at the next start (on the embedded database every running one)', async () => {
    await clearImports();
    const expired = await runningImport(null, 600);
    const fresh = await runningImport(organisationIds[1]!, 1);
    const restarted = await startApp();
    try {
      const rows = await database.db.select().from(noticeImports).where(and(eq(noticeImports.status, 'failed')));
      const failed = new Set(rows.map((r) => r.id));
      expect(failed.has(expired.id)).toBe(true);
      // Only one process can open the embedded database, so a running import there is a dead one;
      // on PostgreSQL another process may still be working on it until its heartbeat expires.
      expect(failed.has(fresh.id)).toBe(database.kind === 'pglite');
      for (const row of rows) expect(row.finishedAt).not.toBeNull();
    } finally {
      await restarted.close();
    }
  });
});
