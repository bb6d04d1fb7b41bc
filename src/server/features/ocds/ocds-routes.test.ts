import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, login, validProcurement, type Session, type TestContext } from '../../../../tests/support/factories.js';
import { organisations, units } from '../../../db/schema/index.js';
import type { OcdsReleasePackage } from '../../../domain/ocds/ocds-release.js';
import { validateReleasePackage } from '../../../interop/ocds/validate-release-package.js';
import { answerReadiness, ownTemplate, put } from '../../../../tests/support/social.js';
import { noticeVariant } from '../../../../tests/support/notice-variants.js';
import { importNotices } from '../notices/notice-import-service.js';

let ctx: TestContext;
let orgA: Awaited<ReturnType<typeof createOrganisation>>;
let orgB: Awaited<ReturnType<typeof createOrganisation>>;
let admin: Session;
let coordinator: Session;
let procurer: Session;
let viewer: Session;
let otherOrg: Session;
const ids: Record<string, string> = {};

const PREFIX = 'ocds-t3st99';
const ocidOf = (id: string) => `${PREFIX}-${orgA.slug}-${id}`;

/** Creates a procurement and walks it through the given statuses. */
async function procurementIn(statuses: string[], overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await coordinator.post('/api/procurements', validProcurement(orgA.unit.id, overrides));
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  for (const status of statuses) {
    const changed = await coordinator.post(`/api/procurements/${id}/status`, { status });
    expect(changed.statusCode, changed.body).toBe(200);
  }
  return id;
}

const publicPackage = (slug: string) => ctx.app.inject({ method: 'GET', url: `/api/ocds/release-package?org=${slug}` });

/** Sets organisation A's open-data switch, so that each test starts from the state it names. */
async function publishOpenData(published: boolean): Promise<void> {
  const response = await admin.patch('/api/organisation', { openDataPublished: published });
  expect(response.statusCode, response.body).toBe(200);
}

beforeAll(async () => {
  ctx = await createTestApp({ HANSYN_OCID_PREFIX: PREFIX, HANSYN_PUBLIC_URL: 'https://hansyn.example.se' });
  orgA = await createOrganisation(ctx.db);
  orgB = await createOrganisation(ctx.db);
  admin = await login(ctx.app, (await createUser(ctx.db, orgA.id, ['admin'])).email);
  coordinator = await login(ctx.app, (await createUser(ctx.db, orgA.id, ['coordinator'])).email);
  procurer = await login(ctx.app, (await createUser(ctx.db, orgA.id, ['procurer'])).email);
  viewer = await login(ctx.app, (await createUser(ctx.db, orgA.id, ['viewer'])).email);
  otherOrg = await login(ctx.app, (await createUser(ctx.db, orgB.id, ['admin', 'coordinator'])).email);
  ids.planned = await procurementIn([]);
  ids.preparing = await procurementIn(['in_preparation']);
  ids.published = await procurementIn(['in_preparation', 'published'], {
    lots: [
      { lotNumber: 1, title: 'Norr', mainCpv: '90911200', estimatedValueOre: 5_000_000_00, durationMonths: 12 },
      { lotNumber: 2, title: 'Syd', mainCpv: '90911200', estimatedValueOre: 7_000_000_00 },
    ],
  });
  ids.awarded = await procurementIn(['in_preparation', 'published', 'evaluation', 'awarded']);
  ids.cancelledAfterPublication = await procurementIn(['in_preparation', 'published', 'cancelled']);
  ids.cancelledAsPlan = await procurementIn(['cancelled']);
});
afterAll(() => ctx.close());

describe('GET /api/ocds/release-package (public)', () => {
  it('answers 404 for an organisation that has not published open data, and for an unknown one', async () => {
    await publishOpenData(false);
    expect((await publicPackage(orgA.slug)).statusCode).toBe(404);
    expect((await publicPackage('no-such-organisation')).statusCode).toBe(404);
  });

  it('asks for the organisation', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/ocds/release-package' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('only an admin turns publication on', async () => {
    await publishOpenData(false);
    expect((await coordinator.patch('/api/organisation', { openDataPublished: true })).statusCode).toBe(403);
    expect((await admin.get('/api/organisation')).json()).toMatchObject({ openDataPublished: false });
    const response = await admin.patch('/api/organisation', { openDataPublished: true });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ openDataPublished: true });
  });

  it('once published, serves without sign-in a valid package of what has been made public', async () => {
    await publishOpenData(true);
    const response = await publicPackage(orgA.slug);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${orgA.slug}-ocds-release-package.json"`);
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    const body = response.json() as OcdsReleasePackage;
    expect(validateReleasePackage(body)).toEqual({ valid: true, errors: [] });
    expect(body.uri).toBe(`https://hansyn.example.se/api/ocds/release-package?org=${orgA.slug}`);
    expect(body.publisher).toEqual({ name: orgA.name, scheme: 'SE-BLV', uid: '212000-1355' });
    expect(body.releases.map((r) => r.ocid).sort()).toEqual([ids.published, ids.awarded, ids.cancelledAfterPublication].map((id) => ocidOf(id!)).sort());
    const byOcid = new Map(body.releases.map((r) => [r.ocid, r]));
    expect(byOcid.get(ocidOf(ids.published!))?.tender.lots?.map((l) => l.id)).toEqual(['LOT-0001', 'LOT-0002']);
    expect(byOcid.get(ocidOf(ids.published!))?.tender.value).toEqual({ amount: 12000000, currency: 'SEK' });
    expect(byOcid.get(ocidOf(ids.awarded!))?.tag).toEqual(['award']);
    expect(byOcid.get(ocidOf(ids.cancelledAfterPublication!))?.tag).toEqual(['tenderCancellation']);
  });

  it('never includes planned or in-preparation procurements, nor one cancelled before publication', async () => {
    await publishOpenData(true);
    const body = (await publicPackage(orgA.slug)).body;
    for (const key of ['planned', 'preparing', 'cancelledAsPlan']) expect(body).not.toContain(ids[key]);
  });

  it('names a unit with its own organisation number as the buyer', async () => {
    await publishOpenData(true);
    await ctx.db.update(units).set({ organisationNumber: '556016-0680' }).where(eq(units.id, orgA.unit.id));
    const body = (await publicPackage(orgA.slug)).json() as OcdsReleasePackage;
    expect(body.releases[0]?.parties[0]).toMatchObject({ id: 'SE-BLV-556016-0680', name: orgA.unit.name, roles: ['buyer'] });
    expect(validateReleasePackage(body).errors).toEqual([]);
    await ctx.db.update(units).set({ organisationNumber: null }).where(eq(units.id, orgA.unit.id));
  });

  it('goes dark again when the admin turns publication off', async () => {
    await publishOpenData(true);
    expect((await publicPackage(orgA.slug)).statusCode).toBe(200);
    expect((await admin.patch('/api/organisation', { openDataPublished: false })).statusCode).toBe(200);
    expect((await publicPackage(orgA.slug)).statusCode).toBe(404);
    expect((await admin.patch('/api/organisation', { openDataPublished: true })).statusCode).toBe(200);
  });
});

describe('GET /api/ocds/release-package?scope=internal', () => {
  const internal = (session?: Session, query = '') =>
    session ? session.get(`/api/ocds/release-package?scope=internal${query}`) : ctx.app.inject({ method: 'GET', url: `/api/ocds/release-package?scope=internal${query}` });

  it('needs a signed-in user', async () => {
    expect((await internal()).statusCode).toBe(401);
  });

  it('needs a coordinator or admin', async () => {
    expect((await internal(procurer)).statusCode).toBe(403);
    expect((await internal(viewer)).statusCode).toBe(403);
  });

  it('gives coordinators and admins the whole register, valid, not cached', async () => {
    for (const session of [coordinator, admin]) {
      const response = await internal(session);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['cache-control']).toBe('private, no-store');
      expect(response.headers['content-disposition']).toContain('-internal.json');
      const body = response.json() as OcdsReleasePackage;
      expect(validateReleasePackage(body)).toEqual({ valid: true, errors: [] });
      expect(body.releases.map((r) => r.ocid).sort()).toEqual(Object.values(ids).map(ocidOf).sort());
      expect(body.releases.find((r) => r.ocid === ocidOf(ids.planned!))?.tender.status).toBe('planning');
    }
  });

  it('never gives one organisation another’s register', async () => {
    expect((await internal(otherOrg, `&org=${orgA.slug}`)).statusCode).toBe(404);
    const created = await otherOrg.post('/api/procurements', validProcurement(orgB.unit.id));
    expect(created.statusCode, created.body).toBe(201);
    const own = await internal(otherOrg);
    expect(own.statusCode).toBe(200);
    expect((own.json() as OcdsReleasePackage).releases.map((r) => r.ocid)).toEqual([`${PREFIX}-${orgB.slug}-${created.json().id}`]);
    for (const id of Object.values(ids)) expect(own.body).not.toContain(id);
  });
});

describe('an organisation with nothing to publish', () => {
  // The release-package schema requires at least one release, so there is no valid empty package.
  it('gets 404 nothing_published rather than a package without releases, in either scope', async () => {
    const orgC = await createOrganisation(ctx.db);
    const adminC = await login(ctx.app, (await createUser(ctx.db, orgC.id, ['admin', 'coordinator'])).email);
    expect((await adminC.patch('/api/organisation', { openDataPublished: true })).statusCode).toBe(200);
    for (const response of [await publicPackage(orgC.slug), await adminC.get('/api/ocds/release-package?scope=internal')]) {
      expect(response.statusCode, response.body).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ code: 'nothing_published', status: 404 });
    }
    // A planned procurement is internal: the public package stays empty, the internal one is not.
    expect((await adminC.post('/api/procurements', validProcurement(orgC.unit.id))).statusCode).toBe(201);
    expect((await publicPackage(orgC.slug)).json()).toMatchObject({ code: 'nothing_published' });
    const internal = await adminC.get('/api/ocds/release-package?scope=internal');
    expect(internal.statusCode).toBe(200);
    expect(validateReleasePackage(internal.json()).errors).toEqual([]);
  });

  it('is refused by the release-package schema when written with no releases', () => {
    const body = { uri: 'https://hansyn.example.se/x', version: '1.1', publishedDate: '2026-01-01T00:00:00Z', publisher: { name: 'X' }, releases: [] };
    expect(validateReleasePackage(body)).toMatchObject({ valid: false, errors: [{ path: '/releases' }] });
  });
});

describe('social fields from comply-or-explain decisions', () => {
  it('exports the applied employment requirement as lot sustainability, valid against the extensions', async () => {
    await answerReadiness(coordinator);
    const id = await procurementIn([], {
      lots: [
        { lotNumber: 1, title: 'Norr', mainCpv: '90911200', estimatedValueOre: 5_000_000_00, durationMonths: 24 },
        { lotNumber: 2, title: 'Syd', mainCpv: '90911200', estimatedValueOre: 7_000_000_00, durationMonths: 24 },
      ],
    });
    const template = await ownTemplate(coordinator, 'employment-condition');
    const decided = await put(coordinator, `/api/procurements/${id}/decision`, {
      kind: 'apply',
      justification: 'Endast delområde Syd har tillräckligt arbetskraftsbehov för krav.',
      requirements: [{ templateVersionId: template.publishedVersion!.id, lotNumbers: [2], parameters: { positions: 2 } }],
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const body = (await coordinator.get('/api/ocds/release-package?scope=internal')).json() as OcdsReleasePackage;
    expect(validateReleasePackage(body)).toEqual({ valid: true, errors: [] });
    const release = body.releases.find((r) => r.ocid === ocidOf(id))!;
    const [north, south] = release.tender.lots!;
    expect(north!.hasSustainability ?? false).toBe(false);
    expect(south).toMatchObject({ hasSustainability: true });
    expect(JSON.stringify(south!.sustainability)).toContain('social.disadvantagedEmploymentOpportunities');
    expect(JSON.stringify(release)).toContain('2 personer');
  });
});

describe('includeNotices=true', () => {
  it("adds the organisation's imported eForms notices, never another organisation's, and stays valid", async () => {
    const notice = (n: number, buyerNumber: string) =>
      noticeVariant({ noticeId: `00000000-0000-4000-8000-0000000007${n}0`, procedureId: `00000000-0000-4000-8000-0000000008${n}0`, buyerNumber, buyerName: `Köpare ${n}` });
    async function* sources() {
      yield { name: 'a.xml', bytes: new TextEncoder().encode(notice(1, orgA.organisationNumber)) };
      yield { name: 'b.xml', bytes: new TextEncoder().encode(notice(2, orgB.organisationNumber)) };
    }
    // The factory gives every organisation the same number; B gets its own here.
    await ctx.db.update(organisations).set({ organisationNumber: '212000-0142' }).where(eq(organisations.id, orgB.id));
    orgB = { ...orgB, organisationNumber: '212000-0142' };
    const imported = await importNotices(ctx.db, sources(), { now: () => new Date(), by: { operator: 'test' }, source: 'test' });
    expect(imported).toMatchObject({ stored: 2, failed: [] });

    const releaseIds = async (session: Session, query: string) => {
      const response = await session.get(`/api/ocds/release-package?scope=internal${query}`);
      expect(response.statusCode, response.body).toBe(200);
      const pkg = response.json() as OcdsReleasePackage;
      expect(validateReleasePackage(pkg)).toEqual({ valid: true, errors: [] });
      return pkg.releases.map((r) => r.id);
    };
    const withNotices = await releaseIds(coordinator, '&includeNotices=true');
    expect(withNotices.filter((id) => id.startsWith('00000000-0000-4000-8000-000000000710'))).toHaveLength(1);
    expect(withNotices.some((id) => id.startsWith('00000000-0000-4000-8000-000000000720'))).toBe(false);
    expect((await releaseIds(coordinator, '')).some((id) => id.startsWith('00000000-0000-4000-8000-0000000007'))).toBe(false);
    expect((await releaseIds(otherOrg, '&includeNotices=true')).filter((id) => id.startsWith('00000000-0000-4000-8000-0000000007'))).toEqual([
      expect.stringMatching(/^00000000-0000-4000-8000-000000000720/),
    ]);
  });

  it('names a wrong value', async () => {
    const response = await coordinator.get('/api/ocds/release-package?scope=internal&includeNotices=maybe');
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('includeNotices');
  });
});
