import type { ContractNature, CpvCode, IsoDate, Ore, ProcedureType } from './procurement.js';

/** What a user submits to create or edit a procurement (after the HTTP schema has checked types). */
export interface ProcurementDraft {
  referenceNumber: string;
  title: string;
  description: string;
  unitId: string;
  responsibleUserId: string | null;
  contractNature: ContractNature;
  mainCpv: CpvCode;
  additionalCpv: CpvCode[];
  estimatedValueOre: Ore | null;
  contractStart: IsoDate | null;
  durationMonths: number | null;
  extensionMonths: number | null;
  procedureType: ProcedureType | null;
  labourNeedFte: number | null;
  lots: Array<{
    lotNumber: number;
    title: string;
    mainCpv: CpvCode;
    estimatedValueOre: Ore | null;
    durationMonths: number | null;
  }>;
}

export interface DraftProblem {
  /** JSON-pointer path inside the draft, e.g. `/lots/1/mainCpv`. */
  path: string;
  /** Stable code the UI translates. */
  code: string;
  message: string;
}

export interface DraftContext {
  isKnownCpv: (code: string) => boolean;
}

function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * The rules a procurement must follow beyond the types: real CPV codes (CPV 2008, eight
 * digits without check digit as in eForms), real calendar dates, lots numbered uniquely and
 * lot values that do not exceed the whole. Returns every problem, not just the first.
 */
export function validateProcurementDraft(draft: ProcurementDraft, context: DraftContext): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const add = (path: string, code: string, message: string) => problems.push({ path, code, message });

  if (draft.referenceNumber.trim() === '') add('/referenceNumber', 'required', 'Enter the reference number.');
  if (draft.title.trim() === '') add('/title', 'required', 'Enter a title.');
  if (!context.isKnownCpv(draft.mainCpv)) add('/mainCpv', 'unknown_cpv', `${draft.mainCpv} is not a CPV code.`);
  draft.additionalCpv.forEach((code, i) => {
    if (!context.isKnownCpv(code)) add(`/additionalCpv/${i}`, 'unknown_cpv', `${code} is not a CPV code.`);
    else if (code === draft.mainCpv || draft.additionalCpv.indexOf(code) !== i) {
      add(`/additionalCpv/${i}`, 'duplicate_cpv', `${code} is listed twice.`);
    }
  });
  if (draft.contractStart !== null && !isRealDate(draft.contractStart)) {
    add('/contractStart', 'invalid_date', 'Enter a real date as YYYY-MM-DD.');
  }
  if (draft.extensionMonths !== null && draft.durationMonths === null) {
    add('/durationMonths', 'required_with_extension', 'Enter the duration when extension months are given.');
  }
  const seen = new Set<number>();
  let lotValueSum = 0;
  draft.lots.forEach((lot, i) => {
    if (seen.has(lot.lotNumber)) add(`/lots/${i}/lotNumber`, 'duplicate_lot', `Lot ${lot.lotNumber} appears twice.`);
    seen.add(lot.lotNumber);
    if (lot.title.trim() === '') add(`/lots/${i}/title`, 'required', 'Enter a title for the lot.');
    if (!context.isKnownCpv(lot.mainCpv)) add(`/lots/${i}/mainCpv`, 'unknown_cpv', `${lot.mainCpv} is not a CPV code.`);
    lotValueSum += lot.estimatedValueOre ?? 0;
  });
  if (draft.estimatedValueOre !== null && draft.lots.length > 0 && lotValueSum > draft.estimatedValueOre) {
    add('/estimatedValueOre', 'lots_exceed_total', 'The lots together are worth more than the whole procurement.');
  }
  return problems;
}
