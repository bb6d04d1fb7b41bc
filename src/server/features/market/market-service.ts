import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { Database } from '../../../db/client.js';
import { can, type Actor } from '../../../domain/access/can.js';
import { comparableVolumeRange, orderByCloseness, shareOf, summarisePeers } from '../../../domain/market/compare-peers.js';
import { buildReleasePackage } from '../../../domain/ocds/build-release-package.js';
import { noticeToRelease } from '../../../domain/ocds/notice-to-release.js';
import type { OcdsRelease } from '../../../domain/ocds/ocds-release.js';
import type { Notice } from '../../../interop/eforms/notice-schema.js';
import { OCDS_EXTENSION_URLS } from '../../../interop/ocds/ocds-extensions.js';
import type { ReleasePackageEnvelope } from '../../../interop/ocds/stream-release-package.js';
import type { SocialSummary } from '../../../domain/eforms/summarise-social-considerations.js';
import { AppError, notFound } from '../../errors.js';
import { countRegisterDecisions } from '../decisions/decision-service.js';
import {
  aggregateNotices,
  buyersWithVolume,
  countOwnNotices,
  findNotice,
  findOwnLink,
  lastNoticeImport,
  listNotices,
  ownOrganisationNumbers,
  pageNoticeDocuments,
  totalNotices,
  type AggregateCell,
  type GroupBy,
  type MarketFilter,
  type NoticeListRow,
} from './market-repository.js';
import { CONTRACT_NATURES } from '../../../domain/procurement/procurement.js';
import { MarketFilters, SOCIAL_FILTERS, type MarketRow, type PeerComparison, type SocialConsiderationsAnswer } from './market-schemas.js';
import { assertCan } from '../../access.js';

// For the OCDS feature: the organisation numbers the market view counts as the organisation's own.
export { ownOrganisationNumbers } from './market-repository.js';
export type { MarketFilter };

/** Public TED data, but only for signed-in users whose role reads the market view. */
function requireMarket(actor: Actor): void {
  assertCan(actor, 'market:read', { organisationId: actor.organisationId });
}

type Measures = Omit<MarketRow, 'key' | 'label'>;

/** Folds the per-currency cells of one group into its measures. */
function fold(cells: readonly AggregateCell[], shareBase: number | null): Measures {
  const notices = cells.reduce((sum, c) => sum + c.notices, 0);
  const social = cells.reduce((sum, c) => sum + c.noticesWithSocial, 0);
  const employment = cells.reduce((sum, c) => sum + c.noticesWithEmployment, 0);
  const valued = cells.filter((c) => c.currency !== null);
  const base = shareBase ?? notices;
  return {
    notices,
    noticesWithSocial: social,
    noticesWithEmployment: employment,
    share: shareOf(shareBase === null ? social : notices, base),
    employmentShare: shareOf(employment, base),
    noticesWithValue: valued.reduce((sum, c) => sum + c.notices, 0),
    valueByCurrency: valued
      .map((c) => ({ currency: c.currency!, estimatedValue: c.estimatedValue, valueWithSocial: c.valueWithSocial }))
      .sort((a, b) => b.estimatedValue - a.estimatedValue || (a.currency < b.currency ? -1 : 1)),
  };
}

/**
 * Social considerations in the market, grouped. Rows are sorted by key for years, else by
 * notices (most first); `share` is the share of notices declaring social considerations, except
 * for socialCode rows, where it is the share of all filtered notices carrying that code.
 */
export async function socialConsiderations(
  db: Database,
  actor: Actor,
  filter: MarketFilter,
  groupBy: GroupBy,
  limit: number,
): Promise<SocialConsiderationsAnswer> {
  requireMarket(actor);
  const [{ cells, groups }, totalCells] = await Promise.all([aggregateNotices(db, filter, groupBy, limit), totalNotices(db, filter)]);
  const totals = fold(totalCells, null);
  const byKey = new Map<string, AggregateCell[]>();
  for (const cell of cells) byKey.set(cell.key, [...(byKey.get(cell.key) ?? []), cell]);
  const rows: MarketRow[] = [...byKey.entries()].map(([key, group]) => ({
    key,
    label: group.find((c) => c.label !== null)?.label ?? null,
    ...fold(group, groupBy === 'socialCode' ? totals.notices : null),
  }));
  rows.sort((a, b) => (groupBy === 'year' ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : b.notices - a.notices || (a.key < b.key ? -1 : 1)));
  return { groupBy, rows: rows.slice(0, limit), groups, totals };
}

export async function marketNotices(
  db: Database,
  actor: Actor,
  filter: MarketFilter,
  page: { limit: number; offset: number },
): Promise<{ items: NoticeListRow[]; total: number }> {
  requireMarket(actor);
  const { rows, total } = await listNotices(db, filter, page);
  return { items: rows, total };
}

/** One notice as stored, with the caller's own linked procurement (if the caller may read it). */
export async function marketNotice(db: Database, actor: Actor, noticeId: string) {
  requireMarket(actor);
  const row = await findNotice(db, noticeId, actor.organisationId);
  if (row === null) throw notFound('The notice');
  const link = await findOwnLink(db, actor.organisationId, noticeId);
  const visible = link !== null && can(actor, 'procurement:read', { organisationId: actor.organisationId, unitId: link.unitId });
  return {
    noticeId: row.noticeId,
    version: row.version,
    importedAt: row.importedAt.toISOString(),
    notice: row.notice as Notice,
    social: row.social as SocialSummary,
    linkedProcurement: visible ? { id: link.id, referenceNumber: link.referenceNumber, title: link.title } : null,
  };
}

export const COMPARABLE_DEFINITION =
  'Buyers in the same country whose number of notices in the same period is between half and double yours ' +
  '(1–5 notices when you have fewer than 3), yourself excluded.';

/** The organisation's own share next to comparable buyers (see COMPARABLE_DEFINITION). */
export async function peerComparison(
  db: Database,
  actor: Actor,
  options: { country: string; year: number | undefined; limit: number },
): Promise<PeerComparison> {
  requireMarket(actor);
  const country = options.country.toUpperCase();
  const numbers = await ownOrganisationNumbers(db, actor.organisationId);
  const own = await countOwnNotices(db, numbers, options.year);
  const register = await countRegisterDecisions(db, actor.organisationId);
  const range = comparableVolumeRange(own.notices);
  const peers = await buyersWithVolume(db, { country, year: options.year, min: range.min, max: range.max, excludeOrgIds: numbers });
  const summary = summarisePeers(peers);
  const withShares = (v: { notices: number; noticesWithSocial: number; noticesWithEmployment: number }) => ({
    notices: v.notices,
    noticesWithSocial: v.noticesWithSocial,
    noticesWithEmployment: v.noticesWithEmployment,
    share: shareOf(v.noticesWithSocial, v.notices),
    employmentShare: shareOf(v.noticesWithEmployment, v.notices),
  });
  return {
    country,
    year: options.year ?? null,
    own: { source: 'notices', organisationNumbers: numbers, ...withShares(own) },
    register: {
      procurements: register.procurements,
      decided: register.decided,
      withSocialConsiderations: register.applied,
      share: shareOf(register.applied, register.decided),
    },
    comparable: { definition: COMPARABLE_DEFINITION, minNotices: range.min, maxNotices: range.max },
    peers: {
      count: summary.peers,
      notices: summary.notices,
      pooledShare: summary.pooledShare,
      medianShare: summary.medianShare,
      pooledEmploymentShare: summary.pooledEmploymentShare,
      buyers: orderByCloseness(peers, own.notices)
        .slice(0, options.limit)
        .map((peer) => ({ key: peer.key, name: peer.name, ...withShares(peer) })),
    },
  };
}

/** Notices read from the database per page while a market package is written. */
const PACKAGE_PAGE_SIZE = 250;

export interface MarketPackageOptions {
  /** The OCID prefix registered with OCP (`HANSYN_OCID_PREFIX`). */
  ocidPrefix: string;
  /** The base URL the package is served from, e.g. `https://hansyn.example.se`. */
  baseUrl: string;
  /** Notices read per query (default 250). */
  pageSize?: number;
}

/** A market release package ready to be written: its envelope, and its releases page by page. */
export interface MarketReleasePackage {
  envelope: ReleasePackageEnvelope;
  pages: AsyncGenerator<OcdsRelease[]>;
}

/** Where the market package of a filter is served; also the package's `uri`. */
export function marketPackageUri(baseUrl: string, filter: MarketFilter): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value !== undefined && value !== '') query.set(key, String(value));
  const search = query.toString();
  return `${baseUrl.replace(/\/+$/, '')}/api/market/ocds/release-package${search ? `?${search}` : ''}`;
}

async function* releasePages(db: Database, filter: MarketFilter, ocidPrefix: string, pageSize: number): AsyncGenerator<OcdsRelease[]> {
  let after: string | null = null;
  for (;;) {
    const rows = await pageNoticeDocuments(db, filter, after, pageSize);
    if (rows.length === 0) return;
    // The document is the parsed notice as validated by the import (`NoticeSchema`). No organisation
    // slug and no link: the market package is everyone's notices, so the OCID names the buyer.
    yield rows.map((row) => noticeToRelease(row.notice as Notice, { ocidPrefix, receivedAt: row.importedAt }));
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.noticeId;
  }
}

/**
 * All stored notices the filter matches as one OCDS release package (one release per notice,
 * mapped by `noticeToRelease`, in BT-701 order), or null when the filter matches none, since an
 * OCDS package must hold at least one release. The releases are read page by page as the caller
 * consumes `pages`, so the package can be streamed whatever its size. `publishedDate` is the latest
 * import of the matched notices (the last change to the package's contents). No permission check:
 * for the operator's command line; the API goes through `marketReleasePackage`.
 */
export async function openMarketReleasePackage(db: Database, filter: MarketFilter, options: MarketPackageOptions): Promise<MarketReleasePackage | null> {
  const lastImport = await lastNoticeImport(db, filter);
  if (lastImport === null) return null;
  const { releases: _none, ...envelope } = buildReleasePackage([], {
    uri: marketPackageUri(options.baseUrl, filter),
    // The notices are TED's; this installation of Hänsyn converts and republishes them.
    publisher: { name: 'Hänsyn', uri: options.baseUrl },
    publishedDate: lastImport.toISOString(),
    extensions: OCDS_EXTENSION_URLS,
  });
  return { envelope, pages: releasePages(db, filter, options.ocidPrefix, options.pageSize ?? PACKAGE_PAGE_SIZE) };
}

/** The market release package for a user of the market view (`market:read`); 404 `nothing_published` when empty. */
export async function marketReleasePackage(db: Database, actor: Actor, filter: MarketFilter, options: MarketPackageOptions): Promise<MarketReleasePackage> {
  requireMarket(actor);
  const opened = await openMarketReleasePackage(db, filter, options);
  if (opened === null) throw new AppError('nothing_published', 'No stored notice matches the filter; an OCDS package needs at least one release.');
  return opened;
}

/** A market filter field that does not hold; `oneOf` lists the allowed values of a code list. */
export interface MarketFilterProblem {
  field: keyof MarketFilter;
  message: string;
  oneOf?: readonly string[];
}

// The free-form filters, checked with the API's own schemas; the two code lists by membership.
const MarketFilterFields = Type.Object({ year: MarketFilters.year, country: MarketFilters.country, buyer: MarketFilters.buyer, cpvDivision: MarketFilters.cpvDivision });

/**
 * Checks a market filter that did not come through an HTTP schema (the CLI's flags) by the same
 * rules as the API's query: the filter, or every problem with it.
 */
export function checkMarketFilter(input: {
  year?: number | string | undefined;
  country?: string | undefined;
  buyer?: string | undefined;
  cpvDivision?: string | undefined;
  contractNature?: string | undefined;
  social?: string | undefined;
}): { filter: MarketFilter } | { problems: MarketFilterProblem[] } {
  const problems: MarketFilterProblem[] = [];
  const free = {
    ...(input.year !== undefined ? { year: input.year } : {}),
    ...(input.country !== undefined ? { country: input.country } : {}),
    ...(input.buyer !== undefined ? { buyer: input.buyer } : {}),
    ...(input.cpvDivision !== undefined ? { cpvDivision: input.cpvDivision } : {}),
  };
  for (const error of Value.Errors(MarketFilterFields, free)) problems.push({ field: error.path.slice(1) as keyof MarketFilter, message: error.message });
  const { contractNature, social } = input;
  if (contractNature !== undefined && !(CONTRACT_NATURES as readonly string[]).includes(contractNature)) {
    problems.push({ field: 'contractNature', message: `must be one of ${CONTRACT_NATURES.join(', ')}`, oneOf: CONTRACT_NATURES });
  }
  if (social !== undefined && !(SOCIAL_FILTERS as readonly string[]).includes(social)) {
    problems.push({ field: 'social', message: `must be one of ${SOCIAL_FILTERS.join(', ')}`, oneOf: SOCIAL_FILTERS });
  }
  if (problems.length > 0) return { problems };
  return {
    filter: {
      ...(free as Pick<MarketFilter, 'year' | 'country' | 'buyer' | 'cpvDivision'>),
      ...(contractNature !== undefined ? { contractNature } : {}),
      ...(social !== undefined ? { social: social as MarketFilter['social'] } : {}),
    },
  };
}
