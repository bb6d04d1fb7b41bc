import { and, asc, eq, gt, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { queryRow, queryRows } from '../../../db/raw-sql.js';
import {
  noticeDocuments,
  noticeMarketBuyerCells,
  noticeMarketBuyers,
  noticeMarketCells,
  noticeProcurementLinks,
  notices,
  organisations,
  procurements,
  units,
} from '../../../db/schema/index.js';
import type { BuyerVolume } from '../../../domain/market/compare-peers.js';

/**
 * Queries over the public notice store. Notices are not tenant-owned; only the link from a
 * notice to an organisation's procurement is, and it is only ever read for the caller's own
 * organisation.
 */

export interface MarketFilter {
  year?: number | undefined;
  country?: string | undefined;
  /** Buyer: grouping key (`SWE:2120000142`), organisation number, or part of a name. */
  buyer?: string | undefined;
  contractNature?: string | undefined;
  cpvDivision?: string | undefined;
  social?: 'any' | 'employment' | 'none' | undefined;
}

export const GROUP_BY = ['year', 'country', 'buyer', 'contractNature', 'cpvDivision', 'socialCode'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The buyer filter, chosen so an index can answer it: a grouping key (`SWE:2120000142`) matches the
 * key, something with six or more digits is an organisation number (GIN on buyer_org_ids), anything
 * else is part of a buyer name. A name is first looked for in the buyer directory
 * (notice_market_buyers, one row per key with every name text of its notices, so a notice that
 * matches always has its key among the candidates); only the candidates' notices are then read
 * through the buyer_key index and checked against the name as before (decision 0106).
 */
function buyerCondition(input: string): SQL {
  const text = input.trim();
  if (/^[A-Z-]{1,3}:/.test(text)) return eq(notices.buyerKey, text);
  const normalised = text.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
  if ((normalised.match(/\d/g)?.length ?? 0) >= 6) return sql`${notices.buyerOrgIds} @> array[${normalised}]::text[]`;
  const pattern = `%${escapeLike(text)}%`;
  // `= any(array(…))` runs the directory search once, as an init plan, and lets the key list use the index.
  return sql`${notices.buyerKey} = any(array(select ${noticeMarketBuyers.buyerKey} from ${noticeMarketBuyers} where ${noticeMarketBuyers.names} ilike ${pattern}))
    and array_to_string(${notices.buyerNames}, ' ') ilike ${pattern}`;
}

/**
 * Only notices from the trusted source (the operator's import from TED) are everyone's: an
 * organisation's unverified upload never reaches another organisation's market view or a public
 * package (decision 0311).
 */
const FROM_TED = sql`${notices.provenance} = 'ted'`;

/** The filter as SQL conditions on `notices` (always only notices from TED). */
export function marketConditions(filter: MarketFilter): SQL {
  const conditions: SQL[] = [FROM_TED];
  if (filter.year !== undefined) conditions.push(sql`${notices.year} = ${filter.year}`);
  if (filter.country) conditions.push(eq(notices.buyerCountry, filter.country.toUpperCase()));
  if (filter.contractNature) conditions.push(eq(notices.mainNature, filter.contractNature));
  if (filter.cpvDivision) conditions.push(eq(notices.cpvDivision, filter.cpvDivision));
  if (filter.social === 'any') conditions.push(sql`${notices.hasSocial}`);
  if (filter.social === 'employment') conditions.push(sql`${notices.hasEmployment}`);
  if (filter.social === 'none') conditions.push(sql`not ${notices.hasSocial}`);
  if (filter.buyer) conditions.push(buyerCondition(filter.buyer));
  return and(...conditions)!;
}

const KEY_EXPRESSIONS: Record<Exclude<GroupBy, 'socialCode'>, SQL> = {
  year: sql`coalesce(${notices.year}::text, '')`,
  country: sql`coalesce(${notices.buyerCountry}, '')`,
  buyer: sql`${notices.buyerKey}`,
  contractNature: sql`coalesce(${notices.mainNature}, '')`,
  cpvDivision: sql`coalesce(${notices.cpvDivision}, '')`,
};

export interface AggregateCell {
  key: string;
  label: string | null;
  currency: string | null;
  notices: number;
  noticesWithSocial: number;
  noticesWithEmployment: number;
  estimatedValue: number;
  valueWithSocial: number;
}

const MEASURES = sql`count(*)::int as notices,
  (count(*) filter (where ${notices.hasSocial}))::int as social,
  (count(*) filter (where ${notices.hasEmployment}))::int as employment,
  coalesce(sum(${notices.estimatedValueAmount}), 0)::float8 as value,
  coalesce(sum(${notices.socialValueAmount}), 0)::float8 as social_value`;

interface RawCell {
  key: string;
  label: string | null;
  currency: string | null;
  notices: number;
  social: number;
  employment: number;
  value: number;
  social_value: number;
}

function toCell(row: RawCell): AggregateCell {
  return {
    key: row.key,
    label: row.label,
    currency: row.currency,
    notices: Number(row.notices),
    noticesWithSocial: Number(row.social),
    noticesWithEmployment: Number(row.employment),
    estimatedValue: Number(row.value),
    valueWithSocial: Number(row.social_value),
  };
}

/**
 * Counts and values per group and currency. For `buyer` (tens of thousands of groups) only the
 * `limit` buyers with most notices are returned; other groupings have few keys and come whole.
 * Also returns the number of groups.
 */
export async function aggregateNotices(
  db: Database,
  filter: MarketFilter,
  groupBy: GroupBy,
  limit: number,
): Promise<{ cells: AggregateCell[]; groups: number }> {
  if (canUseCells(filter, groupBy)) return aggregateCells(db, filter, groupBy as CellGroupBy);
  if (groupBy === 'buyer' && isUnfiltered(filter)) return rankBuyers(db, limit);
  const where = marketConditions(filter);
  if (groupBy === 'socialCode') {
    const result = await queryRows<RawCell>(db, sql`
      select code as key, null::text as label, ${notices.estimatedValueCurrency} as currency, ${MEASURES}
      from ${notices}
      cross join lateral unnest(case when cardinality(${notices.socialCodes}) = 0 then array['none']::text[] else ${notices.socialCodes} end) as code
      where ${where}
      group by code, ${notices.estimatedValueCurrency}`);
    const cells = result.map(toCell);
    return { cells, groups: new Set(cells.map((c) => c.key)).size };
  }
  if (groupBy === 'buyer') {
    const result = await queryRows<RawCell & { groups: number }>(db, sql`
      with top as (
        select ${notices.buyerKey} as key, min(${notices.buyerName}) as label, count(*) over () as groups
        from ${notices} where ${where}
        group by ${notices.buyerKey}
        order by count(*) desc, ${notices.buyerKey}
        limit ${limit}
      )
      select ${notices.buyerKey} as key, min(top.label) as label, ${notices.estimatedValueCurrency} as currency,
        min(top.groups)::int as groups, ${MEASURES}
      from ${notices} join top on top.key = ${notices.buyerKey}
      where ${where}
      group by ${notices.buyerKey}, ${notices.estimatedValueCurrency}`);
    return { cells: result.map(toCell), groups: Number(result[0]?.groups ?? 0) };
  }
  const key = KEY_EXPRESSIONS[groupBy];
  const result = await queryRows<RawCell>(db, sql`
    select ${key} as key, null::text as label, ${notices.estimatedValueCurrency} as currency, ${MEASURES}
    from ${notices} where ${where}
    group by 1, ${notices.estimatedValueCurrency}`);
  const cells = result.map(toCell);
  return { cells, groups: new Set(cells.map((c) => c.key)).size };
}

/** Totals of the filtered notices per currency (each notice once, whatever the grouping). */
export async function totalNotices(db: Database, filter: MarketFilter): Promise<AggregateCell[]> {
  if (canUseCells(filter, 'year')) return (await aggregateCells(db, filter, null)).cells;
  const result = await queryRows<RawCell>(db, sql`
    select '' as key, null::text as label, ${notices.estimatedValueCurrency} as currency, ${MEASURES}
    from ${notices} where ${marketConditions(filter)}
    group by ${notices.estimatedValueCurrency}`);
  return result.map(toCell);
}

export interface NoticeListRow {
  noticeId: string;
  version: string | null;
  publicationId: string | null;
  procedureId: string | null;
  noticeType: string;
  formType: string | null;
  issueDate: string | null;
  buyerName: string | null;
  buyerKey: string;
  buyerCountry: string | null;
  title: string | null;
  mainCpv: string | null;
  contractNature: string | null;
  estimatedValue: { amount: number; currency: string } | null;
  hasSocial: boolean;
  hasEmployment: boolean;
  socialCodes: string[];
}

/** One page of notices, newest first, and the total. */
export async function listNotices(
  db: Database,
  filter: MarketFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: NoticeListRow[]; total: number }> {
  const where = marketConditions(filter);
  const rows = await db
    .select({
      noticeId: notices.noticeId,
      version: notices.version,
      publicationId: notices.publicationId,
      procedureId: notices.procedureId,
      noticeType: notices.noticeType,
      formType: notices.formType,
      issueDate: notices.issueDate,
      buyerName: notices.buyerName,
      buyerKey: notices.buyerKey,
      buyerCountry: notices.buyerCountry,
      title: notices.title,
      mainCpv: notices.mainCpv,
      contractNature: notices.mainNature,
      amount: notices.estimatedValueAmount,
      currency: notices.estimatedValueCurrency,
      hasSocial: notices.hasSocial,
      hasEmployment: notices.hasEmployment,
      socialCodes: notices.socialCodes,
    })
    .from(notices)
    .where(where)
    .orderBy(sql`${notices.issueDate} desc nulls last`, asc(notices.noticeId))
    .limit(page.limit)
    .offset(page.offset);
  const counted = await queryRow<{ n: number }>(db, sql`select count(*)::int as n from ${notices} where ${where}`);
  return {
    total: Number(counted?.n ?? 0),
    rows: rows.map(({ amount, currency, ...rest }) => ({
      ...rest,
      estimatedValue: amount !== null && currency !== null ? { amount: Number(amount), currency } : null,
    })),
  };
}

/**
 * The stored (latest) version of one notice with its parsed document, if `organisationId` may see
 * it: a notice from TED, or the organisation's own unverified upload.
 */
export async function findNotice(db: Database, noticeId: string, organisationId: string) {
  const [row] = await db
    .select({
      noticeId: notices.noticeId,
      version: notices.version,
      importedAt: notices.importedAt,
      sourceFile: notices.sourceFile,
      notice: noticeDocuments.notice,
      social: noticeDocuments.social,
    })
    .from(notices)
    .innerJoin(noticeDocuments, eq(noticeDocuments.noticeId, notices.noticeId))
    .where(and(eq(notices.noticeId, noticeId), or(FROM_TED, eq(notices.uploadedByOrganisationId, organisationId))))
    .limit(1);
  return row ?? null;
}

/** When the filtered notices last changed (their latest import), or null when the filter matches none. */
export async function lastNoticeImport(db: Database, filter: MarketFilter): Promise<Date | null> {
  const [row] = await db
    .select({ last: sql<Date | null>`max(${notices.importedAt})`.mapWith(notices.importedAt) })
    .from(notices)
    .where(marketConditions(filter));
  return row?.last ?? null;
}

/**
 * One page of the filtered notices with their parsed documents, in notice-id (BT-701) order after
 * `afterNoticeId` (keyset paging: stable while notices are imported, and no page costs more than
 * the first).
 */
export async function pageNoticeDocuments(
  db: Database,
  filter: MarketFilter,
  afterNoticeId: string | null,
  limit: number,
): Promise<Array<{ noticeId: string; notice: unknown; importedAt: Date }>> {
  const where = afterNoticeId === null ? marketConditions(filter) : and(marketConditions(filter), gt(notices.noticeId, afterNoticeId));
  return db
    .select({ noticeId: notices.noticeId, notice: noticeDocuments.notice, importedAt: notices.importedAt })
    .from(notices)
    .innerJoin(noticeDocuments, eq(noticeDocuments.noticeId, notices.noticeId))
    .where(where)
    .orderBy(asc(notices.noticeId))
    .limit(limit);
}

/** The caller's own procurement a notice is linked to (never another organisation's). */
export async function findOwnLink(db: Database, organisationId: string, noticeId: string) {
  const [row] = await db
    .select({ id: procurements.id, referenceNumber: procurements.referenceNumber, title: procurements.title, unitId: procurements.unitId })
    .from(noticeProcurementLinks)
    .innerJoin(procurements, eq(procurements.id, noticeProcurementLinks.procurementId))
    .where(and(eq(noticeProcurementLinks.organisationId, organisationId), eq(noticeProcurementLinks.noticeId, noticeId)))
    .limit(1);
  return row ?? null;
}

/** The organisation's own organisation numbers (organisation and units), as 10 digits. */
export async function ownOrganisationNumbers(db: Database, organisationId: string): Promise<string[]> {
  const [org] = await db.select({ number: organisations.organisationNumber }).from(organisations).where(eq(organisations.id, organisationId));
  const unitRows = await db.select({ number: units.organisationNumber }).from(units).where(eq(units.organisationId, organisationId));
  const numbers = new Set<string>();
  for (const value of [org?.number ?? null, ...unitRows.map((u) => u.number)]) {
    const digits = value?.replace(/\D/g, '') ?? '';
    if (digits.length === 10) numbers.add(digits);
  }
  return [...numbers];
}

/** Notices whose buyers include one of `orgIds`, counted. */
export async function countOwnNotices(db: Database, orgIds: readonly string[], year: number | undefined) {
  if (orgIds.length === 0) return { notices: 0, noticesWithSocial: 0, noticesWithEmployment: 0 };
  const result = await queryRows<{ notices: number; social: number; employment: number }>(db, sql`
    select count(*)::int as notices, (count(*) filter (where ${notices.hasSocial}))::int as social,
      (count(*) filter (where ${notices.hasEmployment}))::int as employment
    from ${notices}
    where ${FROM_TED} and ${notices.buyerOrgIds} && ${sql`array[${sql.join(orgIds.map((id) => sql`${id}`), sql`, `)}]::text[]`}
      ${year === undefined ? sql`` : sql`and ${notices.year} = ${year}`}`);
  const row = result[0];
  return { notices: Number(row?.notices ?? 0), noticesWithSocial: Number(row?.social ?? 0), noticesWithEmployment: Number(row?.employment ?? 0) };
}

/** Buyers of a country with a notice count in [min, max], excluding any buyer carrying one of `excludeOrgIds`. */
export async function buyersWithVolume(
  db: Database,
  options: { country: string; year: number | undefined; min: number; max: number; excludeOrgIds: readonly string[] },
): Promise<BuyerVolume[]> {
  const exclude =
    options.excludeOrgIds.length === 0
      ? sql``
      : sql`and not (${notices.buyerOrgIds} && array[${sql.join(options.excludeOrgIds.map((id) => sql`${id}`), sql`, `)}]::text[])`;
  const result = await queryRows<{ key: string; name: string | null; notices: number; social: number; employment: number }>(db, sql`
    select ${notices.buyerKey} as key, min(${notices.buyerName}) as name, count(*)::int as notices,
      (count(*) filter (where ${notices.hasSocial}))::int as social, (count(*) filter (where ${notices.hasEmployment}))::int as employment
    from ${notices}
    where ${FROM_TED} and ${notices.buyerCountry} = ${options.country} and ${notices.buyerKey} <> ''
      ${options.year === undefined ? sql`` : sql`and ${notices.year} = ${options.year}`}
      ${exclude}
    group by ${notices.buyerKey}
    having count(*) between ${options.min} and ${options.max}`);
  return result.map((r) => ({
    key: r.key,
    name: r.name,
    notices: Number(r.notices),
    noticesWithSocial: Number(r.social),
    noticesWithEmployment: Number(r.employment),
  }));
}

/**
 * The pre-aggregated cells (notice_market_cells) answer every grouping but buyer, under every filter
 * but buyer and social; the notice rows answer the rest.
 */
type CellGroupBy = Exclude<GroupBy, 'buyer'>;

function canUseCells(filter: MarketFilter, groupBy: GroupBy): boolean {
  return groupBy !== 'buyer' && !filter.buyer && filter.social === undefined;
}

const cellTable = noticeMarketCells;
const CELL_KEYS: Record<CellGroupBy, SQL> = {
  year: sql`case when ${cellTable.year} = 0 then '' else ${cellTable.year}::text end`,
  country: sql`${cellTable.country}`,
  contractNature: sql`${cellTable.contractNature}`,
  cpvDivision: sql`${cellTable.cpvDivision}`,
  socialCode: sql`${cellTable.socialCode}`,
};

async function aggregateCells(db: Database, filter: MarketFilter, groupBy: CellGroupBy | null): Promise<{ cells: AggregateCell[]; groups: number }> {
  const conditions: SQL[] = [groupBy === 'socialCode' ? sql`${cellTable.socialCode} <> ''` : eq(cellTable.socialCode, '')];
  if (filter.year !== undefined) conditions.push(eq(cellTable.year, filter.year));
  if (filter.country) conditions.push(eq(cellTable.country, filter.country.toUpperCase()));
  if (filter.contractNature) conditions.push(eq(cellTable.contractNature, filter.contractNature));
  if (filter.cpvDivision) conditions.push(eq(cellTable.cpvDivision, filter.cpvDivision));
  const key = groupBy === null ? sql`''` : CELL_KEYS[groupBy];
  const result = await queryRows<RawCell>(db, sql`
    select ${key} as key, null::text as label, nullif(${cellTable.currency}, '') as currency,
      sum(${cellTable.notices})::int as notices, sum(${cellTable.noticesWithSocial})::int as social, sum(${cellTable.noticesWithEmployment})::int as employment,
      sum(${cellTable.estimatedValue})::float8 as value, sum(${cellTable.valueWithSocial})::float8 as social_value
    from ${cellTable} where ${and(...conditions)}
    group by 1, ${cellTable.currency}`);
  const cells = result.map(toCell);
  return { cells, groups: new Set(cells.map((c) => c.key)).size };
}

function isUnfiltered(filter: MarketFilter): boolean {
  return (
    filter.year === undefined && !filter.country && !filter.buyer && !filter.contractNature && !filter.cpvDivision && filter.social === undefined
  );
}

/**
 * The unfiltered buyer ranking from the buyer directory: the `limit` keys with most notices (ties
 * by key, as the GROUP BY over `notices` orders them) through notice_market_buyers_rank_idx, and
 * their per-currency measures.
 */
const buyers = noticeMarketBuyers;
const buyerCells = noticeMarketBuyerCells;

async function rankBuyers(db: Database, limit: number): Promise<{ cells: AggregateCell[]; groups: number }> {
  const result = await queryRows<RawCell>(db, sql`
    with top as (
      select ${buyers.buyerKey} as buyer_key, ${buyers.label} as label from ${buyers}
      order by ${buyers.notices} desc nulls last, ${buyers.buyerKey}
      limit ${limit}
    )
    select top.buyer_key as key, top.label, nullif(${buyerCells.currency}, '') as currency,
      ${buyerCells.notices} as notices, ${buyerCells.noticesWithSocial} as social, ${buyerCells.noticesWithEmployment} as employment,
      ${buyerCells.estimatedValue}::float8 as value, ${buyerCells.valueWithSocial}::float8 as social_value
    from top join ${buyerCells} on ${buyerCells.buyerKey} = top.buyer_key`);
  const counted = await queryRow<{ n: number }>(db, sql`select count(*)::int as n from ${noticeMarketBuyers}`);
  return { cells: result.map(toCell), groups: Number(counted?.n ?? 0) };
}
