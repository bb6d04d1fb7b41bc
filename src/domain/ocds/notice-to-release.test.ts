import { describe, expect, it } from 'vitest';
import { noticeToRelease, type NoticeFacts } from './notice-to-release.js';

const lot = {
  lotId: 'LOT-0001',
  title: 'Städning',
  description: null,
  mainCpv: '90911200',
  additionalCpv: [],
  mainNature: 'services',
  estimatedValue: { amount: 1000000, currency: 'SEK' },
  duration: { value: 2, unit: 'YEAR' },
  strategicProcurement: ['soc-obj'],
  strategicProcurementDescription: null,
  socialObjectives: ['opp'],
  greenProcurement: [],
  gppCriteria: [],
  reservedParticipation: ['res-ws'],
  reservedExecution: 'yes',
  performanceTerms: 'Sysselsättningskrav: två personer.',
};
const award: NoticeFacts = {
  root: 'ContractAwardNotice',
  noticeId: '11111111-2222-3333-4444-555555555555',
  noticeVersion: '02',
  procedureId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  formType: 'result',
  language: 'SWE',
  issueDate: '2025-06-30',
  buyers: [{ organisationId: 'ORG-0001', name: 'Testkommun', companyIdNormalised: '2120001355', country: 'SWE' }],
  title: 'Lokalvård',
  description: null,
  mainCpv: '90911200',
  additionalCpv: [],
  mainNature: 'services',
  estimatedValue: null,
  lots: [lot, { ...lot, lotId: 'LOT-0002', strategicProcurement: ['none'], socialObjectives: [], reservedParticipation: ['none'], reservedExecution: 'no', performanceTerms: null }],
  results: {
    winners: [
      { organisationId: 'ORG-0002', name: 'Städ AB', companyIdNormalised: 'SE556016068001', country: 'SWE', lotIds: ['LOT-0001'] },
      { organisationId: 'ORG-0003', name: 'Reinigung GmbH', companyIdNormalised: 'HRB1234', country: 'DEU', lotIds: ['LOT-0001', 'LOT-0002'] },
    ],
    tenders: [
      { tenderId: 'TEN-0001', lotId: 'LOT-0001', value: { amount: 400000.1, currency: 'SEK' } },
      { tenderId: 'TEN-0002', lotId: 'LOT-0001', value: { amount: 500000.2, currency: 'SEK' } },
      { tenderId: 'TEN-0003', lotId: 'LOT-0001', value: { amount: 999999, currency: 'SEK' } },
      { tenderId: 'TEN-0004', lotId: 'LOT-0002', value: null },
    ],
    contracts: [
      { contractId: 'CON-0001', tenderIds: ['TEN-0001', 'TEN-0002'], lotIds: ['LOT-0001'] },
      { contractId: 'CON-0002', tenderIds: ['TEN-0004'], lotIds: ['LOT-0002'] },
    ],
  },
};
const options = { ocidPrefix: 'ocds-test01', receivedAt: new Date('2025-07-01T08:00:00Z') };

describe('noticeToRelease', () => {
  it('identifies the process by the buyer and BT-04, the release by BT-701 and BT-757', () => {
    const release = noticeToRelease(award, options);
    expect(release.ocid).toBe('ocds-test01-2120001355-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee');
    expect(release.id).toBe('11111111-2222-3333-4444-555555555555-02');
    expect(release.date).toBe('2025-06-30T00:00:00Z');
    expect(release.language).toBe('sv');
    expect(noticeToRelease(award, { ...options, organisationSlug: 'testkommun', procurementId: 'p-1' }).ocid).toBe('ocds-test01-testkommun-p-1');
  });

  it.each([
    ['planning', 'PriorInformationNotice', ['planning'], 'planned'],
    ['competition', 'ContractNotice', ['tender'], 'active'],
    ['result', 'ContractAwardNotice', ['award', 'contract'], 'complete'],
    ['dir-awa-pre', 'ContractAwardNotice', ['award', 'contract'], 'complete'],
    ['cont-modif', 'ContractAwardNotice', ['awardUpdate', 'contractUpdate'], undefined],
    [null, 'ContractNotice', ['tender'], 'active'],
    [null, 'PriorInformationNotice', ['planning'], 'planned'],
  ] as const)('form type %s (%s) → tags %j, tender.status %s', (formType, root, tags, status) => {
    const release = noticeToRelease({ ...award, formType, root, results: null }, options);
    expect(release.tag).toEqual(tags);
    expect(release.tender.status).toBe(status);
  });

  it('lists buyers and winners as parties, with SE-BLV identifiers only for Swedish numbers', () => {
    const release = noticeToRelease(award, options);
    expect(release.parties).toEqual([
      { id: 'ORG-0001', name: 'Testkommun', identifier: { scheme: 'SE-BLV', id: '212000-1355', legalName: 'Testkommun' }, roles: ['buyer'] },
      { id: 'ORG-0002', name: 'Städ AB', identifier: { scheme: 'SE-BLV', id: '556016-0680', legalName: 'Städ AB' }, roles: ['supplier'] },
      { id: 'ORG-0003', name: 'Reinigung GmbH', roles: ['supplier'] },
    ]);
    expect(release.buyer).toEqual({ id: 'ORG-0001', name: 'Testkommun' });
  });

  it('awards each lot to its winners with the sum of the winning tenders (BT-720)', () => {
    const release = noticeToRelease(award, options);
    expect(release.awards).toEqual([
      {
        id: 'LOT-0001-award',
        status: 'active',
        value: { amount: 900000.3, currency: 'SEK' },
        suppliers: [
          { id: 'ORG-0002', name: 'Städ AB' },
          { id: 'ORG-0003', name: 'Reinigung GmbH' },
        ],
        relatedLots: ['LOT-0001'],
      },
      // The winning tender on LOT-0002 has no value: no value rather than a wrong one.
      { id: 'LOT-0002-award', status: 'active', suppliers: [{ id: 'ORG-0003', name: 'Reinigung GmbH' }], relatedLots: ['LOT-0002'] },
    ]);
    expect(release.contracts).toEqual([
      { id: 'CON-0001', awardID: 'LOT-0001-award' },
      { id: 'CON-0002', awardID: 'LOT-0002-award' },
    ]);
  });

  it('maps the lots with their social fields and durations', () => {
    const [first, second] = noticeToRelease(award, options).tender.lots!;
    expect(first).toEqual({
      id: 'LOT-0001',
      title: 'Städning',
      mainProcurementCategory: 'services',
      value: { amount: 1000000, currency: 'SEK' },
      contractPeriod: { durationInDays: 730 },
      hasSustainability: true,
      sustainability: [
        { goal: 'social', strategies: ['awardCriteria', 'contractPerformanceConditions', 'selectionCriteria', 'technicalSpecifications'] },
        { goal: 'social.disadvantagedEmploymentOpportunities', strategies: ['awardCriteria', 'contractPerformanceConditions', 'selectionCriteria', 'technicalSpecifications'] },
      ],
      otherRequirements: { reservedParticipation: ['shelteredWorkshop'] },
      contractTerms: { reservedExecution: true, performanceTerms: 'Sysselsättningskrav: två personer.' },
    });
    expect(second).not.toHaveProperty('hasSustainability');
    expect(second).not.toHaveProperty('contractTerms');
  });

  it('falls back on the time of receipt without a dispatch date, and on `ted` without a buyer number', () => {
    const release = noticeToRelease({ ...award, issueDate: null, buyers: [], results: null }, options);
    expect(release.date).toBe('2025-07-01T08:00:00.000Z');
    expect(release.ocid).toBe('ocds-test01-ted-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee');
    expect(release).not.toHaveProperty('buyer');
    expect(release).not.toHaveProperty('awards');
  });
});
