import type { TFunction } from 'i18next';
import { districtByCode } from '../../../../../src/domain/matching/districts.js';
import { parseIdentityNumber } from '../../../../../src/domain/participants/personal-identity-number.js';
import type { FieldErrors } from '../../../lib/problems';
import type { ParticipantCreate, ParticipantView, Profile } from '../api/matching-api';
import { isIsoDate, listOf, wholeNumber } from './matching-problems';

type AgeBand = Profile['ageBand'];
type Licence = Profile['drivingLicences'][number];
type Basis = Profile['targetGroups'][number]['basis'];

/** Every value of a union, listed once: a value the server adds and this list lacks is a type error. */
const all =
  <U extends string>() =>
  <const L extends readonly U[]>(list: L & ([U] extends [L[number]] ? unknown : never)): readonly U[] =>
    list;

export const AGE_BANDS = all<AgeBand>()(['16-24', '25-29', '30-49', '50-64', '65+']);
export const DRIVING_LICENCES = all<Licence>()(['AM', 'A1', 'A2', 'A', 'B', 'BE', 'C1', 'C1E', 'C', 'CE', 'D1', 'D1E', 'D', 'DE']);
export const TARGET_GROUP_BASES = all<Basis>()(['self_declared', 'employment_service_decision', 'income_support_decision', 'residence_permit', 'reduced_work_capacity_decision', 'officer_assessment']);
/** The languages offered (ISO 639-1), most common in the caseload first; named by the browser in the page's language. */
export const LANGUAGES = ['sv', 'en', 'ar', 'so', 'ti', 'fa', 'ku', 'uk', 'pl', 'bs', 'hr', 'sr', 'tr', 'es', 'fr', 'de', 'ru', 'th', 'zh', 'vi', 'am', 'ps', 'ro', 'fi'] as const;

export interface OccupationRow {
  ssykCode: string | null;
  occupationNameId: string | null;
  /** What the picker showed, kept so a row reads well without another request. */
  label: string;
  experienced: boolean;
}

/** The participant form as typed: text stays text until it is sent. */
export interface ParticipantFormState {
  givenName: string;
  familyName: string;
  personalIdentityNumber: string;
  email: string;
  phone: string;
  address: string;
  targetGroups: Array<{ code: string; basis: Basis | null; assessedOn: string }>;
  unemployedSince: string;
  incomeSupport: 'yes' | 'no';
  newlyArrived: 'yes' | 'no';
  ageBand: AgeBand | null;
  districtCode: string | null;
  municipalityCode: string;
  occupations: OccupationRow[];
  skills: string;
  languages: string[];
  drivingLicences: string[];
  availableFrom: string;
  extentWantedPercent: string;
  training: Array<{ title: string; completedOn: string }>;
}

export function emptyParticipantState(): ParticipantFormState {
  return {
    givenName: '',
    familyName: '',
    personalIdentityNumber: '',
    email: '',
    phone: '',
    address: '',
    targetGroups: [],
    unemployedSince: '',
    incomeSupport: 'no',
    newlyArrived: 'no',
    ageBand: null,
    districtCode: null,
    municipalityCode: '',
    occupations: [],
    skills: '',
    languages: [],
    drivingLicences: [],
    availableFrom: '',
    extentWantedPercent: '100',
    training: [],
  };
}

/** The form filled from a participant (editing); occupations are labelled by their code until looked up. */
export function participantStateOf(p: ParticipantView): ParticipantFormState {
  const profile = p.profile;
  const empty = emptyParticipantState();
  return {
    ...empty,
    givenName: p.givenName ?? '',
    familyName: p.familyName ?? '',
    personalIdentityNumber: p.personalIdentityNumber ?? '',
    email: p.email ?? '',
    phone: p.phone ?? '',
    address: p.address ?? '',
    ...(profile
      ? {
          targetGroups: profile.targetGroups.map((g) => ({ ...g })),
          unemployedSince: profile.unemployedSince ?? '',
          incomeSupport: profile.incomeSupport ? 'yes' : 'no',
          newlyArrived: profile.newlyArrived ? 'yes' : 'no',
          ageBand: profile.ageBand,
          districtCode: profile.districtCode,
          municipalityCode: profile.municipalityCode ?? '',
          occupations: profile.occupations.map((o) => ({ ...o, label: o.ssykCode ?? o.occupationNameId ?? '' })),
          skills: profile.skills.join(', '),
          languages: [...profile.languages],
          drivingLicences: [...profile.drivingLicences],
          availableFrom: profile.availableFrom ?? '',
          extentWantedPercent: String(profile.extentWantedPercent),
          training: profile.training.map((x) => ({ title: x.title, completedOn: x.completedOn ?? '' })),
        }
      : {}),
  };
}

/** The order of the fields on the page, for the error summary. */
export const PARTICIPANT_FIELD_ORDER = [
  'identity.givenName',
  'identity.familyName',
  'identity.personalIdentityNumber',
  'identity.email',
  'identity.phone',
  'identity.address',
  'profile.targetGroups',
  'profile.unemployedSince',
  'profile.incomeSupport',
  'profile.newlyArrived',
  'profile.ageBand',
  'profile.districtCode',
  'profile.municipalityCode',
  'profile.occupations',
  'profile.skills',
  'profile.languages',
  'profile.drivingLicences',
  'profile.availableFrom',
  'profile.extentWantedPercent',
  'profile.training',
] as const;

/** Where a field key sits in PARTICIPANT_FIELD_ORDER (`profile.targetGroups.1.basis` sorts with `profile.targetGroups`). */
export function fieldRank(key: string): number {
  const i = PARTICIPANT_FIELD_ORDER.findIndex((f) => key === f || key.startsWith(`${f}.`));
  return i < 0 ? PARTICIPANT_FIELD_ORDER.length : i;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[0-9 +()-]{5,20}$/;

/**
 * The form as the API body, or every problem at once. The identity number is checked with the
 * same rule the server uses (format, calendar date, Luhn, coordination day + 60); the server
 * checks it again and also what only it knows (target-group codes, an identity number already
 * registered), and its field errors land on the same keys.
 */
export function toParticipantInput(s: ParticipantFormState, today: string, t: TFunction): { input: ParticipantCreate | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const required = t('matching.form.errors.required');
  const dateError = t('matching.form.errors.date');
  if (s.givenName.trim() === '') errors['identity.givenName'] = required;
  if (s.familyName.trim() === '') errors['identity.familyName'] = required;
  if (s.personalIdentityNumber.trim() === '') errors['identity.personalIdentityNumber'] = required;
  else {
    const parsed = parseIdentityNumber(s.personalIdentityNumber, today);
    if (!parsed.valid) errors['identity.personalIdentityNumber'] = t(`matching.errors.identity_number_${parsed.reason}`);
  }
  if (s.email.trim() !== '' && !EMAIL.test(s.email.trim())) errors['identity.email'] = t('matching.form.errors.email');
  if (s.phone.trim() !== '' && !PHONE.test(s.phone.trim())) errors['identity.phone'] = t('matching.form.errors.phone');
  s.targetGroups.forEach((g, i) => {
    if (g.basis === null) errors[`profile.targetGroups.${i}.basis`] = t('matching.form.errors.basis');
    if (g.assessedOn === '') errors[`profile.targetGroups.${i}.assessedOn`] = required;
    else if (!isIsoDate(g.assessedOn)) errors[`profile.targetGroups.${i}.assessedOn`] = dateError;
    else if (g.assessedOn > today) errors[`profile.targetGroups.${i}.assessedOn`] = t('matching.form.errors.future');
  });
  if (s.unemployedSince !== '' && !isIsoDate(s.unemployedSince)) errors['profile.unemployedSince'] = dateError;
  if (s.ageBand === null) errors['profile.ageBand'] = t('matching.form.errors.choose');
  if (s.municipalityCode.trim() !== '' && !/^\d{4}$/.test(s.municipalityCode.trim())) errors['profile.municipalityCode'] = t('matching.form.errors.municipality');
  if (s.availableFrom !== '' && !isIsoDate(s.availableFrom)) errors['profile.availableFrom'] = dateError;
  const extent = wholeNumber(s.extentWantedPercent, 1, 100);
  if (extent === null) errors['profile.extentWantedPercent'] = t('matching.form.errors.extent');
  const skills = listOf(s.skills);
  if (skills.some((x) => x.length > 60)) errors['profile.skills'] = t('matching.form.errors.skillTooLong');
  s.training.forEach((x, i) => {
    if (x.title.trim() === '') errors[`profile.training.${i}.title`] = required;
    if (x.completedOn !== '' && !isIsoDate(x.completedOn)) errors[`profile.training.${i}.completedOn`] = dateError;
  });
  if (Object.keys(errors).length > 0 || extent === null || s.ageBand === null) return { input: null, errors };
  const text = (v: string) => (v.trim() === '' ? null : v.trim());
  const municipality = text(s.municipalityCode) ?? (s.districtCode ? (districtByCode(s.districtCode)?.municipalityCode ?? null) : null);
  return {
    errors,
    input: {
      identity: { givenName: s.givenName.trim(), familyName: s.familyName.trim(), personalIdentityNumber: s.personalIdentityNumber.trim(), email: text(s.email), phone: text(s.phone), address: text(s.address) },
      profile: {
        targetGroups: s.targetGroups.map((g) => ({ code: g.code, basis: g.basis!, assessedOn: g.assessedOn })),
        unemployedSince: text(s.unemployedSince),
        incomeSupport: s.incomeSupport === 'yes',
        newlyArrived: s.newlyArrived === 'yes',
        ageBand: s.ageBand,
        municipalityCode: municipality,
        districtCode: s.districtCode,
        occupations: s.occupations.map((o) => ({ ssykCode: o.ssykCode, occupationNameId: o.occupationNameId, experienced: o.experienced })),
        skills,
        languages: s.languages,
        drivingLicences: s.drivingLicences as Licence[],
        availableFrom: text(s.availableFrom),
        extentWantedPercent: extent,
        training: s.training.map((x) => ({ title: x.title.trim(), completedOn: text(x.completedOn) })),
      },
    },
  };
}
