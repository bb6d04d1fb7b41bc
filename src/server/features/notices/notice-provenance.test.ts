import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notices, organisations } from '../../../db/schema/index.js';
import { createOrganisation, createTestApp, createUser, login, type Session, type TestContext } from '../../../../tests/support/factories.js';
import { multipartFile, noticeVariant } from '../../../../tests/support/notice-variants.js';
import { listOrganisationNotices } from '../ocds/ocds-repository.js';
import { importNotices } from './notice-import-service.js';

/**
 * Issue 8, item 4: the shared notice store could be forged by an upload. An upload never changes a
 * notice from TED or from another organisation, and an unverified upload is seen only by its
 * uploader's organisation until the same notice arrives from TED (decision 0311).
 */

const GOTEBORG_NUMBER = '212000-1355';
const BORAS_NUMBER = '212000-1561';
const LINKED_ID = '00000000-0000-4000-8000-00000000a001';
const LINKED_PROCEDURE = '00000000-0000-4000-8000-00000000b001';
const FORGED_BUYER_ID = '00000000-0000-4000-8000-00000000a002';

let ctx: TestContext;
let goteborg: Session;
let boras: Session;
let borasSlug: string;
let borasId: string;
const packagedNoticeIds = async () => (await listOrganisationNotices(ctx.db, borasId)).map((n) => n.notice.noticeId);

const encoder = new TextEncoder();
async function* sources(items: Array<[string, string]>) {
  for (const [name, xml] of items) yield { name, bytes: encoder.encode(xml) };
}

function upload(session: Session, filename: string, data: string) {
  const { payload, headers } = multipartFile('file', filename, data);
  return session.request({ method: 'POST', url: '/api/imports/eforms', payload, headers });
}

beforeAll(async () => {
  ctx = await createTestApp();
  const gbg = await createOrganisation(ctx.db, { organisationNumber: GOTEBORG_NUMBER, name: 'Göteborgs Stad (test)' });
  const bor = await createOrganisation(ctx.db, { organisationNumber: BORAS_NUMBER, name: 'Borås Stad (test)', openDataPublished: true });
  borasSlug = bor.slug;
  borasId = bor.id;
  goteborg = await login(ctx.app, (await createUser(ctx.db, gbg.id, ['coordinator'])).email);
  boras = await login(ctx.app, (await createUser(ctx.db, bor.id, ['admin'])).email);
  // The operator's TED import: a Göteborg notice with social codes, linked to a Göteborg procurement.
  const imported = await importNotices(
    ctx.db,
    sources([['ted/linked.xml', noticeVariant({ noticeId: LINKED_ID, procedureId: LINKED_PROCEDURE, buyerNumber: GOTEBORG_NUMBER, title: 'Lokalvård i Göteborg' })]]),
    { now: () => new Date(), by: { operator: 'hansyn import eforms' }, source: 'ted' },
  );
  expect(imported).toMatchObject({ stored: 1, procurements: { created: 1 } });
});
afterAll(() => ctx.close());

describe('an upload never changes a notice from another source or organisation', () => {
  it("Borås uploading Göteborg's linked notice id with version 99 and a new title changes nothing", async () => {
    const forged = noticeVariant({ noticeId: LINKED_ID, procedureId: LINKED_PROCEDURE, version: '99', title: 'Förfalskad titel', social: false });
    const response = await upload(boras, 'forged.xml', forged);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ stored: 0, updated: 0, skipped: 1 });

    const [row] = await ctx.db.select().from(notices).where(eq(notices.noticeId, LINKED_ID));
    expect(row).toMatchObject({ title: 'Lokalvård i Göteborg', version: '01', provenance: 'ted', uploadedByOrganisationId: null, hasSocial: true });

    const procurement = (await goteborg.get('/api/procurements')).json().items[0];
    const linked = (await goteborg.get(`/api/procurements/${procurement.id}/notices`)).json();
    expect(linked).toEqual([expect.objectContaining({ noticeId: LINKED_ID, version: '01', hasSocial: true, socialCodes: expect.arrayContaining(['BT-775:opp']) })]);
    for (const session of [goteborg, boras]) {
      const market = (await session.get(`/api/market/notices/${LINKED_ID}`)).json();
      expect(market.notice.title).toBe('Lokalvård i Göteborg');
      const list = (await session.get(`/api/market/notices?buyer=${GOTEBORG_NUMBER.replace('-', '')}`)).json();
      expect(list.items.map((item: { title: string }) => item.title)).toEqual(['Lokalvård i Göteborg']);
    }
  });

  it("an organisation's upload is not changed by another organisation's upload of the same id either", async () => {
    const id = '00000000-0000-4000-8000-00000000a003';
    expect((await upload(goteborg, 'own.xml', noticeVariant({ noticeId: id, buyerNumber: GOTEBORG_NUMBER, title: 'Egen' }))).json()).toMatchObject({ stored: 1 });
    expect((await upload(boras, 'theirs.xml', noticeVariant({ noticeId: id, version: '05', title: 'Annan' }))).json()).toMatchObject({ stored: 0, updated: 0, skipped: 1 });
    expect((await upload(goteborg, 'own-v2.xml', noticeVariant({ noticeId: id, version: '02', buyerNumber: GOTEBORG_NUMBER, title: 'Egen v2' }))).json()).toMatchObject({ updated: 1 });
    const [row] = await ctx.db.select().from(notices).where(eq(notices.noticeId, id));
    expect(row).toMatchObject({ title: 'Egen v2', provenance: 'upload' });
  });
});

describe('an unverified upload stays with its uploader until TED has it', () => {
  it("a Göteborg upload naming Borås as buyer reaches neither Borås's register, market view nor public package", async () => {
    const forged = noticeVariant({ noticeId: FORGED_BUYER_ID, procedureId: '00000000-0000-4000-8000-00000000b002', buyerNumber: BORAS_NUMBER, buyerName: 'Borås Stad', title: 'Falsk Boråsannons' });
    const response = await upload(goteborg, 'boras.xml', forged);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ stored: 1, procurements: { created: 0, updated: 0 } });

    // Göteborg, the uploader, sees its unverified notice; Borås does not.
    expect((await goteborg.get(`/api/market/notices/${FORGED_BUYER_ID}`)).statusCode).toBe(200);
    expect((await boras.get(`/api/market/notices/${FORGED_BUYER_ID}`)).statusCode).toBe(404);
    expect((await boras.get('/api/procurements')).json().total).toBe(0);
    const borasNumber = BORAS_NUMBER.replace('-', '');
    for (const session of [goteborg, boras]) {
      expect((await session.get(`/api/market/notices?buyer=${borasNumber}`)).json().total).toBe(0);
      const figures = (await session.get(`/api/market/social-considerations?groupBy=buyer&buyer=${borasNumber}`)).json();
      expect(figures.totals.notices ?? 0).toBe(0);
      const byYear = (await session.get('/api/market/social-considerations?groupBy=year')).json();
      expect(byYear.totals.notices).toBe(1); // only the TED notice
    }
    const publicPackage = await ctx.app.inject({ method: 'GET', url: `/api/ocds/release-package?org=${borasSlug}&includeNotices=true` });
    expect(publicPackage.body).not.toContain(FORGED_BUYER_ID);
    const internal = await boras.get('/api/ocds/release-package?scope=internal&includeNotices=true');
    expect(internal.body).not.toContain(FORGED_BUYER_ID);
    expect(await packagedNoticeIds()).toEqual([]);
  });

  it('reaches everyone once the same notice arrives from TED, which replaces the uploaded copy', async () => {
    const real = noticeVariant({ noticeId: FORGED_BUYER_ID, procedureId: '00000000-0000-4000-8000-00000000b002', buyerNumber: BORAS_NUMBER, buyerName: 'Borås Stad', title: 'Riktig Boråsannons' });
    const imported = await importNotices(ctx.db, sources([['ted/boras.xml', real]]), { now: () => new Date(), by: { operator: 'hansyn import eforms' }, source: 'ted' });
    expect(imported).toMatchObject({ updated: 1, procurements: { created: 1 } });
    const [row] = await ctx.db.select().from(notices).where(eq(notices.noticeId, FORGED_BUYER_ID));
    expect(row).toMatchObject({ provenance: 'ted', uploadedByOrganisationId: null, title: 'Riktig Boråsannons' });
    expect((await boras.get(`/api/market/notices/${FORGED_BUYER_ID}`)).statusCode).toBe(200);
    expect((await boras.get(`/api/market/notices?buyer=${BORAS_NUMBER.replace('-', '')}`)).json().total).toBe(1);
    const internal = await boras.get('/api/ocds/release-package?scope=internal&includeNotices=true');
    expect(internal.body).toContain(FORGED_BUYER_ID);
    expect(await packagedNoticeIds()).toEqual([FORGED_BUYER_ID]);
  });
});

describe('migration', () => {
  it('keeps the provenance consistent (an upload names its organisation, a TED notice none)', async () => {
    const [org] = await ctx.db.select({ id: organisations.id }).from(organisations).limit(1);
    await expect(ctx.db.update(notices).set({ provenance: 'upload' }).where(eq(notices.noticeId, LINKED_ID))).rejects.toThrow();
    await expect(ctx.db.update(notices).set({ uploadedByOrganisationId: org!.id }).where(eq(notices.noticeId, LINKED_ID))).rejects.toThrow();
  });
});
