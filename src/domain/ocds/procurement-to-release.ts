import type { ContractNature, CpvCode, IsoDate, Ore, ProcedureType, ProcurementStatus } from '../procurement/procurement.js';
import { mapSocialFields, type EformsSocialFields } from './map-social-fields.js';
import { NATURE_TO_CATEGORY, PROCEDURE_TO_METHOD, STATUS_TO_OCDS } from './ocds-codes.js';
import { addDays, addMonths, daysBetween, durationToDays, endOfDay, startOfDay } from './ocds-dates.js';
import type { OcdsItem, OcdsLot, OcdsOrganization, OcdsPeriod, OcdsRelease, OcdsTender, OcdsValue } from './ocds-release.js';
import { oreToAmount } from './ore-to-amount.js';

/** The org-id.guide list for Swedish organisation numbers (Bolagsverket); see decision 0105. */
export const SWEDISH_ORGANISATION_SCHEME = 'SE-BLV';

/** What the mapping needs of a procurement in the register. */
export interface ProcurementForRelease {
  id: string;
  /** Diarienummer; becomes `tender.id`. */
  referenceNumber: string;
  title: string;
  description: string;
  status: ProcurementStatus;
  contractNature: ContractNature;
  mainCpv: CpvCode;
  additionalCpv: readonly CpvCode[];
  estimatedValueOre: Ore | null;
  contractStart: IsoDate | null;
  durationMonths: number | null;
  extensionMonths: number | null;
  procedureType: ProcedureType | null;
  lots: ReadonlyArray<{
    lotNumber: number;
    title: string;
    mainCpv: CpvCode;
    estimatedValueOre: Ore | null;
    durationMonths: number | null;
  }>;
}

/** The contracting authority: the organisation, or a unit with its own organisation number (a bolag). */
export interface BuyerForRelease {
  name: string;
  /** Swedish organisation number, `NNNNNN-NNNN`. */
  organisationNumber: string;
}

/** The eForms social fields of one lot, keyed by its lot number (as `deriveEformsFields` gives them). */
export interface LotSocialFields extends EformsSocialFields {
  lotNumber: number;
}

export interface ProcurementReleaseInput {
  procurement: ProcurementForRelease;
  buyer: BuyerForRelease;
  /** The OCID prefix registered with OCP (`HANSYN_OCID_PREFIX`), e.g. `ocds-a1b2c3`. */
  ocidPrefix: string;
  /** The organisation's slug; the middle part of the OCID. */
  organisationSlug: string;
  /** When anything exported last changed (the procurement or its social fields); the release date. */
  updatedAt: Date;
  /**
   * Per-lot social fields. An undivided procurement is one lot in eForms (lot number 1, `LOT-0001`);
   * its fields go on the tender itself, since OCDS uses no lots for an undivided tender.
   */
  socialFields?: readonly LotSocialFields[];
  /** Labels of CPV codes, for `classification.description`; codes without one are written bare. */
  cpvLabel?: (code: CpvCode) => string | undefined;
}

/** `ocds-abc123` + `malmo` + the procurement id → `ocds-abc123-malmo-<id>`. */
export function procurementOcid(prefix: string, organisationSlug: string, procurementId: string): string {
  return `${prefix}-${organisationSlug}-${procurementId}`;
}

/** The eForms lot identifier (BT-137) of lot number `n`: `LOT-0001`. */
export function lotIdOf(lotNumber: number): string {
  return `LOT-${String(lotNumber).padStart(4, '0')}`;
}

/** The buyer as an OCDS party, identified by its organisation number in the SE-BLV list. */
export function swedishParty(name: string, organisationNumber: string, roles: OcdsOrganization['roles']): OcdsOrganization {
  return {
    id: `${SWEDISH_ORGANISATION_SCHEME}-${organisationNumber}`,
    name,
    identifier: { scheme: SWEDISH_ORGANISATION_SCHEME, id: organisationNumber, legalName: name },
    roles,
  };
}

const sek = (ore: Ore | null): OcdsValue | undefined => (ore === null ? undefined : { amount: oreToAmount(ore), currency: 'SEK' });

/**
 * The contract period: from the start date (when known), ending the day before the same date
 * `months` later, with the extension options as `maxExtentDate`. Without a start date only the
 * duration is known, counted as 30 days a month (OCP's rule for eForms durations).
 */
function contractPeriod(start: IsoDate | null, months: number | null, extensionMonths: number | null): OcdsPeriod | undefined {
  if (start === null) {
    const days = months === null ? null : durationToDays(months, 'MONTH');
    return days === null ? undefined : { durationInDays: days };
  }
  if (months === null) return { startDate: startOfDay(start) };
  const after = addMonths(start, months);
  const period: OcdsPeriod = { startDate: startOfDay(start), endDate: endOfDay(addDays(after, -1)), durationInDays: daysBetween(start, after) };
  if (extensionMonths !== null && extensionMonths > 0) period.maxExtentDate = endOfDay(addDays(addMonths(start, months + extensionMonths), -1));
  return period;
}

/**
 * Maps a procurement of the register to an OCDS 1.1 release (with the lots, sustainability,
 * otherRequirements and contractTerms extensions):
 * - `ocid` = `{prefix}-{organisation slug}-{procurement id}`; the release `id` adds the time of the
 *   last change, so each changed state is a new release of the same contracting process;
 * - `tag` and `tender.status` follow the status (see `STATUS_TO_OCDS`);
 * - the buyer is a party with role `buyer`, identified as `SE-BLV` + organisation number;
 * - money is converted from öre to kronor exactly; contract periods from dates and months;
 * - lots become `tender.lots` (`LOT-0001` …) with their items, value, period and social fields.
 * The register holds no suppliers or award values, so an awarded procurement has the `award` tag
 * and a complete tender but no `awards` entries.
 */
export function procurementToRelease(input: ProcurementReleaseInput): OcdsRelease {
  const { procurement: p, buyer } = input;
  const ocid = procurementOcid(input.ocidPrefix, input.organisationSlug, p.id);
  const { tag, tenderStatus } = STATUS_TO_OCDS[p.status];
  const party = swedishParty(buyer.name, buyer.organisationNumber, ['buyer']);
  const classification = (code: CpvCode) => {
    const description = input.cpvLabel?.(code);
    return { scheme: 'CPV' as const, id: code, ...(description ? { description } : {}) };
  };
  const socialOf = (lotNumber: number) => {
    const fields = input.socialFields?.find((f) => f.lotNumber === lotNumber);
    return fields ? mapSocialFields(fields, 'sv') : {};
  };
  const method = p.procedureType === null ? null : PROCEDURE_TO_METHOD[p.procedureType];

  const items: OcdsItem[] = [
    {
      id: '1',
      classification: classification(p.mainCpv),
      ...(p.additionalCpv.length > 0 ? { additionalClassifications: p.additionalCpv.map(classification) } : {}),
    },
  ];
  const lots: OcdsLot[] = [...p.lots]
    .sort((a, b) => a.lotNumber - b.lotNumber)
    .map((lot) => {
      const id = lotIdOf(lot.lotNumber);
      items.push({ id: String(items.length + 1), classification: classification(lot.mainCpv), relatedLot: id });
      const value = sek(lot.estimatedValueOre);
      // A lot without its own duration runs as the whole procurement does (OCDS: lot fields override).
      const period = lot.durationMonths === null ? undefined : contractPeriod(p.contractStart, lot.durationMonths, null);
      return {
        id,
        title: lot.title,
        status: tenderStatus,
        ...(value ? { value } : {}),
        ...(period ? { contractPeriod: period } : {}),
        ...socialOf(lot.lotNumber),
      };
    });

  const value = sek(p.estimatedValueOre);
  const period = contractPeriod(p.contractStart, p.durationMonths, p.extensionMonths);
  const description = p.description.trim();
  const tender: OcdsTender = {
    id: p.referenceNumber,
    title: p.title,
    ...(description ? { description } : {}),
    status: tenderStatus,
    ...(method ? { procurementMethod: method.method, procurementMethodDetails: method.details } : {}),
    mainProcurementCategory: NATURE_TO_CATEGORY[p.contractNature],
    items,
    ...(value ? { value } : {}),
    ...(period ? { contractPeriod: period } : {}),
    ...(lots.length > 0 ? { lots } : socialOf(1)),
  };

  const date = input.updatedAt.toISOString();
  return {
    ocid,
    id: `${ocid}-${date.replace(/[^0-9]/g, '')}`,
    date,
    tag: [tag],
    initiationType: 'tender',
    language: 'sv',
    parties: [party],
    buyer: { id: party.id, name: party.name! },
    tender,
  };
}
