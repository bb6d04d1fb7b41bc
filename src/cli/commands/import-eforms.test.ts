import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildStoredZip } from '../../../tests/support/build-stored-zip.js';
import { buildTarGz, CONSTRUCTED_PROCEDURE_ID, noticeVariant } from '../../../tests/support/notice-variants.js';
import { createCliTestDatabase, type CliTestDatabase } from '../../../tests/support/test-database.js';
import { noticeDocuments, noticeImports, noticeProcurementLinks, notices, organisations, procurements } from '../../db/schema/index.js';
import { runCli, type CliIo } from '../run-cli.js';

/**
 * `hansyn import eforms` through the CLI entry on a real database the command opens itself
 * (a temporary embedded one, or PostgreSQL when TEST_DATABASE_URL is set), seeded with the demo
 * organisations. The notices are fixtures from tests/fixtures/eforms.
 */

const REAL = fileURLToPath(new URL('../../../tests/fixtures/eforms/real-notices/', import.meta.url));
const SDK = fileURLToPath(new URL('../../../tests/fixtures/eforms/sdk-examples/', import.meta.url));

/** BT-701 of each fixture used below, so the tests can name the rows they expect. */
const NOTICE_ID: Record<string, string> = {
  '2024-OJS012-00032045.xml': '170f9daa-63bb-4d4e-a60f-66d3f5c8da5a',
  '2024-OJS015-00041387.xml': '0a3077fe-1b45-4446-be7e-30f75cd98316',
  '2024-OJS017-00047522.xml': 'a638ab6b-7005-48a9-a9c7-b91bfc6142f1',
  '2024-OJS018-00050164.xml': '5bf00f7f-e3f6-487d-8bdb-fb0647336682',
  '2024-OJS028-00082127.xml': 'a44f749c-1969-4160-881c-16173517b6df',
  '2024-OJS044-00127505.xml': '9e5933fa-86a8-44c0-a8c1-abc1e0d1ab57',
  '2024-OJS044-00128154.xml': '3d68b836-e5ce-4138-98ef-9d278a8d8eb5',
  '2024-OJS044-00129266.xml': '95a505a4-924c-420b-958d-b628f7c4d50b',
  'cn-social_25.xml': 'cf9697c2-e280-4e78-beb1-e481f8c97468',
};
/** Göteborgs Stad in the demo data. */
const GOTEBORG_NUMBER = '212000-1355';

const real = (name: string) => readFileSync(join(REAL, name), 'utf8');

let database: CliTestDatabase;
const scratch = mkdtempSync(join(tmpdir(), 'hansyn-import-cli-'));
/** A folder (with a nested folder and a file that is no notice), one file, a .tar.gz and a .zip; built in beforeAll. */
const FOLDER = join(scratch, 'folder');
const SINGLE = join(SDK, 'cn-social_25.xml');
const TAR_GZ = join(scratch, 'daily.tar.gz');
const ZIP = join(scratch, 'notices.zip');
const ALL = [FOLDER, SINGLE, TAR_GZ, ZIP];

async function run(args: string[], options: { stderrIsTTY?: boolean } = {}) {
  let out = '';
  let err = '';
  const io: CliIo = {
    env: { ...database.env, LOG_LEVEL: 'silent' },
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    ...options,
  };
  const code = await runCli(['import', 'eforms', ...args], io);
  return { code, out, err };
}

/** The summary line without the timing, which varies. */
function countsOf(out: string): string {
  const first = out.split('\n')[0] ?? '';
  expect(first).toMatch(/ in \d+\.\d s \((\d+\/s|–)\)\.$/);
  return first.replace(/ in \d+\.\d s \(.*\)\.$/, '');
}

/** The stored notices, by source file (sorted here: server collations order punctuation differently). */
const storedNotices = async () =>
  (await database.use((db) => db.select({ noticeId: notices.noticeId, version: notices.version, sourceFile: notices.sourceFile }).from(notices))).sort((a, b) =>
    a.sourceFile < b.sourceFile ? -1 : a.sourceFile > b.sourceFile ? 1 : 0,
  );

beforeAll(async () => {
  database = await createCliTestDatabase();
  mkdirSync(join(FOLDER, 'nested'), { recursive: true });
  copyFileSync(join(REAL, '2024-OJS012-00032045.xml'), join(FOLDER, '2024-OJS012-00032045.xml'));
  copyFileSync(join(REAL, '2024-OJS015-00041387.xml'), join(FOLDER, 'nested', '2024-OJS015-00041387.xml'));
  writeFileSync(join(FOLDER, 'readme.txt'), 'not a notice, and not read');

  writeFileSync(TAR_GZ, await buildTarGz([
    { name: '20240124/2024-OJS017-00047522.xml', data: real('2024-OJS017-00047522.xml') },
    { name: '20240124/2024-OJS018-00050164.xml', data: real('2024-OJS018-00050164.xml') },
  ]));
  writeFileSync(ZIP, buildStoredZip([
    { name: '2024-OJS028-00082127.xml', data: real('2024-OJS028-00082127.xml') },
    { name: 'more/2024-OJS044-00127505.xml', data: real('2024-OJS044-00127505.xml') },
  ]));

  let seedOut = '';
  const seeded = await runCli(['seed'], { env: { ...database.env, LOG_LEVEL: 'silent' }, stdout: (s) => (seedOut += s), stderr: (s) => (seedOut += s) });
  expect(seeded, seedOut).toBe(0);
});

afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  await database?.dispose();
});

beforeEach(async () => {
  // Each test starts from the demo registers without notices (links and documents go with them).
  await database.use(async (db) => {
    await db.delete(notices);
    await db.delete(noticeImports);
  });
});

describe('hansyn import eforms', () => {
  it('reads a folder (recursively), a single file, a .tar.gz and a .zip in one run and prints the summary', async () => {
    const { code, out, err } = await run(ALL);
    expect(code, err).toBe(0);
    expect(countsOf(out)).toBe('Read 7, stored 7, updated 0, skipped 0, failed 0');
    // No buyer is one of the demo organisations: no register line, no notes, no failures.
    expect(out.trimEnd().split('\n')).toHaveLength(1);
    expect(err).toBe('');

    expect(await storedNotices()).toEqual(
      [
        { sourceFile: join(FOLDER, '2024-OJS012-00032045.xml'), name: '2024-OJS012-00032045.xml' },
        { sourceFile: join(FOLDER, 'nested', '2024-OJS015-00041387.xml'), name: '2024-OJS015-00041387.xml' },
        { sourceFile: SINGLE, name: 'cn-social_25.xml' },
        { sourceFile: `${TAR_GZ}!/20240124/2024-OJS017-00047522.xml`, name: '2024-OJS017-00047522.xml' },
        { sourceFile: `${TAR_GZ}!/20240124/2024-OJS018-00050164.xml`, name: '2024-OJS018-00050164.xml' },
        { sourceFile: `${ZIP}!/2024-OJS028-00082127.xml`, name: '2024-OJS028-00082127.xml' },
        { sourceFile: `${ZIP}!/more/2024-OJS044-00127505.xml`, name: '2024-OJS044-00127505.xml' },
      ]
        .map(({ sourceFile, name }) => ({ noticeId: NOTICE_ID[name], version: '01', sourceFile }))
        .sort((a, b) => (a.sourceFile < b.sourceFile ? -1 : 1)),
    );
    const [row] = await database.use((db) => db.select().from(noticeImports));
    expect(row).toMatchObject({
      organisationId: null,
      actorLabel: 'hansyn import eforms',
      source: ALL.join(' '),
      readCount: 7,
      storedCount: 7,
      failedCount: 0,
      matchedCount: 0,
      failures: [],
    });
    expect(row!.finishedAt).not.toBeNull();
  });

  it('stores the good notices next to a malformed file and a missing path, names both failures and exits 1', async () => {
    const mixed = join(scratch, 'mixed');
    mkdirSync(mixed, { recursive: true });
    copyFileSync(join(REAL, '2024-OJS044-00128154.xml'), join(mixed, 'a-good.xml'));
    writeFileSync(join(mixed, 'b-broken.xml'), '<ContractNotice xmlns="urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2"><cbc:ID>');
    copyFileSync(join(REAL, '2024-OJS044-00129266.xml'), join(mixed, 'c-good.xml'));
    const missing = join(scratch, 'nowhere.xml');

    const { code, out } = await run([mixed, missing]);
    expect(code).toBe(1);
    expect(countsOf(out)).toBe('Read 4, stored 2, updated 0, skipped 0, failed 2');
    const failures = out.split('\n').filter((line) => line.startsWith('  failed '));
    expect(failures).toEqual([
      expect.stringMatching(new RegExp(`^  failed ${escape(join(mixed, 'b-broken.xml'))}: malformed-xml: \\S`)),
      expect.stringMatching(new RegExp(`^  failed ${escape(missing)}: not-found: \\S`)),
    ]);

    expect((await storedNotices()).map((n) => [n.noticeId, n.sourceFile])).toEqual([
      [NOTICE_ID['2024-OJS044-00128154.xml'], join(mixed, 'a-good.xml')],
      [NOTICE_ID['2024-OJS044-00129266.xml'], join(mixed, 'c-good.xml')],
    ]);
    const [row] = await database.use((db) => db.select().from(noticeImports));
    expect(row).toMatchObject({ readCount: 4, storedCount: 2, failedCount: 2 });
    expect((row!.failures as Array<{ file: string }>).map((f) => f.file)).toEqual([join(mixed, 'b-broken.xml'), missing]);
  });

  it('importing the same files twice stores each notice once; the second run skips them all', async () => {
    const first = await run(ALL);
    expect(first.code, first.err).toBe(0);
    const before = await storedNotices();
    expect(before).toHaveLength(7);

    // Again, one notice per transaction, and with the single file named twice.
    const second = await run(['--batch', '1', ...ALL, SINGLE]);
    expect(second.code, second.err).toBe(0);
    expect(countsOf(second.out)).toBe('Read 8, stored 0, updated 0, skipped 8, failed 0');

    // Skipped notices keep the record of the first run (its source file, too).
    expect(await storedNotices()).toEqual(before);
    const counts = await database.use(async (db) => ({
      documents: Number((await db.select({ n: sql<number>`count(*)::int` }).from(noticeDocuments))[0]!.n),
      imports: await db.select({ stored: noticeImports.storedCount, skipped: noticeImports.skippedCount }).from(noticeImports).orderBy(asc(noticeImports.startedAt)),
    }));
    expect(counts).toEqual({ documents: 7, imports: [{ stored: 7, skipped: 0 }, { stored: 0, skipped: 8 }] });
  });

  it('a notice read twice in the same run is stored once', async () => {
    const { code, out } = await run([SINGLE, FOLDER, SINGLE]);
    expect(code).toBe(0);
    expect(countsOf(out)).toBe('Read 4, stored 3, updated 0, skipped 1, failed 0');
    expect(await storedNotices()).toHaveLength(3);
  });

  it('a notice whose buyer (BT-501) is a seeded organisation creates its procurement; a newer version updates it', async () => {
    const v1 = join(scratch, 'goteborg-cn-01.xml');
    const v2 = join(scratch, 'goteborg-cn-02.xml');
    writeFileSync(v1, noticeVariant({ buyerNumber: GOTEBORG_NUMBER, buyerName: 'Göteborgs Stad' }));
    writeFileSync(v2, noticeVariant({ buyerNumber: GOTEBORG_NUMBER, buyerName: 'Göteborgs Stad', version: '02', title: 'Lokalvård i stadens skolor' }));
    const imported = () =>
      database.use(async (db) => {
        const [goteborg] = await db.select().from(organisations).where(eq(organisations.slug, 'goteborg'));
        const rows = await db
          .select()
          .from(procurements)
          .where(eq(procurements.referenceNumber, CONSTRUCTED_PROCEDURE_ID));
        const links = await db
          .select({ procurementId: noticeProcurementLinks.procurementId, noticeVersion: noticeProcurementLinks.noticeVersion })
          .from(noticeProcurementLinks)
          .where(eq(noticeProcurementLinks.organisationId, goteborg!.id));
        return { goteborgId: goteborg!.id, rows, links };
      });

    const created = await run([v1]);
    expect(created.code, created.err).toBe(0);
    expect(created.out.split('\n')).toEqual([
      expect.stringMatching(/^Read 1, stored 1, updated 0, skipped 0, failed 0 in /),
      'Registers: 1 procurement(s) created, 0 updated.',
      `  note ${v1}: Additional CPV codes not in the catalogue were skipped: 99999999.`,
      '',
    ]);
    const afterCreate = await imported();
    expect(afterCreate.rows).toHaveLength(1);
    expect(afterCreate.rows[0]).toMatchObject({
      organisationId: afterCreate.goteborgId,
      title: 'Lokalvård i kommunens skolor',
      status: 'published',
      mainCpv: '90911200',
      estimatedValueOre: 250_000_000,
      version: 1,
    });
    expect(afterCreate.links).toEqual([{ procurementId: afterCreate.rows[0]!.id, noticeVersion: '01' }]);

    const updated = await run([v2]);
    expect(updated.code, updated.err).toBe(0);
    expect(countsOf(updated.out)).toBe('Read 1, stored 0, updated 1, skipped 0, failed 0');
    expect(updated.out).toContain('\nRegisters: 0 procurement(s) created, 1 updated.\n');
    const afterUpdate = await imported();
    expect(afterUpdate.rows).toHaveLength(1);
    expect(afterUpdate.rows[0]).toMatchObject({ id: afterCreate.rows[0]!.id, title: 'Lokalvård i stadens skolor', status: 'published', version: 2 });
    expect(afterUpdate.links).toEqual([{ procurementId: afterCreate.rows[0]!.id, noticeVersion: '02' }]);
  });

  it('redraws a progress line on stderr when stderr is a terminal', async () => {
    const { code, err } = await run(['--batch', '2', FOLDER, TAR_GZ], { stderrIsTTY: true });
    expect(code).toBe(0);
    expect(err.startsWith('\r\x1b[2K2 read, 2 stored, 0 updated, 0 skipped, 0 failed — ')).toBe(true);
    expect(err).toContain('\r\x1b[2K4 read, 4 stored, 0 updated, 0 skipped, 0 failed — ');
    expect(err.endsWith('\n')).toBe(true);
  });

  it.each([
    ['no paths', [], 'No paths given.'],
    ['--batch 0', ['--batch', '0', SINGLE], '--batch must be an integer from 1 to 5000.'],
    ['--batch many', ['--batch', 'many', SINGLE], '--batch must be an integer from 1 to 5000.'],
    ['an unknown option', ['--verbose', SINGLE], 'Unknown option --verbose'],
  ])('usage error (%s) exits 2 and stores nothing', async (_label, args, message) => {
    const { code, out, err } = await run(args);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(out).toBe('');
    expect(await storedNotices()).toEqual([]);
  });

  it('--help prints the usage and exits 0', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('Usage: hansyn import eforms PATH… [--batch N]');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
