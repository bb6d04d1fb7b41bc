import type { SocialSummary } from './summarise-social-considerations.js';
import { organisationNumberDigits } from '../shared/organisation-number.js';

/**
 * The denormalised facts the market view aggregates over, derived once per notice at import so
 * that the aggregates read a narrow row instead of the parsed notice. Pure.
 */

export interface MoneyFact {
  readonly amount: number;
  readonly currency: string;
}

/** The parts of a parsed notice these facts read (a parsed `Notice` satisfies it as is). */
export interface NoticeFactsInput {
  readonly noticeId: string;
  /** BT-757. */
  readonly noticeVersion: string | null;
  /** BT-05(a), ISO date. */
  readonly issueDate: string | null;
  readonly buyers: ReadonlyArray<{
    readonly name: string | null;
    readonly companyIdNormalised: string | null;
    readonly country: string | null;
  }>;
  readonly title: string | null;
  readonly mainCpv: string | null;
  readonly mainNature: string | null;
  readonly estimatedValue: MoneyFact | null;
  readonly lots: ReadonlyArray<{
    readonly lotId: string;
    readonly title: string | null;
    readonly mainCpv: string | null;
    readonly mainNature: string | null;
    readonly estimatedValue: MoneyFact | null;
  }>;
}

export interface NoticeMarketFacts {
  versionNumber: number;
  year: number | null;
  buyerCountry: string | null;
  buyerNames: string[];
  buyerOrgIds: string[];
  buyerKey: string;
  buyerName: string | null;
  title: string | null;
  mainCpv: string | null;
  cpvDivision: string | null;
  mainNature: string | null;
  estimatedValue: MoneyFact | null;
  socialValueAmount: number | null;
  hasSocial: boolean;
  hasEmployment: boolean;
  socialCodes: string[];
  lotCount: number;
}

export const LIST_TITLE_LENGTH = 300;

/**
 * BT-757 Notice Version as a number ("01" → 1) so versions compare numerically; an absent or
 * non-numeric version counts as 0, i.e. older than any numbered one.
 */
export function noticeVersionNumber(version: string | null): number {
  if (version === null || !/^\d{1,9}$/.test(version.trim())) return 0;
  return Number(version.trim());
}

/**
 * The Swedish organisation number (10 digits, no dash) inside a normalised BT-501, or null.
 * Buyers write it as `2120001355`, `212000-1355`, as a VAT number `SE212000135501`, or with the
 * century prefix `16` that Skatteverket uses for legal persons (`162120001355`).
 */
export function swedishOrganisationNumberOf(companyIdNormalised: string): string | null {
  return organisationNumberDigits(companyIdNormalised);
}

/** The money of the procedure: BT-27 of the procedure, else the lots' BT-27 summed when they share one currency. */
function procedureValue(notice: NoticeFactsInput): MoneyFact | null {
  if (notice.estimatedValue !== null) return notice.estimatedValue;
  const values = notice.lots.map((lot) => lot.estimatedValue).filter((value): value is MoneyFact => value !== null);
  if (values.length === 0) return null;
  const currency = values[0]!.currency;
  if (values.some((value) => value.currency !== currency)) return null;
  return { amount: round2(values.reduce((sum, value) => sum + value.amount, 0)), currency };
}

function round2(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/**
 * The part of the value that carries social considerations. A signal on the procedure (a title or
 * description term) covers the whole value; otherwise the lots with signals count. When the lots
 * carry no values in the procedure's currency, any social lot counts the whole value (we cannot split it).
 */
function socialValue(notice: NoticeFactsInput, social: SocialSummary, total: MoneyFact | null): number | null {
  if (total === null) return null;
  if (!social.declaresSocial) return 0;
  const socialLots = new Set<string>();
  for (const signal of social.signals) {
    if (signal.lotId === null || signal.lotId === undefined) return total.amount;
    socialLots.add(signal.lotId);
  }
  const lotValues = notice.lots.filter((lot) => lot.estimatedValue !== null && lot.estimatedValue.currency === total.currency);
  if (lotValues.length !== notice.lots.length || notice.lots.length === 0) return total.amount;
  const amount = lotValues.filter((lot) => socialLots.has(lot.lotId)).reduce((sum, lot) => sum + lot.estimatedValue!.amount, 0);
  return Math.min(round2(amount), total.amount);
}

/**
 * Social codes for grouping, as `FIELD:code` (`BT-775:opp`, `BT-71:res-ws`, `BT-736:yes`,
 * `BT-06:soc-obj`), unique, in first-seen order; `text` when a term was found in free text.
 */
export function socialCodesOf(social: SocialSummary): string[] {
  const codes = new Set<string>();
  for (const signal of social.signals) {
    codes.add(signal.kind === 'structured' ? `${signal.field}:${signal.code ?? ''}` : 'text');
  }
  return [...codes];
}

/**
 * Derives the market facts of one notice. The first buyer is "the buyer" for grouping: its key is
 * country and normalised BT-501 (`SWE:2120001355`), else country and lower-cased name, so the same
 * identifier in two countries never merges.
 */
export function deriveNoticeFacts(notice: NoticeFactsInput, social: SocialSummary): NoticeMarketFacts {
  const year = notice.issueDate === null ? null : Number(notice.issueDate.slice(0, 4));
  const first = notice.buyers[0];
  const country = first?.country ?? null;
  const orgIds = new Set<string>();
  for (const buyer of notice.buyers) {
    if (buyer.companyIdNormalised === null || buyer.companyIdNormalised === '') continue;
    orgIds.add(buyer.companyIdNormalised.toUpperCase());
    const swedish = buyer.country === 'SWE' || buyer.companyIdNormalised.toUpperCase().startsWith('SE') ? swedishOrganisationNumberOf(buyer.companyIdNormalised) : null;
    if (swedish !== null) orgIds.add(swedish);
  }
  const firstId = first?.companyIdNormalised ? first.companyIdNormalised.toUpperCase() : null;
  const firstName = first?.name?.trim() || null;
  const buyerKey =
    first === undefined
      ? ''
      : firstId !== null
        ? `${country ?? '-'}:${(first.country === 'SWE' && swedishOrganisationNumberOf(firstId)) || firstId}`
        : firstName !== null
          ? `${country ?? '-'}:name:${firstName.toLowerCase()}`
          : '';
  const mainCpv = notice.mainCpv ?? notice.lots.find((lot) => lot.mainCpv !== null)?.mainCpv ?? null;
  const total = procedureValue(notice);
  const title = notice.title ?? notice.lots.find((lot) => lot.title !== null)?.title ?? null;
  return {
    versionNumber: noticeVersionNumber(notice.noticeVersion),
    year: year !== null && Number.isInteger(year) ? year : null,
    buyerCountry: country,
    buyerNames: notice.buyers.map((buyer) => buyer.name?.trim() ?? '').filter((name) => name !== ''),
    buyerOrgIds: [...orgIds],
    buyerKey,
    buyerName: firstName,
    title: title === null ? null : title.slice(0, LIST_TITLE_LENGTH),
    mainCpv,
    cpvDivision: mainCpv !== null && /^\d{2}/.test(mainCpv) ? mainCpv.slice(0, 2) : null,
    mainNature: notice.mainNature ?? notice.lots.find((lot) => lot.mainNature !== null)?.mainNature ?? null,
    estimatedValue: total,
    socialValueAmount: socialValue(notice, social, total),
    hasSocial: social.declaresSocial,
    hasEmployment: social.concernsEmployment,
    socialCodes: socialCodesOf(social),
    lotCount: notice.lots.length,
  };
}
