import { describe, expect, it } from 'vitest';
import {
  draftProcurementFromNotice,
  durationInMonths,
  mergeNoticeIntoProcurement,
  referenceNumberOf,
  statusAfterImport,
  statusFromFormType,
  type NoticeForProcurement,
} from './draft-procurement-from-notice.js';
import type { ProcurementDraft } from '../procurement/validate-procurement.js';

const KNOWN = new Set(['90911200', '90919200', '45000000']);
const context = { unitId: 'unit-1', isKnownCpv: (code: string) => KNOWN.has(code) };
type LotInput = NoticeForProcurement['lots'][number];
const lot = (lotId: string, overrides: Partial<LotInput> = {}): LotInput => ({
  kind: 'lot',
  lotId,
  title: `Lot ${lotId}`,
  mainCpv: '90911200',
  mainNature: 'services',
  estimatedValue: null,
  duration: null,
  ...overrides,
});
const notice = (overrides: Partial<NoticeForProcurement> = {}): NoticeForProcurement => ({
  noticeId: 'abc',
  noticePublicationId: null,
  procedureId: 'proc-1',
  formType: 'competition',
  title: 'Städning',
  description: 'Skolor',
  mainCpv: '90911200',
  additionalCpv: [],
  mainNature: 'services',
  estimatedValue: { amount: 1000.5, currency: 'SEK' },
  lots: [lot('LOT-0001')],
  ...overrides,
});

describe('statusFromFormType (BT-03) and statusAfterImport', () => {
  it.each([
    ['planning', 'planned'],
    ['competition', 'published'],
    ['dir-awa-pre', 'published'],
    ['result', 'awarded'],
    ['cont-modif', 'awarded'],
    ['change', null],
    [null, null],
  ] as const)('%s → %s', (formType, status) => expect(statusFromFormType(formType)).toBe(status));

  it.each([
    [null, 'published', 'published'],
    [null, null, 'published'],
    ['planned', 'published', 'published'],
    ['awarded', 'published', 'awarded'],
    ['evaluation', 'awarded', 'awarded'],
    ['cancelled', 'awarded', 'cancelled'],
    ['published', null, 'published'],
  ] as const)('current %s with notice status %s becomes %s (never backwards)', (current, fromNotice, expected) =>
    expect(statusAfterImport(current, fromNotice)).toBe(expected),
  );
});

describe('durationInMonths (BT-36)', () => {
  it.each([
    [{ value: 24, unit: 'MONTH' }, 24],
    [{ value: 2, unit: 'YEAR' }, 24],
    [{ value: 45, unit: 'DAY' }, 2],
    [{ value: 0, unit: 'MONTH' }, null],
    [{ value: 60, unit: 'YEAR' }, null],
    [{ value: 3, unit: 'WEEK' }, null],
    [null, null],
  ] as const)('%j → %s', (duration, months) => expect(durationInMonths(duration)).toBe(months));
});

describe('draftProcurementFromNotice', () => {
  it('uses the procedure id (BT-04) as reference, else TED-<notice id>', () => {
    expect(referenceNumberOf({ noticeId: 'n1', procedureId: ' P-1 ' })).toBe('P-1');
    expect(referenceNumberOf({ noticeId: 'n1', procedureId: null })).toBe('TED-n1');
    expect(referenceNumberOf({ noticeId: 'n1', procedureId: 'x'.repeat(65) })).toBe('TED-n1');
  });

  it('converts SEK to öre, keeps single-lot duration, and has no lots for a single lot', () => {
    const result = draftProcurementFromNotice(notice({ lots: [lot('L', { duration: { value: 3, unit: 'YEAR' } })] }), context);
    expect(result).toMatchObject({ ok: true, status: 'published', notes: [], draft: { estimatedValueOre: 100_050, durationMonths: 36, lots: [], unitId: 'unit-1' } });
  });

  it('keeps other currencies out and says so', () => {
    const result = draftProcurementFromNotice(notice({ estimatedValue: { amount: 5, currency: 'EUR' } }), context);
    expect(result).toMatchObject({ ok: true, draft: { estimatedValueOre: null }, notes: ['Estimated value 5 EUR is not in SEK and was not converted.'] });
  });

  it('skips unknown and duplicate additional CPV codes and replaces an unknown main CPV by a known one', () => {
    const result = draftProcurementFromNotice(notice({ mainCpv: '11111111', additionalCpv: ['90919200', '99999999', '90919200'] }), context);
    expect(result).toMatchObject({ ok: true, draft: { mainCpv: '90911200', additionalCpv: ['90919200'] } });
    if (result.ok) expect(result.notes).toEqual(['Main CPV 11111111 is not in the catalogue; used 90911200.', 'Additional CPV codes not in the catalogue were skipped: 99999999.']);
  });

  it('fails without any known CPV code or contract nature', () => {
    expect(draftProcurementFromNotice(notice({ mainCpv: '11111111', lots: [lot('L', { mainCpv: null })] }), context)).toMatchObject({ ok: false });
    expect(draftProcurementFromNotice(notice({ mainNature: null, lots: [lot('L', { mainNature: null })] }), context)).toMatchObject({ ok: false });
  });

  it('numbers several lots, with their values and CPV; drops a total smaller than the lots', () => {
    const result = draftProcurementFromNotice(
      notice({
        estimatedValue: { amount: 10, currency: 'SEK' },
        lots: [lot('LOT-0001', { estimatedValue: { amount: 8, currency: 'SEK' } }), lot('LOT-0002', { mainCpv: '12345678', estimatedValue: { amount: 7, currency: 'SEK' }, duration: { value: 12, unit: 'MONTH' } })],
      }),
      context,
    );
    expect(result).toMatchObject({
      ok: true,
      draft: {
        estimatedValueOre: null,
        durationMonths: null,
        lots: [
          { lotNumber: 1, title: 'Lot LOT-0001', mainCpv: '90911200', estimatedValueOre: 800, durationMonths: null },
          { lotNumber: 2, title: 'Lot LOT-0002', mainCpv: '90911200', estimatedValueOre: 700, durationMonths: 12 },
        ],
      },
    });
  });
});

describe('mergeNoticeIntoProcurement', () => {
  const current: ProcurementDraft = {
    referenceNumber: 'KS-2025-1',
    title: 'Lokalvård',
    description: 'Vår egen beskrivning',
    unitId: 'unit-1',
    responsibleUserId: 'user-1',
    contractNature: 'services',
    mainCpv: '90911200',
    additionalCpv: ['90919200'],
    estimatedValueOre: 100,
    contractStart: '2026-01-01',
    durationMonths: 24,
    extensionMonths: 12,
    procedureType: 'open',
    labourNeedFte: 2,
    lots: [{ lotNumber: 1, title: 'Norr', mainCpv: '90911200', estimatedValueOre: 50, durationMonths: 24 }],
  };
  const silentNotice: ProcurementDraft = {
    ...current,
    referenceNumber: 'notice-procedure-id',
    title: 'Lokalvård, ny version',
    description: '',
    unitId: 'unit-2',
    responsibleUserId: null,
    additionalCpv: [],
    estimatedValueOre: null,
    contractStart: null,
    durationMonths: null,
    extensionMonths: null,
    procedureType: null,
    labourNeedFte: null,
    lots: [],
  };

  it('keeps the register’s own reference, unit, responsible person and every fact the notice is silent on', () => {
    expect(mergeNoticeIntoProcurement(current, silentNotice)).toEqual({ ...current, title: 'Lokalvård, ny version' });
  });

  it('takes every fact the notice states', () => {
    const stating: ProcurementDraft = {
      ...silentNotice,
      description: 'Ny text',
      contractNature: 'works',
      mainCpv: '45000000',
      additionalCpv: ['45200000'],
      estimatedValueOre: 900,
      contractStart: '2027-01-01',
      durationMonths: 36,
      lots: [{ lotNumber: 2, title: 'Syd', mainCpv: '45000000', estimatedValueOre: 400, durationMonths: 36 }],
    };
    expect(mergeNoticeIntoProcurement(current, stating)).toEqual({
      ...stating,
      referenceNumber: 'KS-2025-1',
      unitId: 'unit-1',
      responsibleUserId: 'user-1',
      extensionMonths: 12,
      procedureType: 'open',
      labourNeedFte: 2,
    });
  });
});
