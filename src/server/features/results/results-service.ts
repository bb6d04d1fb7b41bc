import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { readTogether, type Database } from '../../../db/client.js';
import type { Actor } from '../../../domain/access/can.js';
import { valueOfPlacements, type PlacementAssumptions } from '../../../domain/effects/value-of-placements.js';
import { aggregateResults, presentMeasure, totalFullTimeMonths, type PublishedMeasure, type ResultMeasure, type ResultTables } from '../../../domain/results/aggregate-results.js';
import { stillEmployedAfterEnd, type StillEmployedFigure } from '../../../domain/results/still-employed.js';
import { buildDcatCatalogue, LICENCE_URI, type OpenLicence } from '../../../domain/results/dcat-catalogue.js';
import { REFERENCE_DIR } from '../../../paths.js';
import { assertCan, type Who } from '../../access.js';
import { notFound, validationFailed } from '../../errors.js';
import { recordAudit } from '../audit/audit-service.js';
import { goalFulfilment } from '../decisions/decision-service.js';
import { parameterSetFor, parameterYears } from '../effects/effects-service.js';
import {
  findLicence,
  findResultsOrganisation,
  findResultsOrganisationBySlug,
  listEmploymentContracts,
  listEndedPlacements,
  listGoals,
  listPlacementFacts,
  listSupplierNames,
  listTargetGroupLabels,
  listUnitNames,
  replaceGoal,
  saveLicence,
  unitBelongsTo,
  type EmploymentContractRow,
  type GoalRecord,
  type ResultsOrganisation,
} from './results-repository.js';
import type { DashboardViewType, GoalChangeBody, PublicResultsView } from './results-schemas.js';
import type { AnnualReport } from '../../../interop/report/annual-report.js';
import type { ListCache } from '../procurements/procurement-service.js';
import type { ResultsVersions } from './results-versions.js';

/**
 * The app's cache of computed results answers (the dashboard and the public results, each per
 * organisation, year, day and view), checked against the organisation's results version, which
 * triggers move in the same transaction as every write to what the answers read
 * (docs/decisions/0805, as 0202 and 0911 do for the register and the follow-up queue).
 */
export interface ResultsCache {
  cache: ListCache<unknown>;
  versions: ResultsVersions;
  onLookup?: (hit: boolean) => void;
}

/**
 * Serves an answer computed earlier while the organisation's results version is unchanged. The
 * version is read before computing, so a write that commits meanwhile makes the stored answer
 * newer than its version claims, never older. Answers are shared: callers never change them.
 */
async function throughCache<T>(cached: ResultsCache | null, organisationId: string, key: string, compute: () => Promise<T>): Promise<T> {
  if (cached === null) return compute();
  const version = await cached.versions.current(organisationId);
  const hit = cached.cache.get(organisationId, key, version) as T | undefined;
  cached.onLookup?.(hit !== undefined);
  if (hit !== undefined) return hit;
  // Requests that miss on the same answer and version wait for one computation instead of each
  // starting their own (the first request of the day would otherwise start dozens at once).
  const flight = `${organisationId} ${key} ${version}`;
  const flights = inFlight.get(cached.cache) ?? inFlight.set(cached.cache, new Map()).get(cached.cache)!;
  const running = flights.get(flight) as Promise<T> | undefined;
  if (running) return running;
  const computing = compute().finally(() => flights.delete(flight));
  flights.set(flight, computing);
  const answer = await computing;
  cached.cache.set(organisationId, key, version, answer);
  return answer;
}
/** Computations under way, per app cache. */
const inFlight = new WeakMap<object, Map<string, Promise<unknown>>>();

type Label = { sv: string; en: string };

let cpvLabels: Map<string, Label> | null = null;
function cpvDivisionLabel(division: string): Label {
  if (!cpvLabels) {
    const rows = parse(fs.readFileSync(path.join(REFERENCE_DIR, 'cpv', 'cpv-2008-en-sv.csv'), 'utf8'), { columns: true, skip_empty_lines: true }) as Array<{ code: string; label_en: string; label_sv: string }>;
    cpvLabels = new Map(rows.filter((r) => r.code.endsWith('000000')).map((r) => [r.code.slice(0, 2), { sv: r.label_sv, en: r.label_en }]));
  }
  return cpvLabels.get(division) ?? { sv: `CPV ${division}`, en: `CPV ${division}` };
}

let assumptions: PlacementAssumptions | null = null;
function placementAssumptions(): PlacementAssumptions {
  assumptions ??= JSON.parse(fs.readFileSync(path.join(REFERENCE_DIR, 'effects', 'placement-assumptions.json'), 'utf8')) as PlacementAssumptions;
  return assumptions;
}

const LICENCE_NAME: Record<OpenLicence, string> = { 'cc-by-4.0': 'Creative Commons Attribution 4.0 International (CC BY 4.0)', cc0: 'CC0 1.0 Universal (public domain dedication)' };

/**
 * Made once: building an `Intl.DateTimeFormat` costs about a millisecond, more than a whole cached
 * answer, and every results request needs today's date for its cache key.
 */
const SWEDISH_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' });

/** The day "today" is, in Sweden, for a result "as of". */
function swedishToday(now: Date): string {
  return SWEDISH_DATE.format(now);
}

/** Reads an organisation's results as an anonymous viewer: the public page and the public files. */
const publicReader = (organisationId: string): Actor => ({ userId: 'public', organisationId, memberships: [{ role: 'viewer', unitIds: null }] });

interface YearResults {
  org: ResultsOrganisation;
  year: number;
  asOf: string;
  tables: ResultTables;
  labels: { unit: Map<string, string>; targetGroup: Map<string, Label>; supplier: Map<string, { name: string; nationalId: string; country: string }> };
  value: PublicResultsView['value'];
  contracts: EmploymentContractRow[];
  stillEmployed: StillEmployedFigure;
}

async function yearResults(db: Database, org: ResultsOrganisation, year: number, now: Date): Promise<YearResults> {
  const asOf = swedishToday(now);
  const [facts, unit, targetGroup, supplier, contracts, ended] = await readTogether(db, [
    () => listPlacementFacts(db, org.id, year),
    () => listUnitNames(db, org.id),
    () => listTargetGroupLabels(db, org.id),
    () => listSupplierNames(db, org.id),
    () => listEmploymentContracts(db, org.id, year),
    () => listEndedPlacements(db, org.id, year)]);
  const tables = aggregateResults(facts, year, asOf);
  const years = parameterYears();
  const parameterYear = Math.min(Math.max(year, years[0]!), years[years.length - 1]!);
  const a = placementAssumptions();
  const v = valueOfPlacements(facts, year, asOf, { buyerType: org.kind === 'region' ? 'region' : 'municipality', municipalityCode: org.municipalityCode ?? undefined }, a, parameterSetFor(parameterYear)!);
  return {
    org,
    year,
    asOf,
    tables,
    labels: { unit, targetGroup, supplier },
    value: { actors: v.actors, totalOre: v.totalOre, parameterYear, fullTimeMonths: totalFullTimeMonths(tables), assumptions: a.source },
    contracts,
    stillEmployed: stillEmployedAfterEnd(ended, year, asOf),
  };
}

function labelled(r: YearResults, measure: ResultMeasure, unitId?: string) {
  const m: PublishedMeasure = presentMeasure(r.tables, measure, unitId);
  const unitLabel = (k: string): Label => ({ sv: r.labels.unit.get(k) ?? k, en: r.labels.unit.get(k) ?? k });
  const supplierLabel = (k: string): Label => ({ sv: r.labels.supplier.get(k)?.name ?? k, en: r.labels.supplier.get(k)?.name ?? k });
  const groupLabel = (k: string): Label => r.labels.targetGroup.get(k) ?? { sv: k, en: k };
  return {
    total: m.total,
    byUnit: m.byUnit.map((c) => ({ ...c, label: unitLabel(c.key) })),
    byTargetGroup: m.byTargetGroup.map((c) => ({ ...c, label: groupLabel(c.key) })),
    bySupplier: m.bySupplier.map((c) => ({ ...c, label: supplierLabel(c.key) })),
    byCpvDivision: m.byCpvDivision.map((c) => ({ ...c, label: cpvDivisionLabel(c.key) })),
  };
}

/** A contract's status as the public sees it, from its dates and the daily check's open deviations. */
function contractStatus(c: EmploymentContractRow, asOf: string): PublicResultsView['contracts'][number]['status'] {
  if (c.openDeviationKinds.includes('shortfall')) return 'shortfall';
  if (c.openDeviationKinds.includes('at_risk') || c.openDeviationKinds.includes('first_hire_missed')) return 'at_risk';
  if (c.endsOn < asOf) return 'ended';
  if (c.startsOn > asOf) return 'not_started';
  return 'running';
}

function presentContract(c: EmploymentContractRow, asOf: string) {
  return {
    referenceNumber: c.referenceNumber,
    procurement: { referenceNumber: c.procurementReference, title: c.procurementTitle },
    unit: { id: c.unitId, name: c.unitName },
    supplier: { name: c.supplierName, organisationNumber: c.supplierNationalId, country: c.supplierCountry },
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    status: contractStatus(c, asOf),
  };
}

const presentGoal = (g: GoalRecord) => ({ ...g, createdAt: g.createdAt.toISOString(), supersededAt: g.supersededAt ? g.supersededAt.toISOString() : null });

/** The year's share goal: the organisation-level goal of that year, else the council's standing goal. */
async function goalFigure(db: Database, org: ResultsOrganisation, reader: Actor, year: number, goals: readonly GoalRecord[]) {
  const f = await goalFulfilment(db, reader, year);
  const own = goals.find((g) => g.year === year && g.metric === 'social_share_percent' && g.unitId === null && g.supersededAt === null);
  const goalPercent = own?.target ?? org.socialGoalPercent;
  return {
    year,
    goalPercent,
    serviceProcurements: f.serviceProcurements,
    withSocialConsiderations: f.withSocialConsiderations,
    sharePercent: f.sharePercent,
    isGoalMet: f.sharePercent === null ? null : f.withSocialConsiderations * 100 >= goalPercent * f.serviceProcurements,
  };
}

async function publishedOrganisation(db: Database, slug: string, cached: ResultsCache | null = null): Promise<ResultsOrganisation> {
  const org = cached === null ? await findResultsOrganisationBySlug(db, slug) : await organisationBySlug(db, slug, cached);
  // An organisation that has not turned on open data is as unknown as one that does not exist.
  if (!org || !org.openDataPublished) throw notFound('The organisation');
  return org;
}

/** Slug → organisation id of the organisations found so far, per app cache. */
const slugIds = new WeakMap<object, Map<string, string>>();

/**
 * The organisation a public request names by slug, kept like an answer against its results
 * version, which every update of the organisation row moves (slug, name, the open-data switch;
 * decision 0805). A cached public page then costs no query on the embedded database and only the
 * version read on PostgreSQL. Unknown slugs are not remembered (anyone may ask for any slug).
 */
async function organisationBySlug(db: Database, slug: string, cached: ResultsCache): Promise<ResultsOrganisation | null> {
  const ids = slugIds.get(cached.cache) ?? slugIds.set(cached.cache, new Map()).get(cached.cache)!;
  const key = `organisation ${slug}`;
  const id = ids.get(slug);
  if (id !== undefined) {
    const hit = cached.cache.get(id, key, await cached.versions.current(id)) as ResultsOrganisation | undefined;
    if (hit !== undefined) return hit;
  }
  const found = await findResultsOrganisationBySlug(db, slug);
  if (!found) return null;
  const version = await cached.versions.current(found.id);
  // Read again after the version, so the row kept is never older than the version it is kept under.
  const org = await findResultsOrganisationBySlug(db, slug);
  if (org?.id === found.id) {
    ids.set(slug, org.id);
    cached.cache.set(org.id, key, version, org);
  }
  return org ?? null;
}

function downloadLinks(baseUrl: string, slug: string, year: number) {
  const base = `${baseUrl}/api/public/organisations/${encodeURIComponent(slug)}`;
  return {
    csv: `${base}/results.csv?year=${year}`,
    json: `${base}/results.json?year=${year}`,
    ocds: `${baseUrl}/api/ocds/release-package?org=${encodeURIComponent(slug)}`,
    catalog: `${base}/catalog.rdf`,
  };
}

/**
 * The public results of an organisation that publishes open data: goal fulfilment, people
 * employed and placements (person counts of 1–4 suppressed, consistently across every filtered
 * view), full-time months, the UHM value of the months served, and the contracts with employment
 * requirements with supplier and status. Never a participant.
 */
export async function publicResults(db: Database, slug: string, query: { year?: number | undefined; unit?: string | undefined }, baseUrl: string, now: Date, cached: ResultsCache | null = null): Promise<PublicResultsView> {
  const org = await publishedOrganisation(db, slug, cached);
  const year = query.year ?? Number(swedishToday(now).slice(0, 4));
  return throughCache(cached, org.id, `public ${year} ${query.unit ?? '-'} ${swedishToday(now)} ${baseUrl}`, () => computePublicResults(db, org, year, query.unit, baseUrl, now));
}

async function computePublicResults(db: Database, org: ResultsOrganisation, year: number, unit: string | undefined, baseUrl: string, now: Date): Promise<PublicResultsView> {
  const query = { unit };
  if (query.unit !== undefined && !(await unitBelongsTo(db, org.id, query.unit))) throw validationFailed([{ path: '/querystring/unit', code: 'unknown_unit', message: 'No such unit in this organisation.' }]);
  const [r, goals, licence] = await readTogether(db, [() => yearResults(db, org, year, now), () => listGoals(db, org.id, { from: year, to: year }), () => findLicence(db, org.id)]);
  const unitId = query.unit;
  return {
    organisation: { slug: org.slug, name: org.name },
    year,
    asOf: r.asOf,
    unitId: unitId ?? null,
    licence: { id: licence, uri: LICENCE_URI[licence], name: LICENCE_NAME[licence] },
    goal: await goalFigure(db, org, publicReader(org.id), year, goals),
    goals: goals.filter((g) => g.supersededAt === null).map(presentGoal),
    peopleEmployed: labelled(r, 'peopleEmployed', unitId),
    placementsStarted: labelled(r, 'placementsStarted', unitId),
    placementsEnded: labelled(r, 'placementsEnded', unitId),
    placementsCompleted: labelled(r, 'placementsCompleted', unitId),
    fullTimeMonths: totalFullTimeMonths(r.tables),
    // Organisation-wide only: a unit's figure could be subtracted from the whole.
    stillEmployedAfterEnd: unitId === undefined ? r.stillEmployed : null,
    value: r.value,
    contracts: r.contracts.filter((c) => unitId === undefined || c.unitId === unitId).map((c) => presentContract(c, r.asOf)),
    downloads: downloadLinks(baseUrl, org.slug, year),
  };
}

/** The public results as CSV: one row per published cell; suppressed counts read "prickad". */
export async function publicResultsCsv(db: Database, slug: string, year: number | undefined, baseUrl: string, now: Date, cached: ResultsCache | null = null): Promise<{ body: string; licence: OpenLicence; year: number }> {
  const r = await publicResults(db, slug, { year }, baseUrl, now, cached);
  // A cached answer is the same object on every hit, so its CSV is written once.
  const body = csvTexts.get(r) ?? csvOf(r);
  csvTexts.set(r, body);
  return { body, licence: r.licence.id, year: r.year };
}

/** The CSV text of each public answer written so far (it goes with the answer). */
const csvTexts = new WeakMap<PublicResultsView, string>();

function csvOf(r: PublicResultsView): string {
  const rows: string[][] = [['year', 'measure', 'dimension', 'key', 'label_sv', 'label_en', 'count', 'full_time_months']];
  const show = (v: number | { suppressed: true }) => (typeof v === 'number' ? String(v) : 'prickad');
  const measures = ['peopleEmployed', 'placementsStarted', 'placementsEnded', 'placementsCompleted'] as const;
  for (const m of measures) {
    const view = r[m];
    rows.push([String(r.year), m, 'total', '', '', '', show(view.total), m === 'peopleEmployed' ? show(r.fullTimeMonths) : '']);
    for (const [dimension, cells] of [['unit', view.byUnit], ['targetGroup', view.byTargetGroup], ['supplier', view.bySupplier], ['cpvDivision', view.byCpvDivision]] as const) {
      for (const c of cells) rows.push([String(r.year), m, dimension, c.key, c.label.sv, c.label.en, show(c.count), m === 'peopleEmployed' ? show(c.fullTimeMonths) : '']);
    }
  }
  // Organisation-wide only, as on the public page (the CSV is never filtered by unit); hidden as there.
  const still = r.stillEmployedAfterEnd;
  if (still !== null) {
    const share = still.sharePercent === null ? '' : typeof still.sharePercent === 'number' ? String(still.sharePercent) : 'prickad';
    for (const [key, sv, en, value] of [
      ['known', 'Personer med känd situation efter anställningen', 'People whose situation after the placement is known', show(still.known)],
      ['stillEmployed', 'Fortfarande anställda', 'Still employed', show(still.stillEmployed)],
      ['employedBySupplier', 'Varav hos leverantören', 'Of whom by the supplier', show(still.employedBySupplier)],
      ['sharePercent', 'Andel fortfarande anställda (%)', 'Share still employed (%)', share],
    ] as const) rows.push([String(r.year), 'stillEmployedAfterEnd', 'total', key, sv, en, value, '']);
  }
  for (const [actor, ore] of Object.entries(r.value.actors)) rows.push([String(r.year), 'valueOre', 'actor', actor, '', '', String(ore), '']);
  rows.push([String(r.year), 'valueOre', 'total', '', '', '', String(r.value.totalOre), '']);
  // Names come from users: a leading = + - @ would be a formula in a spreadsheet, so it is quoted away.
  const neutral = (s: string) => (/^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s);
  const cell = (raw: string) => {
    const s = neutral(raw);
    return /[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** The DCAT-AP-SE catalogue of the organisation's open results (RDF/XML). */
export async function publicCatalogue(db: Database, slug: string, baseUrl: string, now: Date): Promise<string> {
  const org = await publishedOrganisation(db, slug);
  const licence = await findLicence(db, org.id);
  const year = Number(swedishToday(now).slice(0, 4));
  const base = `${baseUrl}/api/public/organisations/${encodeURIComponent(org.slug)}`;
  const links = downloadLinks(baseUrl, org.slug, year);
  return buildDcatCatalogue({
    catalogueUri: `${base}/catalog.rdf`,
    datasetUri: `${base}/results`,
    landingPage: `${baseUrl}/oppna-resultat/${encodeURIComponent(org.slug)}`,
    organisation: { name: org.name, organisationNumber: org.organisationNumber, kind: org.kind },
    licence,
    modified: swedishToday(now),
    temporal: { start: '2019-01-01', end: `${year}-12-31` },
    distributions: [
      { id: `${base}/results.csv`, title: { sv: 'Resultat som CSV', en: 'Results as CSV' }, accessUrl: links.csv, downloadUrl: links.csv, mediaType: 'text/csv' },
      { id: `${base}/results.json`, title: { sv: 'Resultat som JSON', en: 'Results as JSON' }, accessUrl: links.json, downloadUrl: links.json, mediaType: 'application/json' },
      { id: `${baseUrl}/api/ocds/release-package?org=${encodeURIComponent(org.slug)}`, title: { sv: 'Upphandlingar och avtal som OCDS med metrics-tillägget', en: 'Procurements and contracts as OCDS with the metrics extension' }, accessUrl: links.ocds, downloadUrl: links.ocds, mediaType: 'application/json', conformsTo: 'https://standard.open-contracting.org/1.1/en/' },
    ],
  });
}

/**
 * The dashboard for politicians and managers: goal fulfilment over five years, people employed
 * by target group and unit, value by actor, and contracts at risk. Person counts are suppressed
 * as on the public page: what a viewer sees is never finer than what the public sees.
 */
export async function resultsDashboard(db: Database, who: Who, year: number, now: Date, cached: ResultsCache | null = null): Promise<DashboardViewType> {
  assertCan(who.actor, 'results:read', { organisationId: who.actor.organisationId });
  // Goal fulfilment reads the register; checked here, before the cache, as it is when computed.
  assertCan(who.actor, 'procurement:read', { organisationId: who.actor.organisationId });
  // Every figure is the organisation's (not scoped to the reader's units), so one answer serves all readers.
  return throughCache(cached, who.actor.organisationId, `dashboard ${year} ${swedishToday(now)}`, () => computeDashboard(db, who, year, now));
}

async function computeDashboard(db: Database, who: Who, year: number, now: Date): Promise<DashboardViewType> {
  const org = (await findResultsOrganisation(db, who.actor.organisationId))!;
  const years = [year - 4, year - 3, year - 2, year - 1, year];
  const goals = await listGoals(db, org.id, { from: years[0]!, to: year });
  const current = await yearResults(db, org, year, now);
  const trend = [];
  for (const y of years) {
    const tables = y === year ? current.tables : aggregateResults(await listPlacementFacts(db, org.id, y), y, current.asOf, ['peopleEmployed']);
    const target = (metric: GoalRecord['metric']) => goals.find((g) => g.year === y && g.metric === metric && g.unitId === null && g.supersededAt === null)?.target ?? null;
    trend.push({
      year: y,
      goal: await goalFigure(db, org, who.actor, y, goals),
      peopleEmployed: presentMeasure(tables, 'peopleEmployed').total,
      fullTimeMonths: totalFullTimeMonths(tables),
      targets: { peopleEmployed: target('people_employed'), fullTimeMonths: target('full_time_months') },
    });
  }
  return {
    year,
    asOf: current.asOf,
    trend,
    peopleEmployed: labelled(current, 'peopleEmployed'),
    stillEmployedAfterEnd: current.stillEmployed,
    value: current.value,
    contractsAtRisk: current.contracts
      .filter((c) => ['at_risk', 'shortfall'].includes(contractStatus(c, current.asOf)))
      .map((c) => ({ ...presentContract(c, current.asOf), id: c.id, openDeviations: c.openDeviationKinds })),
    goals: goals.filter((g) => g.year === year).map(presentGoal),
  };
}

export async function goalsOf(db: Database, who: Who, year: number | undefined) {
  assertCan(who.actor, 'results:read', { organisationId: who.actor.organisationId });
  const rows = await listGoals(db, who.actor.organisationId, year === undefined ? undefined : { from: year, to: year });
  return { items: rows.map(presentGoal) };
}

/** Sets a goal; the previous goal of the same year, metric and unit stays as history. */
export async function setGoal(db: Database, who: Who, body: GoalChangeBody, now: Date) {
  assertCan(who.actor, 'goal:manage', { organisationId: who.actor.organisationId });
  const unitId = body.unitId ?? null;
  if (body.metric === 'social_share_percent' && body.target > 100) throw validationFailed([{ path: '/body/target', code: 'out_of_range', message: 'A share goal is at most 100 %.' }]);
  if (unitId !== null && !(await unitBelongsTo(db, who.actor.organisationId, unitId))) throw validationFailed([{ path: '/body/unitId', code: 'unknown_unit', message: 'No such unit in your organisation.' }]);
  return db.transaction(async (tx) => {
    const { previous, current } = await replaceGoal(tx, who.actor.organisationId, who.actor.userId, { year: body.year, metric: body.metric, unitId, target: body.target }, now);
    await recordAudit(tx, who, { action: 'goal.set', entityType: 'organisation_goal', entityId: current.id, before: previous ? presentGoal(previous) : undefined, after: presentGoal(current) });
    return presentGoal(current);
  });
}

export async function resultsSettingsOf(db: Database, who: Who) {
  assertCan(who.actor, 'results:read', { organisationId: who.actor.organisationId });
  return { licence: await findLicence(db, who.actor.organisationId) };
}

/** The open-data licence of the published results (CC BY 4.0 or CC0), an admin's choice. */
export async function setResultsSettings(db: Database, who: Who, body: { licence: OpenLicence }, now: Date) {
  assertCan(who.actor, 'results:publish', { organisationId: who.actor.organisationId });
  return db.transaction(async (tx) => {
    const before = await findLicence(tx, who.actor.organisationId);
    await saveLicence(tx, who.actor.organisationId, who.actor.userId, body.licence, now);
    await recordAudit(tx, who, { action: 'results.licence_set', entityType: 'organisation', entityId: who.actor.organisationId, before: { licence: before }, after: { licence: body.licence } });
    return { licence: body.licence };
  });
}

const STATUS_SV: Record<PublicResultsView['contracts'][number]['status'], string> = { not_started: 'Ej påbörjat', running: 'Pågår', at_risk: 'Risk', shortfall: 'Brist', ended: 'Avslutat' };
const ACTOR_SV = { individual: 'Individen', municipality: 'Kommunen', region: 'Regionen', state: 'Staten', employer: 'Arbetsgivaren' } as const;

/** The annual report's figures (Swedish labels), for the PDF and the workbook. */
export async function annualReport(db: Database, who: Who, year: number, now: Date): Promise<AnnualReport> {
  const dashboard = await resultsDashboard(db, who, year, now);
  const org = (await findResultsOrganisation(db, who.actor.organisationId))!;
  const r = await yearResults(db, org, year, now);
  const num = (c: number | { suppressed: true }) => (typeof c === 'number' ? c : null);
  const list = (cells: ReturnType<typeof labelled>['byUnit']) => cells.map((c) => ({ label: c.label.sv, count: num(c.count), fullTimeMonths: num(c.fullTimeMonths) }));
  const people = labelled(r, 'peopleEmployed');
  return {
    organisationName: org.name,
    year,
    asOf: r.asOf,
    goalTrend: dashboard.trend.map((t) => ({ ...t.goal, peopleEmployed: num(t.peopleEmployed), fullTimeMonths: num(t.fullTimeMonths) })),
    peopleTotal: num(people.total),
    placements: { started: num(presentMeasure(r.tables, 'placementsStarted').total), ended: num(presentMeasure(r.tables, 'placementsEnded').total), completed: num(presentMeasure(r.tables, 'placementsCompleted').total) },
    byTargetGroup: list(people.byTargetGroup),
    byUnit: list(people.byUnit),
    bySupplier: list(people.bySupplier),
    byCpvDivision: list(people.byCpvDivision),
    stillEmployedAfterEnd: {
      known: num(r.stillEmployed.known),
      stillEmployed: num(r.stillEmployed.stillEmployed),
      employedBySupplier: num(r.stillEmployed.employedBySupplier),
      sharePercent: r.stillEmployed.sharePercent === null ? 'none' : num(r.stillEmployed.sharePercent),
    },
    value: { actors: (Object.keys(ACTOR_SV) as Array<keyof typeof ACTOR_SV>).map((a) => ({ label: ACTOR_SV[a], ore: r.value.actors[a] })), totalOre: r.value.totalOre, parameterYear: r.value.parameterYear, assumptions: r.value.assumptions },
    contracts: r.contracts.map((c) => ({ referenceNumber: c.referenceNumber, procurementTitle: c.procurementTitle, supplier: c.supplierName, unit: c.unitName, startsOn: c.startsOn, endsOn: c.endsOn, status: STATUS_SV[contractStatus(c, r.asOf)] })),
  };
}
