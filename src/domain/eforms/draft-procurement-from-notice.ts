import { CONTRACT_NATURES, type ContractNature, type ProcurementStatus } from '../procurement/procurement.js';
import type { ProcurementDraft } from '../procurement/validate-procurement.js';
import type { Money } from '../shared/money.js';

/**
 * Turns a notice of one of our organisations into a procurement draft for its register. Pure:
 * the CPV catalogue and the chosen unit come in. What cannot be carried over is returned as notes,
 * never guessed.
 */


/** The parts of a parsed notice this reads (a parsed `Notice` satisfies it as is). */
export interface NoticeForProcurement {
  readonly noticeId: string;
  readonly noticePublicationId: string | null;
  /** BT-04. */
  readonly procedureId: string | null;
  /** BT-03 Form Type. */
  readonly formType: string | null;
  readonly title: string | null;
  readonly description: string | null;
  readonly mainCpv: string | null;
  readonly additionalCpv: readonly string[];
  readonly mainNature: string | null;
  readonly estimatedValue: Money | null;
  readonly lots: ReadonlyArray<{
    readonly kind: 'lot' | 'part';
    readonly lotId: string;
    readonly title: string | null;
    readonly mainCpv: string | null;
    readonly mainNature: string | null;
    readonly estimatedValue: Money | null;
    /** BT-36 with its unit code (DAY, MONTH, YEAR). */
    readonly duration: { readonly value: number; readonly unit: string } | null;
  }>;
}

export interface DraftContext {
  unitId: string;
  isKnownCpv: (code: string) => boolean;
}

export type DraftFromNotice =
  | { ok: true; draft: ProcurementDraft; status: ProcurementStatus | null; notes: string[] }
  | { ok: false; reason: string };

const MAX_REFERENCE = 64;
const MAX_TITLE = 300;
const MAX_DESCRIPTION = 20_000;
const MAX_ADDITIONAL_CPV = 50;

/** The register reference for a notice: its procedure id (BT-04), else `TED-<BT-701>`. */
export function referenceNumberOf(notice: Pick<NoticeForProcurement, 'noticeId' | 'procedureId'>): string {
  const procedureId = notice.procedureId?.trim() ?? '';
  if (procedureId !== '' && procedureId.length <= MAX_REFERENCE) return procedureId;
  return `TED-${notice.noticeId}`.slice(0, MAX_REFERENCE);
}

/**
 * The status a notice's form type (BT-03) implies: a competition notice means the tender is out
 * (published), a result notice that it is awarded; planning notices are plans. Change notices
 * (`change`) say nothing about the status.
 */
export function statusFromFormType(formType: string | null): ProcurementStatus | null {
  switch (formType) {
    case 'planning':
      return 'planned';
    case 'competition':
    case 'dir-awa-pre':
      return 'published';
    case 'result':
    case 'cont-modif':
      return 'awarded';
    default:
      return null;
  }
}

const STATUS_RANK: Readonly<Record<ProcurementStatus, number>> = {
  planned: 0,
  in_preparation: 1,
  published: 2,
  evaluation: 3,
  awarded: 4,
  cancelled: 5,
};

/**
 * The status after importing a notice: it only moves forward (an older contract notice read after the
 * award notice does not reopen the procurement), and a cancelled procurement stays cancelled.
 */
export function statusAfterImport(current: ProcurementStatus | null, fromNotice: ProcurementStatus | null): ProcurementStatus {
  if (current === null) return fromNotice ?? 'published';
  if (fromNotice === null || current === 'cancelled') return current;
  return STATUS_RANK[fromNotice] > STATUS_RANK[current] ? fromNotice : current;
}

/** BT-36 in whole months (DAY rounds up to 30-day months), or null when it cannot be expressed in 1–600 months. */
export function durationInMonths(duration: { value: number; unit: string } | null): number | null {
  if (duration === null || !(duration.value > 0)) return null;
  const months =
    duration.unit === 'MONTH' ? duration.value : duration.unit === 'YEAR' ? duration.value * 12 : duration.unit === 'DAY' ? duration.value / 30 : NaN;
  if (!Number.isFinite(months)) return null;
  const whole = Math.ceil(months);
  return whole >= 1 && whole <= 600 ? whole : null;
}

/** Amount in öre when the currency is SEK; null otherwise (we do not convert currencies). */
function oreOf(value: Money | null): number | null {
  if (value === null || value.currency !== 'SEK' || !(value.amount >= 0)) return null;
  return Math.round(value.amount * 100);
}

function isContractNature(value: string | null): value is ContractNature {
  return value !== null && (CONTRACT_NATURES as readonly string[]).includes(value);
}

/** Draft for the register from a notice; fails only when there is no known CPV code or contract nature at all. */
export function draftProcurementFromNotice(notice: NoticeForProcurement, context: DraftContext): DraftFromNotice {
  const notes: string[] = [];
  const lots = notice.lots.filter((lot) => lot.kind === 'lot');
  const nature = [notice.mainNature, ...lots.map((lot) => lot.mainNature)].find(isContractNature) ?? null;
  if (nature === null) return { ok: false, reason: 'The notice has no contract nature (BT-23).' };
  const cpvCandidates = [notice.mainCpv, ...lots.map((lot) => lot.mainCpv), ...notice.additionalCpv].filter((c): c is string => c !== null);
  const mainCpv = cpvCandidates.find((code) => context.isKnownCpv(code));
  if (mainCpv === undefined) return { ok: false, reason: `No CPV code of the notice is in the CPV 2008 catalogue (${cpvCandidates.join(', ') || 'none given'}).` };
  if (notice.mainCpv !== null && notice.mainCpv !== mainCpv) notes.push(`Main CPV ${notice.mainCpv} is not in the catalogue; used ${mainCpv}.`);

  const additional: string[] = [];
  const unknown: string[] = [];
  for (const code of notice.additionalCpv) {
    if (!context.isKnownCpv(code)) unknown.push(code);
    else if (code !== mainCpv && !additional.includes(code) && additional.length < MAX_ADDITIONAL_CPV) additional.push(code);
  }
  if (unknown.length > 0) notes.push(`Additional CPV codes not in the catalogue were skipped: ${unknown.join(', ')}.`);

  const value = notice.estimatedValue;
  let estimatedValueOre = oreOf(value);
  if (value !== null && estimatedValueOre === null) notes.push(`Estimated value ${value.amount} ${value.currency} is not in SEK and was not converted.`);

  const draftLots: ProcurementDraft['lots'] =
    lots.length < 2
      ? []
      : lots.map((lot, index) => {
          const lotCpv = lot.mainCpv !== null && context.isKnownCpv(lot.mainCpv) ? lot.mainCpv : mainCpv;
          if (lot.mainCpv !== null && lotCpv !== lot.mainCpv) notes.push(`Lot ${lot.lotId}: CPV ${lot.mainCpv} is not in the catalogue; used ${mainCpv}.`);
          const lotOre = oreOf(lot.estimatedValue);
          if (lot.estimatedValue !== null && lotOre === null) notes.push(`Lot ${lot.lotId}: value in ${lot.estimatedValue.currency} was not converted.`);
          return {
            lotNumber: index + 1,
            title: (lot.title?.trim() || lot.lotId).slice(0, MAX_TITLE),
            mainCpv: lotCpv,
            estimatedValueOre: lotOre,
            durationMonths: durationInMonths(lot.duration),
          };
        });
  // The lots together may not exceed the whole (validateProcurementDraft); the notice value is
  // sometimes only a framework maximum of one lot, so keep the lot values and drop the total.
  const lotSum = draftLots.reduce((sum, lot) => sum + (lot.estimatedValueOre ?? 0), 0);
  if (estimatedValueOre !== null && draftLots.length > 0 && lotSum > estimatedValueOre) {
    notes.push('The lots together are worth more than the notice total; the total was left empty.');
    estimatedValueOre = null;
  }
  if (estimatedValueOre === null && value === null && draftLots.length > 0 && draftLots.every((lot) => lot.estimatedValueOre !== null)) {
    estimatedValueOre = lotSum;
  }

  const title = (notice.title?.trim() || lots[0]?.title?.trim() || `TED ${notice.noticePublicationId ?? notice.noticeId}`).slice(0, MAX_TITLE);
  return {
    ok: true,
    status: statusFromFormType(notice.formType),
    notes,
    draft: {
      referenceNumber: referenceNumberOf(notice),
      title,
      description: (notice.description ?? '').slice(0, MAX_DESCRIPTION),
      unitId: context.unitId,
      responsibleUserId: null,
      contractNature: nature,
      mainCpv,
      additionalCpv: additional,
      estimatedValueOre,
      contractStart: null,
      durationMonths: lots.length === 1 ? durationInMonths(lots[0]!.duration) : null,
      extensionMonths: null,
      procedureType: null,
      labourNeedFte: null,
      lots: draftLots,
    },
  };
}

/**
 * What a newer notice changes in a procurement that is already in the register. The notice wins
 * where it states a fact; where it is silent (eForms carries no labour need, extension or
 * procedure type in our draft, and often no start date or value) the register keeps what its
 * people entered. The reference number, owning unit and responsible person are always the
 * register's own.
 */
export function mergeNoticeIntoProcurement(current: ProcurementDraft, fromNotice: ProcurementDraft): ProcurementDraft {
  return {
    referenceNumber: current.referenceNumber,
    title: fromNotice.title,
    description: fromNotice.description.trim() === '' ? current.description : fromNotice.description,
    unitId: current.unitId,
    responsibleUserId: current.responsibleUserId,
    contractNature: fromNotice.contractNature,
    mainCpv: fromNotice.mainCpv,
    additionalCpv: fromNotice.additionalCpv.length > 0 ? fromNotice.additionalCpv : current.additionalCpv,
    estimatedValueOre: fromNotice.estimatedValueOre ?? current.estimatedValueOre,
    contractStart: fromNotice.contractStart ?? current.contractStart,
    durationMonths: fromNotice.durationMonths ?? current.durationMonths,
    extensionMonths: fromNotice.extensionMonths ?? current.extensionMonths,
    procedureType: fromNotice.procedureType ?? current.procedureType,
    labourNeedFte: fromNotice.labourNeedFte ?? current.labourNeedFte,
    lots: fromNotice.lots.length > 0 ? fromNotice.lots : current.lots,
  };
}
