import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildStoredZip } from '../../../../tests/support/build-stored-zip.js';
import { createOrganisation, createUser } from '../../../../tests/support/factories.js';
import {
  buildTarGz,
  CONSTRUCTED_NOTICE,
  CONSTRUCTED_NOTICE_ID,
  CONSTRUCTED_PROCEDURE_ID,
  noticeVariant,
  XXE_NOTICE,
} from '../../../../tests/support/notice-variants.js';
import { createTestDatabase } from '../../../../tests/support/test-database.js';
import type { Database, DatabaseHandle } from '../../../db/client.js';
import { auditEvents, noticeDocuments, noticeImports, noticeProcurementLinks, notices, procurementLots, procurements, units } from '../../../db/schema/index.js';
import { readNoticeSources, type NoticeSource } from '../../../interop/eforms/read-notice-sources.js';
import { importNotices, type ImportOptions } from './notice-import-service.js';

let handle: DatabaseHandle;
let db: Database;
let dir: string;
const OPERATOR: ImportOptions = { now: () => new Date(), by: { operator: 'test' }, source: 'test' };

async function* sources(...items: Array<[string, string]>): AsyncGenerator<NoticeSource> {
  for (const [name, xml] of items) yield { name, bytes: new TextEncoder().encode(xml) };
}

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  dir = mkdtempSync(join(tmpdir(), 'hansyn-import-test-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await handle.close();
});
beforeEach(async () => {
  for (const table of ['notice_procurement_links', 'notices', 'notice_imports', 'procurements', 'audit_events', 'organisations']) await db.execute(sql.raw(`delete from ${table}`));
});

async function countNotices(): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(notices);
  return Number(row!.n);
}

describe('importNotices: idempotency and versions', () => {
  it('stores the same notice twice as one record; the second time it is skipped', async () => {
    const first = await importNotices(db, sources(['a.xml', CONSTRUCTED_NOTICE]), OPERATOR);
    const second = await importNotices(db, sources(['a-again.xml', CONSTRUCTED_NOTICE]), OPERATOR);
    expect(first).toMatchObject({ read: 1, stored: 1, updated: 0, skipped: 0, failed: [] });
    expect(second).toMatchObject({ read: 1, stored: 0, updated: 0, skipped: 1, failed: [] });
    expect(await countNotices()).toBe(1);
    const [doc] = await db.select().from(noticeDocuments);
    expect((doc!.notice as { noticeId: string }).noticeId).toBe(CONSTRUCTED_NOTICE_ID);
  });

  it('a newer version (BT-757) replaces the stored one; an older one read afterwards is skipped', async () => {
    await importNotices(db, sources(['v1.xml', CONSTRUCTED_NOTICE]), OPERATOR);
    const newer = await importNotices(db, sources(['v2.xml', noticeVariant({ version: '02', title: 'Lokalvård, rättad' })]), OPERATOR);
    expect(newer).toMatchObject({ stored: 0, updated: 1, skipped: 0 });
    const older = await importNotices(db, sources(['v1-late.xml', CONSTRUCTED_NOTICE]), OPERATOR);
    expect(older).toMatchObject({ stored: 0, updated: 0, skipped: 1 });
    const rows = await db.select({ version: notices.version, title: notices.title, sourceFile: notices.sourceFile }).from(notices);
    expect(rows).toEqual([{ version: '02', title: 'Lokalvård, rättad', sourceFile: 'v2.xml' }]);
    const [doc] = await db.select().from(noticeDocuments);
    expect((doc!.notice as { title: string }).title).toBe('Lokalvård, rättad');
  });

  it('inside one batch, keeps the highest version of a notice and counts the rest as skipped', async () => {
    const summary = await importNotices(
      db,
      sources(['v2.xml', noticeVariant({ version: '02' })], ['v1.xml', CONSTRUCTED_NOTICE], ['v2-again.xml', noticeVariant({ version: '02' })]),
      OPERATOR,
    );
    expect(summary).toMatchObject({ read: 3, stored: 1, skipped: 2 });
    expect((await db.select({ version: notices.version }).from(notices))[0]!.version).toBe('02');
  });

  it('records the import with its counts and failures', async () => {
    const summary = await importNotices(db, sources(['ok.xml', CONSTRUCTED_NOTICE], ['bad.xml', '<nope']), { now: () => new Date(), by: { operator: 'hansyn import eforms' }, source: 'x' });
    const [row] = await db.select().from(noticeImports).where(eq(noticeImports.id, summary.importId));
    expect(row).toMatchObject({ actorLabel: 'hansyn import eforms', organisationId: null, readCount: 2, storedCount: 1, failedCount: 1 });
    expect(row!.finishedAt).not.toBeNull();
    expect(row!.failures).toEqual([{ file: 'bad.xml', error: expect.stringContaining('malformed-xml') }]);
  });
});

describe('importNotices: failures', () => {
  it('an XXE notice in a batch is reported as failed and the others are stored', async () => {
    const summary = await importNotices(
      db,
      sources(['one.xml', noticeVariant({ noticeId: id(1) })], ['xxe.xml', XXE_NOTICE], ['two.xml', noticeVariant({ noticeId: id(2) })]),
      OPERATOR,
    );
    expect(summary.failed).toEqual([{ file: 'xxe.xml', error: expect.stringContaining('dtd-forbidden') }]);
    expect(summary).toMatchObject({ read: 3, stored: 2 });
    expect(await countNotices()).toBe(2);
  });

  it('a notice that fails while being stored leaves nothing behind, and the rest of its batch is stored', async () => {
    const org = await createOrganisation(db, { organisationNumber: '212000-0142' });
    // 10^17 SEK is 10^19 öre: more than a bigint holds, so the register insert fails after the
    // notice row was written in the same transaction.
    const absurd = noticeVariant({ noticeId: id(3), procedureId: id(103), value: { amount: '100000000000000000', currency: 'SEK' } });
    const summary = await importNotices(
      db,
      sources(['one.xml', noticeVariant({ noticeId: id(1), procedureId: id(101) })], ['absurd.xml', absurd], ['two.xml', noticeVariant({ noticeId: id(2), procedureId: id(102) })]),
      OPERATOR,
    );
    expect(summary.failed).toEqual([{ file: 'absurd.xml', error: expect.stringMatching(/out of range/i) }]);
    expect(summary).toMatchObject({ read: 3, stored: 2, procurements: { created: 2, updated: 0 } });
    expect(await db.select().from(notices).where(eq(notices.noticeId, id(3)))).toEqual([]);
    expect(await db.select().from(noticeDocuments).where(eq(noticeDocuments.noticeId, id(3)))).toEqual([]);
    const refs = (await db.select({ ref: procurements.referenceNumber }).from(procurements).where(eq(procurements.organisationId, org.id))).map((r) => r.ref).sort();
    expect(refs).toEqual([id(101), id(102)]);
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.organisationId, org.id), eq(auditEvents.action, 'procurement.imported_from_notice')));
    expect(audit).toHaveLength(2);
  });
});

describe('importNotices: archives', () => {
  it('reads notices from a .tar.gz and a .zip', async () => {
    writeFileSync(join(dir, 'daily.tar.gz'), await buildTarGz([
      { name: '20250314/one.xml', data: noticeVariant({ noticeId: id(11) }) },
      { name: '20250314/two.xml', data: noticeVariant({ noticeId: id(12) }) },
    ]));
    writeFileSync(join(dir, 'more.zip'), buildStoredZip([
      { name: 'three.xml', data: noticeVariant({ noticeId: id(13) }) },
      { name: 'xxe.xml', data: XXE_NOTICE },
    ]));
    const summary = await importNotices(db, readNoticeSources([join(dir, 'daily.tar.gz'), join(dir, 'more.zip')]), OPERATOR);
    expect(summary).toMatchObject({ read: 4, stored: 3 });
    expect(summary.failed).toEqual([{ file: `${join(dir, 'more.zip')}!/xxe.xml`, error: expect.stringContaining('dtd-forbidden') }]);
    const files = (await db.select({ f: notices.sourceFile }).from(notices)).map((r) => r.f).sort();
    expect(files).toEqual([`${join(dir, 'daily.tar.gz')}!/20250314/one.xml`, `${join(dir, 'daily.tar.gz')}!/20250314/two.xml`, `${join(dir, 'more.zip')}!/three.xml`]);
  });
});

describe('importNotices: matching buyers to organisations (BT-501)', () => {
  it('creates the procurement in the register of the organisation whose number is the buyer', async () => {
    const org = await createOrganisation(db, { organisationNumber: '212000-0142' });
    const other = await createOrganisation(db, { organisationNumber: '212000-0001' });
    const summary = await importNotices(db, sources(['cn.xml', CONSTRUCTED_NOTICE]), OPERATOR);
    expect(summary.procurements).toEqual({ created: 1, updated: 0 });
    expect(summary.notes.map((n) => n.note)).toEqual(['Additional CPV codes not in the catalogue were skipped: 99999999.']);
    const [p] = await db.select().from(procurements).where(eq(procurements.organisationId, org.id));
    expect(p).toMatchObject({
      referenceNumber: CONSTRUCTED_PROCEDURE_ID,
      title: 'Lokalvård i kommunens skolor',
      description: 'Städning av tolv skolor under fyra år.',
      unitId: org.unit.id,
      contractNature: 'services',
      mainCpv: '90911200',
      additionalCpv: ['90919200'],
      estimatedValueOre: 250_000_000,
      status: 'published',
    });
    expect(await db.select().from(procurements).where(eq(procurements.organisationId, other.id))).toEqual([]);
    const [link] = await db.select().from(noticeProcurementLinks);
    expect(link).toMatchObject({ organisationId: org.id, procurementId: p!.id, noticeId: CONSTRUCTED_NOTICE_ID, noticeVersion: '01' });
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.entityId, p!.id));
    expect(event).toMatchObject({ action: 'procurement.imported_from_notice', actorLabel: 'eforms import', actorUserId: null });
    expect(event!.after).toMatchObject({ created: true, noticeId: CONSTRUCTED_NOTICE_ID, declaresSocial: true, concernsEmployment: true });
  });

  it('a unit carrying the number gets the procurement; a result notice for the same procedure awards it', async () => {
    const org = await createOrganisation(db, { organisationNumber: '212000-0001' });
    await db.update(units).set({ organisationNumber: '212000-0142' }).where(eq(units.id, org.otherUnit.id));
    await importNotices(db, sources(['cn.xml', CONSTRUCTED_NOTICE]), OPERATOR);
    const result = noticeVariant({ noticeId: id(21), formType: 'result', value: { amount: '3000000', currency: 'SEK' } });
    const summary = await importNotices(db, sources(['can.xml', result]), OPERATOR);
    expect(summary.procurements).toEqual({ created: 0, updated: 1 });
    const rows = await db.select().from(procurements).where(eq(procurements.organisationId, org.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ unitId: org.otherUnit.id, status: 'awarded', estimatedValueOre: 300_000_000, version: 2 });
    expect(await db.select().from(noticeProcurementLinks).where(eq(noticeProcurementLinks.procurementId, rows[0]!.id))).toHaveLength(2);
    // A late contract notice version does not reopen an awarded procurement.
    await importNotices(db, sources(['cn-v2.xml', noticeVariant({ version: '02', title: 'Sent' })]), OPERATOR);
    const [after] = await db.select().from(procurements).where(eq(procurements.organisationId, org.id));
    expect(after).toMatchObject({ status: 'awarded', title: 'Lokalvård i kommunens skolor' });
  });

  it('a newer notice version updates what it states and keeps what the register entered and the notice does not carry', async () => {
    const org = await createOrganisation(db, { organisationNumber: '212000-0142' });
    await importNotices(db, sources(['cn.xml', CONSTRUCTED_NOTICE]), OPERATOR);
    const [imported] = await db.select().from(procurements).where(eq(procurements.organisationId, org.id));
    // The procurer fills in what eForms does not carry, and uses the organisation's own reference.
    await db
      .update(procurements)
      .set({ referenceNumber: 'KS-2025-0142', labourNeedFte: 3.5, procedureType: 'open', durationMonths: 48, extensionMonths: 12, contractStart: '2025-09-01' })
      .where(eq(procurements.id, imported!.id));
    const summary = await importNotices(db, sources(['cn-v2.xml', noticeVariant({ version: '02', title: 'Lokalvård i skolor, rättad' })]), OPERATOR);
    expect(summary.notes.map((n) => n.note)).toEqual(['Additional CPV codes not in the catalogue were skipped: 99999999.']);
    expect(summary.procurements).toEqual({ created: 0, updated: 1 });
    const [after] = await db.select().from(procurements).where(eq(procurements.organisationId, org.id));
    expect(after).toMatchObject({
      title: 'Lokalvård i skolor, rättad',
      referenceNumber: 'KS-2025-0142',
      labourNeedFte: 3.5,
      procedureType: 'open',
      extensionMonths: 12,
      contractStart: '2025-09-01',
      estimatedValueOre: 250_000_000,
    });
  });

  it('keeps a foreign-currency value out of the register and notes it; lots come with values and CPV', async () => {
    const org = await createOrganisation(db, { organisationNumber: '212000-0142' });
    const summary = await importNotices(db, sources(['eur.xml', noticeVariant({ value: { amount: '100000', currency: 'EUR' } })]), OPERATOR);
    expect(summary.notes.map((n) => n.note)).toContain('Estimated value 100000 EUR is not in SEK and was not converted.');
    const [p] = await db.select().from(procurements).where(eq(procurements.organisationId, org.id));
    expect(p!.estimatedValueOre).toBeNull();
    expect(await db.select().from(procurementLots).where(eq(procurementLots.procurementId, p!.id))).toEqual([]);
  });

  it('an upload by one organisation never writes another organisation’s register', async () => {
    const owner = await createOrganisation(db, { organisationNumber: '212000-0142' });
    const uploader = await createOrganisation(db, { organisationNumber: '212000-0001' });
    const user = await createUser(db, uploader.id, ['coordinator']);
    const summary = await importNotices(db, sources(['cn.xml', CONSTRUCTED_NOTICE]), {
      now: () => new Date(), by: { organisationId: uploader.id, userId: user.id, label: user.email },
      source: 'cn.xml',
    });
    expect(summary.stored).toBe(1);
    expect(summary.procurements.created).toBe(0);
    expect(await db.select().from(procurements).where(eq(procurements.organisationId, owner.id))).toEqual([]);
  });
});

describe('importNotices: planner statistics', () => {
  const estimatedRows = async () => {
    const result = (await db.execute(sql`select reltuples::int as n from pg_class where relname = 'notices'`)) as unknown as { rows: Array<{ n: number }> };
    return Number(result.rows[0]!.n);
  };

  it('analyzes the notice tables after a large import, and not after a small one', async () => {
    const before = await estimatedRows();
    await importNotices(db, sources(['small.xml', noticeVariant({ noticeId: id(901) })]), OPERATOR);
    expect(await estimatedRows()).toBe(before);
    await importNotices(db, sources(['large.xml', noticeVariant({ noticeId: id(902) })]), { ...OPERATOR, analyzeAfter: 1 });
    expect(await countNotices()).toBe(2);
    expect(await estimatedRows()).toBe(2);
  });
});
