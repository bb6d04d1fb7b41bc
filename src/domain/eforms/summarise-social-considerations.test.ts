import { describe, expect, it } from 'vitest';
import {
  compileTerm,
  summariseSocialConsiderations,
  type SocialConsiderationFacts,
} from './summarise-social-considerations.js';

type LotFacts = SocialConsiderationFacts['lots'][number];

function lot(overrides: Partial<LotFacts> = {}): LotFacts {
  return {
    lotId: 'LOT-0001',
    title: null,
    description: null,
    strategicProcurement: [],
    strategicProcurementDescription: null,
    socialObjectives: [],
    reservedParticipation: [],
    reservedExecution: null,
    performanceTerms: null,
    ...overrides,
  };
}

function facts(lots: LotFacts[], procedure: Partial<Pick<SocialConsiderationFacts, 'title' | 'description'>> = {}): SocialConsiderationFacts {
  return { title: null, description: null, ...procedure, lots };
}

describe('summariseSocialConsiderations: structured signals', () => {
  const cases: Array<{ name: string; lot: Partial<LotFacts>; declaresSocial: boolean; concernsEmployment: boolean; codes: string[] }> = [
    { name: 'nothing declared', lot: {}, declaresSocial: false, concernsEmployment: false, codes: [] },
    { name: 'BT-06 env-imp alone is not social', lot: { strategicProcurement: ['env-imp'] }, declaresSocial: false, concernsEmployment: false, codes: [] },
    { name: 'BT-06 none is not social', lot: { strategicProcurement: ['none'] }, declaresSocial: false, concernsEmployment: false, codes: [] },
    { name: 'BT-06 soc-obj declares social but not employment', lot: { strategicProcurement: ['soc-obj'] }, declaresSocial: true, concernsEmployment: false, codes: ['BT-06:soc-obj'] },
    { name: 'BT-775 opp without BT-06 concerns employment', lot: { socialObjectives: ['opp'] }, declaresSocial: true, concernsEmployment: true, codes: ['BT-775:opp'] },
    { name: 'BT-775 acc-all without BT-06 declares social only', lot: { socialObjectives: ['acc-all'] }, declaresSocial: true, concernsEmployment: false, codes: ['BT-775:acc-all'] },
    { name: 'BT-775 work-cond is not employment', lot: { socialObjectives: ['work-cond'] }, declaresSocial: true, concernsEmployment: false, codes: ['BT-775:work-cond'] },
    { name: 'BT-775 codes keep document order', lot: { socialObjectives: ['et-eq', 'acc-all', 'opp'] }, declaresSocial: true, concernsEmployment: true, codes: ['BT-775:et-eq', 'BT-775:acc-all', 'BT-775:opp'] },
    { name: 'BT-71 none is not social', lot: { reservedParticipation: ['none'] }, declaresSocial: false, concernsEmployment: false, codes: [] },
    { name: 'BT-71 res-ws concerns employment', lot: { reservedParticipation: ['res-ws'] }, declaresSocial: true, concernsEmployment: true, codes: ['BT-71:res-ws'] },
    { name: 'BT-71 res-pub-ser concerns employment', lot: { reservedParticipation: ['res-pub-ser'] }, declaresSocial: true, concernsEmployment: true, codes: ['BT-71:res-pub-ser'] },
    { name: 'BT-736 yes concerns employment', lot: { reservedExecution: 'yes' }, declaresSocial: true, concernsEmployment: true, codes: ['BT-736:yes'] },
    { name: 'BT-736 no is not social', lot: { reservedExecution: 'no' }, declaresSocial: false, concernsEmployment: false, codes: [] },
    { name: 'BT-736 not-known is not social', lot: { reservedExecution: 'not-known' }, declaresSocial: false, concernsEmployment: false, codes: [] },
  ];
  it.each(cases)('$name', ({ lot: overrides, declaresSocial, concernsEmployment, codes }) => {
    const summary = summariseSocialConsiderations(facts([lot(overrides)]));
    expect(summary.declaresSocial).toBe(declaresSocial);
    expect(summary.concernsEmployment).toBe(concernsEmployment);
    expect(summary.signals.map((signal) => `${signal.field}:${signal.code}`)).toEqual(codes);
    for (const signal of summary.signals) {
      expect(signal.kind).toBe('structured');
      expect(signal.lotId).toBe('LOT-0001');
    }
  });

  it('reports each lot separately', () => {
    const summary = summariseSocialConsiderations(
      facts([lot({ lotId: 'LOT-0001', socialObjectives: ['acc-all'] }), lot({ lotId: 'LOT-0002', reservedParticipation: ['res-ws'] })]),
    );
    expect(summary.signals.map((signal) => [signal.field, signal.lotId])).toEqual([
      ['BT-775', 'LOT-0001'],
      ['BT-71', 'LOT-0002'],
    ]);
  });
});

describe('summariseSocialConsiderations: textual signals', () => {
  const cases: Array<{ name: string; text: string; match: string | null; language?: string; employment?: boolean }> = [
    { name: 'Swedish employment requirement', text: 'Leverantören ska uppfylla sysselsättningskrav enligt bilaga 3.', match: 'sysselsättningskrav', language: 'sv', employment: true },
    { name: 'Swedish inflected form (prefix wildcard)', text: 'Sysselsättningskraven gäller hela avtalstiden.', match: 'Sysselsättningskraven', language: 'sv', employment: true },
    { name: 'Swedish case-insensitive with non-ASCII capitals', text: 'LÅNGTIDSARBETSLÖSA personer ska erbjudas anställning', match: 'LÅNGTIDSARBETSLÖSA', language: 'sv', employment: true },
    { name: 'Swedish apprentice', text: 'minst två lärlingar per år', match: 'lärlingar', language: 'sv', employment: true },
    { name: 'Swedish internship', text: 'Erbjud praktikplatser', match: 'praktikplatser', language: 'sv', employment: true },
    { name: 'Swedish labour market', text: 'i samarbete med Arbetsförmedlingen och arbetsmarknadsenheten', match: 'arbetsmarknadsenheten', language: 'sv', employment: true },
    { name: 'Swedish social considerations are social, not employment', text: 'Upphandlingen ställer krav på sociala hänsyn.', match: 'sociala hänsyn', language: 'sv', employment: false },
    { name: 'English long-term unemployed with hyphen', text: 'Recruit long-term unemployed people', match: 'long-term unemployed', language: 'en', employment: true },
    { name: 'English long term unemployed without hyphen', text: 'recruit Long Term Unemployed people', match: 'Long Term Unemployed', language: 'en', employment: true },
    { name: 'English apprenticeships', text: 'The contractor shall provide Apprenticeships.', match: 'Apprenticeships', language: 'en', employment: true },
    { name: 'English employment opportunities', text: 'create employment opportunities for local people', match: 'employment opportunities', language: 'en', employment: true },
    { name: 'English disadvantaged', text: 'support for disadvantaged groups', match: 'disadvantaged', language: 'en', employment: false },
    { name: 'German long-term unemployed', text: 'Beschäftigung von Langzeitarbeitslosen', match: 'Langzeitarbeitslosen', language: 'de', employment: true },
    { name: 'French long-term unemployed', text: "l'embauche de chômeurs de longue durée", match: 'chômeurs de longue durée', language: 'fr', employment: true },
    { name: 'French social clause', text: 'Le marché comporte des clauses sociales.', match: 'clauses sociales', language: 'fr', employment: false },
    { name: 'Finnish long-term unemployed', text: 'pitkäaikaistyöttömien työllistäminen', match: 'pitkäaikaistyöttömien', language: 'fi', employment: true },
    { name: 'Danish long-term unemployed', text: 'ansættelse af langtidsledige', match: 'langtidsledige', language: 'da', employment: true },
    { name: 'Norwegian apprentice (shared stem tagged da)', text: 'Krav om bruk av lærlinger', match: 'lærlinger', language: 'da', employment: true },
    { name: 'no match inside a longer word (left boundary)', text: 'Det gäller ungdomspraktik.', match: null },
    { name: 'no match for practical (praktisk is not praktik*)', text: 'praktiska frågor om leveransen', match: null },
    { name: 'no match for social alone', text: 'social media campaign', match: null },
    { name: 'no match for unemployment benefit wording', text: 'unemployment insurance services', match: null },
  ];
  it.each(cases)('$name', ({ text, match, language, employment }) => {
    const summary = summariseSocialConsiderations(facts([lot({ performanceTerms: text })]));
    const textual = summary.signals.filter((signal) => signal.kind === 'textual');
    if (match === null) {
      expect(textual).toEqual([]);
      expect(summary.declaresSocial).toBe(false);
      return;
    }
    expect(textual[0]).toMatchObject({ field: 'BT-70', lotId: 'LOT-0001', match, language, employment });
    expect(summary.declaresSocial).toBe(true);
    expect(summary.concernsEmployment).toBe(employment);
  });

  it('searches BT-777, lot and procedure titles and descriptions, naming the field', () => {
    const summary = summariseSocialConsiderations(
      facts(
        [
          lot({
            strategicProcurementDescription: 'Social considerations apply',
            title: 'Lot with apprentices',
            description: 'Work for the long-term unemployed',
          }),
        ],
        { title: 'Städning med sysselsättningskrav', description: 'Praktikplatser ska erbjudas' },
      ),
    );
    expect(summary.signals.map((signal) => [signal.field, signal.lotId, signal.match])).toEqual([
      ['BT-21', null, 'sysselsättningskrav'],
      ['BT-24', null, 'Praktikplatser'],
      ['BT-777', 'LOT-0001', 'Social considerations'],
      ['BT-21', 'LOT-0001', 'apprentices'],
      ['BT-24', 'LOT-0001', 'long-term unemployed'],
    ]);
  });

  it('reports a place in the text once even when two term lists match it', () => {
    const summary = summariseSocialConsiderations(facts([lot({ performanceTerms: 'apprentices' })]));
    expect(summary.signals).toHaveLength(1);
    expect(summary.signals[0]?.language).toBe('en');
  });

  it('matches decomposed (NFD) text', () => {
    const summary = summariseSocialConsiderations(facts([lot({ performanceTerms: 'långtidsarbetslösa'.normalize('NFD') })]));
    expect(summary.concernsEmployment).toBe(true);
  });
});

describe('compileTerm', () => {
  it.each([
    ['long-term', 'longterm', true],
    ['long-term', 'long term', true],
    ['long-term', 'long--term', false],
    ["demandeur* d'emploi", 'demandeurs d’emploi', true],
    ['apprentice*', 'preapprentice', false],
    ['disadvantaged', 'disadvantagedness', false],
  ])('%s against %s → %s', (term, text, expected) => {
    expect(compileTerm(term).test(text)).toBe(expected);
  });
});
