/**
 * Social considerations in an eForms notice: does the buyer declare social aims, and do they concern
 * employment (sysselsättningskrav)? Pure: the facts come in, a summary goes out.
 *
 * Structured signals come from coded business terms; textual signals from terms found in free text,
 * in several languages. Detection never depends on BT-06 `soc-obj`: buyers often code BT-775 without it.
 */

/** The parts of a parsed notice this summary reads (a parsed `Notice` satisfies it as is). */
export interface SocialConsiderationFacts {
  /** BT-21 procedure title. */
  readonly title: string | null;
  /** BT-24 procedure description. */
  readonly description: string | null;
  readonly lots: ReadonlyArray<{
    readonly lotId: string;
    readonly title: string | null;
    readonly description: string | null;
    /** BT-06 Strategic Procurement codes. */
    readonly strategicProcurement: readonly string[];
    /** BT-777 Strategic Procurement Description. */
    readonly strategicProcurementDescription: string | null;
    /** BT-775 Social Procurement codes. */
    readonly socialObjectives: readonly string[];
    /** BT-71 Reserved Participation codes. */
    readonly reservedParticipation: readonly string[];
    /** BT-736 Reserved Execution code. */
    readonly reservedExecution: string | null;
    /** BT-70 Terms Performance. */
    readonly performanceTerms: string | null;
  }>;
}

export type SocialSignalField = 'BT-06' | 'BT-775' | 'BT-71' | 'BT-736' | 'BT-70' | 'BT-777' | 'BT-21' | 'BT-24';

export interface SocialSignal {
  kind: 'structured' | 'textual';
  field: SocialSignalField;
  /** The code, for structured signals. */
  code?: string;
  /** The lot (or part) the signal belongs to; null for the procedure. */
  lotId?: string | null;
  /** The text as found, for textual signals. */
  match?: string;
  /** ISO 639-1 language of the term list that matched (shared Danish/Norwegian stems are tagged `da`). */
  language?: string;
  /** Whether this signal on its own concerns employment. */
  employment: boolean;
}

export interface SocialSummary {
  /** Any structured or textual signal. */
  declaresSocial: boolean;
  /** Any signal that concerns employment. */
  concernsEmployment: boolean;
  signals: SocialSignal[];
}

/** BT-775 `opp`: employment opportunities for the long-term unemployed, disadvantaged and/or disabled persons. */
const EMPLOYMENT_SOCIAL_OBJECTIVES: ReadonlySet<string> = new Set(['opp']);
/**
 * BT-71 `res-ws` (sheltered workshops, integration of disabled or disadvantaged persons; LOU 4 kap. 18 §)
 * and `res-pub-ser` (public service mission organisations) reserve participation on employment grounds.
 */
const EMPLOYMENT_RESERVED_PARTICIPATION: ReadonlySet<string> = new Set(['res-ws', 'res-pub-ser']);

interface Term {
  language: string;
  /**
   * Words separated by spaces (any run of spaces or hyphens matches), `-` inside a word is optional
   * (`long-term` matches `long term`, `longterm`), a trailing `*` matches any word ending.
   */
  term: string;
  employment: boolean;
}

/** Terms searched in BT-70, BT-777, BT-21 and BT-24. Order is the order signals are reported in. */
export const SOCIAL_TERMS: readonly Term[] = [
  // Swedish
  { language: 'sv', term: 'sysselsättningskrav*', employment: true },
  { language: 'sv', term: 'sysselsättningsmöjlighet*', employment: true },
  { language: 'sv', term: 'långtidsarbetslös*', employment: true },
  { language: 'sv', term: 'lärling*', employment: true },
  { language: 'sv', term: 'praktik*', employment: true },
  { language: 'sv', term: 'arbetsmarknad*', employment: true },
  { language: 'sv', term: 'social* hänsyn', employment: false },
  { language: 'sv', term: 'sociala krav*', employment: false },
  // English
  { language: 'en', term: 'long-term unemploy*', employment: true },
  { language: 'en', term: 'apprentice*', employment: true },
  { language: 'en', term: 'traineeship*', employment: true },
  { language: 'en', term: 'employment opportunit*', employment: true },
  { language: 'en', term: 'social consideration*', employment: false },
  { language: 'en', term: 'social clause*', employment: false },
  { language: 'en', term: 'disadvantaged', employment: false },
  // German
  { language: 'de', term: 'langzeitarbeitslos*', employment: true },
  { language: 'de', term: 'auszubildend*', employment: true },
  { language: 'de', term: 'ausbildungspl*', employment: true },
  { language: 'de', term: 'soziale* kriterien', employment: false },
  { language: 'de', term: 'soziale* aspekt*', employment: false },
  { language: 'de', term: 'benachteiligt*', employment: false },
  // French
  { language: 'fr', term: 'chômeur* de longue durée', employment: true },
  { language: 'fr', term: "demandeur* d'emploi de longue durée", employment: true },
  { language: 'fr', term: 'insertion professionnelle', employment: true },
  { language: 'fr', term: 'apprenti*', employment: true },
  { language: 'fr', term: 'clause* sociale*', employment: false },
  { language: 'fr', term: 'personne* défavorisée*', employment: false },
  // Finnish
  { language: 'fi', term: 'pitkäaikaistyöt*', employment: true },
  { language: 'fi', term: 'työllistämi*', employment: true },
  { language: 'fi', term: 'oppisopimu*', employment: true },
  { language: 'fi', term: 'sosiaalis* näkökoh*', employment: false },
  // Danish (stems shared with Norwegian are tagged da)
  { language: 'da', term: 'langtidsledig*', employment: true },
  { language: 'da', term: 'lærling*', employment: true },
  { language: 'da', term: 'praktikplads*', employment: true },
  { language: 'da', term: 'beskæftigelseskrav*', employment: true },
  { language: 'da', term: 'sociale klausul*', employment: false },
  // Norwegian (bokmål)
  { language: 'nb', term: 'arbeidsmarkedstiltak*', employment: true },
  { language: 'nb', term: 'sosiale krav*', employment: false },
  { language: 'nb', term: 'sosiale hensyn*', employment: false },
];

const LETTER_OR_DIGIT = '[\\p{L}\\p{N}]';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Compiles the little term syntax into a case-insensitive, Unicode word-boundary-aware pattern. */
export function compileTerm(term: string): RegExp {
  const words = term
    .trim()
    .split(/\s+/)
    .map((word) => {
      const wildcard = word.endsWith('*');
      const stem = wildcard ? word.slice(0, -1) : word;
      const source = stem
        .split('-')
        .map((part) => escapeRegExp(part).replace(/'/g, "['’]"))
        .join('[\\s\\-]?');
      return wildcard ? `${source}${LETTER_OR_DIGIT}*` : source;
    });
  return new RegExp(`(?<!${LETTER_OR_DIGIT})${words.join('[\\s\\-]+')}(?!${LETTER_OR_DIGIT})`, 'iu');
}

const COMPILED_TERMS = SOCIAL_TERMS.map((term) => ({ ...term, pattern: compileTerm(term.term) }));

function textualSignals(text: string | null, field: SocialSignalField, lotId: string | null): SocialSignal[] {
  if (text === null || text === '') return [];
  const normalised = text.normalize('NFC');
  const signals: SocialSignal[] = [];
  // Overlapping term lists (en `apprentice*`, fr `apprenti*`) report a place in the text once, for the first list.
  const matchedAt = new Set<number>();
  for (const term of COMPILED_TERMS) {
    const found = term.pattern.exec(normalised);
    if (found === null || matchedAt.has(found.index)) continue;
    matchedAt.add(found.index);
    signals.push({ kind: 'textual', field, lotId, match: found[0], language: term.language, employment: term.employment });
  }
  return signals;
}

/**
 * Summarises the social considerations a notice declares.
 *
 * Structured: BT-06 `soc-obj`; any BT-775 code; BT-71 other than `none`; BT-736 `yes`.
 * Employment: BT-775 `opp`; BT-71 `res-ws`/`res-pub-ser`; BT-736 `yes`; employment terms in text.
 */
export function summariseSocialConsiderations(facts: SocialConsiderationFacts): SocialSummary {
  const signals: SocialSignal[] = [];
  for (const lot of facts.lots) {
    const lotId = lot.lotId;
    for (const code of lot.strategicProcurement) {
      if (code === 'soc-obj') signals.push({ kind: 'structured', field: 'BT-06', code, lotId, employment: false });
    }
    for (const code of lot.socialObjectives) {
      signals.push({ kind: 'structured', field: 'BT-775', code, lotId, employment: EMPLOYMENT_SOCIAL_OBJECTIVES.has(code) });
    }
    for (const code of lot.reservedParticipation) {
      if (code === 'none') continue;
      signals.push({ kind: 'structured', field: 'BT-71', code, lotId, employment: EMPLOYMENT_RESERVED_PARTICIPATION.has(code) });
    }
    // BT-736 `yes`: execution reserved to sheltered employment programmes.
    if (lot.reservedExecution === 'yes') {
      signals.push({ kind: 'structured', field: 'BT-736', code: 'yes', lotId, employment: true });
    }
  }
  signals.push(...textualSignals(facts.title, 'BT-21', null), ...textualSignals(facts.description, 'BT-24', null));
  for (const lot of facts.lots) {
    signals.push(
      ...textualSignals(lot.performanceTerms, 'BT-70', lot.lotId),
      ...textualSignals(lot.strategicProcurementDescription, 'BT-777', lot.lotId),
      ...textualSignals(lot.title, 'BT-21', lot.lotId),
      ...textualSignals(lot.description, 'BT-24', lot.lotId),
    );
  }
  return {
    declaresSocial: signals.length > 0,
    concernsEmployment: signals.some((signal) => signal.employment),
    signals,
  };
}
