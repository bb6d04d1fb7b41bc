import { mapSocialFields, type EformsSocialFields } from './map-social-fields.js';
import { FORM_TYPE_TO_OCDS } from './ocds-codes.js';
import { durationToDays } from './ocds-dates.js';
import type {
  OcdsAward,
  OcdsContract,
  OcdsItem,
  OcdsLot,
  OcdsOrganization,
  OcdsRelease,
  OcdsTender,
  OcdsValue,
  ProcurementCategory,
  ReleaseTag,
  TenderStatus,
} from './ocds-release.js';
import { SWEDISH_ORGANISATION_SCHEME } from './procurement-to-release.js';
import type { Money } from '../shared/money.js';

interface NoticeOrganisation {
  readonly organisationId: string;
  readonly name: string | null;
  readonly companyIdNormalised: string | null;
  readonly country: string | null;
}

/**
 * The parts of a parsed eForms notice this mapping reads. A parsed `Notice`
 * (`src/interop/eforms/notice-schema.ts`) satisfies it as is; the domain does not import it.
 */
export interface NoticeFacts {
  readonly root: 'ContractNotice' | 'ContractAwardNotice' | 'PriorInformationNotice';
  /** BT-701. */
  readonly noticeId: string;
  /** BT-757. */
  readonly noticeVersion: string | null;
  /** BT-04. */
  readonly procedureId: string | null;
  /** BT-03. */
  readonly formType: string | null;
  /** BT-702(a), ISO 639-2/B upper case. */
  readonly language: string | null;
  /** BT-05(a), ISO calendar date. */
  readonly issueDate: string | null;
  readonly buyers: readonly NoticeOrganisation[];
  readonly title: string | null;
  readonly description: string | null;
  readonly mainCpv: string | null;
  readonly additionalCpv: readonly string[];
  readonly mainNature: string | null;
  readonly estimatedValue: Money | null;
  readonly lots: ReadonlyArray<
    EformsSocialFields & {
      readonly lotId: string;
      readonly title: string | null;
      readonly description: string | null;
      readonly mainCpv: string | null;
      readonly additionalCpv: readonly string[];
      readonly mainNature: string | null;
      readonly estimatedValue: Money | null;
      readonly duration: { readonly value: number; readonly unit: string } | null;
      readonly performanceTerms: string | null;
    }
  >;
  readonly results: {
    readonly winners: ReadonlyArray<NoticeOrganisation & { readonly lotIds: readonly string[] }>;
    readonly tenders: ReadonlyArray<{ readonly tenderId: string; readonly lotId: string | null; readonly value: Money | null }>;
    readonly contracts: ReadonlyArray<{ readonly contractId: string; readonly tenderIds: readonly string[]; readonly lotIds: readonly string[] }>;
  } | null;
}

export interface NoticeReleaseOptions {
  /** The OCID prefix registered with OCP (`HANSYN_OCID_PREFIX`). */
  ocidPrefix: string;
  /**
   * The middle part of the OCID: the slug of the organisation that stores the notice. Without it,
   * the first buyer's organisation number (digits) is used, or `ted` when the buyer has none.
   */
  organisationSlug?: string;
  /**
   * The register's procurement this notice belongs to, when known: the release then shares the
   * procurement's OCID, so both describe one contracting process.
   */
  procurementId?: string;
  /** The release date when the notice has no dispatch date (BT-05): when it was received. */
  receivedAt: Date;
}

/** BT-702 language (ISO 639-2/B) → the two-letter code OCDS `language` wants, for the common ones. */
const LANGUAGES: Readonly<Record<string, string>> = {
  SWE: 'sv', ENG: 'en', DAN: 'da', NOR: 'no', FIN: 'fi', DEU: 'de', GER: 'de', FRA: 'fr', FRE: 'fr', SPA: 'es', ITA: 'it', NLD: 'nl',
  DUT: 'nl', POL: 'pl', POR: 'pt', ELL: 'el', GRE: 'el', CES: 'cs', CZE: 'cs', EST: 'et', LAV: 'lv', LIT: 'lt', HUN: 'hu', RON: 'ro',
  RUM: 'ro', SLK: 'sk', SLO: 'sk', SLV: 'sl', BUL: 'bg', HRV: 'hr', GLE: 'ga', MLT: 'mt',
};

/** BT-23 → procurement category; eForms "supplies" are OCDS "goods". */
function categoryOf(nature: string | null): ProcurementCategory | undefined {
  if (nature === 'works' || nature === 'services') return nature;
  if (nature === 'supplies') return 'goods';
  return undefined;
}

/** Release tags and tender status from BT-03, or from the notice's root element when BT-03 is missing. */
function lifecycleOf(notice: NoticeFacts): { tags: ReleaseTag[]; tenderStatus: TenderStatus | null } {
  const byForm = notice.formType === null ? undefined : FORM_TYPE_TO_OCDS[notice.formType];
  if (byForm) return byForm;
  if (notice.root === 'ContractAwardNotice') return { tags: ['award', 'contract'], tenderStatus: 'complete' };
  if (notice.root === 'PriorInformationNotice') return { tags: ['planning'], tenderStatus: 'planned' };
  return { tags: ['tender'], tenderStatus: 'active' };
}

/**
 * A Swedish company identifier (BT-501 of an organisation in Sweden) as an SE-BLV identifier, or
 * nothing: other countries' registers are not guessed.
 */
function identifierOf(organisation: NoticeOrganisation): OcdsOrganization['identifier'] | undefined {
  if (organisation.country !== 'SWE' || organisation.companyIdNormalised === null) return undefined;
  // Written as the number (5560160680), with the century prefix 16 used for legal persons
  // (165560160680), or as the VAT number SE556016068001.
  const match = /^(?:SE(\d{10})01|16(\d{10})|(\d{10}))$/i.exec(organisation.companyIdNormalised);
  const digits = match?.[1] ?? match?.[2] ?? match?.[3];
  if (digits === undefined) return undefined;
  const id = `${digits.slice(0, 6)}-${digits.slice(6)}`;
  return { scheme: SWEDISH_ORGANISATION_SCHEME, id, ...(organisation.name ? { legalName: organisation.name } : {}) };
}

const text = (value: string | null): string | undefined => (value !== null && value.trim() !== '' ? value.trim() : undefined);

/**
 * Sums the values of the winning tenders (those a contract refers to, BT-3202) on one lot (BT-720).
 * Tenders in another currency than the first, or without a value, leave the award without a value
 * rather than a wrong one.
 */
function awardValueOf(lotId: string, notice: NoticeFacts): OcdsValue | undefined {
  const results = notice.results!;
  const winning = new Set(results.contracts.flatMap((c) => c.tenderIds));
  const tenders = results.tenders.filter((t) => t.lotId === lotId && winning.has(t.tenderId));
  if (tenders.length === 0 || tenders.some((t) => t.value === null)) return undefined;
  const currency = tenders[0]!.value!.currency;
  if (tenders.some((t) => t.value!.currency !== currency)) return undefined;
  // Sum in hundredths so 0.1 + 0.2 stays 0.3.
  const cents = tenders.reduce((sum, t) => sum + Math.round(t.value!.amount * 100), 0);
  return { amount: cents / 100, currency };
}

/**
 * Maps a parsed eForms notice to an OCDS 1.1 release, following OCP's "OCDS for eForms" guidance for
 * the fields Hänsyn parses: BT-03 → tag and tender status, BT-04 → `tender.id`, buyers and winners
 * as parties, BT-21/24/23/262/263/27 on the procedure and lots, BT-36 → lot duration in days, and
 * the social fields (BT-06, BT-777, BT-775, BT-774, BT-805, BT-71, BT-736, BT-70) per lot.
 * Results become one award per lot that has winners (suppliers from BT-13713/BT-13714, value the sum
 * of the winning tenders' BT-720), and one contract per settled contract. The parsed notice does
 * not keep the LotResult identifiers, so award ids are `{lot id}-award`.
 */
export function noticeToRelease(notice: NoticeFacts, options: NoticeReleaseOptions): OcdsRelease {
  const firstBuyer = notice.buyers[0];
  const owner =
    options.organisationSlug ?? (firstBuyer?.companyIdNormalised ? firstBuyer.companyIdNormalised.replace(/[^0-9A-Za-z]/g, '').toLowerCase() : 'ted');
  const ocid = `${options.ocidPrefix}-${owner}-${options.procurementId ?? notice.procedureId ?? notice.noticeId}`;
  const { tags, tenderStatus } = lifecycleOf(notice);

  const parties = new Map<string, OcdsOrganization>();
  const addParty = (organisation: NoticeOrganisation, role: 'buyer' | 'supplier') => {
    const existing = parties.get(organisation.organisationId);
    if (existing) {
      if (!existing.roles.includes(role)) existing.roles.push(role);
      return;
    }
    const identifier = identifierOf(organisation);
    parties.set(organisation.organisationId, {
      id: organisation.organisationId,
      ...(organisation.name ? { name: organisation.name } : {}),
      ...(identifier ? { identifier } : {}),
      roles: [role],
    });
  };
  for (const buyer of notice.buyers) addParty(buyer, 'buyer');
  for (const winner of notice.results?.winners ?? []) addParty(winner, 'supplier');

  const items: OcdsItem[] = [];
  const addItem = (cpv: string | null, additional: readonly string[], relatedLot?: string) => {
    if (cpv === null) return;
    items.push({
      id: String(items.length + 1),
      classification: { scheme: 'CPV', id: cpv },
      ...(additional.length > 0 ? { additionalClassifications: additional.map((id) => ({ scheme: 'CPV' as const, id })) } : {}),
      ...(relatedLot ? { relatedLot } : {}),
    });
  };
  addItem(notice.mainCpv, notice.additionalCpv);

  const lots: OcdsLot[] = notice.lots.map((lot) => {
    addItem(lot.mainCpv, lot.additionalCpv, lot.lotId);
    const days = lot.duration === null ? null : durationToDays(lot.duration.value, lot.duration.unit);
    const category = categoryOf(lot.mainNature);
    const title = text(lot.title);
    const description = text(lot.description);
    return {
      id: lot.lotId,
      ...(title ? { title } : {}),
      ...(description ? { description } : {}),
      ...(category ? { mainProcurementCategory: category } : {}),
      ...(lot.estimatedValue ? { value: { amount: lot.estimatedValue.amount, currency: lot.estimatedValue.currency } } : {}),
      ...(days !== null ? { contractPeriod: { durationInDays: days } } : {}),
      ...mapSocialFields(lot),
    };
  });

  const category = categoryOf(notice.mainNature);
  const title = text(notice.title);
  const description = text(notice.description);
  const tender: OcdsTender = {
    id: notice.procedureId ?? notice.noticeId,
    ...(title ? { title } : {}),
    ...(description ? { description } : {}),
    ...(tenderStatus ? { status: tenderStatus } : {}),
    ...(category ? { mainProcurementCategory: category } : {}),
    ...(items.length > 0 ? { items } : {}),
    ...(notice.estimatedValue ? { value: { amount: notice.estimatedValue.amount, currency: notice.estimatedValue.currency } } : {}),
    ...(lots.length > 0 ? { lots } : {}),
  };

  const awards: OcdsAward[] = [];
  const contracts: OcdsContract[] = [];
  if (notice.results !== null) {
    const awardedLots = [...new Set(notice.results.winners.flatMap((w) => w.lotIds))];
    for (const lotId of awardedLots) {
      const suppliers = notice.results.winners
        .filter((w) => w.lotIds.includes(lotId))
        .map((w) => ({ id: w.organisationId, ...(w.name ? { name: w.name } : {}) }));
      const value = awardValueOf(lotId, notice);
      awards.push({ id: `${lotId}-award`, status: 'active', ...(value ? { value } : {}), suppliers, relatedLots: [lotId] });
    }
    for (const contract of notice.results.contracts) {
      const award = awards.find((a) => contract.lotIds.some((lotId) => a.relatedLots?.includes(lotId)));
      if (award) contracts.push({ id: contract.contractId, awardID: award.id });
    }
  }

  const first = firstBuyer ? parties.get(firstBuyer.organisationId) : undefined;
  const date = notice.issueDate === null ? options.receivedAt.toISOString() : `${notice.issueDate}T00:00:00Z`;
  const language = notice.language === null ? undefined : LANGUAGES[notice.language.toUpperCase()];
  return {
    ocid,
    id: `${notice.noticeId}-${notice.noticeVersion ?? '01'}`,
    date,
    tag: tags,
    initiationType: 'tender',
    ...(language ? { language } : {}),
    parties: [...parties.values()],
    ...(first ? { buyer: { id: first.id, ...(first.name ? { name: first.name } : {}) } } : {}),
    tender,
    ...(awards.length > 0 ? { awards } : {}),
    ...(contracts.length > 0 ? { contracts } : {}),
  };
}
