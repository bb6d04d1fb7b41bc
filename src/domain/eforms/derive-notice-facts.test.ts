import { describe, expect, it } from 'vitest';
import { deriveNoticeFacts, noticeVersionNumber, socialCodesOf, swedishOrganisationNumberOf, type NoticeFactsInput } from './derive-notice-facts.js';
import type { SocialSummary } from './summarise-social-considerations.js';

const NONE: SocialSummary = { declaresSocial: false, concernsEmployment: false, signals: [] };
const lot = (lotId: string, value: { amount: number; currency: string } | null) => ({ lotId, title: null, mainCpv: null, mainNature: null, estimatedValue: value });
const notice = (overrides: Partial<NoticeFactsInput> = {}): NoticeFactsInput => ({
  noticeId: 'n',
  noticeVersion: '01',
  issueDate: '2025-03-14',
  buyers: [{ name: ' Stockholms stad ', companyIdNormalised: '2120000142', country: 'SWE' }],
  title: 'Städning',
  mainCpv: '90911200',
  mainNature: 'services',
  estimatedValue: { amount: 100, currency: 'SEK' },
  lots: [],
  ...overrides,
});

describe('noticeVersionNumber (BT-757)', () => {
  it.each([
    ['01', 1],
    ['10', 10],
    [' 2 ', 2],
    [null, 0],
    ['1.1', 0],
    ['', 0],
  ] as const)('%j counts as %d', (version, expected) => expect(noticeVersionNumber(version)).toBe(expected));
});

describe('swedishOrganisationNumberOf (BT-501)', () => {
  it.each([
    ['2120000142', '2120000142'],
    ['SE212000014201', '2120000142'],
    ['212000014201', '2120000142'],
    ['162120000142', '2120000142'],
    ['se2120000142', '2120000142'],
    ['DK12345678', null],
    ['21200001', null],
  ])('%s → %s', (input, expected) => expect(swedishOrganisationNumberOf(input)).toBe(expected));
});

describe('deriveNoticeFacts', () => {
  it('keys the first buyer by country and Swedish organisation number, and keeps every buyer id', () => {
    const facts = deriveNoticeFacts(
      notice({ buyers: [{ name: 'Stad', companyIdNormalised: 'SE212000014201', country: 'SWE' }, { name: 'Bolag', companyIdNormalised: '5561234567', country: 'SWE' }] }),
      NONE,
    );
    expect(facts).toMatchObject({ buyerKey: 'SWE:2120000142', buyerOrgIds: ['SE212000014201', '2120000142', '5561234567'], buyerNames: ['Stad', 'Bolag'] });
  });

  it('falls back to the lower-cased name without an organisation id, and to an empty key without buyers', () => {
    expect(deriveNoticeFacts(notice({ buyers: [{ name: 'Ville de Paris', companyIdNormalised: null, country: 'FRA' }] }), NONE).buyerKey).toBe('FRA:name:ville de paris');
    expect(deriveNoticeFacts(notice({ buyers: [] }), NONE)).toMatchObject({ buyerKey: '', buyerCountry: null, buyerName: null });
  });

  it('derives year and CPV division, and takes CPV and nature from the first lot when the procedure has none', () => {
    const facts = deriveNoticeFacts(notice({ mainCpv: null, mainNature: null, lots: [{ ...lot('L1', null), mainCpv: '45000000', mainNature: 'works' }] }), NONE);
    expect(facts).toMatchObject({ year: 2025, mainCpv: '45000000', cpvDivision: '45', mainNature: 'works' });
  });

  it('sums lot values when the procedure has none and they share one currency; otherwise no value', () => {
    const sameCurrency = notice({ estimatedValue: null, lots: [lot('L1', { amount: 10.5, currency: 'EUR' }), lot('L2', { amount: 20, currency: 'EUR' })] });
    expect(deriveNoticeFacts(sameCurrency, NONE).estimatedValue).toEqual({ amount: 30.5, currency: 'EUR' });
    const mixed = notice({ estimatedValue: null, lots: [lot('L1', { amount: 1, currency: 'EUR' }), lot('L2', { amount: 1, currency: 'SEK' })] });
    expect(deriveNoticeFacts(mixed, NONE).estimatedValue).toBeNull();
  });

  it('counts only the value of lots with social signals, unless a signal is on the procedure', () => {
    const lots = [lot('L1', { amount: 60, currency: 'SEK' }), lot('L2', { amount: 40, currency: 'SEK' })];
    const onLot: SocialSummary = { declaresSocial: true, concernsEmployment: true, signals: [{ kind: 'structured', field: 'BT-775', code: 'opp', lotId: 'L2', employment: true }] };
    expect(deriveNoticeFacts(notice({ lots }), onLot).socialValueAmount).toBe(40);
    const onProcedure: SocialSummary = { ...onLot, signals: [{ kind: 'textual', field: 'BT-21', lotId: null, match: 'lärling', employment: true }] };
    expect(deriveNoticeFacts(notice({ lots }), onProcedure).socialValueAmount).toBe(100);
    expect(deriveNoticeFacts(notice({ lots }), NONE).socialValueAmount).toBe(0);
    expect(deriveNoticeFacts(notice({ lots: [lot('L1', null), lot('L2', null)] }), onLot).socialValueAmount).toBe(100);
  });

  it('shortens the title for lists to 300 characters', () => {
    expect(deriveNoticeFacts(notice({ title: 'x'.repeat(400) }), NONE).title).toHaveLength(300);
  });
});

describe('socialCodesOf', () => {
  it('lists structured codes as FIELD:code once each, and textual signals as "text"', () => {
    const summary: SocialSummary = {
      declaresSocial: true,
      concernsEmployment: true,
      signals: [
        { kind: 'structured', field: 'BT-775', code: 'opp', lotId: 'L1', employment: true },
        { kind: 'structured', field: 'BT-775', code: 'opp', lotId: 'L2', employment: true },
        { kind: 'structured', field: 'BT-71', code: 'res-ws', lotId: 'L1', employment: true },
        { kind: 'textual', field: 'BT-70', lotId: 'L1', match: 'x', employment: false },
        { kind: 'textual', field: 'BT-24', lotId: null, match: 'y', employment: false },
      ],
    };
    expect(socialCodesOf(summary)).toEqual(['BT-775:opp', 'BT-71:res-ws', 'text']);
  });
});
