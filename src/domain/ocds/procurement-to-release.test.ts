import { describe, expect, it } from 'vitest';
import { PROCEDURE_TYPES, PROCUREMENT_STATUSES, type ProcedureType, type ProcurementStatus } from '../procurement/procurement.js';
import { deriveEformsFields } from '../requirements/derive-eforms-fields.js';
import { procurementToRelease, type ProcurementForRelease, type ProcurementReleaseInput } from './procurement-to-release.js';

const procurement: ProcurementForRelease = {
  id: '6f1c1f3e-8a4e-4c53-9a53-2f5b7c0d9e11',
  referenceNumber: 'KS-2026-014',
  title: 'Lokalvård i förskolor',
  description: 'Städning av tolv förskolor',
  status: 'published',
  contractNature: 'services',
  mainCpv: '90911200',
  additionalCpv: ['90919200'],
  estimatedValueOre: 12_000_000_50,
  contractStart: '2026-04-01',
  durationMonths: 24,
  extensionMonths: 12,
  procedureType: 'open',
  lots: [],
};
const base: ProcurementReleaseInput = {
  procurement,
  buyer: { name: 'Testkommun', organisationNumber: '212000-1355' },
  ocidPrefix: 'ocds-test01',
  organisationSlug: 'testkommun',
  updatedAt: new Date('2026-02-03T04:05:06.789Z'),
};
const withLots: ProcurementForRelease = {
  ...procurement,
  lots: [
    { lotNumber: 2, title: 'Syd', mainCpv: '90911200', estimatedValueOre: 6_000_000_00, durationMonths: null },
    { lotNumber: 1, title: 'Norr', mainCpv: '90919200', estimatedValueOre: 5_999_999_99, durationMonths: 12 },
  ],
};

describe('procurementToRelease', () => {
  it('identifies the process by prefix, organisation and procurement, and the release by its last change', () => {
    const release = procurementToRelease(base);
    expect(release.ocid).toBe('ocds-test01-testkommun-6f1c1f3e-8a4e-4c53-9a53-2f5b7c0d9e11');
    expect(release.id).toBe(`${release.ocid}-20260203040506789`);
    expect(release.date).toBe('2026-02-03T04:05:06.789Z');
    expect(release.initiationType).toBe('tender');
  });

  it('names the buyer as a party identified by its organisation number in SE-BLV', () => {
    const release = procurementToRelease(base);
    expect(release.parties).toEqual([
      { id: 'SE-BLV-212000-1355', name: 'Testkommun', identifier: { scheme: 'SE-BLV', id: '212000-1355', legalName: 'Testkommun' }, roles: ['buyer'] },
    ]);
    expect(release.buyer).toEqual({ id: 'SE-BLV-212000-1355', name: 'Testkommun' });
  });

  const statuses: Array<[ProcurementStatus, string, string]> = [
    ['planned', 'planning', 'planning'],
    ['in_preparation', 'planning', 'planned'],
    ['published', 'tender', 'active'],
    ['evaluation', 'tender', 'active'],
    ['awarded', 'award', 'complete'],
    ['cancelled', 'tenderCancellation', 'cancelled'],
  ];
  it('covers every status', () => expect(statuses.map(([s]) => s)).toEqual([...PROCUREMENT_STATUSES]));
  it.each(statuses)('status %s → tag %s, tender.status %s', (status, tag, tenderStatus) => {
    const release = procurementToRelease({ ...base, procurement: { ...procurement, status } });
    expect(release.tag).toEqual([tag]);
    expect(release.tender.status).toBe(tenderStatus);
  });

  const procedures: Array<[ProcedureType | null, string | undefined]> = [
    ['open', 'open'],
    ['restricted', 'selective'],
    ['neg-w-call', 'selective'],
    ['comp-dial', 'selective'],
    ['innovation', 'selective'],
    ['comp-tend', 'selective'],
    ['neg-wo-call', 'limited'],
    ['exp-int-rail', 'open'],
    ['oth-single', undefined],
    ['oth-mult', undefined],
    [null, undefined],
  ];
  it('covers every procedure type', () => expect(procedures.flatMap(([p]) => (p === null ? [] : [p])).sort()).toEqual([...PROCEDURE_TYPES].sort()));
  it.each(procedures)('procedure %s → procurementMethod %s', (procedureType, method) => {
    expect(procurementToRelease({ ...base, procurement: { ...procurement, procedureType } }).tender.procurementMethod).toBe(method);
  });

  it.each([
    ['services', 'services'],
    ['supplies', 'goods'],
    ['works', 'works'],
  ] as const)('contract nature %s → mainProcurementCategory %s', (contractNature, category) => {
    expect(procurementToRelease({ ...base, procurement: { ...procurement, contractNature } }).tender.mainProcurementCategory).toBe(category);
  });

  it('converts öre to kronor exactly and writes the contract period with its extension', () => {
    const { tender } = procurementToRelease(base);
    expect(tender.value).toEqual({ amount: 12000000.5, currency: 'SEK' });
    expect(tender.contractPeriod).toEqual({
      startDate: '2026-04-01T00:00:00+02:00',
      endDate: '2028-03-31T23:59:59+02:00',
      maxExtentDate: '2029-03-31T23:59:59+02:00',
      durationInDays: 731,
    });
  });

  it('without a start date only the duration is known, 30 days a month', () => {
    const { tender } = procurementToRelease({ ...base, procurement: { ...procurement, contractStart: null, estimatedValueOre: null } });
    expect(tender.contractPeriod).toEqual({ durationInDays: 720 });
    expect(tender).not.toHaveProperty('value');
  });

  it('classifies with CPV, labelled when a label is known', () => {
    const { tender } = procurementToRelease({ ...base, cpvLabel: (c) => (c === '90911200' ? 'Städning av byggnader' : undefined) });
    expect(tender.items).toEqual([
      {
        id: '1',
        classification: { scheme: 'CPV', id: '90911200', description: 'Städning av byggnader' },
        additionalClassifications: [{ scheme: 'CPV', id: '90919200' }],
      },
    ]);
  });

  it('writes lots in order with their own value, items and (when they have one) their own period', () => {
    const { tender } = procurementToRelease({ ...base, procurement: withLots });
    expect(tender.lots?.map((l) => [l.id, l.title, l.value?.amount])).toEqual([
      ['LOT-0001', 'Norr', 5999999.99],
      ['LOT-0002', 'Syd', 6000000],
    ]);
    expect(tender.lots?.[0]?.contractPeriod).toEqual({ startDate: '2026-04-01T00:00:00+02:00', endDate: '2027-03-31T23:59:59+02:00', durationInDays: 365 });
    expect(tender.lots?.[1]).not.toHaveProperty('contractPeriod');
    expect(tender.items?.map((i) => [i.id, i.classification.id, i.relatedLot])).toEqual([
      ['1', '90911200', undefined],
      ['2', '90919200', 'LOT-0001'],
      ['3', '90911200', 'LOT-0002'],
    ]);
  });

  it('puts social fields on their lots', () => {
    const { tender } = procurementToRelease({
      ...base,
      procurement: withLots,
      socialFields: [
        { lotNumber: 2, strategicProcurement: ['soc-obj'], socialObjectives: ['opp'], reservedParticipation: ['res-ws'], reservedExecution: 'yes', performanceTerms: { sv: 'Krav', en: 'Requirement' } },
        { lotNumber: 1, strategicProcurement: ['none'], socialObjectives: [], reservedParticipation: ['none'], reservedExecution: 'no', performanceTerms: null },
      ],
    });
    expect(tender.lots?.[0]).not.toHaveProperty('hasSustainability');
    expect(tender.lots?.[1]).toMatchObject({
      hasSustainability: true,
      sustainability: [{ goal: 'social' }, { goal: 'social.disadvantagedEmploymentOpportunities' }],
      otherRequirements: { reservedParticipation: ['shelteredWorkshop'] },
      contractTerms: { reservedExecution: true, performanceTerms: 'Krav' },
    });
    expect(tender).not.toHaveProperty('hasSustainability');
  });

  it('puts the social fields of an undivided procurement (eForms LOT-0001) on the tender', () => {
    const socialFields = deriveEformsFields({ lotNumbers: [], requirements: [], targetGroupLabels: {} });
    expect(socialFields[0]?.lotNumber).toBe(1);
    const opp = [{ ...socialFields[0]!, strategicProcurement: ['soc-obj' as const], socialObjectives: ['opp' as const] }];
    const { tender } = procurementToRelease({ ...base, socialFields: opp });
    expect(tender).toMatchObject({ hasSustainability: true, sustainability: [{ goal: 'social' }, { goal: 'social.disadvantagedEmploymentOpportunities' }] });
    expect(tender).not.toHaveProperty('lots');
  });

  it('leaves out an empty description', () => {
    expect(procurementToRelease({ ...base, procurement: { ...procurement, description: '  ' } }).tender).not.toHaveProperty('description');
  });
});
