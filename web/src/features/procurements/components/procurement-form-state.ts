import type { TFunction } from 'i18next';
import { oreToSekInput, parseDecimal, parseInteger, parseSekToOre } from '../../../lib/format';
import type { FieldErrors } from '../../../lib/problems';
import type { ContractNature, CpvRef, ProcedureType, Procurement, ProcurementInput } from '../api/procurements-api';

let nextKey = 1;
/** Stable React keys for rows that can be added and removed. */
export const newKey = (): string => `row-${nextKey++}`;

export interface LotState {
  key: string;
  lotNumber: string;
  title: string;
  mainCpv: CpvRef | null;
  estimatedValue: string;
  durationMonths: string;
}

/** What the form holds: text as typed, choices as chosen. */
export interface ProcurementFormState {
  referenceNumber: string;
  title: string;
  description: string;
  unitId: string | null;
  responsibleUserId: string | null;
  contractNature: string | null;
  procedureType: string | null;
  mainCpv: CpvRef | null;
  additionalCpv: Array<{ key: string; cpv: CpvRef | null }>;
  estimatedValue: string;
  contractStart: string;
  durationMonths: string;
  extensionMonths: string;
  labourNeedFte: string;
  lots: LotState[];
}

export function emptyFormState(defaults: { unitId?: string | null } = {}): ProcurementFormState {
  return {
    referenceNumber: '',
    title: '',
    description: '',
    unitId: defaults.unitId ?? null,
    responsibleUserId: null,
    contractNature: null,
    procedureType: null,
    mainCpv: null,
    additionalCpv: [],
    estimatedValue: '',
    contractStart: '',
    durationMonths: '',
    extensionMonths: '',
    labourNeedFte: '',
    lots: [],
  };
}

const numberText = (n: number | null) => (n === null ? '' : String(n));

export function formStateOf(p: Procurement): ProcurementFormState {
  return {
    referenceNumber: p.referenceNumber,
    title: p.title,
    description: p.description,
    unitId: p.unit.id,
    responsibleUserId: p.responsible?.id ?? null,
    contractNature: p.contractNature,
    procedureType: p.procedureType,
    mainCpv: p.mainCpv,
    additionalCpv: p.additionalCpv.map((cpv) => ({ key: newKey(), cpv })),
    estimatedValue: oreToSekInput(p.estimatedValueOre),
    contractStart: p.contractStart ?? '',
    durationMonths: numberText(p.durationMonths),
    extensionMonths: numberText(p.extensionMonths),
    labourNeedFte: p.labourNeedFte === null ? '' : String(p.labourNeedFte).replace('.', ','),
    lots: p.lots.map((l) => ({
      key: newKey(),
      lotNumber: String(l.lotNumber),
      title: l.title,
      mainCpv: l.mainCpv,
      estimatedValue: oreToSekInput(l.estimatedValueOre),
      durationMonths: numberText(l.durationMonths),
    })),
  };
}

export function newLot(lots: readonly LotState[]): LotState {
  const highest = lots.reduce((max, l) => Math.max(max, Number(l.lotNumber) || 0), 0);
  return { key: newKey(), lotNumber: String(highest + 1), title: '', mainCpv: null, estimatedValue: '', durationMonths: '' };
}

/**
 * Checks what the browser can check (required fields, numbers, amounts) and builds the API
 * body. Error keys are the API's field paths (`estimatedValueOre`, `lots.0.title`) so server
 * and client errors land on the same fields.
 */
export function toProcurementInput(state: ProcurementFormState, t: TFunction): { input: ProcurementInput | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const required = t('errors.fields.required');
  const need = (key: string, ok: boolean, message = required) => {
    if (!ok) errors[key] = message;
  };
  need('referenceNumber', state.referenceNumber.trim() !== '');
  need('title', state.title.trim() !== '');
  need('unitId', state.unitId !== null);
  need('contractNature', state.contractNature !== null);
  need('mainCpv', state.mainCpv !== null);

  const money = (key: string, text: string) => {
    const ore = parseSekToOre(text);
    if (Number.isNaN(ore)) errors[key] = t('errors.fields.invalidAmount');
    return ore === null || Number.isNaN(ore) ? null : ore;
  };
  const whole = (key: string, text: string, min: number) => {
    const n = parseInteger(text);
    if (n !== null && (Number.isNaN(n) || n < min)) errors[key] = t('errors.fields.invalidWholeNumber', { min });
    return n === null || Number.isNaN(n) ? null : n;
  };

  const estimatedValueOre = money('estimatedValueOre', state.estimatedValue);
  const durationMonths = whole('durationMonths', state.durationMonths, 1);
  const extensionMonths = whole('extensionMonths', state.extensionMonths, 0);
  const fte = parseDecimal(state.labourNeedFte);
  if (fte !== null && Number.isNaN(fte)) errors.labourNeedFte = t('errors.fields.invalidNumber');
  if (state.contractStart.trim() !== '' && !isCalendarDate(state.contractStart.trim())) errors.contractStart = t('errors.fields.invalid_date');

  const additionalCpv: string[] = [];
  state.additionalCpv.forEach((row, i) => {
    if (row.cpv) additionalCpv.push(row.cpv.code);
    else errors[`additionalCpv.${i}`] = t('errors.fields.chooseCpv');
  });

  const lots = state.lots.map((lot, i) => {
    const lotNumber = whole(`lots.${i}.lotNumber`, lot.lotNumber, 1);
    need(`lots.${i}.lotNumber`, lot.lotNumber.trim() !== '');
    need(`lots.${i}.title`, lot.title.trim() !== '');
    need(`lots.${i}.mainCpv`, lot.mainCpv !== null);
    return {
      lotNumber: lotNumber ?? 0,
      title: lot.title.trim(),
      mainCpv: lot.mainCpv?.code ?? '',
      estimatedValueOre: money(`lots.${i}.estimatedValueOre`, lot.estimatedValue),
      durationMonths: whole(`lots.${i}.durationMonths`, lot.durationMonths, 1),
    };
  });

  if (Object.keys(errors).length > 0) return { input: null, errors };
  return {
    errors,
    input: {
      referenceNumber: state.referenceNumber.trim(),
      title: state.title.trim(),
      description: state.description,
      unitId: state.unitId!,
      responsibleUserId: state.responsibleUserId,
      contractNature: state.contractNature as ContractNature,
      mainCpv: state.mainCpv!.code,
      additionalCpv,
      estimatedValueOre,
      contractStart: state.contractStart.trim() === '' ? null : state.contractStart.trim(),
      durationMonths,
      extensionMonths,
      procedureType: (state.procedureType as ProcedureType | null) ?? null,
      labourNeedFte: fte === null || Number.isNaN(fte) ? null : Math.round(fte * 100) / 100,
      lots,
    },
  };
}

/**
 * Whether `text` is a real date written YYYY-MM-DD (2027-02-30 is not). The field is plain text
 * in ISO form whatever the browser's locale (a date input shows mm/dd/yyyy in an English Chromium).
 */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
