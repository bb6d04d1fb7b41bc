import type { TFunction } from 'i18next';
import { parseInteger } from '../../../lib/format';
import type { FieldErrors } from '../../../lib/problems';
import { END_REASONS as DOMAIN_END_REASONS } from '../../../../../src/domain/follow-up/evaluate-commitment.js';
import { WAGE_SUBSIDIES as DOMAIN_WAGE_SUBSIDIES } from '../../../../../src/domain/follow-up/validate-placement.js';
import type { EndReason, Placement, PlacementInput, WageSubsidy } from '../api/contracts-api';

export const END_REASONS: readonly EndReason[] = DOMAIN_END_REASONS;
export const WAGE_SUBSIDIES: readonly WageSubsidy[] = DOMAIN_WAGE_SUBSIDIES;
/** The employment forms of the templates (EMPLOYMENT_FORM_OPTIONS). */
export const EMPLOYMENT_FORMS: readonly string[] = ['las_employment', 'apprenticeship', 'traineeship'];

/** add: a new hire; edit: change one; end: record that it ended. */
export type PlacementFormMode = 'add' | 'edit' | 'end';

/** What the placement form holds: text as typed, choices as chosen. */
export interface PlacementFormState {
  commitmentId: string | null;
  participantRef: string;
  targetGroup: string | null;
  offeredOn: string;
  startedOn: string;
  plannedEndOn: string;
  endedOn: string;
  endReason: string | null;
  extentPercent: string;
  employmentForm: string | null;
  ssykCode: string;
  wageSubsidy: string;
}

export function emptyPlacementState(defaults: { commitmentId?: string | null; employmentForm?: string | null } = {}): PlacementFormState {
  return {
    commitmentId: defaults.commitmentId ?? null,
    participantRef: '',
    targetGroup: null,
    offeredOn: '',
    startedOn: '',
    plannedEndOn: '',
    endedOn: '',
    endReason: null,
    extentPercent: '100',
    employmentForm: defaults.employmentForm ?? 'las_employment',
    ssykCode: '',
    wageSubsidy: 'none',
  };
}

export function placementStateOf(p: Placement): PlacementFormState {
  return {
    commitmentId: p.commitmentId,
    participantRef: p.participantRef ?? '',
    targetGroup: p.targetGroup,
    offeredOn: p.offeredOn ?? '',
    startedOn: p.startedOn,
    plannedEndOn: p.plannedEndOn ?? '',
    endedOn: p.endedOn ?? '',
    endReason: p.endReason,
    extentPercent: String(p.extentPercent),
    employmentForm: p.employmentForm,
    ssykCode: p.ssykCode ?? '',
    wageSubsidy: p.wageSubsidy,
  };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/**
 * The form as the API body, or every problem at once (so the person fixes them in one go).
 * The server checks the same and more (unknown commitment, target group); its field errors
 * land on the same field names.
 */
export function toPlacementInput(state: PlacementFormState, mode: PlacementFormMode, t: TFunction): { input: PlacementInput | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const required = t('contracts.placementForm.errors.required');
  const badDate = t('contracts.placementForm.errors.date');
  const date = (key: keyof PlacementFormState, isRequired: boolean): string | null => {
    const value = (state[key] ?? '').trim();
    if (value === '') {
      if (isRequired) errors[key] = required;
      return null;
    }
    if (!isIsoDate(value)) {
      errors[key] = badDate;
      return null;
    }
    return value;
  };

  if (!state.commitmentId) errors.commitmentId = t('contracts.placementForm.errors.commitment');
  const participantRef = state.participantRef.trim();
  if (participantRef === '') errors.participantRef = required;
  if (!state.targetGroup) errors.targetGroup = t('contracts.placementForm.errors.choose');
  const offeredOn = date('offeredOn', false);
  const startedOn = date('startedOn', true);
  const plannedEndOn = date('plannedEndOn', false);
  const endedOn = date('endedOn', mode === 'end');
  const extent = parseInteger(state.extentPercent);
  if (extent === null) errors.extentPercent = required;
  else if (Number.isNaN(extent) || extent < 1 || extent > 100) errors.extentPercent = t('contracts.placementForm.errors.extent');
  if (!state.employmentForm) errors.employmentForm = t('contracts.placementForm.errors.choose');
  if (!(DOMAIN_WAGE_SUBSIDIES as readonly string[]).includes(state.wageSubsidy)) errors.wageSubsidy = t('contracts.placementForm.errors.choose');
  const ssykCode = state.ssykCode.trim();
  if (ssykCode !== '' && !/^\d{4}$/.test(ssykCode)) errors.ssykCode = t('contracts.placementForm.errors.ssyk');
  if ((endedOn !== null || mode === 'end') && !state.endReason) errors.endReason = t('contracts.placementForm.errors.endReason');
  if (endedOn === null && state.endReason && mode !== 'add' && !errors.endedOn) errors.endedOn = t('contracts.placementForm.errors.endedOnForReason');
  if (startedOn && endedOn && endedOn < startedOn) errors.endedOn = t('contracts.placementForm.errors.endBeforeStart');
  if (startedOn && plannedEndOn && plannedEndOn < startedOn) errors.plannedEndOn = t('contracts.placementForm.errors.endBeforeStart');
  if (startedOn && offeredOn && offeredOn > startedOn) errors.offeredOn = t('contracts.placementForm.errors.offerAfterStart');

  if (Object.keys(errors).length > 0) return { input: null, errors };
  return {
    input: {
      commitmentId: state.commitmentId as string,
      participantRef,
      targetGroup: state.targetGroup as string,
      offeredOn,
      startedOn: startedOn as string,
      plannedEndOn,
      endedOn,
      endReason: endedOn === null ? null : (state.endReason as EndReason),
      extentPercent: extent as number,
      employmentForm: state.employmentForm as string,
      ssykCode: ssykCode === '' ? null : ssykCode,
      wageSubsidy: state.wageSubsidy as WageSubsidy,
    },
    errors,
  };
}
