import { Type } from '@sinclair/typebox';
import type { ContractNature, CpvCode, Ore, ProcurementFacts } from '../procurement/procurement.js';
import { formatDecimal, formatOreAsSek, joinList } from '../shared/format.js';
import type { LocalizedText } from '../shared/localized-text.js';
import { isCpvCode, matchCpvLists } from './cpv-match.js';
import type { ScreeningPolicy } from './screening-policy.js';

/**
 * The three outcomes of a screening, the one list every layer uses (API schemas, the database
 * column's enum, the web). `needs_assessment` means facts are missing or a rule cannot decide.
 */
export const SCREENING_RECOMMENDATIONS = ['recommended', 'not_recommended', 'needs_assessment'] as const;
export type ScreeningRecommendation = (typeof SCREENING_RECOMMENDATIONS)[number];
/** The recommendation as a schema (`type: string` with `enum`, as the API and OpenAPI show it). */
export const ScreeningRecommendationSchema = Type.Unsafe<ScreeningRecommendation>({ type: 'string', enum: [...SCREENING_RECOMMENDATIONS] });
export type RuleOutcomeValue = 'pass' | 'fail' | 'unknown';
export type ScreeningRule = 'contract_nature' | 'cpv' | 'value' | 'duration' | 'labour_need' | 'readiness';

export interface RuleOutcome {
  rule: ScreeningRule;
  /** The readiness question's id for `readiness` outcomes; absent otherwise. */
  questionId?: string;
  outcome: RuleOutcomeValue;
  reason: LocalizedText;
}

/**
 * A fact the rules needed but did not get, named as the field path in {@link ProcurementFacts}
 * (`durationMonths`, `lots[2].estimatedValueOre`) or `readiness.<question id>`.
 */
export type MissingFact = string;

export interface ScreeningOutcome {
  recommendation: ScreeningRecommendation;
  summary: LocalizedText;
  rules: RuleOutcome[];
  missingFacts: MissingFact[];
}

export interface LotScreeningResult extends ScreeningOutcome {
  lotNumber: number;
}

export interface ScreeningResult extends ScreeningOutcome {
  policyVersion: number;
  /** One result per lot; empty when the procurement is not divided into lots. */
  lots: LotScreeningResult[];
}

/** What the fact rules look at, for the whole procurement or for one lot. */
interface Subject {
  contractNature: ContractNature;
  mainCpv: CpvCode;
  additionalCpv: readonly CpvCode[];
  estimatedValueOre: Ore | null;
  durationMonths: number | null;
  /** Set when a lot has no duration of its own and follows the procurement's. */
  durationInherited: boolean;
  extensionMonths: number | null;
  labourNeedFte: number | null;
  /** Set when the labour need is known only for the whole procurement and exceeds the floor. */
  labourNeedOnlyForWhole: boolean;
  /** Prefix for missing-fact names: '' or 'lots[3].'. */
  path: string;
}

interface RuleResult {
  outcome: RuleOutcome;
  missing: MissingFact[];
}

const RULE_NAMES: Record<ScreeningRule, LocalizedText> = {
  contract_nature: { sv: 'kontraktstyp', en: 'contract nature' },
  cpv: { sv: 'CPV-kod', en: 'CPV code' },
  value: { sv: 'uppskattat värde', en: 'estimated value' },
  duration: { sv: 'avtalstid', en: 'contract duration' },
  labour_need: { sv: 'arbetskraftsbehov', en: 'labour need' },
  readiness: { sv: 'beredskap', en: 'readiness' },
};

const NATURE_NAMES: Record<ContractNature, LocalizedText> = {
  services: { sv: 'tjänster', en: 'services' },
  supplies: { sv: 'varor', en: 'supplies' },
  works: { sv: 'byggentreprenad', en: 'works' },
};

const isKnownNumber = (value: number | null): value is number => value !== null && Number.isFinite(value);

function result(rule: ScreeningRule, outcome: RuleOutcomeValue, sv: string, en: string, missing: MissingFact[] = []): RuleResult {
  return { outcome: { rule, outcome, reason: { sv, en } }, missing };
}

function months(value: number, lang: 'sv' | 'en'): string {
  const n = formatDecimal(value, lang);
  if (lang === 'sv') return `${n} ${value === 1 ? 'månad' : 'månader'}`;
  return `${n} ${value === 1 ? 'month' : 'months'}`;
}

function fte(value: number, lang: 'sv' | 'en'): string {
  return lang === 'sv' ? `${formatDecimal(value, lang)} årsarbetskrafter` : `${formatDecimal(value, lang)} full-time equivalents`;
}

function checkContractNature(s: Subject, policy: ScreeningPolicy): RuleResult {
  const nature = NATURE_NAMES[s.contractNature];
  const scope = policy.contractNaturesInScope.map((n) => NATURE_NAMES[n]);
  if (policy.contractNaturesInScope.includes(s.contractNature)) {
    return result('contract_nature', 'pass', `Kontraktstypen ${nature.sv} omfattas av policyn.`, `The contract nature ${nature.en} is within the policy's scope.`);
  }
  return result(
    'contract_nature',
    'fail',
    `Kontraktstypen ${nature.sv} omfattas inte; policyn gäller ${joinList(scope.map((n) => n.sv), 'sv') || 'ingen kontraktstyp'}.`,
    `The contract nature ${nature.en} is out of scope; the policy covers ${joinList(scope.map((n) => n.en), 'en') || 'no contract nature'}.`,
  );
}

function checkCpv(s: Subject, policy: ScreeningPolicy): RuleResult {
  if (!isCpvCode(s.mainCpv)) {
    return result('cpv', 'unknown', `Huvud-CPV-koden saknas eller är ogiltig (”${s.mainCpv}”).`, `The main CPV code is missing or invalid ("${s.mainCpv}").`, [`${s.path}mainCpv`]);
  }
  const { include, exclude } = policy.cpv;
  const match = matchCpvLists(s.mainCpv, include, exclude);
  if (match.kind === 'exclude') {
    return result('cpv', 'fail', `CPV-koden ${s.mainCpv} är undantagen i policyn (${match.branch}).`, `CPV code ${s.mainCpv} is excluded by the policy (${match.branch}).`);
  }
  if (match.kind === 'include' || include.length === 0) {
    const branch = match.kind === 'include' ? ` (${match.branch})` : '';
    return result('cpv', 'pass', `CPV-koden ${s.mainCpv} hör till ett arbetsintensivt område i policyn${branch}.`, `CPV code ${s.mainCpv} belongs to a labour-intensive field in the policy${branch}.`);
  }
  // The main CPV code describes the object of the contract, so it decides. A labour-intensive
  // additional code is still a reason to look closer rather than to say no outright.
  const additional = s.additionalCpv.find((code) => isCpvCode(code) && matchCpvLists(code, include, exclude).kind === 'include');
  if (additional !== undefined) {
    return result(
      'cpv',
      'unknown',
      `Huvud-CPV-koden ${s.mainCpv} ligger utanför policyns områden, men tilläggskoden ${additional} ligger inom dem. Bedöm hur stor del av uppdraget den delen utgör.`,
      `The main CPV code ${s.mainCpv} is outside the policy's fields, but the additional code ${additional} is inside them. Assess how large that part of the contract is.`,
    );
  }
  return result('cpv', 'fail', `CPV-koden ${s.mainCpv} ligger utanför policyns arbetsintensiva områden.`, `CPV code ${s.mainCpv} is outside the policy's labour-intensive fields.`);
}

function checkValue(s: Subject, policy: ScreeningPolicy): RuleResult {
  const floor = policy.minValueOre[s.contractNature];
  if (floor === null) {
    return result('value', 'pass', 'Policyn har ingen värdegräns för den här kontraktstypen.', 'The policy sets no value threshold for this contract nature.');
  }
  if (!isKnownNumber(s.estimatedValueOre)) {
    return result(
      'value',
      'unknown',
      `Uppskattat värde saknas; policyns gräns är ${formatOreAsSek(floor, 'sv')}.`,
      `The estimated value is missing; the policy threshold is ${formatOreAsSek(floor, 'en')}.`,
      [`${s.path}estimatedValueOre`],
    );
  }
  // Inclusive: a value threshold reads "from X", as in Scottish screening guidance.
  if (s.estimatedValueOre >= floor) {
    return result('value', 'pass', `Uppskattat värde ${formatOreAsSek(s.estimatedValueOre, 'sv')} når gränsen ${formatOreAsSek(floor, 'sv')}.`, `The estimated value ${formatOreAsSek(s.estimatedValueOre, 'en')} reaches the threshold of ${formatOreAsSek(floor, 'en')}.`);
  }
  return result('value', 'fail', `Uppskattat värde ${formatOreAsSek(s.estimatedValueOre, 'sv')} är under gränsen ${formatOreAsSek(floor, 'sv')}.`, `The estimated value ${formatOreAsSek(s.estimatedValueOre, 'en')} is below the threshold of ${formatOreAsSek(floor, 'en')}.`);
}

function checkDuration(s: Subject, policy: ScreeningPolicy): RuleResult {
  const limit = policy.durationMonthsMoreThan;
  const limitSv = months(limit, 'sv');
  const limitEn = months(limit, 'en');
  if (!isKnownNumber(s.durationMonths)) {
    return result('duration', 'unknown', `Avtalstiden saknas; den måste vara mer än ${limitSv}.`, `The contract duration is missing; it must be more than ${limitEn}.`, [`${s.path}durationMonths`]);
  }
  const inheritedSv = s.durationInherited ? ' (upphandlingens avtalstid, eftersom delområdet saknar egen)' : '';
  const inheritedEn = s.durationInherited ? " (the procurement's duration, as the lot has none of its own)" : '';
  // Göteborg: the contract must run *more than* 4 months, so exactly 4 fails.
  if (s.durationMonths > limit) {
    return result('duration', 'pass', `Avtalstiden ${months(s.durationMonths, 'sv')}${inheritedSv} är mer än ${limitSv}.`, `The contract duration of ${months(s.durationMonths, 'en')}${inheritedEn} is more than ${limitEn}.`);
  }
  if (!policy.countExtensionMonths) {
    return result('duration', 'fail', `Avtalstiden ${months(s.durationMonths, 'sv')}${inheritedSv} är inte mer än ${limitSv}; förlängningsoptioner räknas inte.`, `The contract duration of ${months(s.durationMonths, 'en')}${inheritedEn} is not more than ${limitEn}; extension options do not count.`);
  }
  if (!isKnownNumber(s.extensionMonths)) {
    return result('duration', 'unknown', `Avtalstiden ${months(s.durationMonths, 'sv')} räcker inte ensam och förlängningsoptionernas längd saknas.`, `The contract duration of ${months(s.durationMonths, 'en')} is not enough on its own and the length of the extension options is missing.`, ['extensionMonths']);
  }
  const total = s.durationMonths + s.extensionMonths;
  if (total > limit) {
    return result('duration', 'pass', `Avtalstiden inklusive förlängningsoptioner, ${months(total, 'sv')}, är mer än ${limitSv}.`, `The duration including extension options, ${months(total, 'en')}, is more than ${limitEn}.`);
  }
  return result('duration', 'fail', `Avtalstiden inklusive förlängningsoptioner, ${months(total, 'sv')}, är inte mer än ${limitSv}.`, `The duration including extension options, ${months(total, 'en')}, is not more than ${limitEn}.`);
}

function checkLabourNeed(s: Subject, policy: ScreeningPolicy): RuleResult {
  const limit = policy.labourNeedFteMoreThan;
  if (s.labourNeedOnlyForWhole) {
    return result(
      'labour_need',
      'unknown',
      `Arbetskraftsbehovet är bara uppskattat för hela upphandlingen; uppskatta det för delområdet (det måste vara mer än ${fte(limit, 'sv')}).`,
      `The labour need is estimated only for the whole procurement; estimate it for this lot (it must be more than ${fte(limit, 'en')}).`,
      [`${s.path}labourNeedFte`],
    );
  }
  if (!isKnownNumber(s.labourNeedFte)) {
    // Labour need is held for the whole procurement only, so that is the fact to fill in.
    return result('labour_need', 'unknown', `Arbetskraftsbehovet saknas; det måste vara mer än ${fte(limit, 'sv')}.`, `The labour need is missing; it must be more than ${fte(limit, 'en')}.`, ['labourNeedFte']);
  }
  // Göteborg: the contract must need *more than* one full-time employee, so exactly 1.0 fails.
  if (s.labourNeedFte > limit) {
    return result('labour_need', 'pass', `Arbetskraftsbehovet ${fte(s.labourNeedFte, 'sv')} är mer än ${fte(limit, 'sv')}.`, `The labour need of ${fte(s.labourNeedFte, 'en')} is more than ${fte(limit, 'en')}.`);
  }
  return result('labour_need', 'fail', `Arbetskraftsbehovet ${fte(s.labourNeedFte, 'sv')} är inte mer än ${fte(limit, 'sv')}.`, `The labour need of ${fte(s.labourNeedFte, 'en')} is not more than ${fte(limit, 'en')}.`);
}

function checkReadiness(policy: ScreeningPolicy): RuleResult[] {
  return policy.readinessQuestions.map((q) => {
    const base = { rule: 'readiness' as const, questionId: q.id };
    if (q.answer === 'yes') {
      return { outcome: { ...base, outcome: 'pass', reason: { sv: `Ja: ${q.question.sv}`, en: `Yes: ${q.question.en}` } }, missing: [] };
    }
    if (q.answer === 'no') {
      return { outcome: { ...base, outcome: 'fail', reason: { sv: `Nej: ${q.question.sv}`, en: `No: ${q.question.en}` } }, missing: [] };
    }
    return {
      outcome: { ...base, outcome: 'unknown', reason: { sv: `Obesvarad: ${q.question.sv}`, en: `Unanswered: ${q.question.en}` } },
      missing: [`readiness.${q.id}`],
    };
  });
}

/** Fact rules decide; readiness can only send a procurement to assessment (UHM preconditions). */
function decide(rules: readonly RuleOutcome[]): ScreeningRecommendation {
  const facts = rules.filter((r) => r.rule !== 'readiness');
  if (facts.some((r) => r.outcome === 'fail')) return 'not_recommended';
  if (rules.some((r) => r.outcome !== 'pass')) return 'needs_assessment';
  return 'recommended';
}

function summarise(recommendation: ScreeningRecommendation, rules: readonly RuleOutcome[]): LocalizedText {
  const names = (outcome: RuleOutcomeValue, lang: 'sv' | 'en'): string =>
    joinList(
      [...new Set(rules.filter((r) => r.rule !== 'readiness' && r.outcome === outcome).map((r) => r.rule))].map((rule) => RULE_NAMES[rule][lang]),
      lang,
    );
  if (recommendation === 'recommended') {
    return {
      sv: 'Sysselsättningskrav rekommenderas: alla villkor i screeningen är uppfyllda.',
      en: 'Employment requirements are recommended: every screening condition is met.',
    };
  }
  if (recommendation === 'not_recommended') {
    return {
      sv: `Sysselsättningskrav rekommenderas inte. Villkor som inte uppfylls: ${names('fail', 'sv')}.`,
      en: `Employment requirements are not recommended. Conditions not met: ${names('fail', 'en')}.`,
    };
  }
  const sv: string[] = [];
  const en: string[] = [];
  const unknownFacts = { sv: names('unknown', 'sv'), en: names('unknown', 'en') };
  if (unknownFacts.sv !== '') {
    sv.push(`underlaget räcker inte för att avgöra ${unknownFacts.sv}`);
    en.push(`the facts are not enough to decide on ${unknownFacts.en}`);
  }
  const readiness = rules.filter((r) => r.rule === 'readiness');
  const no = readiness.filter((r) => r.outcome === 'fail').length;
  const open = readiness.filter((r) => r.outcome === 'unknown').length;
  if (no > 0) {
    sv.push(`${no} beredskapsfråg${no === 1 ? 'a' : 'or'} besvarad${no === 1 ? '' : 'e'} med nej`);
    en.push(`${no} readiness question${no === 1 ? '' : 's'} answered no`);
  }
  if (open > 0) {
    sv.push(`${open} beredskapsfråg${open === 1 ? 'a' : 'or'} obesvarad${open === 1 ? '' : 'e'}`);
    en.push(`${open} readiness question${open === 1 ? '' : 's'} unanswered`);
  }
  return {
    sv: `Bedömning behövs innan beslut: ${joinList(sv, 'sv')}.`,
    en: `An assessment is needed before deciding: ${joinList(en, 'en')}.`,
  };
}

function screenSubject(subject: Subject, policy: ScreeningPolicy): ScreeningOutcome {
  const results = [
    checkContractNature(subject, policy),
    checkCpv(subject, policy),
    checkValue(subject, policy),
    checkDuration(subject, policy),
    checkLabourNeed(subject, policy),
    ...checkReadiness(policy),
  ];
  const rules = results.map((r) => r.outcome);
  const recommendation = decide(rules);
  return {
    recommendation,
    summary: summarise(recommendation, rules),
    rules,
    missingFacts: results.flatMap((r) => r.missing),
  };
}

/**
 * Screens a procurement for employment requirements (sysselsättningskrav) against an
 * organisation's policy, following the Göteborg model: the contract must run more than
 * `durationMonthsMoreThan` months and need more than `labourNeedFteMoreThan` full-time
 * employees, in a labour-intensive field (CPV), above a value floor, with the organisation
 * ready to follow up (UHM's preconditions).
 *
 * - Any failed fact rule → `not_recommended`.
 * - Otherwise any unknown fact or readiness question not answered `yes` → `needs_assessment`,
 *   with the missing facts named. A missing fact never passes silently.
 * - Otherwise → `recommended`.
 *
 * Lots are screened one by one with their own CPV code, value and duration (a lot without a
 * duration follows the procurement's). Labour need is a procurement-level fact: a single lot
 * takes it over, several lots fail when the whole procurement is at or under the floor and
 * otherwise need a per-lot estimate.
 */
export function screenProcurement(facts: ProcurementFacts, policy: ScreeningPolicy): ScreeningResult {
  const whole = screenSubject(
    {
      contractNature: facts.contractNature,
      mainCpv: facts.mainCpv,
      additionalCpv: facts.additionalCpv,
      estimatedValueOre: facts.estimatedValueOre,
      durationMonths: facts.durationMonths,
      durationInherited: false,
      extensionMonths: facts.extensionMonths,
      labourNeedFte: facts.labourNeedFte,
      labourNeedOnlyForWhole: false,
      path: '',
    },
    policy,
  );
  const single = facts.lots.length === 1;
  const wholeNeedKnown = isKnownNumber(facts.labourNeedFte);
  const lots = facts.lots.map((lot, index): LotScreeningResult => {
    const outcome = screenSubject(
      {
        contractNature: facts.contractNature,
        mainCpv: lot.mainCpv,
        additionalCpv: [],
        estimatedValueOre: lot.estimatedValueOre,
        durationMonths: lot.durationMonths ?? facts.durationMonths,
        durationInherited: lot.durationMonths === null && facts.durationMonths !== null,
        extensionMonths: facts.extensionMonths,
        labourNeedFte: facts.labourNeedFte,
        // A lot never needs more people than the whole procurement, so a whole at or under the
        // floor settles every lot; above it, only a single lot can take the figure over.
        labourNeedOnlyForWhole: !single && wholeNeedKnown && (facts.labourNeedFte ?? 0) > policy.labourNeedFteMoreThan,
        path: `lots[${index}].`,
      },
      policy,
    );
    return { lotNumber: lot.lotNumber, ...outcome };
  });
  return { policyVersion: policy.version, ...whole, lots };
}
