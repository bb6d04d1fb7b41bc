import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../../../../tests/support/factories.js';
import { CONSTRUCTED_NOTICE, CONSTRUCTED_NOTICE_ID, CONSTRUCTED_PROCEDURE_ID, noticeVariant } from '../../../../tests/support/notice-variants.js';
import { createTestDatabase } from '../../../../tests/support/test-database.js';
import type { Database, DatabaseHandle } from '../../../db/client.js';
import { noticeProcurementLinks, organisations, units } from '../../../db/schema/index.js';
import type { OcdsRelease } from '../../../domain/ocds/ocds-release.js';
import type { NoticeSource } from '../../../interop/eforms/read-notice-sources.js';
import { validateReleasePackage } from '../../../interop/ocds/validate-release-package.js';
import { importNotices } from '../notices/notice-import-service.js';
import { exportReleasePackage } from './ocds-service.js';
import { findOrganisationById } from './ocds-repository.js';

/**
 * The organisation's stored eForms notices in its OCDS package (`--include-notices`):
 *  N1 the constructed notice, buyer 212000-0142 = organisation A: matched and linked at import
 *  N2 buyer 212000-0001 = organisation B
 *  N3 buyer 556016-0680, imported before A's unit got that number: matched by number at export, not linked
 *  N4 a Danish buyer: nobody's
 */
let handle: DatabaseHandle;
let db: Database;
let orgA: Awaited<ReturnType<typeof createOrganisation>>;
let orgB: Awaited<ReturnType<typeof createOrganisation>>;
let linkedProcurementId: string;
const PREFIX = 'ocds-t3st42';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

async function* sources(items: Array<[string, string]>): AsyncGenerator<NoticeSource> {
  for (const [name, xml] of items) yield { name, bytes: new TextEncoder().encode(xml) };
}

async function packageOf(organisationId: string, options: { includeNotices?: boolean; scope?: 'public' | 'internal' } = {}) {
  const organisation = (await findOrganisationById(db, organisationId))!;
  return exportReleasePackage(db, {
    organisation,
    scope: options.scope ?? 'internal',
    ocidPrefix: PREFIX,
    baseUrl: 'https://hansyn.example.se',
    includeNotices: options.includeNotices ?? true,
    now: new Date('2026-01-01T00:00:00Z'),
  });
}

/** Notice releases are identified `{BT-701}-{BT-757}`; procurement releases `{ocid}-{time}`. */
const noticeReleases = (releases: readonly OcdsRelease[]) => releases.filter((r) => !r.id.startsWith(PREFIX));
const noticeIdOf = (release: OcdsRelease) => release.id.replace(/-\d+$/, '');

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  orgA = await createOrganisation(db, { organisationNumber: '212000-0142' });
  orgB = await createOrganisation(db, { organisationNumber: '212000-0001' });
  const summary = await importNotices(
    db,
    sources([
      ['n1.xml', CONSTRUCTED_NOTICE],
      ['n2.xml', noticeVariant({ noticeId: id(2), procedureId: id(102), buyerNumber: '212000-0001', buyerName: 'Annan kommun' })],
      ['n3.xml', noticeVariant({ noticeId: id(3), procedureId: id(103), buyerNumber: '556016-0680', buyerName: 'Kommunens bolag AB', issueDate: '2024-05-02' })],
      ['n4.xml', noticeVariant({ noticeId: id(4), procedureId: id(104), buyerNumber: 'DK12345678', buyerName: 'Dansk kommune', country: 'DNK' })],
    ]),
    { now: () => new Date(), by: { operator: 'test' }, source: 'test' },
  );
  expect(summary).toMatchObject({ stored: 4, failed: [] });
  const [link] = await db.select().from(noticeProcurementLinks).where(eq(noticeProcurementLinks.noticeId, CONSTRUCTED_NOTICE_ID));
  expect(link?.organisationId).toBe(orgA.id);
  linkedProcurementId = link!.procurementId;
  // After the import: the unit's own number matches N3 only at export time.
  await db.update(units).set({ organisationNumber: '556016-0680' }).where(eq(units.id, orgA.otherUnit.id));
});
afterAll(() => handle.close());

describe('exportReleasePackage with the organisation’s stored notices', () => {
  it('adds a release per notice of the organisation, and the package validates with zero errors', async () => {
    const result = await packageOf(orgA.id);
    expect(validateReleasePackage(result.releasePackage)).toEqual({ valid: true, errors: [] });
    expect(result.notices).toBe(2);
    const releases = noticeReleases(result.releasePackage.releases);
    // Oldest first (BT-05): N3 was sent 2024-05-02, N1 2025-03-14.
    expect(releases.map(noticeIdOf)).toEqual([id(3), CONSTRUCTED_NOTICE_ID]);
    expect(releases.map((r) => r.date)).toEqual(['2024-05-02T00:00:00Z', '2025-03-14T00:00:00Z']);
  });

  it('gives a linked notice its procurement’s OCID, an unlinked one its own under the organisation', async () => {
    const { releasePackage } = await packageOf(orgA.id);
    const byNotice = new Map(noticeReleases(releasePackage.releases).map((r) => [noticeIdOf(r), r]));
    expect(byNotice.get(CONSTRUCTED_NOTICE_ID)?.ocid).toBe(`${PREFIX}-${orgA.slug}-${linkedProcurementId}`);
    expect(byNotice.get(id(3))?.ocid).toBe(`${PREFIX}-${orgA.slug}-${id(103)}`);
    // The procurement the import created is in the package too, under the same OCID.
    expect(releasePackage.releases.filter((r) => r.ocid === `${PREFIX}-${orgA.slug}-${linkedProcurementId}`)).toHaveLength(2);
  });

  it('carries the notice’s social fields: BT-775 opp as a social sustainability goal, BT-736 as reserved execution', async () => {
    const { releasePackage } = await packageOf(orgA.id);
    const release = noticeReleases(releasePackage.releases).find((r) => noticeIdOf(r) === CONSTRUCTED_NOTICE_ID)!;
    expect(release.tender.id).toBe(CONSTRUCTED_PROCEDURE_ID);
    const lot = release.tender.lots!.find((l) => l.id === 'LOT-0001')!;
    expect(lot.hasSustainability).toBe(true);
    expect(lot.sustainability?.map((s) => s.goal)).toEqual(expect.arrayContaining(['social.disadvantagedEmploymentOpportunities', 'social.accessibility']));
    expect(lot.contractTerms).toMatchObject({ reservedExecution: true });
    expect(release.buyer).toMatchObject({ name: 'Konstruerade kommunen' });
    expect(release.parties[0]?.identifier).toMatchObject({ scheme: 'SE-BLV', id: '212000-0142' });
  });

  it('never includes another organisation’s notices, nor anybody’s', async () => {
    const a = JSON.stringify((await packageOf(orgA.id)).releasePackage);
    for (const other of [id(2), id(4)]) expect(a).not.toContain(other);
    const b = await packageOf(orgB.id);
    expect(validateReleasePackage(b.releasePackage).errors).toEqual([]);
    expect(noticeReleases(b.releasePackage.releases).map(noticeIdOf)).toEqual([id(2)]);
    const text = JSON.stringify(b.releasePackage);
    for (const foreign of [CONSTRUCTED_NOTICE_ID, id(3), id(4), linkedProcurementId, orgA.slug]) expect(text).not.toContain(foreign);
  });

  it('leaves notices out unless asked, in either scope', async () => {
    expect(noticeReleases((await packageOf(orgA.id, { includeNotices: false })).releasePackage.releases)).toEqual([]);
    const published = await packageOf(orgA.id, { scope: 'public' });
    expect(published.notices).toBe(2);
    expect(validateReleasePackage(published.releasePackage).errors).toEqual([]);
  });

  it('keeps a linked notice when the organisation number no longer matches, and drops one matched by number only', async () => {
    await db.update(organisations).set({ organisationNumber: '212000-9999' }).where(eq(organisations.id, orgA.id));
    await db.update(units).set({ organisationNumber: null }).where(eq(units.id, orgA.otherUnit.id));
    try {
      const { releasePackage } = await packageOf(orgA.id);
      expect(noticeReleases(releasePackage.releases).map(noticeIdOf)).toEqual([CONSTRUCTED_NOTICE_ID]);
    } finally {
      await db.update(organisations).set({ organisationNumber: '212000-0142' }).where(eq(organisations.id, orgA.id));
      await db.update(units).set({ organisationNumber: '556016-0680' }).where(eq(units.id, orgA.otherUnit.id));
    }
  });
});
