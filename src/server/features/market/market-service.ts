import type { Database } from '../../../db/client.js';
import { can, type Actor } from '../../../domain/access/can.js';
import { comparableVolumeRange, orderByCloseness, shareOf, summarisePeers } from '../../../domain/market/compare-peers.js';
import type { Notice } from '../../../interop/eforms/notice-schema.js';
import type { SocialSummary } from '../../../domain/eforms/summarise-social-considerations.js';
import { forbidden, notFound } from '../../errors.js';
import {
  aggregateNotices,
  buyersWithVolume,
  countOwnNotices,
  countRegisterDecisions,
  findNotice,
  findOwnLink,
  listNotices,
  ownOrganisationNumbers,
  totalNotices,
  type AggregateCell,
  type GroupBy,
  type MarketFilter,
  type NoticeListRow,
} from './market-repository.js';
import type { MarketRow, PeerComparison, SocialConsiderationsAnswer } from './market-schemas.js';

/** Public TED data, but only for signed-in users whose role reads the market view. */
function requireMarket(actor: Actor): void {
  if (!can(actor, 'market:read', { organisationId: actor.organisationId })) throw forbidden();
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
  const row = await findNotice(db, noticeId);
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
