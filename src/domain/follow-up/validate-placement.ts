import { isIsoDate, type IsoDate } from './calendar.js';
import { END_REASONS, type EndReason } from './evaluate-commitment.js';

/** Wage subsidies (anställningsstöd) the socio-economic calculation needs to know about. */
export const WAGE_SUBSIDIES = ['nystartsjobb', 'lonebidrag', 'introduktionsjobb', 'none'] as const;
export type WageSubsidy = (typeof WAGE_SUBSIDIES)[number];

export interface PlacementInput {
  offeredOn: IsoDate | null;
  startedOn: IsoDate;
  plannedEndOn: IsoDate | null;
  endedOn: IsoDate | null;
  endReason: EndReason | null;
  extentPercent: number;
}

export interface PlacementError {
  field: keyof PlacementInput;
  code: 'invalid_date' | 'end_before_start' | 'offer_after_start' | 'extent_out_of_range' | 'end_reason_required' | 'end_reason_without_end' | 'unknown_end_reason';
  message: string;
}

/**
 * The rules a placement must keep: real dates; it cannot end (or be planned to end) before it
 * starts, nor be offered after it started; extent is 1–100 % of full time; an end date needs an
 * end reason and an end reason needs an end date.
 */
export function validatePlacement(p: PlacementInput): PlacementError[] {
  const errors: PlacementError[] = [];
  for (const field of ['offeredOn', 'startedOn', 'plannedEndOn', 'endedOn'] as const) {
    const v = p[field];
    if (v !== null && !isIsoDate(v)) errors.push({ field, code: 'invalid_date', message: `${field} is not a calendar date (YYYY-MM-DD).` });
  }
  if (errors.length > 0) return errors;
  if (p.endedOn !== null && p.endedOn < p.startedOn) errors.push({ field: 'endedOn', code: 'end_before_start', message: 'The employment cannot end before it starts.' });
  if (p.plannedEndOn !== null && p.plannedEndOn < p.startedOn) errors.push({ field: 'plannedEndOn', code: 'end_before_start', message: 'The planned end cannot be before the start.' });
  if (p.offeredOn !== null && p.offeredOn > p.startedOn) errors.push({ field: 'offeredOn', code: 'offer_after_start', message: 'The offer cannot come after the start.' });
  if (!Number.isFinite(p.extentPercent) || p.extentPercent < 1 || p.extentPercent > 100) {
    errors.push({ field: 'extentPercent', code: 'extent_out_of_range', message: 'Extent is a percentage of full time between 1 and 100.' });
  }
  if (p.endReason !== null && !(END_REASONS as readonly string[]).includes(p.endReason)) errors.push({ field: 'endReason', code: 'unknown_end_reason', message: `endReason is one of ${END_REASONS.join(', ')}.` });
  if (p.endedOn !== null && p.endReason === null) errors.push({ field: 'endReason', code: 'end_reason_required', message: 'An ended employment needs an end reason.' });
  if (p.endedOn === null && p.endReason !== null) errors.push({ field: 'endedOn', code: 'end_reason_without_end', message: 'An end reason needs an end date.' });
  return errors;
}
