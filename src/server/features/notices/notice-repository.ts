import { and, asc, count, desc, eq, getTableColumns, isNull, or, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import {
  noticeDocuments,
  noticeImports,
  noticeMarketBuyerCells,
  noticeMarketBuyers,
  noticeMarketCells,
  noticeProcurementLinks,
  notices,
  organisations,
  units,
} from '../../../db/schema/index.js';
import type { NoticeMarketFacts } from '../../../domain/eforms/derive-notice-facts.js';
import type { SocialSummary } from '../../../domain/eforms/summarise-social-considerations.js';
import type { Notice } from '../../../interop/eforms/notice-schema.js';
import { queryRows } from '../../../db/raw-sql.js';

/** A parsed notice ready to store: the notice, its social summary and the derived market facts. */
export interface PreparedNotice {
  file: string;
  notice: Notice;
  social: SocialSummary;
  facts: NoticeMarketFacts;
}

/**
 * Who stores a notice: the operator's bulk import from TED (trusted) or an organisation's upload
 * (unverified, seen only by that organisation; decision 0311).
 */
export type NoticeOrigin = { provenance: 'ted' } | { provenance: 'upload'; organisationId: string };

/**
 * When a stored notice may be replaced (decision 0311): TED replaces an unverified upload whatever
 * its version (the trusted copy wins) and its own notices by a higher version; an upload replaces
 * only the same organisation's unverified upload, by a higher version, and never a notice from TED
 * or from another organisation.
 */
function replaceableBy(origin: NoticeOrigin) {
  const newer = sql`${notices.versionNumber} < excluded.version_number`;
  return origin.provenance === 'ted'
    ? sql`(${notices.provenance} = 'upload' or ${newer})`
    : sql`(${notices.provenance} = 'upload' and ${notices.uploadedByOrganisationId} = ${origin.organisationId} and ${newer})`;
}

/**
 * The columns of an incoming notice row, in `notices` order, with their SQL types: the batch travels
 * as one JSON parameter and `jsonb_to_recordset` turns it back into rows (decision 0902).
 */
const INCOMING_COLUMNS: ReadonlyArray<readonly [keyof ReturnType<typeof incomingRow>, string]> = [
  ['notice_id', 'text'],
  ['version', 'text'],
  ['version_number', 'integer'],
  ['publication_id', 'text'],
  ['procedure_id', 'text'],
  ['root', 'text'],
  ['notice_type', 'text'],
  ['notice_subtype', 'text'],
  ['form_type', 'text'],
  ['sdk_version', 'text'],
  ['language', 'text'],
  ['issue_date', 'date'],
  ['year', 'smallint'],
  ['buyer_country', 'text'],
  ['buyer_names', 'text[]'],
  ['buyer_org_ids', 'text[]'],
  ['buyer_key', 'text'],
  ['buyer_name', 'text'],
  ['title', 'text'],
  ['main_cpv', 'text'],
  ['cpv_division', 'text'],
  ['main_nature', 'text'],
  ['estimated_value_amount', 'numeric'],
  ['estimated_value_currency', 'text'],
  ['social_value_amount', 'numeric'],
  ['has_social', 'boolean'],
  ['has_employment', 'boolean'],
  ['social_codes', 'text[]'],
  ['lot_count', 'integer'],
  ['source_file', 'text'],
  ['notice', 'jsonb'],
  ['social', 'jsonb'],
];

/** One notice as a row of the batch parameter (column names as in the database). */
function incomingRow(item: PreparedNotice) {
  const { notice, facts } = item;
  return {
    notice_id: notice.noticeId,
    version: notice.noticeVersion,
    version_number: facts.versionNumber,
    publication_id: notice.noticePublicationId,
    procedure_id: notice.procedureId,
    root: notice.root,
    notice_type: notice.noticeType,
    notice_subtype: notice.noticeSubtype,
    form_type: notice.formType,
    sdk_version: notice.sdkVersion,
    language: notice.language,
    issue_date: notice.issueDate,
    year: facts.year,
    buyer_country: facts.buyerCountry,
    buyer_names: facts.buyerNames,
    buyer_org_ids: facts.buyerOrgIds,
    buyer_key: facts.buyerKey,
    buyer_name: facts.buyerName,
    title: facts.title,
    main_cpv: facts.mainCpv,
    cpv_division: facts.cpvDivision,
    main_nature: facts.mainNature,
    estimated_value_amount: facts.estimatedValue?.amount ?? null,
    estimated_value_currency: facts.estimatedValue?.currency ?? null,
    social_value_amount: facts.socialValueAmount,
    has_social: facts.hasSocial,
    has_employment: facts.hasEmployment,
    social_codes: facts.socialCodes,
    lot_count: facts.lotCount,
    source_file: item.file.slice(-500),
    notice: item.notice,
    social: item.social,
  };
}

const NOTICE_COLUMNS = INCOMING_COLUMNS.filter(([name]) => name !== 'notice' && name !== 'social').map(([name]) => name);
/** Every column but the key, set from the incoming row when a replacement is allowed. */
const REPLACE_SET = sql.raw(
  Object.values(getTableColumns(notices))
    .filter((column) => column.name !== 'notice_id')
    .map((column) => `${column.name} = excluded.${column.name}`)
    .join(', '),
);

/** What storing a batch did: the ids written (new or replacing), and what the replaced rows were before. */
export interface StoredNotices {
  written: Map<string, 'stored' | 'updated'>;
  /** Market slices and buyer keys of the rows that were replaced, as they were before. */
  replaced: MarketChanges;
}

/**
 * Stores a batch of notices and their documents in one statement and one round trip (decision
 * 0902): the batch is one JSON parameter; new ids are inserted, an existing id is replaced only
 * when `origin` may replace it (see `replaceableBy`, decision 0311), anything else is left alone.
 * Returns the ids written and whether each was new (ids not returned were skipped), and the market
 * slices and buyer keys the replaced rows had, read in the same statement's snapshot. The caller
 * owns the transaction; ids must be unique within the batch.
 */
export async function storeNotices(
  db: Database,
  items: readonly PreparedNotice[],
  importId: string | null,
  now: Date,
  origin: NoticeOrigin,
): Promise<StoredNotices> {
  const written = new Map<string, 'stored' | 'updated'>();
  const replaced: MarketChanges = { slices: [], buyerKeys: [] };
  if (items.length === 0) return { written, replaced };
  const recordType = sql.raw(INCOMING_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', '));
  const columns = sql.raw(NOTICE_COLUMNS.join(', '));
  const uploadedBy = origin.provenance === 'upload' ? origin.organisationId : null;
  const rows = await queryRows<{ notice_id: string; inserted: boolean; year: number | null; buyer_country: string | null; buyer_key: string | null }>(
    db,
    sql`
    with incoming as (
      select * from jsonb_to_recordset(${JSON.stringify(items.map(incomingRow))}::jsonb) as r(${recordType})
    ),
    previous as (
      select ${notices.noticeId} as notice_id, ${notices.year} as year, ${notices.buyerCountry} as buyer_country, ${notices.buyerKey} as buyer_key
      from ${notices} where ${notices.noticeId} in (select notice_id from incoming)
    ),
    written as (
      insert into ${notices} (${columns}, provenance, uploaded_by_organisation_id, import_id, imported_at)
      select ${columns}, ${origin.provenance}, ${uploadedBy}::uuid, ${importId}::uuid, ${now.toISOString()}::timestamptz from incoming
      on conflict (notice_id) do update set ${REPLACE_SET}
      where ${replaceableBy(origin)}
      returning ${notices.noticeId} as notice_id, (xmax = 0) as inserted
    ),
    documents as (
      insert into ${noticeDocuments} (notice_id, notice, social)
      select incoming.notice_id, incoming.notice, incoming.social from incoming join written on written.notice_id = incoming.notice_id
      on conflict (notice_id) do update set notice = excluded.notice, social = excluded.social
    )
    select written.notice_id, written.inserted, previous.year, previous.buyer_country, previous.buyer_key
    from written left join previous on previous.notice_id = written.notice_id`,
  );
  for (const row of rows) {
    written.set(row.notice_id, row.inserted ? 'stored' : 'updated');
    if (!row.inserted && row.buyer_key !== null) {
      replaced.slices.push(sliceOf(row.year === null ? null : Number(row.year), row.buyer_country));
      replaced.buyerKeys.push(row.buyer_key);
    }
  }
  return { written, replaced };
}

/** Where a buyer's organisation number leads: an organisation, and a unit when a unit carries the number. */
export interface OrganisationMatch {
  organisationId: string;
  unitId: string;
}

/**
 * Organisation numbers (10 digits, no dash) of organisations and their units, mapped to the unit a
 * matched procurement belongs to: the unit carrying the number, else the organisation's first root
 * unit. Limited to one organisation when `onlyOrganisationId` is given (uploads through the API).
 */
export async function loadOrganisationIndex(db: Database, onlyOrganisationId: string | null): Promise<Map<string, OrganisationMatch[]>> {
  const orgFilter = onlyOrganisationId === null ? sql`true` : eq(organisations.id, onlyOrganisationId);
  const orgRows = await db.select({ id: organisations.id, number: organisations.organisationNumber }).from(organisations).where(orgFilter);
  const unitRows = await db
    .select({ id: units.id, organisationId: units.organisationId, parentId: units.parentId, number: units.organisationNumber })
    .from(units)
    .innerJoin(organisations, eq(organisations.id, units.organisationId))
    .where(orgFilter)
    .orderBy(asc(units.createdAt), asc(units.code));
  const rootUnit = new Map<string, string>();
  for (const unit of unitRows) if (unit.parentId === null && !rootUnit.has(unit.organisationId)) rootUnit.set(unit.organisationId, unit.id);
  const index = new Map<string, OrganisationMatch[]>();
  const add = (number: string | null, match: OrganisationMatch) => {
    const digits = number?.replace(/\D/g, '') ?? '';
    if (digits.length !== 10) return;
    const list = index.get(digits) ?? [];
    // One match per organisation and number: a unit's own number wins over the organisation's.
    const existing = list.findIndex((m) => m.organisationId === match.organisationId);
    if (existing >= 0) list[existing] = match;
    else list.push(match);
    index.set(digits, list);
  };
  for (const org of orgRows) {
    const unitId = rootUnit.get(org.id);
    if (unitId !== undefined) add(org.number, { organisationId: org.id, unitId });
  }
  for (const unit of unitRows) add(unit.number, { organisationId: unit.organisationId, unitId: unit.id });
  return index;
}

/** The procurement an earlier import linked this notice to in the organisation's register, or null. */
export async function findLinkedProcurementId(db: Database, organisationId: string, noticeId: string): Promise<string | null> {
  const [linked] = await db
    .select({ procurementId: noticeProcurementLinks.procurementId })
    .from(noticeProcurementLinks)
    .where(and(eq(noticeProcurementLinks.organisationId, organisationId), eq(noticeProcurementLinks.noticeId, noticeId)))
    .limit(1);
  return linked?.procurementId ?? null;
}

export async function upsertNoticeLink(
  db: Database,
  link: { organisationId: string; procurementId: string; noticeId: string; noticeVersion: string | null; notes: string[] },
  now: Date,
): Promise<void> {
  await db
    .insert(noticeProcurementLinks)
    .values({ ...link, linkedAt: now })
    .onConflictDoUpdate({
      target: [noticeProcurementLinks.organisationId, noticeProcurementLinks.noticeId],
      set: { procurementId: link.procurementId, noticeVersion: link.noticeVersion, notes: link.notes, linkedAt: now },
    });
}

export interface ImportCounts {
  readCount: number;
  storedCount: number;
  updatedCount: number;
  skippedCount: number;
  failedCount: number;
  matchedCount: number;
  failures: Array<{ file: string; error: string }>;
}

/** Why an import slot was refused, and when to try again. */
export type ImportSlot = { ok: true; id: string } | { ok: false; reason: 'organisation' | 'server'; retryAfterSeconds: number };

/** Every process serialises slot claims on this advisory lock, so the limits hold across server processes. */
const IMPORT_SLOT_LOCK = sql`pg_advisory_xact_lock(hashtext('hansyn.notice_imports.slots'))`;

/**
 * Marks running imports whose importer stopped renewing the heartbeat (a crash, a kill) as failed,
 * keeping the counts they recorded. With `all`, every running import is marked (used at start on
 * the embedded database, which only one process can open).
 */
export async function failAbandonedImports(db: Database, now: Date, options: { leaseSeconds: number; all?: boolean }): Promise<number> {
  const expired = options.all === true ? sql`true` : sql`${noticeImports.heartbeatAt} < ${new Date(now.getTime() - options.leaseSeconds * 1000)}`;
  const rows = await db
    .update(noticeImports)
    .set({ status: 'failed', finishedAt: now, error: 'interrupted: the importing process stopped (crash or restart); the counts are what it stored' })
    .where(and(eq(noticeImports.status, 'running'), expired))
    .returning({ id: noticeImports.id });
  return rows.length;
}

/**
 * Starts an import as `running` if the limits allow: at most one running upload per organisation
 * and `maxRunningUploads` running uploads in all (operator imports from the CLI run in their own
 * process and are not limited). The claim is one transaction under an advisory lock, so two
 * processes cannot both take the last slot; abandoned imports are failed first.
 */
export async function claimImportSlot(
  db: Database,
  values: { organisationId: string | null; actorUserId: string | null; actorLabel: string; source: string; startedAt: Date },
  limits: { maxRunningUploads: number; leaseSeconds: number },
): Promise<ImportSlot> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select ${IMPORT_SLOT_LOCK}`);
    await failAbandonedImports(tx, values.startedAt, { leaseSeconds: limits.leaseSeconds });
    if (values.organisationId !== null) {
      const running = await tx
        .select({ organisationId: noticeImports.organisationId, heartbeatAt: noticeImports.heartbeatAt })
        .from(noticeImports)
        .where(and(eq(noticeImports.status, 'running'), sql`${noticeImports.organisationId} is not null`));
      // Retry once the oldest heartbeat could have expired, but not sooner than a few seconds.
      const retryAfterSeconds = Math.max(5, Math.min(limits.leaseSeconds, 30));
      if (running.some((r) => r.organisationId === values.organisationId)) return { ok: false, reason: 'organisation', retryAfterSeconds };
      if (running.length >= limits.maxRunningUploads) return { ok: false, reason: 'server', retryAfterSeconds };
    }
    const [row] = await tx
      .insert(noticeImports)
      .values({ ...values, status: 'running', heartbeatAt: values.startedAt })
      .returning({ id: noticeImports.id });
    return { ok: true, id: row!.id };
  });
}

/** Records progress and renews the heartbeat of a running import. */
export async function recordImportProgress(db: Database, id: string, counts: ImportCounts, now: Date): Promise<void> {
  await db
    .update(noticeImports)
    .set({ ...counts, heartbeatAt: now })
    .where(and(eq(noticeImports.id, id), eq(noticeImports.status, 'running')));
}

/** Ends an import: `finished`, or `failed` with the error that stopped it. */
export async function finishImport(
  db: Database,
  id: string,
  values: ImportCounts & { finishedAt: Date; error?: string },
): Promise<void> {
  const { error, ...rest } = values;
  await db
    .update(noticeImports)
    .set({ ...rest, status: error === undefined ? 'finished' : 'failed', error: error ?? null, heartbeatAt: values.finishedAt })
    .where(eq(noticeImports.id, id));
}

/** Imports an organisation may see: its own uploads and operator (CLI) imports. */
export async function listImports(db: Database, organisationId: string, limit: number) {
  return db
    .select()
    .from(noticeImports)
    .where(or(eq(noticeImports.organisationId, organisationId), isNull(noticeImports.organisationId)))
    .orderBy(desc(noticeImports.startedAt), desc(noticeImports.id))
    .limit(limit);
}

/** The linked notices of one procurement of an organisation, newest first. */
export async function listLinkedNotices(db: Database, organisationId: string, procurementId: string) {
  return db
    .select({
      noticeId: notices.noticeId,
      version: notices.version,
      publicationId: notices.publicationId,
      noticeType: notices.noticeType,
      formType: notices.formType,
      issueDate: notices.issueDate,
      hasSocial: notices.hasSocial,
      hasEmployment: notices.hasEmployment,
      socialCodes: notices.socialCodes,
      social: noticeDocuments.social,
      notes: noticeProcurementLinks.notes,
      linkedAt: noticeProcurementLinks.linkedAt,
    })
    .from(noticeProcurementLinks)
    .innerJoin(notices, eq(notices.noticeId, noticeProcurementLinks.noticeId))
    .innerJoin(noticeDocuments, eq(noticeDocuments.noticeId, notices.noticeId))
    .where(and(eq(noticeProcurementLinks.organisationId, organisationId), eq(noticeProcurementLinks.procurementId, procurementId)))
    .orderBy(desc(notices.issueDate), asc(notices.noticeId));
}

/** A (year, buyer country) slice of the market cells; '' and 0 stand for unknown. */
export interface MarketSlice {
  year: number;
  country: string;
}

export const sliceOf = (year: number | null, country: string | null): MarketSlice => ({ year: year ?? 0, country: country ?? '' });

/**
 * What a change of notices touches in the pre-aggregated market tables: (year, country) slices of
 * `notice_market_cells` and buyer keys of `notice_market_buyers`.
 */
export interface MarketChanges {
  slices: MarketSlice[];
  buyerKeys: string[];
}

/** Above this many slices a refresh recomputes everything (one scan beats many). */
const FULL_REFRESH_SLICES = 50;

/**
 * Recomputes the market cells of some (year, country) slices, or of all, from `notices`, in one
 * transaction. The caller passes every slice whose notices changed.
 */
export async function refreshMarketCells(db: Database, slices: readonly MarketSlice[] | 'all'): Promise<void> {
  if (slices !== 'all' && slices.length === 0) return;
  const all = slices === 'all' || slices.length > FULL_REFRESH_SLICES;
  const year = sql`coalesce(${notices.year}, 0)`;
  const country = sql`coalesce(${notices.buyerCountry}, '')`;
  // The market figures are everyone's: only notices from the trusted source count (decision 0311).
  const inSlices = all
    ? sql`${notices.provenance} = 'ted'`
    : sql`${notices.provenance} = 'ted' and (${year}, ${country}) in (${sql.join(
        (slices as readonly MarketSlice[]).map((s) => sql`(${s.year}::smallint, ${s.country}::text)`),
        sql`, `,
      )})`;
  const cellsInSlices = all
    ? sql`true`
    : sql`(year, country) in (${sql.join((slices as readonly MarketSlice[]).map((s) => sql`(${s.year}::smallint, ${s.country}::text)`), sql`, `)})`;
  const measures = sql`count(*), count(*) filter (where ${notices.hasSocial}), count(*) filter (where ${notices.hasEmployment}),
    coalesce(sum(${notices.estimatedValueAmount}), 0), coalesce(sum(${notices.socialValueAmount}), 0)`;
  const dimensions = sql`${year}, ${country}, coalesce(${notices.mainNature}, ''), coalesce(${notices.cpvDivision}, '')`;
  const currency = sql`coalesce(${notices.estimatedValueCurrency}, '')`;
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from ${noticeMarketCells} where ${cellsInSlices}`);
    await tx.execute(sql`
      insert into ${noticeMarketCells} (year, country, contract_nature, cpv_division, social_code, currency,
        notices, notices_with_social, notices_with_employment, estimated_value, value_with_social)
      select ${dimensions}, '', ${currency}, ${measures}
      from ${notices} where ${inSlices}
      group by 1, 2, 3, 4, 6
      union all
      select ${dimensions}, code, ${currency}, ${measures}
      from ${notices}
      cross join lateral unnest(case when cardinality(${notices.socialCodes}) = 0 then array['none']::text[] else ${notices.socialCodes} end) as code
      where ${inSlices}
      group by 1, 2, 3, 4, 5, 6
      on conflict on constraint notice_market_cells_pkey do update set
        notices = excluded.notices, notices_with_social = excluded.notices_with_social,
        notices_with_employment = excluded.notices_with_employment,
        estimated_value = excluded.estimated_value, value_with_social = excluded.value_with_social`);
  });
}

/**
 * Above this many buyer keys a refresh recomputes every buyer: one scan of `notices` beats that
 * many index lookups, and the keys travel as one JSON parameter either way.
 */
const FULL_REFRESH_BUYERS = 10_000;

/**
 * Recomputes the buyer directory (`notice_market_buyers`) and its per-currency measures
 * (`notice_market_buyer_cells`) for some buyer keys, or for all, from `notices`, in one transaction.
 * The caller passes every key whose notices changed (the old key of a replaced notice too); a key
 * left without notices loses its rows.
 */
export async function refreshMarketBuyers(db: Database, buyerKeys: readonly string[] | 'all'): Promise<void> {
  if (buyerKeys !== 'all' && buyerKeys.length === 0) return;
  const all = buyerKeys === 'all' || new Set(buyerKeys).size > FULL_REFRESH_BUYERS;
  // `= any(array(…))` makes the key list an init plan, so both databases look the keys up in the
  // buyer_key index instead of planning a join against a function of unknown size.
  const keys = all ? null : sql`array(select jsonb_array_elements_text(${JSON.stringify([...new Set(buyerKeys as readonly string[])])}::jsonb))`;
  const noticesOfKeys = keys === null ? sql`${notices.provenance} = 'ted'` : sql`${notices.provenance} = 'ted' and ${notices.buyerKey} = any(${keys})`;
  const rowsOfKeys = keys === null ? sql`true` : sql`buyer_key = any(${keys})`;
  const counts = sql`count(*), count(*) filter (where ${notices.hasSocial}), count(*) filter (where ${notices.hasEmployment})`;
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from ${noticeMarketBuyers} where ${rowsOfKeys}`);
    await tx.execute(sql`delete from ${noticeMarketBuyerCells} where ${rowsOfKeys}`);
    await tx.execute(sql`
      insert into ${noticeMarketBuyers} (buyer_key, label, names, notices, notices_with_social, notices_with_employment)
      select ${notices.buyerKey}, min(${notices.buyerName}), string_agg(distinct array_to_string(${notices.buyerNames}, ' '), E'\\n'), ${counts}
      from ${notices} where ${noticesOfKeys}
      group by ${notices.buyerKey}`);
    await tx.execute(sql`
      insert into ${noticeMarketBuyerCells} (buyer_key, currency, notices, notices_with_social, notices_with_employment, estimated_value, value_with_social)
      select ${notices.buyerKey}, coalesce(${notices.estimatedValueCurrency}, ''), ${counts},
        coalesce(sum(${notices.estimatedValueAmount}), 0), coalesce(sum(${notices.socialValueAmount}), 0)
      from ${notices} where ${noticesOfKeys}
      group by 1, 2`);
  });
}

/** Brings every pre-aggregated market table up to date after notices changed. */
export async function refreshMarketAggregates(db: Database, changes: MarketChanges | 'all'): Promise<void> {
  await refreshMarketCells(db, changes === 'all' ? 'all' : changes.slices);
  await refreshMarketBuyers(db, changes === 'all' ? 'all' : changes.buyerKeys);
}

/**
 * Refreshes the planner's statistics of the notice store and its market aggregates. The embedded
 * database runs no autovacuum, so after a large import nothing else does, and the market queries
 * would pick poor plans.
 */
export async function analyzeNoticeTables(db: Database): Promise<void> {
  await db.execute(sql`analyze ${notices}, ${noticeMarketCells}, ${noticeMarketBuyers}, ${noticeMarketBuyerCells}, ${noticeProcurementLinks}`);
}

/** How many notices are stored, and the market's cells and buyers derived from them. */
export async function countMarketFigures(db: Database): Promise<{ notices: number; cells: number; buyers: number }> {
  const [stored] = await db.select({ n: count() }).from(notices);
  const [cells] = await db.select({ n: count() }).from(noticeMarketCells);
  const [buyers] = await db.select({ n: count() }).from(noticeMarketBuyers);
  return { notices: stored?.n ?? 0, cells: cells?.n ?? 0, buyers: buyers?.n ?? 0 };
}
