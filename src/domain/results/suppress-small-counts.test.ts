import { describe, expect, it } from 'vitest';
import { cellKey, columnTotalKey, exposedCells, isSmallCount, linkedTables, publish, rowTotalKey, suppressSmallCounts, type CountSystem } from './suppress-small-counts.js';

const table = (rows: Record<string, Record<string, number>>) => new Map(Object.entries(rows).map(([r, cols]) => [r, new Map(Object.entries(cols))]));

/** An attacker who solves any published equation with one unknown left, over and over. */
function subtractionAttack(system: CountSystem, suppressed: ReadonlySet<string>): Map<string, number> {
  const known = new Map<string, number>();
  for (const [k, v] of system.cells) if (!suppressed.has(k)) known.set(k, v);
  let progress = true;
  while (progress) {
    progress = false;
    for (const eq of system.equations) {
      const members = [eq.total, ...eq.parts];
      const unknown = members.filter((k) => !known.has(k));
      if (unknown.length !== 1) continue;
      const u = unknown[0]!;
      const partsSum = eq.parts.filter((k) => k !== u).reduce((s, k) => s + known.get(k)!, 0);
      known.set(u, u === eq.total ? partsSum : known.get(eq.total)! - partsSum);
      progress = true;
    }
  }
  return new Map([...known].filter(([k]) => suppressed.has(k)));
}

/** Deterministic pseudo-random numbers (mulberry32) so the property test is repeatable. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('isSmallCount', () => {
  it.each([
    [0, false, '0 discloses no one and is shown'],
    [1, true, '1 is the smallest suppressed count'],
    [4, true, '4 is the largest suppressed count'],
    [5, false, '5 is shown'],
  ])('%i → %s (%s)', (n, expected) => {
    expect(isSmallCount(n)).toBe(expected);
  });
});

describe('suppressSmallCounts', () => {
  it('one small cell in a row with its total gets a complementary cell, the smallest positive part', () => {
    const system = linkedTables([{ name: 'tg', counts: table({ all: { newly_arrived: 3, long_term: 12, youth: 7, disability: 0 } }) }], ['all']);
    const suppressed = suppressSmallCounts(system);
    expect(suppressed.has(cellKey('tg', 'all', 'newly_arrived'))).toBe(true);
    expect(suppressed.has(cellKey('tg', 'all', 'youth'))).toBe(true);
    expect(suppressed.has(cellKey('tg', 'all', 'long_term'))).toBe(false);
    expect(publish(cellKey('tg', 'all', 'disability'), system, suppressed)).toBe(0);
    expect(publish('total', system, suppressed)).toBe(22);
    expect(subtractionAttack(system, suppressed).size).toBe(0);
    expect(exposedCells(system, suppressed)).toEqual([]);
  });

  it('a total of 1–4 is itself suppressed, and with it every part', () => {
    const system = linkedTables([{ name: 'tg', counts: table({ all: { a: 2, b: 1 } }) }], ['all']);
    const suppressed = suppressSmallCounts(system);
    expect(publish('total', system, suppressed)).toEqual({ suppressed: true });
    expect(publish(cellKey('tg', 'all', 'a'), system, suppressed)).toEqual({ suppressed: true });
  });

  it('two filtered views cannot be subtracted: unit A’s 2 newly arrived stay hidden in the unfiltered view too', () => {
    // Filtered view = a row (unit); unfiltered view = the column totals. Subtracting unit B's
    // row from the column total would give unit A's cell unless the suppression is linked.
    const counts = table({
      A: { newly_arrived: 2, long_term: 9, youth: 6 },
      B: { newly_arrived: 8, long_term: 11, youth: 5 },
    });
    const system = linkedTables([{ name: 'tg', counts }], ['A', 'B']);
    const suppressed = suppressSmallCounts(system);
    const target = cellKey('tg', 'A', 'newly_arrived');
    expect(suppressed.has(target)).toBe(true);
    const recovered = subtractionAttack(system, suppressed);
    expect(recovered.has(target)).toBe(false);
    expect(recovered.size).toBe(0);
    expect(exposedCells(system, suppressed)).toEqual([]);
    // The unfiltered view still shows the column total only if it cannot reveal A's cell with B's row.
    const columnTotal = publish(columnTotalKey('tg', 'newly_arrived'), system, suppressed);
    const bCell = publish(cellKey('tg', 'B', 'newly_arrived'), system, suppressed);
    expect(typeof columnTotal === 'number' && typeof bCell === 'number').toBe(false);
  });

  it('tables sharing their rows suppress a shared margin alike, so one table cannot undo another', () => {
    const byGroup = table({ A: { x: 5, y: 5 }, B: { x: 3, y: 20 } });
    const bySupplier = table({ A: { s1: 10 }, B: { s1: 12, s2: 11 } });
    const system = linkedTables([{ name: 'group', counts: byGroup }, { name: 'supplier', counts: bySupplier }], ['A', 'B']);
    const suppressed = suppressSmallCounts(system);
    expect(suppressed.has(cellKey('group', 'B', 'x'))).toBe(true);
    expect(subtractionAttack(system, suppressed).size).toBe(0);
    expect(exposedCells(system, suppressed)).toEqual([]);
  });

  it('the audit finds what simple complementary suppression misses: a chain of equations', () => {
    // T1 = a + b and T2 = b + c, with T1, T2 and c published and a, b hidden: b = T2 − c, then a.
    const system: CountSystem = {
      cells: new Map([['a', 2], ['b', 6], ['c', 7], ['T1', 8], ['T2', 13]]),
      equations: [{ total: 'T1', parts: ['a', 'b'] }, { total: 'T2', parts: ['b', 'c'] }],
    };
    expect(exposedCells(system, new Set(['a', 'b'])).sort()).toEqual(['a', 'b']);
    const suppressed = suppressSmallCounts(system);
    expect(exposedCells(system, suppressed)).toEqual([]);
    expect(suppressed.has('a')).toBe(true);
  });

  it('random linked tables: every count of 1–4 is hidden and none can be recovered (300 tables)', () => {
    const random = prng(15);
    for (let t = 0; t < 300; t++) {
      const rows = Array.from({ length: 1 + Math.floor(random() * 5) }, (_, i) => `u${i}`);
      const tables = ['group', 'supplier'].map((name) => {
        const cols = Array.from({ length: 1 + Math.floor(random() * 4) }, (_, i) => `${name}${i}`);
        return { name, cols };
      });
      // Both tables count the same people per row, split differently.
      const rowTotals = rows.map(() => Math.floor(random() * 40));
      const split = (total: number, cols: string[]) => {
        const out: Record<string, number> = {};
        let left = total;
        cols.forEach((c, i) => {
          const n = i === cols.length - 1 ? left : Math.floor(random() * (left + 1));
          out[c] = n;
          left -= n;
        });
        return out;
      };
      const system = linkedTables(
        tables.map(({ name, cols }) => ({ name, counts: table(Object.fromEntries(rows.map((r, i) => [r, split(rowTotals[i]!, cols)]))) })),
        rows,
      );
      const suppressed = suppressSmallCounts(system);
      for (const [key, n] of system.cells) if (isSmallCount(n)) expect(suppressed.has(key), `table ${t} ${key}`).toBe(true);
      expect(exposedCells(system, suppressed), `table ${t}`).toEqual([]);
      expect(subtractionAttack(system, suppressed).size, `table ${t}`).toBe(0);
    }
  });

  it('refuses tables that disagree on a shared row total', () => {
    expect(() => linkedTables([{ name: 'a', counts: table({ A: { x: 5 } }) }, { name: 'b', counts: table({ A: { y: 6 } }) }], ['A'])).toThrow(RangeError);
  });

  it('row totals are shared keys', () => {
    expect(rowTotalKey('A')).toBe('row|A');
  });
});
