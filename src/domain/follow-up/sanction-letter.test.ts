import { describe, expect, it } from 'vitest';
import { buildSanctionLetter, type SanctionLetterInput } from './sanction-letter.js';

const input = (kind: SanctionLetterInput['step']['kind'], lang: 'sv' | 'en'): SanctionLetterInput => ({
  lang,
  organisationName: 'Exempelstads kommun',
  contract: { referenceNumber: 'AVT-1', procurementTitle: 'Lokalvård', startsOn: '2025-01-01', endsOn: '2026-12-31' },
  supplier: { name: 'Städ AB', nationalId: '556036-0793' },
  commitmentTitle: { sv: 'Sysselsättningsvillkor', en: 'Employment condition' },
  step: { kind, takenOn: '2025-09-01', deadline: kind === 'correction_notice' ? '2025-10-01' : null, amountOre: kind === 'penalty_decision' ? 100_000_00 : null, reason: 'Ingen anställning.', evidence: '' },
  numbers: { positionsRequired: 2, positionsFulfilled: 0, openPositions: 2, penaltyPerHireOre: 50_000_00, correctionDays: 30 },
  signedBy: 'Stödfunktionen',
  fileName: 'x',
});

describe('buildSanctionLetter', () => {
  it.each([
    ['a correction notice states the deadline and the penalty per missing hire (sv)', 'correction_notice', 'sv', ['Begäran om rättelse', 'senast 2025-10-01 (30 dagar)', '50\u00a0000\u00a0kr']],
    ['a penalty decision states the computed amount as open × penalty (en)', 'penalty_decision', 'en', ['Decision on a contractual penalty', 'SEK\u00a0100,000 (2 × SEK\u00a050,000)']],
    ['an exclusion says no further call-offs (sv)', 'exclusion', 'sv', ['inga fler avrop']],
    ['a termination recommendation leaves the decision to the authority (en)', 'termination_recommendation', 'en', ['recommends that the contract be terminated']],
  ] as const)('%s', (_name, kind, lang, expected) => {
    const letter = buildSanctionLetter(input(kind, lang));
    const text = [letter.title, ...letter.paragraphs].join('\n');
    for (const e of expected) expect(text).toContain(e);
    expect(letter.facts.map((f) => f.value)).toContain('Städ AB (556036-0793)');
  });
});
