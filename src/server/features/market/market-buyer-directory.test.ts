import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client.js';
import { createOrganisation, createTestApp, createUser, login, type Session, type TestContext } from '../../../../tests/support/factories.js';
import { noticeVariant, type VariantOptions } from '../../../../tests/support/notice-variants.js';
import type { NoticeSource } from '../../../interop/eforms/read-notice-sources.js';
import { importNotices } from '../notices/notice-import-service.js';
import { refreshMarketBuyers } from '../notices/notice-repository.js';

/**
 * The buyer directory (notice_market_buyers, decision 0106) must give the buyer ranking and the
 * buyer-name search exactly the answers a direct query over `notices` gives, also after newer
 * versions move notices between buyers.
 */
let ctx: TestContext;
let viewer: Session;
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

async function* sources(items: ReadonlyArray<[string, string]>): AsyncGenerator<NoticeSource> {
  for (const [name, xml] of items) yield { name, bytes: new TextEncoder().encode(xml) };
}

const variant = (n: number, options: VariantOptions): [string, string] => [`n${n}.xml`, noticeVariant({ noticeId: id(n), procedureId: id(100 + n), ...options })];
const annan = { buyerNumber: '212000-0001', buyerName: 'Annan kommun' };

async function importAll(items: ReadonlyArray<[string, string]>) {
  return importNotices(ctx.db, sources(items), { now: () => new Date(), by: { operator: 'test' }, source: 'test' });
}

beforeAll(async () => {
  ctx = await createTestApp();
  const org = await createOrganisation(ctx.db, { organisationNumber: '212000-0142' });
  viewer = await login(ctx.app, (await createUser(ctx.db, org.id, ['viewer'])).email);
  const summary = await importAll([
    variant(1, { ...annan, issueDate: '2024-06-01', social: false, value: { amount: '1000000', currency: 'SEK' } }),
    variant(2, { ...annan, value: null }),
    // Same organisation number, another spelling: one buyer, labelled by the smallest name.
    variant(3, { buyerNumber: '212000-0001', buyerName: 'Annans kommun', value: { amount: '300000', currency: 'EUR' } }),
    // A joint procurement: it belongs to its first buyer, but the second buyer's name finds it too.
    variant(4, { buyerNumber: 'DK12345678', buyerName: 'Dansk kommune', country: 'DNK', coBuyer: { number: '212000-0002', name: 'Samverkande kommun' } }),
    variant(5, { buyerNumber: '212000-0003', buyerName: 'Tredje 100% kommun_bolag', social: false }),
    variant(6, { buyerNumber: '212000-0004', buyerName: 'Fjärde bolaget' }),
    variant(7, { buyerNumber: '212000-0004', buyerName: 'Fjärde bolaget', issueDate: '2023-02-01', social: false }),
  ]);
  expect(summary).toMatchObject({ stored: 7, failed: [] });
});
afterAll(() => ctx.close());

const get = async (url: string) => {
  const response = await viewer.get(url);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

interface Ranked {
  key: string;
  label: string | null;
  notices: number;
  noticesWithSocial: number;
  noticesWithEmployment: number;
  noticesWithValue: number;
  valueByCurrency: Array<{ currency: string; estimatedValue: number; valueWithSocial: number }>;
}

/** The buyer ranking computed directly from `notices`, as the market view answered before the directory. */
async function rankingFromNotices(db: Database, where = sql`true`): Promise<{ rows: Ranked[]; groups: number }> {
  const buyers = (await db.execute(sql`
    select buyer_key as key, min(buyer_name) as label, count(*)::int as notices,
      (count(*) filter (where has_social))::int as social, (count(*) filter (where has_employment))::int as employment,
      count(estimated_value_currency)::int as valued
    from notices where ${where} group by buyer_key order by count(*) desc, buyer_key`)) as unknown as {
    rows: Array<{ key: string; label: string | null; notices: number; social: number; employment: number; valued: number }>;
  };
  const values = (await db.execute(sql`
    select buyer_key as key, estimated_value_currency as currency, sum(estimated_value_amount)::float8 as value,
      coalesce(sum(social_value_amount), 0)::float8 as social_value
    from notices where ${where} and estimated_value_currency is not null group by 1, 2`)) as unknown as {
    rows: Array<{ key: string; currency: string; value: number; social_value: number }>;
  };
  const rows = buyers.rows.map((b) => ({
    key: b.key,
    label: b.label,
    notices: Number(b.notices),
    noticesWithSocial: Number(b.social),
    noticesWithEmployment: Number(b.employment),
    noticesWithValue: Number(b.valued),
    valueByCurrency: values.rows
      .filter((v) => v.key === b.key)
      .map((v) => ({ currency: v.currency, estimatedValue: Number(v.value), valueWithSocial: Number(v.social_value) }))
      .sort((x, y) => y.estimatedValue - x.estimatedValue || (x.currency < y.currency ? -1 : 1)),
  }));
  return { rows, groups: rows.length };
}

const ranked = (rows: Ranked[]) =>
  rows.map(({ key, label, notices, noticesWithSocial, noticesWithEmployment, noticesWithValue, valueByCurrency }) => ({
    key,
    label,
    notices,
    noticesWithSocial,
    noticesWithEmployment,
    noticesWithValue,
    valueByCurrency,
  }));

/** Checks the ranking at every limit against the direct query; returns the full expected ranking. */
async function expectRankingAsFromNotices(query = '', where = sql`true`): Promise<Ranked[]> {
  const expected = await rankingFromNotices(ctx.db, where);
  for (let limit = 1; limit <= expected.rows.length + 1; limit += 1) {
    const answer = await get(`/api/market/social-considerations?groupBy=buyer&limit=${limit}${query}`);
    expect(answer.groups, `limit ${limit}`).toBe(expected.groups);
    expect(ranked(answer.rows), `limit ${limit}`).toEqual(expected.rows.slice(0, limit));
  }
  return expected.rows;
}

const likePattern = (text: string) => `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Checks a buyer-name search (totals and drill-down list) against a scan of `notices`; returns the matching notice ids. */
async function expectNameSearchAsFromNotices(term: string): Promise<string[]> {
  const direct = (await ctx.db.execute(sql`
    select notice_id from notices where array_to_string(buyer_names, ' ') ilike ${likePattern(term)} order by notice_id`)) as unknown as {
    rows: Array<{ notice_id: string }>;
  };
  const expected = direct.rows.map((r) => r.notice_id);
  const buyer = encodeURIComponent(term);
  const totals = (await get(`/api/market/social-considerations?groupBy=year&buyer=${buyer}`)).totals;
  expect(totals.notices, term).toBe(expected.length);
  const list = await get(`/api/market/notices?buyer=${buyer}&pageSize=100`);
  expect(list.items.map((n: { noticeId: string }) => n.noticeId).sort(), term).toEqual(expected);
  expect(list.total, term).toBe(expected.length);
  return expected;
}

const SEARCHES = ['annan', 'ANNANS', 'kommun', 'Samverkande', 'kommune samverk', 'dansk', '100%', '_', 'bolaget', 'ingen sådan köpare'];

describe('the buyer directory', () => {
  it('ranks buyers as a count over the notices does, at every limit, with the same labels and values', async () => {
    const rows = await expectRankingAsFromNotices();
    // Not vacuous: the known shape of the seed.
    expect(rows.map((r) => [r.key, r.label, r.notices])).toEqual([
      ['SWE:2120000001', 'Annan kommun', 3],
      ['SWE:2120000004', 'Fjärde bolaget', 2],
      ['DNK:DK12345678', 'Dansk kommune', 1],
      ['SWE:2120000003', 'Tredje 100% kommun_bolag', 1],
    ]);
    expect(rows[0]!.valueByCurrency).toEqual([
      { currency: 'SEK', estimatedValue: 1_000_000, valueWithSocial: 0 },
      { currency: 'EUR', estimatedValue: 300_000, valueWithSocial: 300_000 },
    ]);
    // A filtered ranking still reads the notices, with the buyer's smallest name as its label.
    await expectRankingAsFromNotices('&country=SWE', sql`buyer_country = 'SWE'`);
  });

  it('finds buyer names as a scan of the notices does, including a joint buyer and LIKE characters', async () => {
    const found = Object.fromEntries(await Promise.all(SEARCHES.map(async (term) => [term, (await expectNameSearchAsFromNotices(term)).length])));
    expect(found).toEqual({
      annan: 3,
      ANNANS: 1,
      kommun: 5,
      Samverkande: 1,
      'kommune samverk': 1,
      dansk: 1,
      '100%': 1,
      _: 1,
      bolaget: 2,
      'ingen sådan köpare': 0,
    });
  });

  it('follows newer versions that move notices to another buyer and another year', async () => {
    const summary = await importAll([
      // The joint Danish notice now names a Norwegian buyer alone: the Danish key loses its only notice.
      variant(4, { version: '02', buyerNumber: 'NO987654321', buyerName: 'Norsk kommune', country: 'NOR' }),
      // One of Annan kommun's notices moves to Fjärde bolaget and to 2023.
      variant(3, { version: '02', buyerNumber: '212000-0004', buyerName: 'Fjärde bolaget', issueDate: '2023-05-01', value: { amount: '300000', currency: 'EUR' } }),
      // An older version read later changes nothing.
      variant(7, { version: '00', buyerNumber: '212000-0009', buyerName: 'Gammal version' }),
    ]);
    expect(summary).toMatchObject({ updated: 2, skipped: 1, failed: [] });
    const rows = await expectRankingAsFromNotices();
    expect(rows.map((r) => [r.key, r.notices])).toEqual([
      ['SWE:2120000004', 3],
      ['SWE:2120000001', 2],
      ['NOR:NO987654321', 1],
      ['SWE:2120000003', 1],
    ]);
    await expectRankingAsFromNotices('&year=2023', sql`year = 2023`);
    const found = Object.fromEntries(await Promise.all([...SEARCHES, 'norsk', 'gammal'].map(async (term) => [term, (await expectNameSearchAsFromNotices(term)).length])));
    expect(found).toMatchObject({ annan: 2, ANNANS: 0, Samverkande: 0, dansk: 0, norsk: 1, gammal: 0, bolaget: 3 });
  });

  it('is filled for notices stored before it existed by the migration, as a full refresh fills it', async () => {
    const snapshot = async () => {
      const buyers = await ctx.db.execute(sql`select * from notice_market_buyers order by buyer_key`);
      const cells = await ctx.db.execute(sql`select * from notice_market_buyer_cells order by buyer_key, currency`);
      return { buyers: (buyers as unknown as { rows: unknown[] }).rows, cells: (cells as unknown as { rows: unknown[] }).rows };
    };
    await refreshMarketBuyers(ctx.db, 'all');
    const refreshed = await snapshot();
    expect(refreshed.buyers).toHaveLength(4);
    await ctx.db.execute(sql`delete from notice_market_buyers`);
    await ctx.db.execute(sql`delete from notice_market_buyer_cells`);
    expect((await snapshot()).buyers).toEqual([]);
    const migration = readFileSync(fileURLToPath(new URL('../../../db/migrations/0005_market_buyer_directory.sql', import.meta.url)), 'utf8');
    const backfill = migration.split('--> statement-breakpoint').filter((statement) => /^\s*(--[^\n]*\n\s*)*INSERT/i.test(statement));
    expect(backfill).toHaveLength(2);
    for (const statement of backfill) await ctx.db.execute(sql.raw(statement));
    expect(await snapshot()).toEqual(refreshed);
    await expectRankingAsFromNotices();
  });
});
