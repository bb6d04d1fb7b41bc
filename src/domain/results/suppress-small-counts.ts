/**
 * Small-count protection for person counts that viewers and the public see (issue 15; decision
 * 0802). Every published count belongs to one linked system of cells and additive equations
 * (`total = part + part + …`): the rows and columns of each table, the margins shared between
 * tables, and the filtered views (a filtered view is a row of the same table). Suppression runs
 * once over the whole system, so every view shows the same cells suppressed.
 *
 *  1. Primary: a count from 1 to 4 is suppressed (0 is shown: it discloses no one).
 *  2. Complementary: an equation with exactly one suppressed member would give it away by
 *     subtraction, so a second member is suppressed — the smallest positive one, a part before
 *     the total.
 *  3. Audit: the suppressed cells are unknowns of the published equations; a cell is exposed
 *     when linear algebra over everything published pins its value (two filtered views, totals,
 *     margins of other tables together). Each exposed cell gets one more complementary
 *     suppression in an equation it is in, until none is exposed.
 */

export interface CountEquation {
  /** The key of the total cell. */
  total: string;
  /** The keys of the cells that add up to it. */
  parts: readonly string[];
}

export interface CountSystem {
  /** Every cell that would be published, by key, with its true count. */
  cells: ReadonlyMap<string, number>;
  equations: readonly CountEquation[];
}

export const SMALL_COUNT_MIN = 1;
export const SMALL_COUNT_MAX = 4;

/** Whether a count must be suppressed on its own (primary suppression). */
export function isSmallCount(n: number): boolean {
  return n >= SMALL_COUNT_MIN && n <= SMALL_COUNT_MAX;
}

const EPS = 1e-9;

/**
 * The suppressed cells whose value the published cells and equations determine exactly.
 * Empty means no suppressed count can be recovered by any combination of sums and differences.
 */
export function exposedCells(system: CountSystem, suppressed: ReadonlySet<string>): string[] {
  const unknowns = [...suppressed];
  const index = new Map(unknowns.map((k, i) => [k, i]));
  const rows: Float64Array[] = [];
  for (const eq of system.equations) {
    const row = new Float64Array(unknowns.length);
    let any = false;
    const put = (key: string, sign: number): void => {
      const i = index.get(key);
      if (i !== undefined) {
        row[i] = row[i]! + sign;
        any = true;
      }
    };
    for (const part of eq.parts) put(part, 1);
    put(eq.total, -1);
    if (any) rows.push(row);
  }
  // Reduced row echelon form; a suppressed cell is determined exactly when its unit vector lies
  // in the row space, i.e. it is a pivot whose row has nothing in the free columns.
  const pivotOfRow: number[] = [];
  let r = 0;
  for (let c = 0; c < unknowns.length && r < rows.length; c++) {
    let best = -1;
    for (let i = r; i < rows.length; i++) if (Math.abs(rows[i]![c]!) > EPS && (best < 0 || Math.abs(rows[i]![c]!) > Math.abs(rows[best]![c]!))) best = i;
    if (best < 0) continue;
    [rows[r], rows[best]] = [rows[best]!, rows[r]!];
    const pivot = rows[r]!;
    const p = pivot[c]!;
    for (let j = c; j < pivot.length; j++) pivot[j] = pivot[j]! / p;
    for (let i = 0; i < rows.length; i++) {
      if (i === r) continue;
      const f = rows[i]![c]!;
      if (Math.abs(f) <= EPS) continue;
      const row = rows[i]!;
      for (let j = c; j < row.length; j++) row[j] = row[j]! - f * pivot[j]!;
    }
    pivotOfRow[r] = c;
    r++;
  }
  const exposed: string[] = [];
  for (let i = 0; i < r; i++) {
    const c = pivotOfRow[i]!;
    const row = rows[i]!;
    let alone = true;
    for (let j = 0; j < row.length; j++) if (j !== c && Math.abs(row[j]!) > EPS) alone = false;
    if (alone) exposed.push(unknowns[c]!);
  }
  return exposed;
}

function pickComplement(system: CountSystem, eq: CountEquation, suppressed: ReadonlySet<string>): string | null {
  const value = (k: string) => system.cells.get(k) ?? 0;
  const open = eq.parts.filter((k) => !suppressed.has(k));
  const positive = open.filter((k) => value(k) > 0).sort((a, b) => value(a) - value(b) || a.localeCompare(b));
  if (positive.length > 0) return positive[0]!;
  // Only zeros left among the parts: suppressing the total hides the sum instead.
  if (!suppressed.has(eq.total)) return eq.total;
  return open.sort()[0] ?? null;
}

/**
 * The set of cell keys to publish as `{ suppressed: true }`: primary suppression of 1–4,
 * complementary suppression in every equation, then the audit until nothing is exposed.
 */
export function suppressSmallCounts(system: CountSystem): Set<string> {
  const suppressed = new Set<string>();
  for (const [key, n] of system.cells) if (isSmallCount(n)) suppressed.add(key);
  const members = (eq: CountEquation) => [eq.total, ...eq.parts];
  for (let guard = 0; guard < system.cells.size + 1; guard++) {
    let changed = false;
    for (const eq of system.equations) {
      const hidden = members(eq).filter((k) => suppressed.has(k)).length;
      if (hidden === 1) {
        const extra = pickComplement(system, eq, suppressed);
        if (extra) {
          suppressed.add(extra);
          changed = true;
        }
      }
    }
    if (changed) continue;
    const exposed = exposedCells(system, suppressed);
    if (exposed.length === 0) return suppressed;
    // One more complementary cell for every exposed cell in the same round: a few rounds of the
    // audit instead of one per cell.
    let added = false;
    for (const target of exposed) {
      const eq = system.equations.find((e) => members(e).includes(target) && pickComplement(system, e, suppressed) !== null);
      const extra = eq ? pickComplement(system, eq, suppressed) : null;
      if (extra) {
        suppressed.add(extra);
        added = true;
      }
    }
    if (!added) return suppressed;
  }
  return suppressed;
}

/** One published count: the number, or `{ suppressed: true }`. */
export type PublishedCount = number | { suppressed: true };

/** The published form of a cell. */
export function publish(key: string, system: CountSystem, suppressed: ReadonlySet<string>): PublishedCount {
  return suppressed.has(key) ? { suppressed: true } : (system.cells.get(key) ?? 0);
}

/**
 * Builds the linked system of one or more two-way tables that share their rows (e.g. units) and
 * the grand total: for each table, every row's cells add up to the row total, every column adds up
 * to the column total over all rows, and the column totals add up to the grand total. Row totals
 * and the grand total are shared keys, so a margin is suppressed alike in every table.
 */
export function linkedTables(tables: ReadonlyArray<{ name: string; counts: ReadonlyMap<string, ReadonlyMap<string, number>> }>, rows: readonly string[]): CountSystem {
  const cells = new Map<string, number>();
  const equations: CountEquation[] = [];
  const rowTotals = new Map<string, number>();
  const grand = 'total';
  for (const table of tables) {
    const columns = new Set<string>();
    for (const byCol of table.counts.values()) for (const c of byCol.keys()) columns.add(c);
    const cols = [...columns].sort();
    for (const r of rows) {
      const parts: string[] = [];
      let sum = 0;
      for (const c of cols) {
        const key = cellKey(table.name, r, c);
        const n = table.counts.get(r)?.get(c) ?? 0;
        cells.set(key, n);
        parts.push(key);
        sum += n;
      }
      const prior = rowTotals.get(r);
      if (prior !== undefined && prior !== sum) throw new RangeError(`table ${table.name} row ${r} adds up to ${sum}, another table to ${prior}`);
      rowTotals.set(r, sum);
      cells.set(rowTotalKey(r), sum);
      equations.push({ total: rowTotalKey(r), parts });
    }
    const colParts: string[] = [];
    for (const c of cols) {
      const key = columnTotalKey(table.name, c);
      const parts = rows.map((r) => cellKey(table.name, r, c));
      cells.set(key, parts.reduce((s, k) => s + (cells.get(k) ?? 0), 0));
      equations.push({ total: key, parts });
      colParts.push(key);
    }
    equations.push({ total: grand, parts: colParts });
  }
  cells.set(grand, [...rowTotals.values()].reduce((s, n) => s + n, 0));
  equations.push({ total: grand, parts: rows.map(rowTotalKey) });
  return { cells, equations };
}

export const cellKey = (table: string, row: string, column: string): string => `${table}|${row}|${column}`;
export const rowTotalKey = (row: string): string => `row|${row}`;
export const columnTotalKey = (table: string, column: string): string => `${table}|*|${column}`;
