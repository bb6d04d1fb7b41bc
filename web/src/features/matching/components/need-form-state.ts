import type { TFunction } from 'i18next';
import type { FieldErrors } from '../../../lib/problems';
import type { NeedCreate, OccupationHit } from '../api/matching-api';
import { isIsoDate, listOf, wholeNumber } from './matching-problems';

/** The recruitment-need form as typed. */
export interface NeedFormState {
  contractId: string | null;
  /** 'none': the need answers no particular commitment. */
  commitmentId: string;
  title: string;
  occupation: OccupationHit | null;
  positions: string;
  extentPercent: string;
  startsOn: string;
  districtCode: string;
  skills: string;
  requiredLanguages: string[];
  requiredDrivingLicences: string[];
}

export const NO_CHOICE = 'none';

export function emptyNeedState(): NeedFormState {
  return { contractId: null, commitmentId: NO_CHOICE, title: '', occupation: null, positions: '1', extentPercent: '100', startsOn: '', districtCode: NO_CHOICE, skills: '', requiredLanguages: [], requiredDrivingLicences: [] };
}

export const NEED_FIELD_ORDER = ['contractId', 'commitmentId', 'title', 'ssykCode', 'occupationNameId', 'positions', 'extentPercent', 'startsOn', 'districtCode', 'skills', 'requiredLanguages', 'requiredDrivingLicences'] as const;

/**
 * The form as the API body, or every problem at once. An occupation is an SSYK unit group or a
 * JobTech occupation name (the server derives the group from the name).
 */
export function toNeedInput(s: NeedFormState, t: TFunction): { input: NeedCreate | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const required = t('matching.form.errors.required');
  if (s.contractId === null) errors.contractId = t('matching.form.errors.choose');
  if (s.title.trim() === '') errors.title = required;
  if (s.occupation === null) errors.ssykCode = t('matching.needForm.errors.occupation');
  const positions = wholeNumber(s.positions, 1, 1000);
  if (positions === null) errors.positions = t('matching.needForm.errors.positions');
  const extent = wholeNumber(s.extentPercent, 1, 100);
  if (extent === null) errors.extentPercent = t('matching.form.errors.extent');
  if (s.startsOn === '') errors.startsOn = required;
  else if (!isIsoDate(s.startsOn)) errors.startsOn = t('matching.form.errors.date');
  const skills = listOf(s.skills);
  if (skills.some((x) => x.length > 60)) errors.skills = t('matching.form.errors.skillTooLong');
  if (Object.keys(errors).length > 0 || s.contractId === null || s.occupation === null || positions === null || extent === null) return { input: null, errors };
  const occupation = s.occupation.kind === 'name' ? { occupationNameId: s.occupation.occupationNameId } : { ssykCode: s.occupation.ssykCode };
  return {
    errors,
    input: {
      contractId: s.contractId,
      commitmentId: s.commitmentId === NO_CHOICE ? null : s.commitmentId,
      title: s.title.trim(),
      ...occupation,
      positions,
      extentPercent: extent,
      startsOn: s.startsOn,
      districtCode: s.districtCode === NO_CHOICE ? null : s.districtCode,
      skills,
      requiredLanguages: s.requiredLanguages,
      requiredDrivingLicences: s.requiredDrivingLicences as NonNullable<NeedCreate['requiredDrivingLicences']>,
    },
  };
}
