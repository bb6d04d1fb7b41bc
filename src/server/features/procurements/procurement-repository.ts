import { and, asc, desc, eq, gte, inArray, isNull, lt, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { preparedStatement, readExecutor, type Database } from '../../../db/client.js';
import { appliedRequirements, organisations, procurementDecisions, procurementLots, procurements, registerVersions, screenings, units, users } from '../../../db/schema/index.js';
import type { ProcurementDraft } from '../../../domain/procurement/validate-procurement.js';
import type { ProcurementStatus } from '../../../domain/procurement/procurement.js';
import type { ScreeningRecommendation as Recommendation } from '../../../domain/screening/screen-procurement.js';
import type { LocalizedText } from '../../../domain/shared/localized-text.js';

/** The current screening and the decision, as the register shows them (screening and decisions features). */
export interface SocialSummary {
  screening: { recommendation: Recommendation; summary: LocalizedText; missingFacts: string[]; policyVersion: number; screenedAt: Date } | null;
  decision: { kind: 'apply' | 'none'; revision: number; decidedAt: Date; hasSocialConsiderations: boolean } | null;
}

export interface ProcurementRecord extends ProcurementDraft, SocialSummary {
  id: string;
  organisationId: string;
  status: ProcurementStatus;
  version: number;
  unit: { id: string; code: string; name: string };
  responsible: { id: string; displayName: string } | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ListFilter {
  unitIds?: string[] | undefined;
  statuses?: ProcurementStatus[] | undefined;
  contractNature?: string | undefined;
  year?: number | undefined;
  cpvDivision?: string | undefined;
  q?: string | undefined;
  /** The current screening's recommendation, or `none` for procurements not screened. */
  screening?: Recommendation | 'none' | undefined;
  /**
   * `undecided`: the support function's work queue — recommended or needs_assessment, no
   * decision yet, and still decidable (planned or in preparation).
   */
  queue?: 'undecided' | undefined;
}

export interface ListOptions extends ListFilter {
  sort: string;
  limit: number;
  offset: number;
}

const SORT_COLUMNS = {
  referenceNumber: procurements.referenceNumber,
  title: procurements.title,
  contractStart: procurements.contractStart,
  estimatedValueOre: procurements.estimatedValueOre,
  status: procurements.status,
  updatedAt: procurements.updatedAt,
  createdAt: procurements.createdAt,
} as const;

/**
 * Turns free text into a prefix tsquery with the Swedish configuration, so "städ skol"
 * finds "Städning av skolor". Only letters and digits survive, so user input can never
 * become tsquery syntax.
 */
export function toPrefixQuery(text: string): string | null {
  const words = text
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8);
  return words.length === 0 ? null : words.map((w) => `${w}:*`).join(' & ');
}

/** The year filter's half-open range on the contract start: the first day of the year and of the next. */
export function yearRange(year: number): [from: string, to: string] {
  return [`${year}-01-01`, `${year + 1}-01-01`];
}

/** The CPV division filter's half-open range of codes ('90' → 90000000 up to 91000000). */
export function cpvDivisionRange(division: string): [from: string, to: string] {
  return [`${division}000000`, `${String(Number(division) + 1).padStart(2, '0')}000000`];
}

/** The support function's work queue (`queue=undecided`): these recommendations, no decision, these statuses. */
export const UNDECIDED_QUEUE = {
  recommendations: ['recommended', 'needs_assessment'] as const satisfies readonly Recommendation[],
  statuses: ['planned', 'in_preparation'] as const satisfies readonly ProcurementStatus[],
};

export type ListSortKey = keyof typeof SORT_COLUMNS;

/** A sort parameter as its key (an unknown one sorts by last change) and direction. */
export function sortOf(sort: string): { key: ListSortKey; descending: boolean } {
  const named = sort.replace(/^-/, '');
  return { key: Object.hasOwn(SORT_COLUMNS, named) ? (named as ListSortKey) : 'updatedAt', descending: sort.startsWith('-') };
}

/** The WHERE conditions of the register list; shared with the export so both match the same rows. */
export function filterConditions(organisationId: string, filter: ListFilter): SQL[] {
  const conditions: SQL[] = [eq(procurements.organisationId, organisationId)];
  if (filter.unitIds && filter.unitIds.length > 0) conditions.push(inArray(procurements.unitId, filter.unitIds));
  if (filter.statuses && filter.statuses.length > 0) conditions.push(inArray(procurements.status, filter.statuses));
  if (filter.contractNature) conditions.push(eq(procurements.contractNature, filter.contractNature as 'services'));
  if (filter.year !== undefined) {
    const [from, to] = yearRange(filter.year);
    conditions.push(gte(procurements.contractStart, from), lt(procurements.contractStart, to));
  }
  if (filter.cpvDivision) {
    const [from, to] = cpvDivisionRange(filter.cpvDivision);
    conditions.push(gte(procurements.mainCpv, from), lt(procurements.mainCpv, to));
  }
  if (filter.q) {
    const query = toPrefixQuery(filter.q);
    if (query) conditions.push(sql`${procurements.searchVector} @@ to_tsquery('swedish', ${query})`);
  }
  if (filter.screening === 'none') conditions.push(isNull(screenings.id));
  else if (filter.screening) conditions.push(eq(screenings.recommendation, filter.screening));
  if (filter.queue === 'undecided') {
    conditions.push(
      inArray(screenings.recommendation, [...UNDECIDED_QUEUE.recommendations]),
      isNull(procurementDecisions.id),
      inArray(procurements.status, [...UNDECIDED_QUEUE.statuses]),
    );
  }
  return conditions;
}

/** ORDER BY of the register list: the sort field (nulls last), then id, so the order is total. */
export function orderByOf(sort: string): SQL[] {
  const { key, descending } = sortOf(sort);
  const column = SORT_COLUMNS[key];
  return [descending ? sql`${column} desc nulls last` : sql`${column} asc nulls last`, descending ? desc(procurements.id) : asc(procurements.id)];
}
/**
 * A procurement's unit, found through the organisation's own units (the unit index leads with the
 * organisation), so a page of rows joins a few units instead of hashing every organisation's.
 */
const unitOfProcurement = and(eq(units.id, procurements.unitId), eq(units.organisationId, procurements.organisationId));
/** Joins the current screening and the decision: at most one row each per procurement. */
const currentScreeningJoin = and(eq(screenings.procurementId, procurements.id), eq(screenings.isCurrent, true));
const decisionJoin = eq(procurementDecisions.procurementId, procurements.id);
const hasSocialConsiderations = sql<boolean>`(${procurementDecisions.kind} = 'apply' and exists (select 1 from ${appliedRequirements} where ${appliedRequirements.decisionId} = ${procurementDecisions.id}))`;

export interface ListRow {
  id: string;
  referenceNumber: string;
  title: string;
  unit: { id: string; code: string; name: string };
  contractNature: ProcurementDraft['contractNature'];
  mainCpv: string;
  estimatedValueOre: number | null;
  contractStart: string | null;
  durationMonths: number | null;
  labourNeedFte: number | null;
  status: ProcurementStatus;
  lotCount: number;
  screening: Recommendation | null;
  decision: 'apply' | 'none' | null;
  updatedAt: Date;
}

/** The columns of a register list row (the list and the register snapshot read the same). */
const listColumns = {
  id: procurements.id,
  referenceNumber: procurements.referenceNumber,
  title: procurements.title,
  unitId: units.id,
  unitCode: units.code,
  unitName: units.name,
  contractNature: procurements.contractNature,
  mainCpv: procurements.mainCpv,
  estimatedValueOre: procurements.estimatedValueOre,
  contractStart: procurements.contractStart,
  durationMonths: procurements.durationMonths,
  labourNeedFte: procurements.labourNeedFte,
  status: procurements.status,
  lotCount: sql<number>`(select count(*)::int from ${procurementLots} where ${procurementLots.procurementId} = ${procurements.id})`,
  screening: screenings.recommendation,
  decision: procurementDecisions.kind,
  updatedAt: procurements.updatedAt,
} as const;

/** A row of listColumns as read (the unit flat; screening and decision come from left joins). */
type ListColumnsRow = Omit<ListRow, 'unit'> & { unitId: string; unitCode: string; unitName: string };

/** A row of listColumns as the register list shows it. */
function toListRow(r: ListColumnsRow): ListRow {
  return {
    id: r.id,
    referenceNumber: r.referenceNumber,
    title: r.title,
    unit: { id: r.unitId, code: r.unitCode, name: r.unitName },
    contractNature: r.contractNature,
    mainCpv: r.mainCpv,
    estimatedValueOre: r.estimatedValueOre,
    contractStart: r.contractStart,
    durationMonths: r.durationMonths,
    labourNeedFte: r.labourNeedFte,
    status: r.status,
    lotCount: Number(r.lotCount),
    screening: r.screening,
    decision: r.decision,
    updatedAt: r.updatedAt,
  };
}

/**
 * One page of the register and the total count, in one statement: the count is an uncorrelated
 * scalar subquery (evaluated once, over the procurements alone plus the joins a filter needs),
 * which costs less than a `count(*) over ()` window over every joined match and saves the round
 * trip of a second statement. Only a page past the end (no rows to carry the count) counts apart.
 */
export async function listProcurements(db: Database, organisationId: string, options: ListOptions): Promise<{ rows: ListRow[]; total: number }> {
  const where = and(...filterConditions(organisationId, options));
  // Named statements per distinct SQL text on PGlite (decision 0912): a filter and sort seen before
  // is only bound and executed.
  const reader = readExecutor(db);
  // The current screening and the decision join at most one row each, so the count needs them
  // only when a filter reads them.
  const countable = reader.select({ n: sql<number>`count(*)` }).from(procurements).$dynamic();
  const counted = (options.screening || options.queue ? countable.leftJoin(screenings, currentScreeningJoin).leftJoin(procurementDecisions, decisionJoin) : countable).where(where);
  const rows = await reader
    .select({
      ...listColumns,
      total: sql<number>`(${counted})`.mapWith(Number),
    })
    .from(procurements)
    .innerJoin(units, unitOfProcurement)
    .leftJoin(screenings, currentScreeningJoin)
    .leftJoin(procurementDecisions, decisionJoin)
    .where(where)
    .orderBy(...orderByOf(options.sort))
    .limit(options.limit)
    .offset(options.offset);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && options.offset > 0) total = Number((await counted)[0]?.n ?? 0);
  return {
    total,
    rows: rows.map(toListRow),
  };
}

/** The sort keys of the register list (orderByOf), each ranked in a register snapshot. */
export const LIST_SORT_KEYS = Object.keys(SORT_COLUMNS) as ListSortKey[];

/** Per sort key, a row's place in `key asc nulls last, id asc` and whether its value is null. */
export type SortRanks = Record<ListSortKey, { rank: number; isNull: boolean }>;

const rankColumns = Object.fromEntries(
  LIST_SORT_KEYS.flatMap((key) => {
    const column = SORT_COLUMNS[key];
    return [
      [`rank_${key}`, sql<number>`row_number() over (order by ${column} asc nulls last, ${procurements.id} asc)`.mapWith(Number)],
      [`null_${key}`, sql<boolean>`(${column} is null)`],
    ];
  }),
) as Record<string, SQL.Aliased | SQL>;

/** The organisation's register version in the same statement (0 before its first write). */
const versionOfOrganisation = sql<number>`coalesce((select ${registerVersions.version} from ${registerVersions} where ${registerVersions.organisationId} = ${sql.placeholder('organisationId')}), 0)`.mapWith(Number);

/**
 * Every procurement of the organisation as a list row, with its place in each sort order as the
 * database collates it (a register snapshot, decision 0913), a digest of what free-text search
 * reads (its search vector) and the register version the rows are at. Null when the organisation
 * has more than `maxRows`: the caller then lists with SQL.
 */
const registerRowsStatement = preparedStatement('register_rows', (db) =>
  db
    .select({ ...listColumns, ...rankColumns, searchDigest: sql<string>`md5(${procurements.searchVector}::text)`, registerVersion: versionOfOrganisation })
    .from(procurements)
    .innerJoin(units, unitOfProcurement)
    .leftJoin(screenings, currentScreeningJoin)
    .leftJoin(procurementDecisions, decisionJoin)
    .where(eq(procurements.organisationId, sql.placeholder('organisationId')))
    .limit(sql.placeholder('limit')),
);

/** A register list row beside its places in the sort orders and the digest of its search vector. */
export interface RegisterRow {
  row: ListRow;
  ranks: SortRanks;
  searchDigest: string;
}

/**
 * An organisation's whole register as list rows and the register version they are at (the
 * organisation's version when it has no procurement); null when it has more than `maxRows`. The
 * row is toListRow's own object, not a copy spread with its ranks: a spread copy's hidden class
 * differs per statement, and the snapshot's filters, which read every row of every list, ran three
 * times slower over them (decision 0916).
 */
export async function registerRows(db: Database, organisationId: string, maxRows: number): Promise<{ rows: RegisterRow[]; version: number } | null> {
  const rows = (await registerRowsStatement(db).execute({ organisationId, limit: maxRows + 1 })) as unknown as Array<
    ListColumnsRow & { searchDigest: string; registerVersion: number } & Record<string, unknown>
  >;
  if (rows.length > maxRows) return null;
  const version = rows.length > 0 ? rows[0]!.registerVersion : await registerVersion(db, organisationId);
  return {
    version,
    rows: rows.map((r) => ({
      row: toListRow(r),
      ranks: Object.fromEntries(LIST_SORT_KEYS.map((key) => [key, { rank: Number(r[`rank_${key}`]), isNull: Boolean(r[`null_${key}`]) }])) as SortRanks,
      searchDigest: r.searchDigest,
    })),
  };
}

const searchStatement = preparedStatement('register_search', (db) =>
  db
    .select({
      ids: sql<string[]>`array(select ${procurements.id} from ${procurements} where ${procurements.organisationId} = ${sql.placeholder('organisationId')} and ${procurements.searchVector} @@ to_tsquery('swedish', ${sql.placeholder('query')}))`,
      version: versionOfOrganisation,
    })
    .from(sql`(select 1) as one`),
);

/**
 * The ids of the organisation's procurements that a prefix tsquery (toPrefixQuery) finds, as
 * filterConditions' `q`, and the register version they were found at (one statement, so exact).
 */
export async function searchProcurementIds(db: Database, organisationId: string, prefixQuery: string): Promise<{ ids: Set<string>; version: number }> {
  const [found] = await searchStatement(db).execute({ organisationId, query: prefixQuery });
  return { ids: new Set(found!.ids), version: found!.version };
}

/** Read before every cached list answer on a PostgreSQL server: prepared by name (decision 0912). */
const registerVersionStatement = preparedStatement('register_version', (db) =>
  db.select({ version: registerVersions.version }).from(registerVersions).where(eq(registerVersions.organisationId, sql.placeholder('organisationId'))),
);

/** The organisation's register version (0 before its first write); see list-cache.ts. */
export async function registerVersion(db: Database, organisationId: string): Promise<number> {
  const [row] = await registerVersionStatement(db).execute({ organisationId });
  return row?.version ?? 0;
}

/** A procurement's lots as one JSON array, ordered by lot number (in the page's one expression). */
const lotsJson = sql`(select coalesce(json_agg(json_build_object('lotNumber', ${procurementLots.lotNumber}, 'title', ${procurementLots.title}, 'mainCpv', ${procurementLots.mainCpv}, 'estimatedValueOre', ${procurementLots.estimatedValueOre}, 'durationMonths', ${procurementLots.durationMonths}) order by ${procurementLots.lotNumber}), '[]'::json) from ${procurementLots} where ${procurementLots.procurementId} = ${procurements.id})`;

/** The responsible person, by another name than `users` (the caller statement reads `users` too). */
const responsible = alias(users, 'responsible');

/**
 * The procurement page as one JSON value: the procurement's own columns (not its search vector,
 * which only the list's search reads), its unit, responsible person, current screening, decision
 * and lots; null when the organisation has no procurement with the id (`pageId` placeholder).
 * One expression for both ways the page is read (decision 0915): on its own (`findProcurement`)
 * and inside the caller's statement (`PAGE_RIDER`), so both map the same JSON with `pageFromJson`.
 */
function procurementPageJson(organisationId: SQLWrapper): SQL<PageJson | null> {
  // Nested once: Drizzle writes a select field's own columns without their table when the
  // statement reads one table (the organisation's row), and here every column needs its table.
  const page = sql`(select json_build_object(
    'id', ${procurements.id}, 'organisationId', ${procurements.organisationId}, 'referenceNumber', ${procurements.referenceNumber},
    'title', ${procurements.title}, 'description', ${procurements.description}, 'unitId', ${procurements.unitId},
    'unitCode', ${units.code}, 'unitName', ${units.name},
    'responsibleUserId', ${procurements.responsibleUserId}, 'responsibleName', ${responsible.displayName},
    'contractNature', ${procurements.contractNature}, 'mainCpv', ${procurements.mainCpv}, 'additionalCpv', ${procurements.additionalCpv},
    'estimatedValueOre', ${procurements.estimatedValueOre}, 'contractStart', ${procurements.contractStart},
    'durationMonths', ${procurements.durationMonths}, 'extensionMonths', ${procurements.extensionMonths},
    'procedureType', ${procurements.procedureType}, 'labourNeedFte', ${procurements.labourNeedFte}, 'status', ${procurements.status},
    'version', ${procurements.version}, 'createdAt', ${procurements.createdAt}, 'updatedAt', ${procurements.updatedAt},
    'screening', case when ${screenings.id} is null then null else json_build_object('recommendation', ${screenings.recommendation}, 'summary', ${screenings.result}->'summary', 'missingFacts', ${screenings.result}->'missingFacts', 'policyVersion', ${screenings.policyVersion}, 'screenedAt', ${screenings.createdAt}) end,
    'decision', case when ${procurementDecisions.id} is null then null else json_build_object('kind', ${procurementDecisions.kind}, 'revision', ${procurementDecisions.revision}, 'decidedAt', ${procurementDecisions.decidedAt}, 'hasSocialConsiderations', ${hasSocialConsiderations}) end,
    'lots', ${lotsJson})
  from ${procurements}
  inner join ${units} on ${unitOfProcurement}
  left join ${users} ${responsible} on ${responsible.id} = ${procurements.responsibleUserId}
  left join ${screenings} on ${currentScreeningJoin}
  left join ${procurementDecisions} on ${decisionJoin}
  where ${procurements.organisationId} = ${organisationId} and ${procurements.id} = ${sql.placeholder('pageId')}
  limit 1)`;
  return sql<PageJson | null>`${page}`;
}

/**
 * The page riding in the caller's statement (decision 0915): a page request whose caller is read
 * from the database makes one round trip. Placeholders: `pageId`, and the organisation and
 * register version of the copy this process holds (`pageCachedOrg`, `pageCachedAt`, null for
 * none): when that copy is current the page is not read again and the value is null.
 */
export const PAGE_RIDER = {
  name: 'procurement_page',
  value: (organisationId: SQLWrapper) =>
    sql<PageJson | null>`case when ${organisationId} = ${sql.placeholder('pageCachedOrg')} and (select ${registerVersions.version} from ${registerVersions} where ${registerVersions.organisationId} = ${organisationId}) = ${sql.placeholder('pageCachedAt')} then null else ${procurementPageJson(organisationId)} end`,
} as const;

/** The page as `procurementPageJson` builds it: what JSON carries (timestamps as ISO text). */
export interface PageJson {
  id: string;
  organisationId: string;
  referenceNumber: string;
  title: string;
  description: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  responsibleUserId: string | null;
  responsibleName: string | null;
  contractNature: ProcurementDraft['contractNature'];
  mainCpv: string;
  additionalCpv: string[];
  estimatedValueOre: number | null;
  contractStart: string | null;
  durationMonths: number | null;
  extensionMonths: number | null;
  procedureType: string | null;
  labourNeedFte: number | null;
  status: ProcurementStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  screening: { recommendation: Recommendation; summary: LocalizedText; missingFacts: string[]; policyVersion: number; screenedAt: string } | null;
  decision: { kind: 'apply' | 'none'; revision: number; decidedAt: string; hasSocialConsiderations: boolean | null } | null;
  lots: ProcurementDraft['lots'];
}

/** The record of a page read as JSON (either way, decision 0915). */
export function pageFromJson(p: PageJson): ProcurementRecord {
  return {
    id: p.id,
    organisationId: p.organisationId,
    referenceNumber: p.referenceNumber,
    title: p.title,
    description: p.description,
    unitId: p.unitId,
    unit: { id: p.unitId, code: p.unitCode, name: p.unitName },
    responsibleUserId: p.responsibleUserId,
    responsible: p.responsibleUserId && p.responsibleName ? { id: p.responsibleUserId, displayName: p.responsibleName } : null,
    contractNature: p.contractNature,
    mainCpv: p.mainCpv,
    additionalCpv: p.additionalCpv,
    estimatedValueOre: p.estimatedValueOre,
    contractStart: p.contractStart,
    durationMonths: p.durationMonths,
    extensionMonths: p.extensionMonths,
    procedureType: p.procedureType as ProcurementDraft['procedureType'],
    labourNeedFte: p.labourNeedFte,
    status: p.status,
    version: p.version,
    createdAt: new Date(p.createdAt),
    updatedAt: new Date(p.updatedAt),
    screening: p.screening
      ? {
          recommendation: p.screening.recommendation,
          summary: p.screening.summary,
          missingFacts: p.screening.missingFacts,
          policyVersion: p.screening.policyVersion,
          screenedAt: new Date(p.screening.screenedAt),
        }
      : null,
    decision: p.decision
      ? { kind: p.decision.kind, revision: p.decision.revision, decidedAt: new Date(p.decision.decidedAt), hasSocialConsiderations: Boolean(p.decision.hasSocialConsiderations) }
      : null,
    lots: p.lots.map((l) => ({
      lotNumber: l.lotNumber,
      title: l.title,
      mainCpv: l.mainCpv,
      estimatedValueOre: l.estimatedValueOre === null ? null : Number(l.estimatedValueOre),
      durationMonths: l.durationMonths,
    })),
  };
}

/**
 * The page on its own: the JSON selected from the organisation's row, built once per executor
 * and prepared by name (parsed and planned once, decision 0912).
 */
const pageStatement = preparedStatement('procurement_page', (db) =>
  db
    .select({ page: procurementPageJson(sql.placeholder('organisationId')) })
    .from(organisations)
    .where(eq(organisations.id, sql.placeholder('organisationId'))),
);

/** One procurement with its unit, responsible person, current screening, decision and lots: one query. */
export async function findProcurement(db: Database, organisationId: string, id: string): Promise<ProcurementRecord | null> {
  const [row] = await pageStatement(db).execute({ organisationId, pageId: id });
  return row?.page ? pageFromJson(row.page) : null;
}

/** Which of the reference numbers are already used in the organisation (by another procurement than `exceptId`). */
export async function takenReferences(db: Database, organisationId: string, referenceNumbers: string[], exceptId?: string): Promise<Set<string>> {
  const taken = new Set<string>();
  const unique = [...new Set(referenceNumbers)];
  for (let i = 0; i < unique.length; i += 1000) {
    const rows = await db
      .select({ id: procurements.id, referenceNumber: procurements.referenceNumber })
      .from(procurements)
      .where(and(eq(procurements.organisationId, organisationId), inArray(procurements.referenceNumber, unique.slice(i, i + 1000))));
    for (const r of rows) if (r.id !== exceptId) taken.add(r.referenceNumber);
  }
  return taken;
}

function columnsOf(draft: ProcurementDraft) {
  return {
    referenceNumber: draft.referenceNumber,
    title: draft.title,
    description: draft.description,
    unitId: draft.unitId,
    responsibleUserId: draft.responsibleUserId,
    contractNature: draft.contractNature,
    mainCpv: draft.mainCpv,
    additionalCpv: draft.additionalCpv,
    estimatedValueOre: draft.estimatedValueOre,
    contractStart: draft.contractStart,
    durationMonths: draft.durationMonths,
    extensionMonths: draft.extensionMonths,
    procedureType: draft.procedureType,
    labourNeedFte: draft.labourNeedFte,
  };
}

async function replaceLots(db: Database, organisationId: string, procurementId: string, lots: ProcurementDraft['lots']): Promise<void> {
  await db.delete(procurementLots).where(and(eq(procurementLots.organisationId, organisationId), eq(procurementLots.procurementId, procurementId)));
  if (lots.length > 0) {
    await db.insert(procurementLots).values(lots.map((l) => ({ ...l, organisationId, procurementId })));
  }
}

export async function insertProcurement(db: Database, organisationId: string, draft: ProcurementDraft): Promise<string> {
  return (await insertProcurements(db, organisationId, [draft]))[0]!;
}

/** Inserts drafts (and their lots) in statements of 500 rows; returns the ids in the drafts' order. */
export async function insertProcurements(db: Database, organisationId: string, drafts: ProcurementDraft[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < drafts.length; i += 500) {
    const batch = drafts.slice(i, i + 500);
    const rows = await db
      .insert(procurements)
      .values(batch.map((draft) => ({ organisationId, ...columnsOf(draft) })))
      .returning({ id: procurements.id, referenceNumber: procurements.referenceNumber });
    // Matched by reference number (unique per organisation), not by trusting RETURNING's order.
    const byReference = new Map(rows.map((r) => [r.referenceNumber, r.id]));
    ids.push(...batch.map((d) => byReference.get(d.referenceNumber)!));
  }
  const lots = drafts.flatMap((draft, i) => draft.lots.map((l) => ({ ...l, organisationId, procurementId: ids[i]! })));
  for (let i = 0; i < lots.length; i += 500) await db.insert(procurementLots).values(lots.slice(i, i + 500));
  return ids;
}

/** Updates if `expectedVersion` is still current; returns false when someone else got there first. */
export async function updateProcurement(
  db: Database,
  organisationId: string,
  id: string,
  expectedVersion: number,
  draft: ProcurementDraft,
  now: Date,
): Promise<boolean> {
  const updated = await db
    .update(procurements)
    .set({ ...columnsOf(draft), version: sql`${procurements.version} + 1`, updatedAt: now })
    .where(and(eq(procurements.organisationId, organisationId), eq(procurements.id, id), eq(procurements.version, expectedVersion)))
    .returning({ id: procurements.id });
  if (updated.length === 0) return false;
  await replaceLots(db, organisationId, id, draft.lots);
  return true;
}

export async function setProcurementStatus(
  db: Database,
  organisationId: string,
  id: string,
  expectedVersion: number,
  status: ProcurementStatus,
  now: Date,
): Promise<boolean> {
  const updated = await db
    .update(procurements)
    .set({ status, version: sql`${procurements.version} + 1`, updatedAt: now })
    .where(and(eq(procurements.organisationId, organisationId), eq(procurements.id, id), eq(procurements.version, expectedVersion)))
    .returning({ id: procurements.id });
  return updated.length > 0;
}

export async function deleteProcurement(db: Database, organisationId: string, id: string): Promise<void> {
  await db.delete(procurements).where(and(eq(procurements.organisationId, organisationId), eq(procurements.id, id)));
}
