import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../../../../tests/support/factories.js';
import { CONSTRUCTED_BUYER_NUMBER, CONSTRUCTED_NOTICE, noticeVariant, XXE_NOTICE } from '../../../../tests/support/notice-variants.js';
import { createTestDatabase } from '../../../../tests/support/test-database.js';
import type { DatabaseHandle } from '../../../db/client.js';
import { readNoticeSources, type NoticeSource } from '../../../interop/eforms/read-notice-sources.js';
import { importNotices, type ImportSummary } from './notice-import-service.js';
import { NoticeParsePool, prepareAhead } from './notice-parse-pool.js';
import { prepareNotice } from './prepare-notice.js';

/**
 * Decision 0903: parsing in worker threads changes nothing that is stored or reported. The same
 * sources go through the in-thread path (0 workers) into one database and through a pool of one
 * and of two workers into two others; every table the import writes must hold the same rows.
 */

const FIXTURES = fileURLToPath(new URL('../../../../tests/fixtures/eforms/', import.meta.url));
const AT = new Date('2026-03-01T10:00:00Z');
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const encoder = new TextEncoder();

/** Hostile or malformed notices, each refused by the parser with its own code. */
const HOSTILE: Array<[string, string | Uint8Array]> = [
  ['xxe.xml', XXE_NOTICE],
  ['truncated.xml', CONSTRUCTED_NOTICE.slice(0, 4000)],
  ['not-xml.xml', 'no markup at all'],
  ['deep.xml', `<?xml version="1.0"?>${'<a>'.repeat(500)}${'</a>'.repeat(500)}`],
  ['control.xml', CONSTRUCTED_NOTICE.replace('</cbc:ID>', '\u0001</cbc:ID>')],
  ['bad-utf8.xml', Uint8Array.from([...encoder.encode(CONSTRUCTED_NOTICE.slice(0, 300)), 0xff, 0xfe, ...encoder.encode(CONSTRUCTED_NOTICE.slice(300))])],
];

async function* everything(): AsyncGenerator<NoticeSource> {
  yield* readNoticeSources([FIXTURES]);
  for (const [name, xml] of HOSTILE) yield { name, bytes: typeof xml === 'string' ? encoder.encode(xml) : xml };
  // Versions and duplicates inside one batch and across batches.
  yield { name: 'v2.xml', bytes: encoder.encode(noticeVariant({ noticeId: id(1), version: '02', title: 'Andra' })) };
  yield { name: 'v1.xml', bytes: encoder.encode(noticeVariant({ noticeId: id(1), title: 'Första' })) };
  for (let n = 2; n < 30; n += 1) yield { name: `variant-${n}.xml`, bytes: encoder.encode(noticeVariant({ noticeId: id(n), procedureId: id(100 + n) })) };
  yield { name: 'v3.xml', bytes: encoder.encode(noticeVariant({ noticeId: id(1), version: '03', title: 'Tredje' })) };
  yield { name: 'again.xml', bytes: encoder.encode(noticeVariant({ noticeId: id(2), procedureId: id(102) })) };
}

/** Columns whose values each database makes up itself (generated ids, its own clock). */
const GENERATED = /^(id|organisation_id|procurement_id|unit_id|import_id|entity_id|actor_user_id|lot_id|created_by|updated_by|created_at)$/;

function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !GENERATED.test(key))
        .map(([key, inner]) => [key, normalise(inner)]),
    );
  }
  return value;
}

const TABLES = [
  'notices',
  'notice_documents',
  'notice_imports',
  'notice_procurement_links',
  'notice_market_cells',
  'notice_market_buyers',
  'notice_market_buyer_cells',
  'procurements',
  'procurement_lots',
  'audit_events',
];

async function contents(handle: DatabaseHandle): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of TABLES) {
    const result = (await handle.db.execute(sql.raw(`select to_jsonb(t) as row from ${table} t`))) as unknown as { rows: Array<{ row: unknown }> };
    out[table] = result.rows.map((r) => JSON.stringify(normalise(r.row))).sort();
  }
  return out;
}

const handles: DatabaseHandle[] = [];
async function freshDatabase(): Promise<DatabaseHandle> {
  const handle = await createTestDatabase();
  handles.push(handle);
  await createOrganisation(handle.db, { organisationNumber: CONSTRUCTED_BUYER_NUMBER });
  return handle;
}

function withoutId({ importId: _importId, ...rest }: ImportSummary) {
  return rest;
}

afterAll(async () => {
  for (const handle of handles) await handle.close();
});

describe('importNotices: parse workers store and report what the importing thread does (decision 0903)', () => {
  let results: Array<{ summary: ImportSummary; stored: Record<string, string[]> }>;

  beforeAll(async () => {
    results = [];
    for (const parseWorkers of [0, 1, 2]) {
      const handle = await freshDatabase();
      // Small batches and a small byte limit: many batches, some cut by bytes.
      const summary = await importNotices(handle.db, everything(), { by: { operator: 'test' }, source: 'fixtures', now: () => AT, batchSize: 7, batchBytes: 150_000, parseWorkers });
      results.push({ summary, stored: await contents(handle) });
    }
  }, 120_000);

  it('the fixtures are imported, with failures, duplicates, versions and register entries', () => {
    const { summary } = results[0]!;
    expect(summary.read).toBeGreaterThan(60);
    expect(summary.stored).toBeGreaterThan(40);
    expect(summary.skipped).toBeGreaterThan(0);
    expect(summary.procurements.created).toBeGreaterThan(0);
    expect(summary.failed.map((f) => f.file)).toEqual(expect.arrayContaining(HOSTILE.map(([name]) => name)));
  });

  it('a worker pool stores the same rows in every table the import writes', () => {
    expect(results[0]!.stored.notices!.length).toBe(results[0]!.summary.stored);
    expect(results[1]!.stored).toEqual(results[0]!.stored);
    expect(results[2]!.stored).toEqual(results[0]!.stored);
  });

  it('and returns the same summary: counts, failures in order, notes', () => {
    expect(withoutId(results[1]!.summary)).toEqual(withoutId(results[0]!.summary));
    expect(withoutId(results[2]!.summary)).toEqual(withoutId(results[0]!.summary));
  });

  it('a hostile notice parsed in a worker is reported as the importing thread reports it', () => {
    const failures = (summary: ImportSummary) => summary.failed.filter((f) => HOSTILE.some(([name]) => name === f.file));
    expect(failures(results[0]!.summary)).toHaveLength(HOSTILE.length);
    expect(failures(results[1]!.summary)).toEqual(failures(results[0]!.summary));
    expect(failures(results[0]!.summary).find((f) => f.file === 'xxe.xml')!.error).toMatch(/^dtd-forbidden: /);
  });
});

describe('prepareAhead', () => {
  it('gives, for each fixture and hostile input, what prepareNotice gives in this thread', async () => {
    const pool = new NoticeParsePool(1);
    try {
      const inThread: unknown[] = [];
      for await (const source of everything()) inThread.push(prepareNotice(source));
      const inWorker: unknown[] = [];
      for await (const { prepared } of prepareAhead(everything(), pool, { aheadNotices: 5 })) inWorker.push(prepared);
      expect(inWorker).toEqual(inThread);
    } finally {
      await pool.close();
    }
  });

  it('a broken source is thrown after the notices read before it, as without a pool', async () => {
    async function* breaksAfterThree(): AsyncGenerator<NoticeSource> {
      for (let n = 1; n <= 3; n += 1) yield { name: `${n}.xml`, bytes: encoder.encode(noticeVariant({ noticeId: id(n) })) };
      throw new Error('broken archive');
    }
    const outcomes = [];
    for (const parseWorkers of [0, 1]) {
      const handle = await freshDatabase();
      const error = await importNotices(handle.db, breaksAfterThree(), { by: { operator: 'test' }, source: 'broken', now: () => AT, batchSize: 2, parseWorkers }).catch((e: unknown) => e);
      outcomes.push({ message: (error as Error).message, stored: await contents(handle) });
    }
    expect(outcomes[0]!.message).toBe('broken archive');
    expect(outcomes[1]).toEqual(outcomes[0]);
    expect(outcomes[0]!.stored.notices).toHaveLength(2);
  }, 60_000);

  it('reads no further ahead than its limits', async () => {
    let read = 0;
    async function* counted(): AsyncGenerator<NoticeSource> {
      for (let n = 1; n <= 50; n += 1) {
        read += 1;
        yield { name: `${n}.xml`, bytes: encoder.encode(noticeVariant({ noticeId: id(n) })) };
      }
    }
    const pool = new NoticeParsePool(1);
    try {
      const ahead = prepareAhead(counted(), pool, { aheadNotices: 4 });
      await ahead.next();
      expect(read).toBeLessThanOrEqual(5);
      const size = encoder.encode(noticeVariant({ noticeId: id(1) })).length;
      read = 0;
      const byBytes = prepareAhead(counted(), pool, { aheadNotices: 40, aheadBytes: size * 2 });
      await byBytes.next();
      expect(read).toBeLessThanOrEqual(3);
      await ahead.return(undefined);
      await byBytes.return(undefined);
    } finally {
      await pool.close();
    }
  });
});
