import { describe, expect, it } from 'vitest';
import { loadCpvCatalogue } from '../../interop/reference/cpv-catalogue.js';
import { normaliseOrganisationNumber, withCheckDigit } from '../../domain/shared/organisation-number.js';
import { validateProcurementDraft } from '../../domain/procurement/validate-procurement.js';
import { generateDemoData } from './generate-demo-data.js';
import { loadMunicipalities } from './seed-demo.js';

describe('generateDemoData', () => {
  const demo = generateDemoData({ scale: 'demo', currentYear: 2026 });

  it('is deterministic for a seed', () => {
    expect(generateDemoData({ scale: 'demo', currentYear: 2026 })).toEqual(demo);
    expect(generateDemoData({ scale: 'demo', currentYear: 2026, seed: 7 })).not.toEqual(demo);
  });

  it('makes Göteborg and Borås with a demo user for every role', () => {
    expect(demo.map((o) => o.slug)).toEqual(['goteborg', 'boras']);
    for (const org of demo) {
      expect(org.users.map((u) => u.role).sort()).toEqual(['admin', 'coordinator', 'labour_market', 'procurer', 'supplier', 'viewer']);
      expect(normaliseOrganisationNumber(org.organisationNumber, '2026-12-07')).toBe(org.organisationNumber);
    }
    expect(demo[0]!.units.length).toBeGreaterThanOrEqual(10);
  });

  it('gives Göteborg about 200 valid procurements over three years', () => {
    const gbg = demo[0]!.procurements;
    expect(gbg.length).toBeGreaterThanOrEqual(190);
    expect(new Set(gbg.map((p) => p.contractStart.slice(0, 4)))).toEqual(new Set(['2024', '2025', '2026']));
    const cpv = loadCpvCatalogue();
    for (const p of gbg) {
      const problems = validateProcurementDraft({ ...p, unitId: 'u', responsibleUserId: null }, { isKnownCpv: (c) => cpv.has(c) });
      expect(problems, p.referenceNumber).toEqual([]);
    }
    expect(new Set(gbg.map((p) => p.referenceNumber)).size).toBe(gbg.length);
  });

  it('scales to every municipality and about 100,000 procurements with valid organisation numbers', () => {
    const national = generateDemoData({ scale: 'national', currentYear: 2026, municipalities: loadMunicipalities() });
    expect(national).toHaveLength(290);
    expect(national.reduce((n, o) => n + o.procurements.length, 0)).toBe(100_000);
    expect(new Set(national.map((o) => o.slug)).size).toBe(290);
    expect(national.every((o) => normaliseOrganisationNumber(o.organisationNumber, '2026-12-07') !== null)).toBe(true);
  });

  it('computes the Luhn check digit of organisation numbers', () => {
    expect(withCheckDigit('212000135')).toBe('212000-1355');
  });
});
