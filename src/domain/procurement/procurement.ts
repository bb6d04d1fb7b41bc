/**
 * The procurement (upphandling) as the domain sees it. Pure types and rules only:
 * no database, no HTTP. Codes follow the eForms codelists so that notices (TED) and
 * the register speak the same language.
 */

/** eForms `contract-nature` codelist (BT-23). */
export const CONTRACT_NATURES = ['services', 'supplies', 'works'] as const;
export type ContractNature = (typeof CONTRACT_NATURES)[number];

/** eForms `procurement-procedure-type` codelist (BT-105). */
export const PROCEDURE_TYPES = [
  'open',
  'restricted',
  'neg-w-call',
  'neg-wo-call',
  'comp-dial',
  'innovation',
  'oth-single',
  'oth-mult',
  'comp-tend',
  'exp-int-rail',
] as const;
export type ProcedureType = (typeof PROCEDURE_TYPES)[number];

export const PROCUREMENT_STATUSES = [
  'planned',
  'in_preparation',
  'published',
  'evaluation',
  'awarded',
  'cancelled',
] as const;
export type ProcurementStatus = (typeof PROCUREMENT_STATUSES)[number];

/** Money in integer öre (1 SEK = 100 öre), so sums never meet floating point. */
export type Ore = number;

/** An ISO calendar date, `YYYY-MM-DD`; time of day means nothing for contract starts. */
export type IsoDate = string;

/** An 8-digit CPV code without check digit, as eForms uses it (e.g. `90910000`). */
export type CpvCode = string;

export interface Lot {
  /** The lot's own identifier inside the procurement, e.g. `LOT-0001` as in eForms BT-137. */
  lotNumber: number;
  title: string;
  mainCpv: CpvCode;
  estimatedValueOre: Ore | null;
  durationMonths: number | null;
}

/** The facts about a procurement that rules (screening, reporting) reason over. */
export interface ProcurementFacts {
  contractNature: ContractNature;
  mainCpv: CpvCode;
  additionalCpv: CpvCode[];
  estimatedValueOre: Ore | null;
  contractStart: IsoDate | null;
  durationMonths: number | null;
  extensionMonths: number | null;
  /** Estimated labour need in full-time equivalents; null when nobody has estimated it. */
  labourNeedFte: number | null;
  lots: Lot[];
}
