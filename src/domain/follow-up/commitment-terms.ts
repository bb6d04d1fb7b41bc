import type { RequirementType } from '../requirements/requirement-template.js';

/*
 * A contract's commitments (åtaganden) are frozen snapshots of the decision's applied
 * requirements. `deriveCommitmentTerms` turns a snapshot's template type and parameters into
 * the numbers follow-up measures against, for every template kind of the starter set.
 */

/** How a hiring commitment is measured. */
export type CommitmentMeasure =
  /** N positions, each filled by one placement serving M full-time months (the template's wording). */
  | 'per_position'
  /** UHM's alternative wording: jobs that together equal at least N × M full-time months, summed over placements. */
  | 'summed_months'
  /** Placements (praktik) counted by number, each lasting the agreed weeks. */
  | 'placements'
  /** Meetings with the coordinator (dialogue clause). */
  | 'meetings'
  /** Extra hires earning a bonus, up to a cap (hiring bonus); never a shortfall. */
  | 'bonus'
  /** Reported as a share in each period (reserved contracts); no placement rule. */
  | 'reported_share';

export interface CommitmentTerms {
  measure: CommitmentMeasure;
  /** Positions (or placements, meetings, bonus hires) required; 0 when the contract gives none yet. */
  positions: number;
  /** Full-time months each position needs; for placements the agreed weeks as months (weeks × 12 / 52). */
  monthsPerPosition: number;
  /** Months after contract start by which the first hire must have started or been offered; null = no such term. */
  firstHireWithinMonths: number | null;
  /** Share of the agreed months that counts when an employment ends early for a reason outside the supplier's control. */
  completionPercent: number;
  reportingIntervalMonths: number;
  correctionDays: number;
  /** Vite per missing hire, öre; 0 = no penalty. */
  penaltyOre: number;
  /** Bonus per extra hire, öre (hiring bonus only). */
  bonusOre: number;
  employmentForm: string | null;
  targetGroups: string[];
}

/** UHM's default: 75 % of the agreed period served counts when the employment ends early. */
export const DEFAULT_COMPLETION_PERCENT = 75;
export const DEFAULT_REPORTING_INTERVAL_MONTHS = 3;
export const DEFAULT_CORRECTION_DAYS = 30;

const num = (parameters: Record<string, unknown>, key: string, fallback: number): number => {
  const v = parameters[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
};
const str = (parameters: Record<string, unknown>, key: string): string | null => {
  const v = parameters[key];
  return typeof v === 'string' ? v : null;
};
const list = (parameters: Record<string, unknown>, key: string): string[] => {
  const v = parameters[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};

export interface CommitmentSource {
  type: RequirementType;
  parameters: Record<string, unknown>;
  /** `summed_months` follows UHM's "together at least N full-time months"; default per position. */
  measure?: 'per_position' | 'summed_months' | undefined;
}

/**
 * The follow-up terms of one commitment, from its template type and frozen parameters.
 * - employment condition: positions × employment months, first hire, completion share, vite;
 * - its framework variant (parameter `volume_per_hire_ore`): one position per called-off volume,
 *   so positions = ⌊called-off value / volume per hire⌋ and no first-hire term;
 * - apprenticeship templates: apprentices (as employment) or work placements (count × weeks);
 * - dialogue clause: one meeting by the agreed month;
 * - hiring bonus: up to `max_extra_hires` hires of `qualifying_months`, each earning `bonus_ore`;
 * - social award criterion: the hires offered (`offered_hires`, else the maximum) become an
 *   employment condition;
 * - reserved contract: a share reported each period.
 */
export function deriveCommitmentTerms(source: CommitmentSource, contract: { calledOffValueOre: number | null }): CommitmentTerms {
  const p = source.parameters;
  const base = {
    firstHireWithinMonths: null,
    completionPercent: num(p, 'completion_percent', DEFAULT_COMPLETION_PERCENT),
    reportingIntervalMonths: num(p, 'reporting_interval_months', DEFAULT_REPORTING_INTERVAL_MONTHS),
    correctionDays: num(p, 'correction_days', DEFAULT_CORRECTION_DAYS),
    penaltyOre: num(p, 'penalty_ore', 0),
    bonusOre: 0,
    employmentForm: str(p, 'employment_form'),
    targetGroups: list(p, 'target_groups'),
  };
  const hiring = source.measure === 'summed_months' ? ('summed_months' as const) : ('per_position' as const);
  switch (source.type) {
    case 'employment_condition': {
      const volume = num(p, 'volume_per_hire_ore', 0);
      if (volume > 0) {
        const called = contract.calledOffValueOre ?? 0;
        return { ...base, measure: hiring, positions: Math.floor(called / volume), monthsPerPosition: num(p, 'employment_months', 6) };
      }
      return {
        ...base,
        measure: hiring,
        positions: num(p, 'positions', 1),
        monthsPerPosition: num(p, 'employment_months', 6),
        firstHireWithinMonths: num(p, 'first_hire_within_months', 6),
      };
    }
    case 'apprenticeship': {
      if (p.placements !== undefined || p.placement_weeks !== undefined) {
        return { ...base, measure: 'placements', positions: num(p, 'placements', 1), monthsPerPosition: (num(p, 'placement_weeks', 8) * 12) / 52, completionPercent: 100 };
      }
      return {
        ...base,
        measure: hiring,
        positions: num(p, 'apprentices', 1),
        monthsPerPosition: num(p, 'employment_months', 12),
        firstHireWithinMonths: num(p, 'first_hire_within_months', 6),
        employmentForm: str(p, 'employment_form') ?? 'apprenticeship',
      };
    }
    case 'dialogue_clause':
      return { ...base, measure: 'meetings', positions: 1, monthsPerPosition: 0, firstHireWithinMonths: num(p, 'first_meeting_within_months', 2), completionPercent: 100 };
    case 'hiring_bonus':
      return { ...base, measure: 'bonus', positions: num(p, 'max_extra_hires', 1), monthsPerPosition: num(p, 'qualifying_months', 6), bonusOre: num(p, 'bonus_ore', 0), completionPercent: 100 };
    case 'social_award_criterion':
      return {
        ...base,
        measure: hiring,
        positions: num(p, 'offered_hires', num(p, 'max_offered', 1)),
        monthsPerPosition: num(p, 'employment_months', 6),
      };
    case 'reserved_contract':
      return { ...base, measure: 'reported_share', positions: 0, monthsPerPosition: 0, completionPercent: num(p, 'share_percent', 30) };
  }
}

/** Whether placements are registered against a commitment of these terms. */
export function takesPlacements(terms: CommitmentTerms): boolean {
  return terms.measure === 'per_position' || terms.measure === 'summed_months' || terms.measure === 'placements' || terms.measure === 'bonus';
}
