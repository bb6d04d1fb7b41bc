import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, login, type Session, type TestContext } from '../../../../tests/support/factories.js';
import { CONSTRUCTED_NOTICE, CONSTRUCTED_NOTICE_ID, CONSTRUCTED_PROCEDURE_ID, noticeVariant } from '../../../../tests/support/notice-variants.js';
import type { OcdsRelease, OcdsReleasePackage } from '../../../domain/ocds/ocds-release.js';
import type { NoticeSource } from '../../../interop/eforms/read-notice-sources.js';
import { streamReleasePackage } from '../../../interop/ocds/stream-release-package.js';
import { validateReleasePackage } from '../../../interop/ocds/validate-release-package.js';
import { importNotices } from '../notices/notice-import-service.js';
import { openMarketReleasePackage } from './market-service.js';

/**
 * A known set of four notices:
 *  N1 SWE 212000-0142 (our organisation), 2025, social + employment, 2,500,000 SEK
 *  N2 SWE 212000-0001 "Annan kommun", 2024, no social considerations, 1,000,000 SEK
 *  N3 DNK DK12345678 "Dansk kommune", 2025, social + employment (text), 500,000 EUR
 *  N4 SWE 212000-0001 "Annan kommun", 2025, social + employment, no value
 */
let ctx: TestContext;
let viewer: Session;
let supplier: Session;
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

async function* sources(items: Array<[string, string]>): AsyncGenerator<NoticeSource> {
  for (const [name, xml] of items) yield { name, bytes: new TextEncoder().encode(xml) };
}

beforeAll(async () => {
  ctx = await createTestApp();
  const org = await createOrganisation(ctx.db, { organisationNumber: '212000-0142' });
  viewer = await login(ctx.app, (await createUser(ctx.db, org.id, ['viewer'])).email);
  supplier = await login(ctx.app, (await createUser(ctx.db, org.id, ['supplier'])).email);
  const other = { buyerNumber: '212000-0001', buyerName: 'Annan kommun' };
  const summary = await importNotices(
    ctx.db,
    sources([
      ['n1.xml', CONSTRUCTED_NOTICE],
      ['n2.xml', noticeVariant({ noticeId: id(2), procedureId: id(102), ...other, issueDate: '2024-06-01', social: false, value: { amount: '1000000', currency: 'SEK' } })],
      ['n3.xml', noticeVariant({ noticeId: id(3), procedureId: id(103), buyerNumber: 'DK12345678', buyerName: 'Dansk kommune', country: 'DNK', value: { amount: '500000', currency: 'EUR' } })],
      ['n4.xml', noticeVariant({ noticeId: id(4), procedureId: id(104), ...other, value: null })],
    ]),
    { now: () => new Date(), by: { operator: 'test' }, source: 'test' },
  );
  expect(summary).toMatchObject({ stored: 4, failed: [] });
});
afterAll(() => ctx.close());

const get = async (session: Session, url: string) => {
  const response = await session.get(url);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

describe('GET /api/market/social-considerations', () => {
  it('groups by year with totals per currency', async () => {
    const answer = await get(viewer, '/api/market/social-considerations?groupBy=year');
    expect(answer.rows.map((r: { key: string; notices: number; noticesWithSocial: number; noticesWithEmployment: number }) => [r.key, r.notices, r.noticesWithSocial, r.noticesWithEmployment])).toEqual([
      ['2024', 1, 0, 0],
      ['2025', 3, 3, 3],
    ]);
    expect(answer.totals).toMatchObject({ notices: 4, noticesWithSocial: 3, noticesWithEmployment: 3, share: 0.75, noticesWithValue: 3 });
    expect(answer.totals.valueByCurrency).toEqual([
      { currency: 'SEK', estimatedValue: 3_500_000, valueWithSocial: 2_500_000 },
      { currency: 'EUR', estimatedValue: 500_000, valueWithSocial: 500_000 },
    ]);
    expect(answer.groups).toBe(2);
  });

  it('groups by country, buyer and social code', async () => {
    const byCountry = await get(viewer, '/api/market/social-considerations?groupBy=country');
    expect(byCountry.rows.map((r: { key: string; notices: number; share: number }) => [r.key, r.notices, r.share])).toEqual([
      ['SWE', 3, 2 / 3],
      ['DNK', 1, 1],
    ]);
    const byBuyer = await get(viewer, '/api/market/social-considerations?groupBy=buyer&limit=2');
    expect(byBuyer.groups).toBe(3);
    expect(byBuyer.rows.map((r: { key: string; label: string; notices: number }) => [r.key, r.label, r.notices])).toEqual([
      ['SWE:2120000001', 'Annan kommun', 2],
      ['DNK:DK12345678', 'Dansk kommune', 1],
    ]);
    const byCode = await get(viewer, '/api/market/social-considerations?groupBy=socialCode');
    const codes = Object.fromEntries(byCode.rows.map((r: { key: string; notices: number; share: number }) => [r.key, [r.notices, r.share]]));
    expect(codes).toEqual({ 'BT-775:opp': [3, 0.75], 'BT-775:acc-all': [3, 0.75], 'BT-736:yes': [3, 0.75], text: [3, 0.75], none: [1, 0.25] });
    expect(byCode.totals.notices).toBe(4);
  });

  it('filters by year, country, buyer (name or organisation number), contract nature and CPV division', async () => {
    const total = async (query: string) => (await get(viewer, `/api/market/social-considerations?groupBy=country&${query}`)).totals.notices;
    expect(await total('year=2025')).toBe(3);
    expect(await total('country=swe')).toBe(3);
    expect(await total('buyer=annan')).toBe(2);
    expect(await total('buyer=212000-0142')).toBe(1);
    expect(await total('buyer=SWE%3A2120000001')).toBe(2);
    expect(await total('contractNature=services&cpvDivision=90')).toBe(4);
    expect(await total('contractNature=works')).toBe(0);
    expect(await total('buyer=%25')).toBe(0);
  });

  it('is not for suppliers', async () => {
    expect((await supplier.get('/api/market/social-considerations')).statusCode).toBe(403);
    expect((await supplier.get('/api/market/notices')).statusCode).toBe(403);
  });
});

describe('GET /api/market/notices', () => {
  it('lists the notices behind a figure, newest first, with paging', async () => {
    const page = await get(viewer, '/api/market/notices?social=any&pageSize=2');
    expect(page.total).toBe(3);
    expect(page.items.map((n: { noticeId: string }) => n.noticeId)).toEqual([id(3), id(4)]);
    const none = await get(viewer, '/api/market/notices?social=none');
    expect(none).toMatchObject({ total: 1, items: [{ noticeId: id(2), buyerName: 'Annan kommun', estimatedValue: { amount: 1_000_000, currency: 'SEK' }, hasSocial: false }] });
  });

  it('shows one notice as parsed with its social summary; 404 for an unknown one', async () => {
    const detail = await get(viewer, `/api/market/notices/${CONSTRUCTED_NOTICE_ID}`);
    expect(detail.notice).toMatchObject({ noticeId: CONSTRUCTED_NOTICE_ID, title: 'Lokalvård i kommunens skolor' });
    expect(detail.social).toMatchObject({ declaresSocial: true, concernsEmployment: true });
    expect(detail.linkedProcurement).toMatchObject({ title: 'Lokalvård i kommunens skolor' });
    expect((await viewer.get('/api/market/notices/no-such-notice')).statusCode).toBe(404);
  });
});

describe('GET /api/market/peer-comparison', () => {
  it('puts the organisation’s own share next to buyers of similar volume in the same country', async () => {
    const answer = await get(viewer, '/api/market/peer-comparison');
    expect(answer.own).toMatchObject({ source: 'notices', organisationNumbers: ['2120000142'], notices: 1, noticesWithSocial: 1, share: 1 });
    expect(answer.comparable).toMatchObject({ minNotices: 1, maxNotices: 5 });
    // The register beside it: N1 created one procurement, without a decision yet.
    expect(answer.register).toEqual({ procurements: 1, decided: 0, withSocialConsiderations: 0, share: 0 });
    expect(answer.peers).toMatchObject({ count: 1, notices: 2, pooledShare: 0.5, medianShare: 0.5 });
    expect(answer.peers.buyers).toEqual([expect.objectContaining({ key: 'SWE:2120000001', name: 'Annan kommun', notices: 2, share: 0.5 })]);
    const in2024 = await get(viewer, '/api/market/peer-comparison?year=2024');
    expect(in2024.own.notices).toBe(0);
    expect(in2024.peers.buyers.map((b: { key: string }) => b.key)).toEqual(['SWE:2120000001']);
  });
});

describe('GET /api/market/ocds/release-package', () => {
  const download = (session: Session, query = '') => session.get(`/api/market/ocds/release-package${query}`);
  const packageOf = async (query = '') => {
    const response = await download(viewer, query);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as OcdsReleasePackage;
  };
  const noticeIdsOf = (body: OcdsReleasePackage) => body.releases.map((r) => r.id.replace(/-\d+$/, ''));

  it('streams every stored notice as one release package that validates with zero errors', async () => {
    const response = await download(viewer);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="market-ocds-release-package.json"');
    expect(response.headers['cache-control']).toBe('private, no-store');
    const body = response.json() as OcdsReleasePackage;
    expect(validateReleasePackage(body)).toEqual({ valid: true, errors: [] });
    // In notice-id (BT-701) order.
    expect(noticeIdsOf(body)).toEqual([id(2), id(3), id(4), CONSTRUCTED_NOTICE_ID]);
    expect(body.uri).toMatch(/\/api\/market\/ocds\/release-package$/);
    // lots, sustainability, otherRequirements, contractTerms and (since contracts) metrics.
    expect(body.extensions).toHaveLength(5);
  });

  it('maps the social fields and names the buyer in the OCID, never an organisation’s own procurement', async () => {
    const body = await packageOf();
    const byNotice = new Map<string, OcdsRelease>(body.releases.map((r) => [r.id.replace(/-\d+$/, ''), r]));
    const n1 = byNotice.get(CONSTRUCTED_NOTICE_ID)!;
    // N1 is linked to our organisation's procurement, but the market package is everyone's.
    expect(n1.ocid).toBe(`ocds-hansyn-2120000142-${CONSTRUCTED_PROCEDURE_ID}`);
    const lot = n1.tender.lots!.find((l) => l.id === 'LOT-0001')!;
    expect(lot.sustainability?.map((entry) => entry.goal)).toContain('social.disadvantagedEmploymentOpportunities');
    expect(lot.contractTerms).toMatchObject({ reservedExecution: true });
    expect(JSON.stringify(byNotice.get(id(2)))).not.toContain('"goal":"social');
    expect(byNotice.get(id(3))!.ocid).toBe(`ocds-hansyn-dk12345678-${id(103)}`);
  });

  it('filters like the market view, and says so in its uri', async () => {
    const danish = await packageOf('?country=DNK');
    expect(noticeIdsOf(danish)).toEqual([id(3)]);
    expect(danish.uri).toMatch(/\/api\/market\/ocds\/release-package\?country=DNK$/);
    expect(validateReleasePackage(danish).errors).toEqual([]);
    expect(noticeIdsOf(await packageOf('?year=2024'))).toEqual([id(2)]);
    expect(noticeIdsOf(await packageOf('?buyer=annan'))).toEqual([id(2), id(4)]);
    expect(noticeIdsOf(await packageOf('?social=none'))).toEqual([id(2)]);
  });

  it('answers 404 nothing_published when no notice matches, since a package needs a release', async () => {
    const response = await download(viewer, '?country=FIN');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'nothing_published' });
  });

  it('checks its filters', async () => {
    for (const query of ['?year=abc', '?country=SE', '?social=some', '?limit=5']) {
      const response = await download(viewer, query);
      expect(response.statusCode, query).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed' });
    }
  });

  it('is for the market view’s users only', async () => {
    expect((await download(supplier)).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/market/ocds/release-package' })).statusCode).toBe(401);
  });

  it('reads the notices page by page, none lost or repeated, and the streamed text is the whole package', async () => {
    const opened = await openMarketReleasePackage(ctx.db, {}, { ocidPrefix: 'ocds-hansyn', baseUrl: 'https://hansyn.example.se', pageSize: 3 });
    const pages: OcdsRelease[][] = [];
    let text = '';
    const recorded = (async function* () {
      for await (const page of opened!.pages) {
        pages.push(page);
        yield page;
      }
    })();
    for await (const piece of streamReleasePackage(opened!.envelope, recorded)) text += piece;
    expect(pages.map((p) => p.length)).toEqual([3, 1]);
    const body = JSON.parse(text) as OcdsReleasePackage;
    expect(noticeIdsOf(body)).toEqual([id(2), id(3), id(4), CONSTRUCTED_NOTICE_ID]);
    expect(validateReleasePackage(body)).toEqual({ valid: true, errors: [] });
    expect(body.publisher).toEqual({ name: 'Hänsyn', uri: 'https://hansyn.example.se' });
    expect(await openMarketReleasePackage(ctx.db, { country: 'FIN' }, { ocidPrefix: 'ocds-hansyn', baseUrl: 'https://hansyn.example.se' })).toBeNull();
  });
});

describe('pre-aggregated market cells', () => {
  it('follow a newer version that moves a notice to another country (the old slice is refreshed too)', async () => {
    const moved = noticeVariant({ noticeId: id(3), procedureId: id(103), version: '02', buyerNumber: 'NO987654321', buyerName: 'Norsk kommune', country: 'NOR', value: { amount: '500000', currency: 'EUR' } });
    const summary = await importNotices(ctx.db, sources([['n3-v2.xml', moved]]), { now: () => new Date(), by: { operator: 'test' }, source: 'test' });
    expect(summary.updated).toBe(1);
    const byCountry = await get(viewer, '/api/market/social-considerations?groupBy=country');
    expect(byCountry.rows.map((r: { key: string; notices: number }) => [r.key, r.notices])).toEqual([
      ['SWE', 3],
      ['NOR', 1],
    ]);
    expect(byCountry.totals.notices).toBe(4);
  });
});

