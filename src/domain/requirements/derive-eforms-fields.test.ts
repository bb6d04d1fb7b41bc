import { describe, expect, it } from 'vitest';
import { reservedExecutionOnLot2, sampleAnnexInput } from '../../../tests/support/annex-input.js';
import { BT70_MAX_LENGTH, deriveEformsFields } from './derive-eforms-fields.js';
import { RESERVED_PARTICIPATION } from './starter-templates.js';
import { DEFAULT_TARGET_GROUPS, targetGroupLabels } from './target-groups.js';

const labels = targetGroupLabels(DEFAULT_TARGET_GROUPS);

describe('deriveEformsFields', () => {
  it('sets BT-06 soc-obj and BT-775 opp on every lot a requirement reaches, with BT-70 from performance conditions only', () => {
    const input = sampleAnnexInput('sv');
    const lots = deriveEformsFields({ lotNumbers: [1, 2, 3], requirements: input.requirements, targetGroupLabels: labels });
    expect(lots.map((l) => [l.lotId, l.strategicProcurement, l.socialObjectives, l.reservedParticipation, l.reservedExecution])).toEqual([
      ['LOT-0001', ['soc-obj'], ['opp'], ['none'], 'no'],
      ['LOT-0002', ['soc-obj'], ['opp'], ['none'], 'no'],
      ['LOT-0003', ['soc-obj'], ['opp'], ['none'], 'no'],
    ]);
    // Lot 3 has apprentices (a performance condition) and the award criterion (not one).
    expect(lots[2]?.performanceTerms?.sv).toMatch(/^Lärlingar: /);
    expect(lots[2]?.performanceTerms?.sv).not.toContain('Tilldelningskriterium');
    expect(lots[0]?.performanceTerms?.en).toMatch(/^Employment condition: During the contract period/);
    expect(lots[0]?.performanceTermsTooLong).toBe(false);
  });

  it('marks lots without any requirement as none and leaves BT-70 empty', () => {
    const lots = deriveEformsFields({ lotNumbers: [1, 2, 3], requirements: reservedExecutionOnLot2().requirements, targetGroupLabels: labels });
    expect(lots[0]).toMatchObject({ strategicProcurement: ['none'], socialObjectives: [], reservedParticipation: ['none'], reservedExecution: 'no', performanceTerms: null });
    expect(lots[1]).toMatchObject({ strategicProcurement: ['soc-obj'], reservedExecution: 'yes' });
    expect(lots[1]?.performanceTerms?.sv).toContain('program för skyddad anställning');
  });

  it('reserved participation sets BT-71 res-ws but is no term of performance', () => {
    const [lot] = deriveEformsFields({
      lotNumbers: [],
      requirements: [{ template: RESERVED_PARTICIPATION, values: { share_percent: 40, reporting_interval_months: 12, correction_days: 30 }, lotNumbers: null }],
      targetGroupLabels: labels,
    });
    expect(lot).toMatchObject({ lotNumber: 1, lotId: 'LOT-0001', reservedParticipation: ['res-ws'], reservedExecution: 'no', performanceTerms: null });
  });

  it(`flags a BT-70 text longer than ${BT70_MAX_LENGTH} characters`, () => {
    const input = sampleAnnexInput('sv');
    const first = input.requirements[0]!;
    const many = Array.from({ length: 10 }, () => first);
    const lots = deriveEformsFields({ lotNumbers: [1], requirements: many, targetGroupLabels: labels });
    expect(lots[0]?.performanceTermsTooLong).toBe(true);
  });
});
