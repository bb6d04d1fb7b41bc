import { fullTimeMonthsBetween } from '../follow-up/full-time-months.js';
import { cellKey, columnTotalKey, linkedTables, publish, rowTotalKey, suppressSmallCounts, type CountSystem, type PublishedCount } from './suppress-small-counts.js';

/** A placement as results count it; `personKey` is only compared, never shown. */
export interface ResultPlacement {
  id: string;
  personKey: string;
  targetGroup: string;
  startedOn: string;
  endedOn: string | null;
  endReason: string | null;
  extentPercent: number;
  unitId: string;
  supplierId: string;
  cpvDivision: string;
}

export const RESULT_DIMENSIONS = ['targetGroup', 'supplier', 'cpvDivision'] as const;
export type ResultDimension = (typeof RESULT_DIMENSIONS)[number];
export const RESULT_MEASURES = ['peopleEmployed', 'placementsStarted', 'placementsEnded', 'placementsCompleted'] as const;
export type ResultMeasure = (typeof RESULT_MEASURES)[number];

export interface ResultTables {
  year: number;
  asOf: string;
  /** The units (rows) in key order. */
  rows: string[];
  systems: Record<ResultMeasure, CountSystem>;
  suppressed: Record<ResultMeasure, Set<string>>;
  /** Full-time months served in the year, per cell key of the people-employed system. */
  fullTimeMonths: Map<string, number>;
}

const columnOf = (p: ResultPlacement, d: ResultDimension): string => (d === 'targetGroup' ? p.targetGroup : d === 'supplier' ? p.supplierId : p.cpvDivision);

function systemOf(items: readonly ResultPlacement[], rows: readonly string[]): CountSystem {
  return linkedTables(
    RESULT_DIMENSIONS.map((d) => {
      const counts = new Map<string, Map<string, number>>();
      for (const p of items) {
        const byCol = counts.get(p.unitId) ?? new Map<string, number>();
        byCol.set(columnOf(p, d), (byCol.get(columnOf(p, d)) ?? 0) + 1);
        counts.set(p.unitId, byCol);
      }
      return { name: d, counts };
    }),
    rows,
  );
}

/**
 * The year's results from real placements, as linked tables of person counts (rows: units;
 * tables: target group, supplier, CPV division), each suppressed for small counts:
 *  - people employed: each person once, in the cells of their first placement that year (so the
 *    tables add up); a placement counts from its start to its end or to `asOf`, whichever is first;
 *  - placements started, ended, and completed (ended with reason `completed`) in the year;
 *  - full-time months served in the year (follow-up's rule: each day 1/days-in-month × extent).
 * `measures` limits the work to the measures asked for; the others come back empty.
 */
export function aggregateResults(placements: readonly ResultPlacement[], year: number, asOf: string, measures: readonly ResultMeasure[] = RESULT_MEASURES): ResultTables {
  const from = `${year}-01-01`;
  const to = `${year}-12-31` < asOf ? `${year}-12-31` : asOf;
  const active = placements.filter((p) => p.startedOn <= to && (p.endedOn === null || p.endedOn >= from));
  const rows = [...new Set(active.map((p) => p.unitId))].sort();
  const firstOfPerson = new Map<string, ResultPlacement>();
  for (const p of [...active].sort((a, b) => a.startedOn.localeCompare(b.startedOn) || a.id.localeCompare(b.id))) {
    if (!firstOfPerson.has(p.personKey)) firstOfPerson.set(p.personKey, p);
  }
  const inYear = (d: string | null) => d !== null && d >= from && d <= to;
  const lists: Record<ResultMeasure, ResultPlacement[]> = {
    peopleEmployed: [...firstOfPerson.values()],
    placementsStarted: active.filter((p) => inYear(p.startedOn)),
    placementsEnded: active.filter((p) => inYear(p.endedOn)),
    placementsCompleted: active.filter((p) => inYear(p.endedOn) && p.endReason === 'completed'),
  };
  const systems = {} as Record<ResultMeasure, CountSystem>;
  const suppressed = {} as Record<ResultMeasure, Set<string>>;
  for (const m of RESULT_MEASURES) {
    // A measure not asked for is left empty (the dashboard's trend needs only people employed).
    systems[m] = measures.includes(m) ? systemOf(lists[m], rows) : { cells: new Map(), equations: [] };
    suppressed[m] = suppressSmallCounts(systems[m]);
  }
  const fullTimeMonths = new Map<string, number>();
  const addMonths = (key: string, months: number) => fullTimeMonths.set(key, (fullTimeMonths.get(key) ?? 0) + months);
  for (const p of active) {
    const start = p.startedOn > from ? p.startedOn : from;
    const end = p.endedOn !== null && p.endedOn < to ? p.endedOn : to;
    const months = fullTimeMonthsBetween(start, end, p.extentPercent);
    addMonths('total', months);
    addMonths(rowTotalKey(p.unitId), months);
    for (const d of RESULT_DIMENSIONS) {
      addMonths(cellKey(d, p.unitId, columnOf(p, d)), months);
      addMonths(columnTotalKey(d, columnOf(p, d)), months);
    }
  }
  return { year, asOf, rows, systems, suppressed, fullTimeMonths };
}

export interface PublishedCell {
  key: string;
  count: PublishedCount;
  /** Full-time months, two decimals; hidden with the count it belongs to. */
  fullTimeMonths: number | { suppressed: true };
}

export interface PublishedMeasure {
  total: PublishedCount;
  byUnit: PublishedCell[];
  byTargetGroup: PublishedCell[];
  bySupplier: PublishedCell[];
  byCpvDivision: PublishedCell[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * One measure as a viewer or the public sees it: the whole organisation, or one unit (a filtered
 * view, i.e. one row of the same suppressed tables). Full-time months are shown only beside the
 * people-employed cell they belong to, and hidden with it.
 */
export function presentMeasure(tables: ResultTables, measure: ResultMeasure, unitId?: string): PublishedMeasure {
  const system = tables.systems[measure];
  const hidden = tables.suppressed[measure];
  const people = tables.suppressed.peopleEmployed;
  const cell = (key: string): PublishedCell => ({
    key,
    count: publish(key, system, hidden),
    fullTimeMonths: people.has(key) ? { suppressed: true } : round2(tables.fullTimeMonths.get(key) ?? 0),
  });
  const rows = unitId === undefined ? tables.rows : tables.rows.filter((r) => r === unitId);
  const dimension = (d: ResultDimension): PublishedCell[] => {
    const columns = new Set<string>();
    for (const key of system.cells.keys()) {
      const [table, row, column] = key.split('|');
      if (table === d && row === '*' && column !== undefined) columns.add(column);
    }
    return [...columns].sort().map((c) => {
      const key = unitId === undefined ? columnTotalKey(d, c) : cellKey(d, unitId, c);
      return { ...cell(key), key: c };
    });
  };
  const totalKey = unitId === undefined ? 'total' : rowTotalKey(unitId);
  return {
    total: unitId !== undefined && !tables.rows.includes(unitId) ? 0 : publish(totalKey, system, hidden),
    byUnit: rows.map((r) => ({ ...cell(rowTotalKey(r)), key: r })),
    byTargetGroup: unitId !== undefined && rows.length === 0 ? [] : dimension('targetGroup'),
    bySupplier: unitId !== undefined && rows.length === 0 ? [] : dimension('supplier'),
    byCpvDivision: unitId !== undefined && rows.length === 0 ? [] : dimension('cpvDivision'),
  };
}

/** Total full-time months of the year (not a person count; shown unless the year's people total is hidden). */
export function totalFullTimeMonths(tables: ResultTables): number | { suppressed: true } {
  return tables.suppressed.peopleEmployed.has('total') ? { suppressed: true } : round2(tables.fullTimeMonths.get('total') ?? 0);
}
