import type { Database } from '../../../db/client.js';
import { buildReleasePackage, latestReleaseDate } from '../../../domain/ocds/build-release-package.js';
import { noticeToRelease } from '../../../domain/ocds/notice-to-release.js';
import type { OcdsRelease, OcdsReleasePackage } from '../../../domain/ocds/ocds-release.js';
import { procurementToRelease, SWEDISH_ORGANISATION_SCHEME } from '../../../domain/ocds/procurement-to-release.js';
import { OCDS_EXTENSION_URLS } from '../../../interop/ocds/ocds-extensions.js';
import { loadCpvCatalogue } from '../../../interop/reference/cpv-catalogue.js';
import { withContracts } from '../../../domain/ocds/contracts-to-release.js';
import { openDataContracts, swedishDate } from '../contracts/contract-service.js';
import { findOrganisationBySlug, listProcurementsForExport, listOrganisationNotices, loadSocialFields, type PublishingOrganisation } from './ocds-repository.js';

/** `public`: what the organisation has made public; `internal`: the whole register. */
export type ExportScope = 'public' | 'internal';

export interface ExportOptions {
  organisation: PublishingOrganisation;
  scope: ExportScope;
  ocidPrefix: string;
  /** The base URL the package is served from, e.g. `https://hansyn.example.se`. */
  baseUrl: string;
  /** Also one release per stored eForms notice of the organisation (see `listOrganisationNotices`). */
  includeNotices: boolean;
  now: Date;
}

export interface ExportResult {
  releasePackage: OcdsReleasePackage;
  procurements: number;
  notices: number;
}

/** Where a package of this organisation and scope is served; also the package's `uri`. */
export function packageUri(baseUrl: string, slug: string, scope: ExportScope): string {
  const query = new URLSearchParams({ org: slug, ...(scope === 'internal' ? { scope } : {}) });
  return `${baseUrl.replace(/\/+$/, '')}/api/ocds/release-package?${query.toString()}`;
}

/**
 * Builds the OCDS release package of one organisation: one release per procurement in scope (its
 * current state), plus, when asked, one per stored notice. The caller has checked that the scope
 * may be read. Releases are not validated here; tests prove every shape validates.
 */
export async function exportReleasePackage(db: Database, options: ExportOptions): Promise<ExportResult> {
  const { organisation } = options;
  const rows = await listProcurementsForExport(db, organisation.id, { publicOnly: options.scope === 'public' });
  const social = await loadSocialFields(db, organisation.id, rows.map((r) => r.id));
  const cpv = loadCpvCatalogue();
  // Contracts (with agreed and reported employment metrics) of awarded procurements.
  const asOf = swedishDate(options.now);
  const contracts = await openDataContracts(db, organisation.id, rows.filter((r) => r.status === 'awarded').map((r) => r.id), asOf);
  const releases: OcdsRelease[] = rows.map((row) => {
    const stored = social.get(row.id);
    const updatedAt = stored && stored.updatedAt > row.updatedAt ? stored.updatedAt : row.updatedAt;
    const buyer = row.unit.organisationNumber
      ? { name: row.unit.name, organisationNumber: row.unit.organisationNumber }
      : { name: organisation.name, organisationNumber: organisation.organisationNumber };
    const release = procurementToRelease({
      procurement: row,
      buyer,
      ocidPrefix: options.ocidPrefix,
      organisationSlug: organisation.slug,
      updatedAt,
      ...(stored ? { socialFields: stored.fields } : {}),
      cpvLabel: (code) => cpv.get(code)?.sv,
    });
    return withContracts(release, contracts.get(row.id) ?? [], asOf);
  });

  let notices = 0;
  if (options.includeNotices) {
    // Notices are public (TED) whatever the scope. A notice linked to a procurement shares the
    // procurement's OCID even when that procurement is still internal: an OCID must not change
    // when the procurement is later published.
    for (const { notice, procurementId, importedAt } of await listOrganisationNotices(db, organisation.id)) {
      releases.push(
        noticeToRelease(notice, {
          ocidPrefix: options.ocidPrefix,
          organisationSlug: organisation.slug,
          ...(procurementId ? { procurementId } : {}),
          receivedAt: importedAt,
        }),
      );
      notices += 1;
    }
  }

  const releasePackage = buildReleasePackage(releases, {
    uri: packageUri(options.baseUrl, organisation.slug, options.scope),
    publisher: { name: organisation.name, scheme: SWEDISH_ORGANISATION_SCHEME, uid: organisation.organisationNumber },
    publishedDate: latestReleaseDate(releases, options.now),
    extensions: OCDS_EXTENSION_URLS,
  });
  return { releasePackage, procurements: rows.length, notices };
}

/** The file name a package is offered as. */
export function packageFileName(slug: string, scope: ExportScope): string {
  return `${slug}-ocds-release-package${scope === 'internal' ? '-internal' : ''}.json`;
}

/** The organisation whose register is exported, by its slug (the operator's `hansyn export ocds --org`); null if none. */
export function findPublishingOrganisation(db: Database, slug: string): Promise<PublishingOrganisation | null> {
  return findOrganisationBySlug(db, slug);
}
