import type { EnumOption, ParameterDefinition, RequirementTemplate, Unit } from './requirement-template.js';

/*
 * Hänsyn's starter set of requirement templates. Written for Hänsyn, following the structure UHM
 * describes for employment requirements (target groups, a number of full-time months, a first
 * hire within six months of contract start, 75 % completion counting as fulfilled, correction
 * before vite) and the Göteborg practice of a coordinator (stödfunktion) who matches candidates.
 * Organisations copy and adapt them; each copy is versioned (template-version.ts).
 */

const SEK = 100;

const MONTHS: Unit = { sv: { one: 'månad', other: 'månader' }, en: { one: 'month', other: 'months' } };
const INTERVAL_MONTHS: Unit = { sv: { one: 'månads', other: 'månaders' }, en: { one: 'month', other: 'months' } };
const DAYS: Unit = { sv: { one: 'dag', other: 'dagar' }, en: { one: 'day', other: 'days' } };
const PEOPLE: Unit = { sv: { one: 'person', other: 'personer' }, en: { one: 'person', other: 'people' } };

/** Employment forms a hire may take. */
export const EMPLOYMENT_FORM_OPTIONS: readonly EnumOption[] = [
  {
    value: 'las_employment',
    label: { sv: 'anställning enligt lagen om anställningsskydd (LAS)', en: 'a position under the Employment Protection Act (LAS)' },
  },
  { value: 'apprenticeship', label: { sv: 'lärlingsanställning', en: 'an apprenticeship' } },
  { value: 'traineeship', label: { sv: 'traineeanställning', en: 'a traineeship' } },
];

const DEFAULT_GROUPS = ['long_term_unemployed', 'newly_arrived', 'young_without_upper_secondary', 'disability', 'income_support'];

const targetGroups: ParameterDefinition = {
  kind: 'target_groups',
  key: 'target_groups',
  label: { sv: 'Målgrupper', en: 'Target groups' },
  help: {
    sv: 'Vilka som kan komma i fråga. Stödfunktionen bedömer om en kandidat tillhör målgruppen.',
    en: 'Who may be considered. The coordinator judges whether a candidate belongs to a target group.',
  },
  minItems: 1,
  default: DEFAULT_GROUPS,
};

const positions: ParameterDefinition = {
  kind: 'integer',
  key: 'positions',
  label: { sv: 'Antal anställningar', en: 'Number of hires' },
  min: 1,
  max: 100,
  unit: PEOPLE,
  default: 2,
};

const employmentMonths: ParameterDefinition = {
  kind: 'integer',
  key: 'employment_months',
  label: { sv: 'Månader på heltid per anställning', en: 'Full-time months per hire' },
  min: 1,
  max: 60,
  unit: MONTHS,
  default: 6,
};

const firstHireWithin: ParameterDefinition = {
  kind: 'integer',
  key: 'first_hire_within_months',
  label: { sv: 'Första anställningen senast (månader efter avtalsstart)', en: 'First hire no later than (months after contract start)' },
  help: { sv: 'UHM rekommenderar högst sex månader.', en: 'UHM recommends six months at most.' },
  min: 1,
  max: 24,
  unit: MONTHS,
  default: 6,
};

const completionPercent: ParameterDefinition = {
  kind: 'percent',
  key: 'completion_percent',
  label: { sv: 'Andel av anställningstiden som räcker om anställningen upphör i förtid', en: 'Share of the employment period that suffices if the employment ends early' },
  min: 50,
  max: 100,
  default: 75,
};

const employmentForm: ParameterDefinition = {
  kind: 'enum',
  key: 'employment_form',
  label: { sv: 'Anställningsform', en: 'Form of employment' },
  options: [...EMPLOYMENT_FORM_OPTIONS],
  default: 'las_employment',
};

const reportingInterval: ParameterDefinition = {
  kind: 'integer',
  key: 'reporting_interval_months',
  label: { sv: 'Rapportering med högst (månader)', en: 'Reporting at most every (months)' },
  min: 1,
  max: 12,
  unit: INTERVAL_MONTHS,
  default: 3,
};

const correctionDays: ParameterDefinition = {
  kind: 'integer',
  key: 'correction_days',
  label: { sv: 'Tid att rätta brister (dagar)', en: 'Time to correct a shortfall (days)' },
  min: 10,
  max: 180,
  unit: DAYS,
  default: 30,
};

const penalty: ParameterDefinition = {
  kind: 'money_ore',
  key: 'penalty_ore',
  label: { sv: 'Vite per anställning som saknas', en: 'Contractual penalty per missing hire' },
  help: {
    sv: 'Vitet ska vara proportionerligt: tillräckligt för att vara kännbart, men inte större än att det står i rimlig proportion till kontraktets värde.',
    en: 'The penalty must be proportionate: large enough to matter, but reasonable in relation to the contract value.',
  },
  min: 0,
  max: 1_000_000 * SEK,
  default: 50_000 * SEK,
};

const LOU_17_1 = {
  sv: 'Särskilda kontraktsvillkor om sociala och sysselsättningsrelaterade hänsyn, 17 kap. 1 § lagen (2016:1145) om offentlig upphandling (LOU); artikel 70 i direktiv 2014/24/EU. Villkoren ska ha koppling till kontraktsföremålet och vara proportionerliga (4 kap. 1 § LOU).',
  en: 'Special contract conditions on social and employment-related considerations, Chapter 17, Section 1 of the Swedish Public Procurement Act (LOU, 2016:1145); Article 70 of Directive 2014/24/EU. The conditions must be linked to the subject matter of the contract and be proportionate (Chapter 4, Section 1 LOU).',
};

const EMPLOYMENT_EFORMS = {
  strategicProcurement: ['soc-obj' as const],
  socialObjectives: ['opp' as const],
  reservedParticipation: [],
  reservedExecution: null,
};

const LABOUR_INTENSIVE_DIVISIONS = ['45', '50', '55', '60', '77', '79', '85', '90', '98'];

export const DIALOGUE_CLAUSE: RequirementTemplate = {
  key: 'dialogue-clause',
  type: 'dialogue_clause',
  level: 'basic',
  title: { sv: 'Dialog om anställningar', en: 'Dialogue on hiring' },
  guidance: {
    sv: 'En första nivå när marknaden eller den egna organisationen inte är redo för krav på anställning. Leverantören förbinder sig att träffa stödfunktionen och pröva om uppdraget kan ge jobb, men inget antal anställningar utlovas.',
    en: 'A first step when the market or your own organisation is not ready for a hiring requirement. The supplier commits to meeting the coordinator and exploring whether the contract can create jobs, but no number of hires is promised.',
  },
  body: {
    sv: 'Leverantören ska senast {{first_meeting_within_months}} efter avtalsstart träffa den upphandlande myndighetens stödfunktion för att gå igenom hur uppdraget kan ge anställning, praktik eller lärlingsplatser åt {{target_groups}}. Inför varje rekrytering under avtalstiden ska leverantören informera stödfunktionen, så att den kan föreslå kandidater.',
    en: "No later than {{first_meeting_within_months}} after the contract starts, the supplier shall meet the contracting authority's coordinator to review how the contract can offer employment, work placements or apprenticeships to {{target_groups}}. Before every recruitment during the contract period, the supplier shall inform the coordinator so that it can propose candidates.",
  },
  followUp: {
    sv: 'Leverantören redovisar vid den årliga avtalsuppföljningen vilka rekryteringar som har gjorts och hur stödfunktionens kandidater har tagits emot. Har mötet inte hållits i tid ska leverantören boka in det inom {{correction_days}} från påminnelse. Villkoret är inte förenat med vite.',
    en: "At the annual contract review, the supplier reports which recruitments have been made and how the coordinator's candidates were received. If the meeting has not taken place in time, the supplier shall arrange it within {{correction_days}} of a reminder. No contractual penalty is attached to this condition.",
  },
  legalBasis: LOU_17_1,
  eforms: EMPLOYMENT_EFORMS,
  parameters: [
    targetGroups,
    {
      kind: 'integer',
      key: 'first_meeting_within_months',
      label: { sv: 'Första mötet senast (månader efter avtalsstart)', en: 'First meeting no later than (months after contract start)' },
      min: 1,
      max: 12,
      unit: MONTHS,
      default: 2,
    },
    correctionDays,
  ],
  suitableContractNatures: ['services', 'works'],
  suitableCpvDivisions: [],
};

export const EMPLOYMENT_CONDITION: RequirementTemplate = {
  key: 'employment-condition',
  type: 'employment_condition',
  level: 'advanced',
  title: { sv: 'Sysselsättningsvillkor', en: 'Employment condition' },
  guidance: {
    sv: 'Det vanliga sysselsättningskravet. Använd det när screeningen rekommenderar krav och stödfunktionen bedömer att det finns kandidater i branschen. Anpassa antalet anställningar efter arbetskraftsbehovet; en tumregel är en anställning per två till tre årsarbetskrafter i uppdraget.',
    en: 'The standard employment requirement. Use it when screening recommends requirements and the coordinator confirms that candidates are available in the field. Match the number of hires to the labour need; as a rule of thumb, one hire per two to three full-time equivalents in the contract.',
  },
  body: {
    sv: 'Leverantören ska under avtalstiden anställa sammanlagt {{positions}} från följande målgrupper: {{target_groups}}. Varje anställning ska omfatta minst {{employment_months}} på heltid och avse {{employment_form}}, med lön och villkor enligt gällande kollektivavtal eller motsvarande. Minst en anställning ska ha påbörjats, eller erbjudits, senast {{first_hire_within_months}} efter avtalsstart. Kandidater anvisas eller godkänns av den upphandlande myndighetens stödfunktion. Upphör en anställning i förtid räknas den som fullgjord när minst {{completion_percent}} av den avtalade tiden har fullgjorts; annars ska leverantören ersätta den med en ny anställning.',
    en: "During the contract period, the supplier shall hire a total of {{positions}} from the following target groups: {{target_groups}}. Each hire shall be {{employment_form}} covering at least {{employment_months}} of full-time work, with pay and conditions in line with the applicable collective agreement or equivalent. At least one hire shall have started, or been offered, no later than {{first_hire_within_months}} after the contract starts. Candidates are referred or approved by the contracting authority's coordinator. If an employment ends early, it counts as fulfilled once at least {{completion_percent}} of the agreed period has been served; otherwise the supplier shall replace it with a new hire.",
  },
  followUp: {
    sv: 'Leverantören rapporterar med högst {{reporting_interval_months}} mellanrum varje anställning enligt villkoret: startdatum, omfattning, anställningsform och, i förekommande fall, slutdatum. Uppgifter om enskilda personer lämnas bara till stödfunktionen. Uppfylls villkoret inte får leverantören skriftligen tillfälle att rätta bristen inom {{correction_days}}. Är bristen inte rättad därefter ska leverantören betala vite med {{penalty_ore}} för varje anställning som saknas. Vitet påverkar inte myndighetens rätt att häva avtalet vid väsentligt avtalsbrott.',
    en: "At intervals of no more than {{reporting_interval_months}}, the supplier reports each hire made under this condition: start date, working hours, form of employment and, where relevant, end date. Personal details are given to the coordinator only. If the condition is not met, the supplier is given written notice and {{correction_days}} to correct the shortfall. If it is still not corrected, the supplier shall pay a contractual penalty of {{penalty_ore}} for each missing hire. The penalty does not affect the authority's right to terminate the contract for material breach.",
  },
  legalBasis: LOU_17_1,
  eforms: EMPLOYMENT_EFORMS,
  parameters: [targetGroups, positions, employmentMonths, employmentForm, firstHireWithin, completionPercent, reportingInterval, correctionDays, penalty],
  suitableContractNatures: ['services', 'works'],
  suitableCpvDivisions: LABOUR_INTENSIVE_DIVISIONS,
};

export const EMPLOYMENT_CONDITION_FRAMEWORK: RequirementTemplate = {
  key: 'employment-condition-framework-agreement',
  type: 'employment_condition',
  level: 'advanced',
  title: { sv: 'Sysselsättningsvillkor i ramavtal', en: 'Employment condition in a framework agreement' },
  guidance: {
    sv: 'För ramavtal där volymen avgörs av avropen. Kravet knyts till avropad volym i stället för till ett fast antal, och den yttersta påföljden är att leverantören inte får fler avrop.',
    en: 'For framework agreements where the volume depends on call-offs. The requirement follows the volume called off rather than a fixed number, and the ultimate sanction is that the supplier receives no further call-offs.',
  },
  body: {
    sv: 'För varje påbörjad avropad volym om {{volume_per_hire_ore}} ska leverantören anställa en person från följande målgrupper: {{target_groups}}. Varje anställning ska avse {{employment_form}} och omfatta minst {{employment_months}} på heltid. Kandidater anvisas eller godkänns av den upphandlande myndighetens stödfunktion. En anställning som upphör i förtid räknas som fullgjord när minst {{completion_percent}} av den avtalade tiden har fullgjorts.',
    en: "For each started tranche of {{volume_per_hire_ore}} in called-off volume, the supplier shall hire one person from the following target groups: {{target_groups}}. Each hire shall be {{employment_form}} covering at least {{employment_months}} of full-time work. Candidates are referred or approved by the contracting authority's coordinator. An employment that ends early counts as fulfilled once at least {{completion_percent}} of the agreed period has been served.",
  },
  followUp: {
    sv: 'Leverantören rapporterar med högst {{reporting_interval_months}} mellanrum avropad volym och de anställningar som gjorts enligt villkoret. Vid brist får leverantören tillfälle att rätta den inom {{correction_days}}. Rättas bristen inte betalar leverantören vite med {{penalty_ore}} per anställning som saknas, och myndigheten får avstå från att göra fler avrop hos leverantören till dess bristen är rättad.',
    en: 'At intervals of no more than {{reporting_interval_months}}, the supplier reports the volume called off and the hires made under this condition. A shortfall may be corrected within {{correction_days}}. If it is not corrected, the supplier pays a contractual penalty of {{penalty_ore}} per missing hire, and the authority may refrain from placing further call-offs with the supplier until the shortfall is corrected.',
  },
  legalBasis: LOU_17_1,
  eforms: EMPLOYMENT_EFORMS,
  parameters: [
    targetGroups,
    {
      kind: 'money_ore',
      key: 'volume_per_hire_ore',
      label: { sv: 'Avropad volym per anställning', en: 'Called-off volume per hire' },
      min: 100_000 * SEK,
      max: 100_000_000 * SEK,
      default: 2_000_000 * SEK,
    },
    employmentMonths,
    employmentForm,
    completionPercent,
    reportingInterval,
    correctionDays,
    penalty,
  ],
  suitableContractNatures: ['services', 'works'],
  suitableCpvDivisions: LABOUR_INTENSIVE_DIVISIONS,
};

export const WORK_PLACEMENTS: RequirementTemplate = {
  key: 'work-placements',
  type: 'apprenticeship',
  level: 'basic',
  title: { sv: 'Praktikplatser', en: 'Work placements' },
  guidance: {
    sv: 'En lägre tröskel än anställning: leverantören tar emot praktikanter som stödfunktionen anvisar. Passar när uppdraget är för litet eller för kort för anställningar men ändå kan ge arbetslivserfarenhet.',
    en: 'A lower threshold than hiring: the supplier takes on trainees referred by the coordinator. Suitable when the contract is too small or too short for hires but can still give work experience.',
  },
  body: {
    sv: 'Leverantören ska under avtalstiden ta emot {{placements}} för praktik om minst {{placement_weeks}} vardera. Praktikanterna anvisas av den upphandlande myndighetens stödfunktion bland {{target_groups}}. Leverantören ska utse en handledare som introducerar praktikanten och är kontaktperson under hela praktiken.',
    en: "During the contract period, the supplier shall take on {{placements}} for work placements of at least {{placement_weeks}} each. The trainees are referred by the contracting authority's coordinator from among {{target_groups}}. The supplier shall appoint a supervisor who introduces the trainee and is the contact person throughout the placement.",
  },
  followUp: {
    sv: 'Leverantören rapporterar med högst {{reporting_interval_months}} mellanrum genomförda och pågående praktikperioder. Om en praktikplats inte erbjuds när stödfunktionen har anvisat en kandidat får leverantören {{correction_days}} att ordna platsen. Villkoret är inte förenat med vite.',
    en: 'At intervals of no more than {{reporting_interval_months}}, the supplier reports completed and ongoing placements. If a placement is not offered after the coordinator has referred a candidate, the supplier has {{correction_days}} to arrange it. No contractual penalty is attached to this condition.',
  },
  legalBasis: LOU_17_1,
  eforms: EMPLOYMENT_EFORMS,
  parameters: [
    targetGroups,
    { kind: 'integer', key: 'placements', label: { sv: 'Antal praktikanter', en: 'Number of trainees' }, min: 1, max: 50, unit: PEOPLE, default: 2 },
    {
      kind: 'integer',
      key: 'placement_weeks',
      label: { sv: 'Veckor per praktik', en: 'Weeks per placement' },
      min: 2,
      max: 52,
      unit: { sv: { one: 'vecka', other: 'veckor' }, en: { one: 'week', other: 'weeks' } },
      default: 8,
    },
    reportingInterval,
    correctionDays,
  ],
  suitableContractNatures: ['services', 'works'],
  suitableCpvDivisions: [],
};

export const APPRENTICESHIPS: RequirementTemplate = {
  key: 'apprenticeships',
  type: 'apprenticeship',
  level: 'advanced',
  title: { sv: 'Lärlingar', en: 'Apprentices' },
  guidance: {
    sv: 'För bygg- och anläggningsentreprenader och andra yrken med en etablerad lärlingsväg. Lärlingstiden räknas mot yrkesbevis, så villkoret ger både jobb och kompetens.',
    en: 'For construction works and other trades with an established apprenticeship route. The time counts towards a trade certificate, so the condition yields both jobs and skills.',
  },
  body: {
    sv: 'Leverantören ska i uppdraget ha {{apprentices}} i {{employment_form}} om minst {{employment_months}} vardera, med en utsedd handledare med yrkesbevis eller motsvarande erfarenhet. Lärlingarna ska rekryteras bland {{target_groups}}, i samråd med den upphandlande myndighetens stödfunktion. Den första lärlingen ska ha börjat senast {{first_hire_within_months}} efter avtalsstart. Underentreprenörers lärlingar räknas med.',
    en: "The supplier shall employ {{apprentices}} on the contract, each in {{employment_form}} for at least {{employment_months}}, under an appointed supervisor with a trade certificate or equivalent experience. The apprentices shall be recruited from among {{target_groups}}, in consultation with the contracting authority's coordinator. The first apprentice shall have started no later than {{first_hire_within_months}} after the contract starts. Apprentices employed by subcontractors count.",
  },
  followUp: {
    sv: 'Leverantören rapporterar med högst {{reporting_interval_months}} mellanrum lärlingarnas startdatum, omfattning och handledare. Vid brist får leverantören skriftligen tillfälle att rätta den inom {{correction_days}}. Därefter betalar leverantören vite med {{penalty_ore}} för varje lärlingsplats som saknas.',
    en: "At intervals of no more than {{reporting_interval_months}}, the supplier reports the apprentices' start dates, working hours and supervisors. A shortfall is notified in writing and may be corrected within {{correction_days}}. After that, the supplier pays a contractual penalty of {{penalty_ore}} for each missing apprenticeship.",
  },
  legalBasis: LOU_17_1,
  eforms: EMPLOYMENT_EFORMS,
  parameters: [
    targetGroups,
    { kind: 'integer', key: 'apprentices', label: { sv: 'Antal lärlingar', en: 'Number of apprentices' }, min: 1, max: 50, unit: { sv: { one: 'lärling', other: 'lärlingar' }, en: { one: 'apprentice', other: 'apprentices' } }, default: 2 },
    { ...employmentForm, default: 'apprenticeship' },
    { ...employmentMonths, default: 12 },
    firstHireWithin,
    reportingInterval,
    correctionDays,
    penalty,
  ],
  suitableContractNatures: ['works', 'services'],
  suitableCpvDivisions: ['45', '50', '77', '90'],
};

export const HIRING_BONUS: RequirementTemplate = {
  key: 'hiring-bonus',
  type: 'hiring_bonus',
  level: 'leading_edge',
  title: { sv: 'Bonus för fler anställningar', en: 'Bonus for additional hires' },
  guidance: {
    sv: 'Spjutspetsnivån: en ekonomisk drivkraft att anställa fler än kravet. Kombineras med sysselsättningsvillkoret. Budgetera bonusen; den betalas bara för anställningar som faktiskt har varat.',
    en: 'The leading-edge level: a financial incentive to hire more than required. Combine it with the employment condition. Budget for the bonus; it is paid only for hires that have actually lasted.',
  },
  body: {
    sv: 'Anställer leverantören fler personer ur målgrupperna ({{target_groups}}) än vad sysselsättningsvillkoret kräver, betalar den upphandlande myndigheten en bonus om {{bonus_ore}} för varje ytterligare anställning, för högst {{max_extra_hires}}. En anställning ger bonus när den har varat i minst {{qualifying_months}} på heltid.',
    en: 'If the supplier hires more people from the target groups ({{target_groups}}) than the employment condition requires, the contracting authority pays a bonus of {{bonus_ore}} for each additional hire, for no more than {{max_extra_hires}}. A hire earns the bonus once it has lasted at least {{qualifying_months}} of full-time work.',
  },
  followUp: {
    sv: 'Leverantören begär bonusen i sin rapportering, som lämnas med högst {{reporting_interval_months}} mellanrum, med uppgift om varje anställnings start och omfattning. Stödfunktionen bekräftar uppgifterna innan bonusen betalas mot faktura. Bonus som betalats för en anställning som inte uppfyllde villkoren dras av från nästa betalning.',
    en: "The supplier claims the bonus in its reporting, made at intervals of no more than {{reporting_interval_months}}, stating each hire's start and working hours. The coordinator confirms the details before the bonus is paid against an invoice. A bonus paid for a hire that did not meet the conditions is deducted from the next payment.",
  },
  legalBasis: LOU_17_1,
  eforms: EMPLOYMENT_EFORMS,
  parameters: [
    targetGroups,
    { kind: 'money_ore', key: 'bonus_ore', label: { sv: 'Bonus per ytterligare anställning', en: 'Bonus per additional hire' }, min: 1_000 * SEK, max: 500_000 * SEK, default: 40_000 * SEK },
    { kind: 'integer', key: 'max_extra_hires', label: { sv: 'Högsta antal anställningar med bonus', en: 'Maximum number of hires earning a bonus' }, min: 1, max: 100, unit: { sv: { one: 'anställning', other: 'anställningar' }, en: { one: 'hire', other: 'hires' } }, default: 5 },
    { ...employmentMonths, key: 'qualifying_months', label: { sv: 'Månader på heltid innan bonus', en: 'Full-time months before a bonus' } },
    reportingInterval,
  ],
  suitableContractNatures: ['services', 'works'],
  suitableCpvDivisions: LABOUR_INTENSIVE_DIVISIONS,
};

const LOU_4_18 = {
  sv: 'Reserverad upphandling, 4 kap. 18 § lagen (2016:1145) om offentlig upphandling (LOU); artikel 20 i direktiv 2014/24/EU. Det ska framgå av annonsen att upphandlingen är reserverad.',
  en: 'Reserved contracts, Chapter 4, Section 18 of the Swedish Public Procurement Act (LOU, 2016:1145); Article 20 of Directive 2014/24/EU. The contract notice must state that the procurement is reserved.',
};

export const RESERVED_PARTICIPATION: RequirementTemplate = {
  key: 'reserved-participation',
  type: 'reserved_contract',
  level: 'advanced',
  title: { sv: 'Reserverat deltagande', en: 'Reserved participation' },
  guidance: {
    sv: 'Bara skyddade verkstäder och leverantörer vars huvudsyfte är social och yrkesmässig integration av personer med funktionsnedsättning eller missgynnade personer får lämna anbud. Lagen kräver att minst 30 % av de anställda tillhör de grupperna. Undersök först om det finns sådana leverantörer i branschen, annars riskerar upphandlingen att bli utan anbud.',
    en: 'Only sheltered workshops and suppliers whose main aim is the social and professional integration of disabled or disadvantaged persons may tender. The law requires at least 30 % of their employees to belong to those groups. First check whether such suppliers exist in the field, or the procurement may receive no tenders.',
  },
  body: {
    sv: 'Rätten att delta i upphandlingen är förbehållen skyddade verkstäder och leverantörer vars huvudsakliga syfte är social och yrkesmässig integration av personer med funktionsnedsättning eller personer som är missgynnade. Minst {{share_percent}} av leverantörens anställda ska vara personer med funktionsnedsättning eller missgynnade personer.',
    en: "The right to participate in this procurement is reserved for sheltered workshops and for suppliers whose main aim is the social and professional integration of disabled or disadvantaged persons. At least {{share_percent}} of the supplier's employees shall be disabled or disadvantaged persons.",
  },
  followUp: {
    sv: 'Anbudsgivaren visar i anbudet hur villkoret uppfylls, till exempel med stadgar och en redovisning av personalsammansättningen. Under avtalstiden bekräftar leverantören andelen med högst {{reporting_interval_months}} mellanrum. Understiger andelen kravet får leverantören {{correction_days}} att förklara och åtgärda avvikelsen; en bestående avvikelse är ett väsentligt avtalsbrott.',
    en: "The tenderer shows in its tender how the condition is met, for example through its articles of association and an account of its workforce. During the contract, the supplier confirms the share at intervals of no more than {{reporting_interval_months}}. If the share falls below the requirement, the supplier has {{correction_days}} to explain and remedy the deviation; a lasting deviation is a material breach of contract.",
  },
  legalBasis: LOU_4_18,
  eforms: { strategicProcurement: ['soc-obj'], socialObjectives: ['opp'], reservedParticipation: ['res-ws'], reservedExecution: null },
  parameters: [
    // LOU 4 kap. 18 §: at least 30 % of the employees, so 30 is the floor.
    { kind: 'percent', key: 'share_percent', label: { sv: 'Lägsta andel anställda ur grupperna', en: 'Minimum share of employees from the groups' }, min: 30, max: 100, default: 30 },
    { ...reportingInterval, default: 12 },
    correctionDays,
  ],
  suitableContractNatures: ['services', 'supplies'],
  suitableCpvDivisions: ['18', '39', '55', '77', '79', '90', '98'],
};

export const RESERVED_EXECUTION: RequirementTemplate = {
  key: 'reserved-execution',
  type: 'reserved_contract',
  level: 'leading_edge',
  title: { sv: 'Genomförande inom program för skyddad anställning', en: 'Performance within sheltered employment programmes' },
  guidance: {
    sv: 'Alternativet till reserverat deltagande: alla får lämna anbud, men kontraktet ska utföras inom ett program för skyddad anställning. Passar när arbetet kan utföras av personer i sådana program och det finns etablerade anordnare.',
    en: 'The alternative to reserved participation: anyone may tender, but the contract must be performed within a sheltered employment programme. Suitable when the work can be done by people in such programmes and established providers exist.',
  },
  body: {
    sv: 'Kontraktet ska fullgöras inom ramen för program för skyddad anställning. Minst {{share_percent}} av de arbetstimmar som läggs på uppdraget ska utföras av personer som är anställda inom ett sådant program, {{programme_description}}.',
    en: 'The contract shall be performed within the framework of sheltered employment programmes. At least {{share_percent}} of the working hours spent on the contract shall be performed by people employed within such a programme, {{programme_description}}.',
  },
  followUp: {
    sv: 'Leverantören redovisar med högst {{reporting_interval_months}} mellanrum arbetade timmar i uppdraget och hur stor andel som utförts inom programmet. Vid avvikelse får leverantören {{correction_days}} att rätta den. Rättas den inte betalar leverantören vite med {{penalty_ore}} per rapportperiod som avvikelsen består.',
    en: 'At intervals of no more than {{reporting_interval_months}}, the supplier reports the hours worked on the contract and the share performed within the programme. A deviation may be corrected within {{correction_days}}. If it is not corrected, the supplier pays a contractual penalty of {{penalty_ore}} for each reporting period the deviation continues.',
  },
  legalBasis: LOU_4_18,
  eforms: { strategicProcurement: ['soc-obj'], socialObjectives: ['opp'], reservedParticipation: [], reservedExecution: 'yes' },
  parameters: [
    { kind: 'percent', key: 'share_percent', label: { sv: 'Lägsta andel arbetstimmar inom programmet', en: 'Minimum share of working hours within the programme' }, min: 30, max: 100, default: 50 },
    {
      kind: 'text',
      key: 'programme_description',
      label: { sv: 'Vilka program som avses', en: 'Which programmes are meant' },
      maxLength: 300,
      default: {
        sv: 'till exempel anställning med lönebidrag eller skyddat arbete hos offentlig arbetsgivare',
        en: 'for example employment with a wage subsidy or sheltered work with a public employer',
      },
    },
    reportingInterval,
    correctionDays,
    { ...penalty, label: { sv: 'Vite per rapportperiod med avvikelse', en: 'Contractual penalty per reporting period with a deviation' }, default: 25_000 * SEK },
  ],
  suitableContractNatures: ['services', 'supplies'],
  suitableCpvDivisions: ['18', '39', '55', '77', '79', '90', '98'],
};

export const SOCIAL_AWARD_CRITERION: RequirementTemplate = {
  key: 'social-award-criterion',
  type: 'social_award_criterion',
  level: 'leading_edge',
  title: { sv: 'Tilldelningskriterium: anställningar utöver kravet', en: 'Award criterion: hires beyond the requirement' },
  guidance: {
    sv: 'Belönar anbud som erbjuder fler anställningar ur målgrupperna än minimikravet. Det erbjudna antalet blir ett kontraktsvillkor med samma uppföljning och vite som sysselsättningsvillkoret. Sätt avdraget så att det påverkar utfallet utan att ta över priset.',
    en: 'Rewards tenders that offer more hires from the target groups than the minimum requirement. The number offered becomes a contract condition with the same follow-up and penalty as the employment condition. Set the deduction so that it affects the outcome without outweighing price.',
  },
  body: {
    sv: 'Anbudsgivaren får erbjuda anställningar av {{target_groups}} utöver det som krävs i kontraktsvillkoren. Varje erbjuden anställning om minst {{employment_months}} på heltid ger ett fiktivt avdrag på anbudspriset om {{deduction_ore}} vid utvärderingen, för högst {{max_offered}}. Det antal anställningar som erbjuds blir ett kontraktsvillkor.',
    en: 'Tenderers may offer hires from among {{target_groups}} beyond what the contract conditions require. Each hire offered for at least {{employment_months}} of full-time work gives a notional deduction of {{deduction_ore}} from the tender price in the evaluation, for no more than {{max_offered}}. The number of hires offered becomes a contract condition.',
  },
  followUp: {
    sv: 'De erbjudna anställningarna följs upp som sysselsättningsvillkoret: rapportering med högst {{reporting_interval_months}} mellanrum, {{correction_days}} att rätta en brist och därefter vite med {{penalty_ore}} för varje erbjuden anställning som saknas.',
    en: 'The hires offered are followed up like the employment condition: reporting at intervals of no more than {{reporting_interval_months}}, {{correction_days}} to correct a shortfall, and then a contractual penalty of {{penalty_ore}} for each offered hire that is missing.',
  },
  legalBasis: {
    sv: 'Tilldelning på grundval av bästa förhållandet mellan pris och kvalitet, där kvalitet får omfatta sociala aspekter, 16 kap. 1 och 3 §§ LOU; artikel 67 i direktiv 2014/24/EU. Kriteriet ska ha koppling till kontraktsföremålet.',
    en: 'Award on the basis of the best price-quality ratio, where quality may include social aspects, Chapter 16, Sections 1 and 3 LOU; Article 67 of Directive 2014/24/EU. The criterion must be linked to the subject matter of the contract.',
  },
  eforms: EMPLOYMENT_EFORMS,
  parameters: [
    targetGroups,
    employmentMonths,
    { kind: 'money_ore', key: 'deduction_ore', label: { sv: 'Fiktivt avdrag per erbjuden anställning', en: 'Notional deduction per hire offered' }, min: 1_000 * SEK, max: 5_000_000 * SEK, default: 100_000 * SEK },
    { kind: 'integer', key: 'max_offered', label: { sv: 'Högsta antal anställningar som ger avdrag', en: 'Maximum number of hires giving a deduction' }, min: 1, max: 50, unit: { sv: { one: 'anställning', other: 'anställningar' }, en: { one: 'hire', other: 'hires' } }, default: 4 },
    reportingInterval,
    correctionDays,
    penalty,
  ],
  suitableContractNatures: ['services', 'works'],
  suitableCpvDivisions: LABOUR_INTENSIVE_DIVISIONS,
};

/** The starter set, in the order a buyer would usually climb UHM's ladder. */
export const STARTER_TEMPLATES: readonly RequirementTemplate[] = [
  DIALOGUE_CLAUSE,
  WORK_PLACEMENTS,
  EMPLOYMENT_CONDITION,
  EMPLOYMENT_CONDITION_FRAMEWORK,
  APPRENTICESHIPS,
  RESERVED_PARTICIPATION,
  HIRING_BONUS,
  RESERVED_EXECUTION,
  SOCIAL_AWARD_CRITERION,
];
