import { isSmallCount } from './suppress-small-counts.js';

/** What became of a person after a placement ended, as an officer or the supplier answered. */
export type AfterEndStatus = 'employed_by_supplier' | 'employed_elsewhere' | 'not_employed' | 'unknown';

export interface AfterEndAnswer {
  monthsAfterEnd: number;
  status: AfterEndStatus;
}

/** An ended placement as this figure needs it; `personKey` is only compared, never shown. */
export interface EndedPlacement {
  personKey: string;
  endedOn: string | null;
  answers: readonly AfterEndAnswer[];
}

type Count = number | { suppressed: true };

export interface StillEmployedFigure {
  /** People whose last placement ended in the year and whose situation afterwards is known. */
  known: Count;
  /** Of those, people employed (by the supplier or elsewhere) at the latest known answer. */
  stillEmployed: Count;
  employedBySupplier: Count;
  /** stillEmployed × 100 / known, one decimal; null when nobody is known. */
  sharePercent: number | { suppressed: true } | null;
}

const HIDDEN = { suppressed: true } as const;

/**
 * "Still employed after the placement ended, where known" (issue 15) for one year: each person
 * once, by their last placement that ended in the year (up to `asOf`), and by the answer with
 * the most months after the end among those that say something (`unknown` answers are not
 * knowledge). Person counts of 1–4 are suppressed as everywhere (decision 0802); because
 * `known − stillEmployed` (people not employed) and `stillEmployed − employedBySupplier` (people
 * employed elsewhere) follow from the published figures, a small difference hides the figures
 * it would come from, and the share with them. The figure is published for the whole
 * organisation only, never per unit, so no two views can be subtracted.
 */
export function stillEmployedAfterEnd(placements: readonly EndedPlacement[], year: number, asOf: string): StillEmployedFigure {
  const from = `${year}-01-01`;
  const to = `${year}-12-31` < asOf ? `${year}-12-31` : asOf;
  const last = new Map<string, EndedPlacement>();
  for (const p of placements) {
    if (p.endedOn === null || p.endedOn < from || p.endedOn > to) continue;
    const seen = last.get(p.personKey);
    if (!seen || p.endedOn > seen.endedOn!) last.set(p.personKey, p);
  }
  let known = 0;
  let employed = 0;
  let bySupplier = 0;
  for (const p of last.values()) {
    const answer = p.answers.filter((a) => a.status !== 'unknown').sort((a, b) => b.monthsAfterEnd - a.monthsAfterEnd)[0];
    if (!answer) continue;
    known++;
    if (answer.status !== 'not_employed') employed++;
    if (answer.status === 'employed_by_supplier') bySupplier++;
  }
  if (isSmallCount(known)) return { known: HIDDEN, stillEmployed: HIDDEN, employedBySupplier: HIDDEN, sharePercent: HIDDEN };
  const share = known === 0 ? null : Math.round((employed * 1000) / known) / 10;
  if (isSmallCount(employed) || isSmallCount(known - employed)) return { known, stillEmployed: HIDDEN, employedBySupplier: HIDDEN, sharePercent: HIDDEN };
  if (isSmallCount(bySupplier) || isSmallCount(employed - bySupplier)) return { known, stillEmployed: employed, employedBySupplier: HIDDEN, sharePercent: share };
  return { known, stillEmployed: employed, employedBySupplier: bySupplier, sharePercent: share };
}
