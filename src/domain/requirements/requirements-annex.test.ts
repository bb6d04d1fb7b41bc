import { describe, expect, it } from 'vitest';
import { reservedExecutionOnLot2, sampleAnnexInput } from '../../../tests/support/annex-input.js';
import { buildRequirementsAnnex, renderRequirementsPlainText } from './requirements-annex.js';

const NBSP = '\u00a0';

describe('buildRequirementsAnnex', () => {
  it('titles the annex per language', () => {
    expect(buildRequirementsAnnex(sampleAnnexInput('sv')).title).toBe('Särskilda kontraktsvillkor – social hänsyn');
    expect(buildRequirementsAnnex(sampleAnnexInput('en')).title).toBe('Special contract conditions – social considerations');
  });

  it('names organisation, reference number, procurement title and lots concerned', () => {
    expect(buildRequirementsAnnex(sampleAnnexInput('sv')).facts).toEqual([
      { label: 'Upphandlande organisation', value: 'Exempelstads kommun' },
      { label: 'Diarienummer', value: 'UH-2026-0142' },
      { label: 'Upphandling', value: 'Lokalvård och fastighetsskötsel i Exempelstad' },
      { label: 'Berörda delområden', value: 'Samtliga delområden' },
    ]);
  });

  it('lists only the lots that requirements name when none covers the whole procurement', () => {
    const facts = buildRequirementsAnnex(reservedExecutionOnLot2()).facts;
    expect(facts[3]).toEqual({ label: 'Berörda delområden', value: 'Delområde 2 (Lokalvård, södra distriktet)' });
  });

  it('says which lots each requirement applies to', () => {
    const annex = buildRequirementsAnnex(sampleAnnexInput('en'));
    expect(annex.sections.map((s) => s.appliesTo)).toEqual([
      'Applies to: Lots 1 (Lokalvård, norra distriktet) and 2 (Lokalvård, södra distriktet)',
      'Applies to: Lot 3 (Fastighetsskötsel)',
      'Applies to: All lots',
    ]);
  });

  it('says "the whole procurement" when it has no lots', () => {
    const input = sampleAnnexInput('sv');
    const annex = buildRequirementsAnnex({
      ...input,
      procurement: { ...input.procurement, lots: [] },
      requirements: input.requirements.filter((r) => r.lotNumbers === null),
    });
    expect(annex.sections[0]?.appliesTo).toBe('Gäller: Hela upphandlingen');
  });

  it('numbers the sections and fills the values; buyer guidance stays out', () => {
    const annex = buildRequirementsAnnex(sampleAnnexInput('sv'));
    expect(annex.sections.map((s) => s.heading)).toEqual(['1. Sysselsättningsvillkor', '2. Lärlingar', '3. Tilldelningskriterium: anställningar utöver kravet']);
    expect(annex.sections[0]?.body).toContain('anställa sammanlagt 4 personer');
    expect(annex.sections[0]?.followUp).toContain(`vite med 75${NBSP}000${NBSP}kr`);
    const all = JSON.stringify(annex);
    expect(all).not.toContain('tumregel');
  });
});

describe('renderRequirementsPlainText', () => {
  it('is plain text with the title underlined and every section and follow-up in order', () => {
    const text = renderRequirementsPlainText(sampleAnnexInput('sv'));
    expect(text.startsWith('Särskilda kontraktsvillkor – social hänsyn\n==========')).toBe(true);
    expect(text).toContain('Diarienummer: UH-2026-0142\n');
    const order = ['1. Sysselsättningsvillkor', 'Uppföljning och påföljder: Leverantören rapporterar', '2. Lärlingar', '3. Tilldelningskriterium'].map((s) => text.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).not.toContain('{{');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('renders an empty decision as a statement, not an empty page', () => {
    expect(renderRequirementsPlainText(sampleAnnexInput('en', { requirements: [] }))).toContain('No special contract conditions on social considerations.');
  });
});
