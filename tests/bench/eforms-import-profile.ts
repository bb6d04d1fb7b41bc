/**
 * Where the notice import's time goes: `npm run bench:eforms-import-profile [-- --files N]`
 * (PostgreSQL too when BENCH_DATABASE_URL or TEST_DATABASE_URL is set).
 *
 * Replicates the fixture notices (each with a fresh BT-701, so every one is stored) and runs the
 * importer's steps one after the other, timing each: preparing a notice (parse, social summary,
 * market facts), storing a batch of 200 in its transaction (`storeNotices`), the heartbeat after
 * each batch, and the market refresh at the end. The steps are the importer's own functions, run
 * without its overlap of parsing and writing (decision 0902), so the shares add up. Prints figures
 * and the load average; asserts nothing.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { createServerDatabase } from '../support/test-database.js';
import { prepareNotice } from '../../src/server/features/notices/notice-import-service.js';
import {
  claimImportSlot,
  recordImportProgress,
  refreshMarketAggregates,
  sliceOf,
  storeNotices,
  type MarketSlice,
  type PreparedNotice,
} from '../../src/server/features/notices/notice-repository.js';
import { replicateFixtures } from './eforms-bench.js';

const NOTICE_ID = /(<cbc:ID[^>]*schemeName="notice-id"[^>]*>)([^<]*)(<)/;
const BATCH = 200;

async function profile(name: string, handle: DatabaseHandle, sources: ReadonlyArray<{ name: string; bytes: Uint8Array }>): Promise<void> {
  const { db } = handle;
  const started = new Date();
  const slot = await claimImportSlot(db, { organisationId: null, actorUserId: null, actorLabel: 'bench', source: 'bench', startedAt: started }, { maxRunningUploads: 2, leaseSeconds: 60 });
  if (!slot.ok) throw new Error('no import slot');
  const seconds = { prepare: 0, store: 0, heartbeat: 0, refresh: 0 };
  const touched = new Map<string, MarketSlice>();
  const buyerKeys = new Set<string>();
  let stored = 0;
  const time = async <T>(step: keyof typeof seconds, work: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await work();
    seconds[step] += (performance.now() - start) / 1000;
    return result;
  };
  const flush = async (batch: PreparedNotice[]) => {
    if (batch.length === 0) return;
    const { written } = await time('store', () => db.transaction((tx) => storeNotices(tx, batch, slot.id, new Date(), { provenance: 'ted' })));
    stored += written.size;
    for (const item of batch) {
      touched.set(`${item.facts.year}|${item.facts.buyerCountry}`, sliceOf(item.facts.year, item.facts.buyerCountry));
      buyerKeys.add(item.facts.buyerKey);
    }
    const counts = { readCount: stored, storedCount: stored, updatedCount: 0, skippedCount: 0, failedCount: 0, matchedCount: 0, failures: [] };
    await time('heartbeat', () => recordImportProgress(db, slot.id, counts, new Date()));
  };
  const all = performance.now();
  let batch: PreparedNotice[] = [];
  for (const source of sources) {
    const prepared = await time('prepare', () => prepareNotice(source));
    if ('error' in prepared) continue;
    batch.push(prepared);
    if (batch.length >= BATCH) {
      await flush(batch);
      batch = [];
    }
  }
  await flush(batch);
  await time('refresh', () => refreshMarketAggregates(db, { slices: [...touched.values()], buyerKeys: [...buyerKeys] }));
  const total = (performance.now() - all) / 1000;
  const rate = sources.length / total;
  console.log(
    `  ${name.padEnd(16)} ${rate.toFixed(0).padStart(5)} notices/s (${stored} stored; 800,000 ≈ ${(800_000 / rate / 60).toFixed(1)} min without overlap)  ` +
      Object.entries(seconds)
        .map(([step, value]) => `${step} ${value.toFixed(2)} s (${((value / total) * 100).toFixed(0)} %)`)
        .join(', '),
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const filesArgument = args.indexOf('--files');
  const minFiles = filesArgument >= 0 ? Number(args[filesArgument + 1]) : 4_000;
  const dir = mkdtempSync(join(tmpdir(), 'hansyn-eforms-import-profile-'));
  const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');
  try {
    const decoder = new TextDecoder();
    const encoder = new TextEncoder();
    const sources = replicateFixtures(dir, minFiles).map((path, index) => ({
      name: path,
      bytes: encoder.encode(decoder.decode(readFileSync(path)).replace(NOTICE_ID, `$1bench-${index}-${randomBytes(4).toString('hex')}$3`)),
    }));
    console.log(`eForms import profile: ${sources.length} notices, batches of ${BATCH}; load average ${load()}`);
    mkdirSync(join(dir, 'pglite'));
    const lite = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'pglite') });
    try {
      await lite.migrate();
      await profile('PGlite (disk)', lite, sources);
    } finally {
      await lite.close();
    }
    const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    if (url !== undefined) {
      const database = await createServerDatabase(url, 'hansyn_profile');
      const server = await openDatabase({ kind: 'postgres', url: database.url });
      try {
        await server.migrate();
        await profile('PostgreSQL', server, sources);
      } finally {
        await server.close();
        await database.drop();
      }
    }
    console.log(`load average at the end ${load()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
