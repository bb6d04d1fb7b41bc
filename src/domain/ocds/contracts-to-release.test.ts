import { describe, expect, it } from 'vitest';
import { withContracts, type ContractForRelease } from './contracts-to-release.js';
import type { OcdsRelease } from './ocds-release.js';

const release: OcdsRelease = { ocid: 'ocds-x-1', id: 'r1', date: '2026-01-01T00:00:00+01:00', tag: ['award'], initiationType: 'tender', parties: [], tender: { id: 'T-1' } };
const contract: ContractForRelease = {
  id: 'c1',
  referenceNumber: 'AVT-1',
  supplier: { name: 'Städ AB', country: 'SE', nationalId: '556036-0793' },
  lotNumbers: [2],
  signedOn: '2024-12-01',
  startsOn: '2025-01-01',
  endsOn: '2026-12-31',
  valueOre: 1_000_000_00,
  commitments: [{ id: 'k1', position: 0, kind: 'employment_condition', title: { sv: 'Sysselsättningsvillkor', en: 'Employment condition' }, positionsRequired: 2, monthsPerPosition: 6 }],
  periods: [{ sequence: 1, startsOn: '2025-01-01', endsOn: '2025-03-31', cells: [{ commitmentId: 'k1', targetGroup: 'newly_arrived', employmentForm: 'las_employment', positionsFilled: 0, fullTimeMonths: 3 }] }],
};

describe('withContracts', () => {
  it('leaves a release without contracts alone', () => {
    expect(withContracts(release, [], '2025-06-01')).toBe(release);
  });
  it.each([
    ['pending before the start', '2024-12-31', 'pending'],
    ['active on the start day', '2025-01-01', 'active'],
    ['active on the end day', '2026-12-31', 'active'],
    ['terminated the day after the end', '2027-01-01', 'terminated'],
  ])('contract status is %s', (_name, asOf, status) => {
    expect(withContracts(release, [contract], asOf).contracts![0]!.status).toBe(status);
  });
  it('adds the supplier party, the award with lots, agreed metrics and dimensioned results', () => {
    const r = withContracts(release, [contract], '2025-06-01');
    expect(r.tag).toEqual(['award', 'contract']);
    expect(r.parties).toEqual([expect.objectContaining({ id: 'SE-BLV-556036-0793', roles: ['supplier'] })]);
    expect(r.awards![0]).toMatchObject({ id: 'award-c1', relatedLots: ['LOT-0002'], value: { amount: 1_000_000, currency: 'SEK' } });
    expect(r.contracts![0]!.agreedMetrics![0]!.observations!.map((o) => o.measure)).toEqual([2, 12]);
    expect(r.contracts![0]!.implementation!.metrics![0]!.observations!.map((o) => o.dimensions)).toEqual([
      { targetGroup: 'newly_arrived', employmentForm: 'las_employment', measure: 'positionsFilled' },
      { targetGroup: 'newly_arrived', employmentForm: 'las_employment', measure: 'fullTimeMonthsServed' },
    ]);
  });
});
