import { Type, type Static } from '@sinclair/typebox';
import { ContractNatureSchema, CpvCodeSchema } from '../procurement/procurement-schemas.js';
import { LocalizedTextSchema } from '../shared/localized-text.js';

/** `yes`/`no`, or `null` while nobody has answered. */
export const ReadinessAnswerSchema = Type.Union([Type.Literal('yes'), Type.Literal('no'), Type.Null()]);

/**
 * A question the organisation answers before it uses employment requirements at all
 * (UHM lists these as preconditions: a decision, a willing commissioning unit, a matching
 * lead, a regional network). A `no` or an unanswered question never blocks a requirement,
 * but sends the procurement to a human assessment.
 */
export const ReadinessQuestionSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' }),
    question: LocalizedTextSchema,
    answer: ReadinessAnswerSchema,
  },
  { additionalProperties: false },
);
export type ReadinessQuestion = Static<typeof ReadinessQuestionSchema>;

const NullableOre = Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]);

/**
 * An organisation's screening policy (screeningpolicy). Thresholds are *exclusive* where the
 * Göteborg model says "more than": a contract must run more than `durationMonthsMoreThan`
 * months and need more than `labourNeedFteMoreThan` full-time employees. Value thresholds are
 * inclusive ("from 500 000 kr"), as Scottish councils state theirs. Every change to a policy
 * gets a new `version`, which each screening result records.
 */
export const ScreeningPolicySchema = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    durationMonthsMoreThan: Type.Number({ minimum: 0 }),
    /** Whether option/extension months count towards the duration; see docs/decisions/0102. */
    countExtensionMonths: Type.Boolean(),
    labourNeedFteMoreThan: Type.Number({ minimum: 0 }),
    /** Smallest estimated value, in öre, per contract nature; `null` = no value threshold. */
    minValueOre: Type.Object(
      { services: NullableOre, supplies: NullableOre, works: NullableOre },
      { additionalProperties: false },
    ),
    contractNaturesInScope: Type.Array(ContractNatureSchema, { uniqueItems: true }),
    /**
     * CPV branches (8-digit codes; trailing zeros mean the whole branch). An empty include list
     * puts every CPV code in scope. The most specific matching branch decides.
     */
    cpv: Type.Object(
      {
        include: Type.Array(CpvCodeSchema, { uniqueItems: true }),
        exclude: Type.Array(CpvCodeSchema, { uniqueItems: true }),
      },
      { additionalProperties: false },
    ),
    readinessQuestions: Type.Array(ReadinessQuestionSchema),
  },
  { additionalProperties: false },
);
export type ScreeningPolicy = Static<typeof ScreeningPolicySchema>;

/** 1 SEK = 100 öre. */
const SEK = 100;

/**
 * The readiness questions Hänsyn ships with. Answers start empty: each organisation answers
 * them for itself, and until it has, screening asks for an assessment instead of recommending.
 */
export const DEFAULT_READINESS_QUESTIONS: readonly ReadinessQuestion[] = [
  {
    id: 'management-decision',
    question: {
      sv: 'Finns det ett politiskt beslut eller ett ledningsbeslut om att använda sysselsättningskrav?',
      en: 'Has a political body or the management decided that employment requirements are to be used?',
    },
    answer: null,
  },
  {
    id: 'commissioning-unit',
    question: {
      sv: 'Vill den beställande verksamheten ha sysselsättningskrav i den här typen av upphandling?',
      en: 'Does the commissioning unit want employment requirements in this kind of procurement?',
    },
    answer: null,
  },
  {
    id: 'matching-lead',
    question: {
      sv: 'Finns det en utsedd person som ansvarar för att matcha kandidater mot leverantörerna?',
      en: 'Has someone been appointed to match candidates with suppliers?',
    },
    answer: null,
  },
  {
    id: 'regional-network',
    question: {
      sv: 'Finns det ett regionalt nätverk, till exempel med Arbetsförmedlingen och kommunens arbetsmarknadsenhet, att samverka med?',
      en: 'Is there a regional network to work with, for example the Public Employment Service and the municipal labour-market unit?',
    },
    answer: null,
  },
  {
    id: 'candidate-supply',
    question: {
      sv: 'Har stödfunktionen bekräftat att det finns kandidater som kan matchas mot arbetet i den här branschen?',
      en: 'Has the coordinator confirmed that there are candidates who can be matched with work in this field?',
    },
    answer: null,
  },
];

/**
 * Hänsyn's default policy, tuned for labour-intensive services and works. Duration and labour
 * need follow the Göteborg model (more than 4 months, more than one full-time employee). The
 * value floors are a coarse first filter in the spirit of Scottish screening; the CPV list names
 * the fields where entry-level jobs are common (checked against CPV 2008).
 */
export const DEFAULT_SCREENING_POLICY: ScreeningPolicy = {
  version: 1,
  durationMonthsMoreThan: 4,
  countExtensionMonths: false,
  labourNeedFteMoreThan: 1,
  minValueOre: {
    services: 500_000 * SEK,
    supplies: null,
    works: 2_000_000 * SEK,
  },
  contractNaturesInScope: ['services', 'works'],
  cpv: {
    include: [
      '45000000', // Construction work (Anläggningsarbete)
      '50700000', // Repair and maintenance services of building installations
      '55300000', // Restaurant and food-serving services
      '55500000', // Canteen and catering services
      '60000000', // Transport services (excl. waste transport)
      '77000000', // Agricultural, forestry and horticultural services, incl. 77313000 park maintenance
      '79993000', // Building and facilities management services
      '85000000', // Health and social work services
      '90500000', // Refuse and waste related services
      '90600000', // Street cleaning, snow and ice clearing
      '90900000', // Cleaning and sanitation services (incl. 90910000 cleaning)
      '98341130', // Janitorial services (fastighetsskötsel)
    ],
    exclude: [
      '60300000', // Pipeline transport: hardly any staff
      '60400000', // Air transport
      '60500000', // Space transport
      '77600000', // Hunting services
      '77700000', // Services incidental to fishing
      '77800000', // Aquaculture services
      '77900000', // Apiculture services
      '85145000', // Medical laboratories: specialist staff only
    ],
  },
  readinessQuestions: [...DEFAULT_READINESS_QUESTIONS],
};
