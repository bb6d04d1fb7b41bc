import { describe, expect, it } from 'vitest';
import { mapSocialFields, type EformsSocialFields } from './map-social-fields.js';
import { SOCIAL_STRATEGIES } from './ocds-codes.js';

const none: EformsSocialFields = {
  strategicProcurement: ['none'],
  socialObjectives: [],
  reservedParticipation: ['none'],
  reservedExecution: 'no',
  performanceTerms: null,
};
const strategies = [...SOCIAL_STRATEGIES];

describe('mapSocialFields', () => {
  it('a lot without social fields gets none, not empty objects', () => {
    expect(mapSocialFields(none)).toEqual({});
  });

  it.each([
    ['BT-06 soc-obj', { strategicProcurement: ['soc-obj'] }, { hasSustainability: true, sustainability: [{ goal: 'social', strategies }] }],
    ['BT-06 env-imp', { strategicProcurement: ['env-imp'] }, { hasSustainability: true, sustainability: [{ goal: 'environmental', strategies }] }],
    ['BT-06 inn-pur', { strategicProcurement: ['inn-pur'] }, { hasSustainability: true, sustainability: [{ goal: 'economic.innovativePurchase', strategies }] }],
    ['BT-775 opp', { socialObjectives: ['opp'] }, { hasSustainability: true, sustainability: [{ goal: 'social.disadvantagedEmploymentOpportunities', strategies }] }],
    ['BT-775 acc-all', { socialObjectives: ['acc-all'] }, { hasSustainability: true, sustainability: [{ goal: 'social.accessibility', strategies }] }],
    ['BT-775 et-eq', { socialObjectives: ['et-eq'] }, { hasSustainability: true, sustainability: [{ goal: 'social.ethnicEquality', strategies }] }],
    ['BT-775 gen-eq', { socialObjectives: ['gen-eq'] }, { hasSustainability: true, sustainability: [{ goal: 'social.genderEquality', strategies }] }],
    ['BT-775 hum-right (current extension code)', { socialObjectives: ['hum-right'] }, { hasSustainability: true, sustainability: [{ goal: 'social.humanRightsInSupplyChains', strategies }] }],
    ['BT-775 work-cond', { socialObjectives: ['work-cond'] }, { hasSustainability: true, sustainability: [{ goal: 'social.laborRightsPromotion', strategies }] }],
    ['BT-775 other', { socialObjectives: ['other'] }, { hasSustainability: true, sustainability: [{ goal: 'social', strategies }] }],
    ['BT-774 water-mar (current extension code)', { greenProcurement: ['water-mar'] }, { hasSustainability: true, sustainability: [{ goal: 'environmental.waterResourcesProtection' }] }],
    ['BT-774 circ-econ', { greenProcurement: ['circ-econ'] }, { hasSustainability: true, sustainability: [{ goal: 'environmental.circularEconomy' }] }],
    ['BT-805 eu', { gppCriteria: ['eu'] }, { hasSustainability: true, sustainability: [{ strategies: ['euGPPCriteria'] }] }],
    ['BT-805 none', { gppCriteria: ['none'] }, {}],
    ['BT-71 res-ws', { reservedParticipation: ['res-ws'] }, { otherRequirements: { reservedParticipation: ['shelteredWorkshop'] } }],
    ['BT-71 res-pub-ser', { reservedParticipation: ['res-pub-ser'] }, { otherRequirements: { reservedParticipation: ['publicServiceMissionOrganization'] } }],
    ['BT-736 yes', { reservedExecution: 'yes' }, { contractTerms: { reservedExecution: true } }],
    ['BT-736 not-known (not mapped)', { reservedExecution: 'not-known' }, {}],
    ['BT-70 text', { performanceTerms: ' Leverantören ska anställa två personer. ' }, { contractTerms: { performanceTerms: 'Leverantören ska anställa två personer.' } }],
    ['BT-70 blank', { performanceTerms: '  ' }, {}],
    ['an unknown code', { socialObjectives: ['made-up'] }, {}],
  ] as const)('%s', (_name, change, expected) => {
    expect(mapSocialFields({ ...none, ...change })).toEqual(expected);
  });

  it('puts BT-777 on the BT-06 entry and writes an entry that appears twice only once', () => {
    const result = mapSocialFields({ ...none, strategicProcurement: ['soc-obj'], strategicProcurementDescription: 'Sysselsättningskrav', socialObjectives: ['other', 'opp', 'opp'] });
    expect(result.sustainability).toEqual([
      { goal: 'social', strategies, description: 'Sysselsättningskrav' },
      { goal: 'social', strategies },
      { goal: 'social.disadvantagedEmploymentOpportunities', strategies },
    ]);
  });

  it('takes the Swedish BT-70 text of derived fields unless asked for English', () => {
    const fields = { ...none, reservedExecution: 'yes', performanceTerms: { sv: 'Krav', en: 'Requirement' } };
    expect(mapSocialFields(fields).contractTerms).toEqual({ reservedExecution: true, performanceTerms: 'Krav' });
    expect(mapSocialFields(fields, 'en').contractTerms).toEqual({ reservedExecution: true, performanceTerms: 'Requirement' });
  });
});
