/**
 * Market view latency: `npx tsx tests/bench/market-bench.ts [--rows 300000] [--runs 5]`.
 * PGlite in memory by default; PostgreSQL when TEST_DATABASE_URL is set (a fresh database).
 *
 * Seeds synthetic notice rows derived from the fixtures (varied ids, years 2021–2025, 30 countries,
 * ~20,000 buyers, natures, CPV divisions, social codes and values), then times each market endpoint
 * through `app.inject` (HTTP, validation, serialisation included). Prints medians; asserts nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { noticeDocuments, notices } from '../../src/db/schema/index.js';
import { prepareNotice } from '../../src/server/features/notices/notice-import-service.js';
import { refreshMarketBuyers, refreshMarketCells, type PreparedNotice } from '../../src/server/features/notices/notice-repository.js';
import { createOrganisation, createTestApp, createUser, login } from '../support/factories.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/eforms/', import.meta.url));
const COUNTRIES = ['DEU', 'FRA', 'POL', 'ITA', 'ESP', 'SWE', 'NLD', 'CZE', 'ROU', 'BEL', 'AUT', 'FIN', 'DNK', 'PRT', 'HUN', 'IRL', 'LTU', 'SVK', 'BGR', 'HRV', 'SVN', 'LVA', 'EST', 'GRC', 'LUX', 'CYP', 'MLT', 'NOR', 'ISL', 'CHE'];
const CODES = ['BT-775:opp', 'BT-775:acc-all', 'BT-775:et-eq', 'BT-775:fair-tr', 'BT-775:work-cond', 'BT-71:res-ws', 'BT-736:yes', 'BT-06:soc-obj', 'text'];
const CURRENCY: Record<string, string> = { SWE: 'SEK', DNK: 'DKK', POL: 'PLN', CZE: 'CZK', NOR: 'NOK', HUN: 'HUF', ROU: 'RON', BGR: 'BGN', CHE: 'CHF', ISL: 'ISK' };
/** The 45 CPV 2008 divisions. */
const DIVISIONS = '03 09 14 15 16 18 19 22 24 30 31 32 33 34 35 37 38 39 41 42 43 44 45 48 50 51 55 60 63 64 65 66 70 71 72 73 75 76 77 79 80 85 90 92 98'.split(' ');

/** A small deterministic generator so runs are comparable. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function templates(): PreparedNotice[] {
  return ['sdk-examples', 'real-notices']
    .flatMap((folder) => readdirSync(join(FIXTURES, folder)).filter((n) => n.endsWith('.xml')).map((n) => join(FIXTURES, folder, n)))
    .map((path) => prepareNotice({ name: path, bytes: readFileSync(path) }))
    .filter((p): p is PreparedNotice => !('error' in p));
}

/**
 * Inserts `count` synthetic notice rows in batches of 1,000 (documents only for the first 1,000:
 * the aggregates never read them, and 300,000 parsed notices would take gigabytes).
 */
export async function seedSyntheticNotices(
  db: Database,
  count: number,
  onProgress?: (done: number) => void,
): Promise<{ refreshMs: number; cells: number; buyerRefreshMs: number; buyers: number }> {
  const base = templates();
  const next = random(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  for (let start = 0; start < count; start += 1000) {
    const rows: Array<typeof notices.$inferInsert> = [];
    const docs: Array<typeof noticeDocuments.$inferInsert> = [];
    for (let i = start; i < Math.min(start + 1000, count); i += 1) {
      const template = base[i % base.length]!;
      // Skewed buyer volumes: a few big buyers, many small ones.
      const country = COUNTRIES[Math.floor(next() ** 1.5 * COUNTRIES.length)]!;
      const buyerNumber = Math.floor(next() ** 3 * 700);
      const orgId = `${country.slice(0, 2)}${String(100000 + buyerNumber)}`;
      const year = 2021 + Math.floor(next() * 5);
      const social = next() < 0.22;
      const codes = social ? [...new Set([pick(CODES), ...(next() < 0.3 ? [pick(CODES)] : [])])] : [];
      const employment = social && codes.some((c) => c === 'BT-775:opp' || c === 'BT-71:res-ws' || c === 'BT-736:yes' || (c === 'text' && next() < 0.5));
      const hasValue = next() < 0.7;
      const amount = Math.round(next() ** 2 * 5_000_000);
      const cpv = template.facts.mainCpv ?? '45000000';
      const division = pick(DIVISIONS);
      const noticeId = `synthetic-${i.toString().padStart(7, '0')}`;
      rows.push({
        noticeId,
        version: '01',
        versionNumber: 1,
        publicationId: `${String(i).padStart(8, '0')}-${year}`,
        procedureId: `proc-${i}`,
        root: template.notice.root,
        noticeType: template.notice.noticeType,
        noticeSubtype: template.notice.noticeSubtype,
        formType: template.notice.formType,
        sdkVersion: template.notice.sdkVersion,
        language: template.notice.language,
        issueDate: `${year}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`,
        year,
        buyerCountry: country,
        buyerNames: [`Buyer ${orgId}`],
        buyerOrgIds: [orgId],
        buyerKey: `${country}:${orgId}`,
        buyerName: `Buyer ${orgId}`,
        title: template.facts.title,
        mainCpv: `${division}${cpv.slice(2)}`,
        cpvDivision: division,
        mainNature: pick(['services', 'services', 'supplies', 'works']),
        estimatedValueAmount: hasValue ? amount : null,
        estimatedValueCurrency: hasValue ? (next() < 0.05 ? 'EUR' : (CURRENCY[country] ?? 'EUR')) : null,
        socialValueAmount: hasValue ? (social ? Math.round(amount * (0.5 + next() / 2)) : 0) : null,
        hasSocial: social,
        hasEmployment: employment,
        socialCodes: codes,
        lotCount: template.facts.lotCount,
        sourceFile: template.file,
      });
      if (i < 1000) docs.push({ noticeId, notice: { ...template.notice, noticeId }, social: template.social });
    }
    await db.transaction(async (tx) => {
      await tx.insert(notices).values(rows);
      if (docs.length > 0) await tx.insert(noticeDocuments).values(docs);
    });
    onProgress?.(Math.min(start + 1000, count));
  }
  await db.execute(sql`analyze notices`);
  const refreshStarted = performance.now();
  await refreshMarketCells(db, 'all');
  await db.execute(sql`analyze notice_market_cells`);
  const refreshMs = performance.now() - refreshStarted;
  const cells = (await db.execute(sql`select count(*)::int as n from notice_market_cells`)) as unknown as { rows: Array<{ n: number }> };
  const buyersStarted = performance.now();
  await refreshMarketBuyers(db, 'all');
  await db.execute(sql`analyze notice_market_buyers, notice_market_buyer_cells`);
  const buyerRefreshMs = performance.now() - buyersStarted;
  const buyers = (await db.execute(sql`select count(*)::int as n from notice_market_buyers`)) as unknown as { rows: Array<{ n: number }> };
  return { refreshMs, cells: cells.rows[0]!.n, buyerRefreshMs, buyers: buyers.rows[0]!.n };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const rowsArgument = args.indexOf('--rows');
  const runsArgument = args.indexOf('--runs');
  const count = rowsArgument >= 0 ? Number(args[rowsArgument + 1]) : 300_000;
  const runs = runsArgument >= 0 ? Number(args[runsArgument + 1]) : 5;
  const ctx = await createTestApp();
  try {
    const org = await createOrganisation(ctx.db, { organisationNumber: '212000-0142' });
    const session = await login(ctx.app, (await createUser(ctx.db, org.id, ['viewer'])).email);
    const started = Date.now();
    const seeded = await seedSyntheticNotices(ctx.db, count, (done) => {
      if (done % 50_000 === 0) process.stderr.write(`\rseeded ${done}`);
    });
    process.stderr.write('\n');
    console.log(`market bench: ${count} notices seeded in ${((Date.now() - started) / 1000).toFixed(1)} s on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite (memory)'}; median of ${runs} runs`);
    console.log(`  full refresh of notice_market_cells: ${seeded.refreshMs.toFixed(0)} ms, ${seeded.cells} cells`);
    console.log(`  full refresh of notice_market_buyers: ${seeded.buyerRefreshMs.toFixed(0)} ms, ${seeded.buyers} buyers`);
    const urls = [
      '/api/market/social-considerations?groupBy=year',
      '/api/market/social-considerations?groupBy=country',
      '/api/market/social-considerations?groupBy=contractNature&year=2024',
      '/api/market/social-considerations?groupBy=cpvDivision&country=SWE',
      '/api/market/social-considerations?groupBy=socialCode',
      '/api/market/social-considerations?groupBy=buyer&limit=50',
      '/api/market/social-considerations?groupBy=buyer&country=SWE&year=2024',
      '/api/market/social-considerations?groupBy=year&buyer=SE100001',
      '/api/market/social-considerations?groupBy=year&buyer=Buyer%20SE10000',
      '/api/market/notices?pageSize=25',
      '/api/market/notices?social=employment&country=SWE&year=2024&pageSize=25',
      '/api/market/notices/synthetic-0000001',
      '/api/market/peer-comparison',
      '/api/market/peer-comparison?year=2024',
    ];
    for (const url of urls) {
      const times: number[] = [];
      let status = 0;
      for (let run = 0; run < runs + 1; run += 1) {
        const start = performance.now();
        const response = await session.get(url);
        const elapsed = performance.now() - start;
        status = response.statusCode;
        if (run > 0) times.push(elapsed); // the first run warms caches
      }
      console.log(`  ${median(times).toFixed(0).padStart(6)} ms  ${status}  ${url}`);
    }
  } finally {
    await ctx.close();
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
