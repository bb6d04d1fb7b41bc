/**
 * Peak memory of an eForms import, one scenario per process so `maxRSS` is the scenario's own:
 * `npx tsx tests/bench/eforms-memory.ts --scenario hostile|ordinary --db pglite|postgres --dir DIR
 *   [--zip HOSTILE.zip] [--folder REPLICATED] [--parse-workers N]` (default 0: parse in the importing thread), and `… --build HOSTILE.zip [--notices N] [--padding-mib M]`
 *   to write the hostile archive first (in its own process).
 *
 * - `hostile`: the archive of issue 8 — a zip of N (default 200) valid notices, each padded with
 *   M MiB (default 19) of blanks inside `<cbc:Note>`, imported as an organisation's upload would be.
 * - `ordinary`: every notice under `--folder` (the parse benchmark's replicated folder, ≈20,000),
 *   each with a fresh BT-701 so all are stored, imported as the operator's CLI import would be.
 *
 * Prints one JSON line: scenario, database, seconds, peak RSS in MB and the import summary counts.
 * The PostgreSQL database is a fresh one on BENCH_DATABASE_URL / TEST_DATABASE_URL, dropped after.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { createServerDatabase } from '../support/test-database.js';
import { readNoticeSources, type NoticeSource } from '../../src/interop/eforms/read-notice-sources.js';
import { importNotices } from '../../src/server/features/notices/notice-import-service.js';
import { buildDeflatedZip, paddedNotices } from '../support/build-deflated-zip.js';
import { createOrganisation } from '../support/factories.js';
import { CONSTRUCTED_NOTICE, CONSTRUCTED_NOTICE_ID } from '../support/notice-variants.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};

async function open(kind: string, dir: string): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    // A data directory created (initdb + migrations) by another process: creating one costs PGlite
    // far more memory (≈ 950 MB peak) than opening one (≈ 380 MB), and a server opens an existing one.
    const dataDir = option('data-dir') ?? join(dir, `pglite-${randomBytes(3).toString('hex')}`);
    mkdirSync(dataDir, { recursive: true });
    const handle = await openDatabase({ kind: 'pglite', dataDir });
    await handle.migrate();
    return { handle, drop: async () => undefined };
  }
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (serverUrl === undefined) throw new Error('set BENCH_DATABASE_URL for --db postgres');
  const database = await createServerDatabase(serverUrl, 'hansyn_bench');
  const handle = await openDatabase({ kind: 'postgres', url: database.url });
  await handle.migrate();
  return { handle, drop: database.drop };
}

const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();
const NOTICE_ID = /(<cbc:ID[^>]*schemeName="notice-id"[^>]*>)([^<]*)(<)/;

async function* withFreshIds(sources: AsyncIterable<NoticeSource>): AsyncGenerator<NoticeSource> {
  let n = 0;
  for await (const source of sources) {
    if (!('bytes' in source)) {
      yield source;
      continue;
    }
    n += 1;
    const xml = decoder.decode(source.bytes).replace(NOTICE_ID, `$1mem-${n.toString(36)}-${randomBytes(3).toString('hex')}$3`);
    yield { name: source.name, bytes: encoder.encode(xml) };
  }
}

/**
 * Writes the hostile archive of issue 8 to `path` (in the calling process, so building it does not
 * count toward the import's peak memory): `count` valid notices, each padded with `paddingMiB` MiB
 * of blanks in `<cbc:Note>`.
 */
export function buildHostileArchive(path: string, count = 200, paddingMiB = 19): number {
  const zip = buildDeflatedZip(paddedNotices(CONSTRUCTED_NOTICE, count, paddingMiB * 1024 * 1024, (n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, CONSTRUCTED_NOTICE_ID));
  writeFileSync(path, zip);
  return zip.length;
}

async function main(): Promise<void> {
  const scenario = option('scenario') ?? 'hostile';
  const kind = option('db') ?? 'pglite';
  const dir = option('dir') ?? '.';
  if (option('prepare') !== undefined) {
    const { handle } = await open(kind, dir);
    await handle.close();
    return;
  }
  const { handle, drop } = await open(kind, dir);
  const rssAfterOpen = process.memoryUsage().rss;
  try {
    let sources: AsyncIterable<NoticeSource>;
    let by: Parameters<typeof importNotices>[2]['by'];
    let archiveMegabytes = 0;
    if (scenario === 'hostile') {
      const path = option('zip');
      if (path === undefined) throw new Error('--zip is required for the hostile scenario (see buildHostileArchive)');
      archiveMegabytes = statSync(path).size / 1e6;
      const org = await createOrganisation(handle.db, { organisationNumber: '212000-0142' });
      by = { organisationId: org.id, userId: null, label: 'bench upload' };
      sources = readNoticeSources([path]);
    } else {
      const folder = option('folder');
      if (folder === undefined) throw new Error('--folder is required for the ordinary scenario');
      by = { operator: 'bench' };
      sources = withFreshIds(readNoticeSources([folder]));
    }
    const start = process.hrtime.bigint();
    const parseWorkers = Number(option('parse-workers') ?? 0);
    const summary = await importNotices(handle.db, sources, { now: () => new Date(), by, source: scenario, parseWorkers });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    console.log(
      JSON.stringify({
        scenario,
        database: kind,
        parseWorkers,
        archiveMegabytes: Number(archiveMegabytes.toFixed(1)),
        seconds: Number(seconds.toFixed(1)),
        rssAfterOpenMegabytes: Math.round(rssAfterOpen / 1e6),
        peakRssMegabytes: Math.round(process.resourceUsage().maxRSS / 1024),
        read: summary.read,
        stored: summary.stored,
        failed: summary.failed.length,
      }),
    );
  } finally {
    await handle.close();
    await drop();
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (option('build') !== undefined) buildHostileArchive(option('build')!, Number(option('notices') ?? 200), Number(option('padding-mib') ?? 19));
  else await main();
}
