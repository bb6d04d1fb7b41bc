import { describe, expect, it } from 'vitest';
import { validateProcurementDraft, type ProcurementDraft } from './validate-procurement.js';

const KNOWN = new Set(['90910000', '45000000', '77310000']);
const context = { isKnownCpv: (c: string) => KNOWN.has(c) };

const valid: ProcurementDraft = {
  referenceNumber: 'GBG-2025-001',
  title: 'Städning av förskolor',
  description: '',
  unitId: 'u1',
  responsibleUserId: null,
  contractNature: 'services',
  mainCpv: '90910000',
  additionalCpv: ['77310000'],
  estimatedValueOre: 1_000_000_00,
  contractStart: '2025-02-28',
  durationMonths: 24,
  extensionMonths: 12,
  procedureType: 'open',
  labourNeedFte: 3,
  lots: [
    { lotNumber: 1, title: 'Norr', mainCpv: '90910000', estimatedValueOre: 400_000_00, durationMonths: 24 },
    { lotNumber: 2, title: 'Syd', mainCpv: '90910000', estimatedValueOre: 600_000_00, durationMonths: 24 },
  ],
};

describe('validateProcurementDraft', () => {
  it('accepts a complete, consistent procurement', () => {
    expect(validateProcurementDraft(valid, context)).toEqual([]);
  });

  it.each([
    ['unknown main CPV', { mainCpv: '12345678' }, '/mainCpv', 'unknown_cpv'],
    ['unknown additional CPV', { additionalCpv: ['99999999'] }, '/additionalCpv/0', 'unknown_cpv'],
    ['additional CPV repeating the main one', { additionalCpv: ['90910000'] }, '/additionalCpv/0', 'duplicate_cpv'],
    ['31 February', { contractStart: '2025-02-31' }, '/contractStart', 'invalid_date'],
    ['blank title', { title: '   ' }, '/title', 'required'],
    ['blank reference number', { referenceNumber: ' ' }, '/referenceNumber', 'required'],
    ['extension without duration', { durationMonths: null }, '/durationMonths', 'required_with_extension'],
    ['lots worth more than the whole (by one öre)', { estimatedValueOre: 1_000_000_00 - 1 }, '/estimatedValueOre', 'lots_exceed_total'],
  ] as const)('refuses %s', (_name, change, path, code) => {
    const problems = validateProcurementDraft({ ...valid, ...change } as ProcurementDraft, context);
    expect(problems).toContainEqual(expect.objectContaining({ path, code }));
  });

  it('accepts lots worth exactly the whole', () => {
    expect(validateProcurementDraft({ ...valid, estimatedValueOre: 1_000_000_00 }, context)).toEqual([]);
  });

  it('refuses two lots with the same number and names the second', () => {
    const lots = [valid.lots[0]!, { ...valid.lots[1]!, lotNumber: 1 }];
    expect(validateProcurementDraft({ ...valid, lots }, context)).toContainEqual(
      expect.objectContaining({ path: '/lots/1/lotNumber', code: 'duplicate_lot' }),
    );
  });

  it('lists every problem at once', () => {
    const problems = validateProcurementDraft({ ...valid, title: '', mainCpv: '00000000', contractStart: '2025-13-01' }, context);
    expect(problems.map((p) => p.path).sort()).toEqual(['/contractStart', '/mainCpv', '/title']);
  });
});
