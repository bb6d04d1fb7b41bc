import { describe, expect, it } from 'vitest';
import { unitTree } from './reference-data';

describe('unitTree', () => {
  it('puts parents before children, siblings by Swedish name, with depth', () => {
    const units = [
      { id: 'c', code: 'C', name: 'Äldreförvaltningen', parentId: null, organisationNumber: null },
      { id: 'a', code: 'A', name: 'Stadsledningskontoret', parentId: null, organisationNumber: null },
      { id: 'b', code: 'B', name: 'Inköp', parentId: 'a', organisationNumber: null },
      { id: 'd', code: 'D', name: 'Orphan', parentId: 'missing', organisationNumber: null },
    ];
    expect(unitTree(units).map((u) => `${u.depth}:${u.name}`)).toEqual(['0:Orphan', '0:Stadsledningskontoret', '1:Inköp', '0:Äldreförvaltningen']);
  });
});
