import { describe, expect, it } from 'vitest';
import { Value } from '@sinclair/typebox/value';
import type { Lot, ProcurementFacts } from '../procurement/procurement.js';
import { screenProcurement, type ScreeningRule } from './screen-procurement.js';
import { DEFAULT_SCREENING_POLICY, ScreeningPolicySchema, type ScreeningPolicy } from './screening-policy.js';

/** The default policy with every readiness question answered yes. */
const ready: ScreeningPolicy = {
  ...DEFAULT_SCREENING_POLICY,
  readinessQuestions: DEFAULT_SCREENING_POLICY.readinessQuestions.map((q) => ({ ...q, answer: 'yes' as const })),
};

/** Office cleaning for two years with three full-time cleaners: a textbook case. */
const cleaning: ProcurementFacts = {
  contractNature: 'services',
  mainCpv: '90919200',
  additionalCpv: [],
  estimatedValueOre: 4_000_000_00,
  contractStart: '2026-09-01',
  durationMonths: 24,
  extensionMonths: 24,
  labourNeedFte: 3,
  lots: [],
};

function outcomeOf(facts: ProcurementFacts, policy: ScreeningPolicy, rule: ScreeningRule) {
  return screenProcurement(facts, policy).rules.find((r) => r.rule === rule)?.outcome;
}

describe('DEFAULT_SCREENING_POLICY', () => {
  it('conforms to its schema', () => {
    expect(Value.Check(ScreeningPolicySchema, DEFAULT_SCREENING_POLICY)).toBe(true);
  });
  it('ships with unanswered readiness questions, so it asks for assessment until answered', () => {
    const result = screenProcurement(cleaning, DEFAULT_SCREENING_POLICY);
    expect(result.recommendation).toBe('needs_assessment');
    expect(result.missingFacts).toContain('readiness.management-decision');
  });
});

describe('screenProcurement: the textbook case', () => {
  it('recommends office cleaning for 24 months with 3 FTE and says so in both languages', () => {
    const result = screenProcurement(cleaning, ready);
    expect(result.recommendation).toBe('recommended');
    expect(result.missingFacts).toEqual([]);
    expect(result.policyVersion).toBe(1);
    expect(result.summary.sv).toMatch(/rekommenderas/);
    expect(result.summary.en).toMatch(/recommended/);
    for (const rule of result.rules) {
      expect(rule.outcome).toBe('pass');
      expect(rule.reason.sv.length).toBeGreaterThan(0);
      expect(rule.reason.en.length).toBeGreaterThan(0);
    }
  });
});

type Case = [name: string, change: Partial<ProcurementFacts>, rule: ScreeningRule, outcome: 'pass' | 'fail' | 'unknown', recommendation: string];

const cases: Case[] = [
  // Duration: Göteborg says "more than 4 months".
  ['duration of exactly 4 months is not more than 4 and fails', { durationMonths: 4 }, 'duration', 'fail', 'not_recommended'],
  ['duration of 4.01 months is more than 4 and passes', { durationMonths: 4.01 }, 'duration', 'pass', 'recommended'],
  ['duration of 3 months with 24 extension months fails: extensions do not count by default', { durationMonths: 3, extensionMonths: 24 }, 'duration', 'fail', 'not_recommended'],
  ['unknown duration is unknown, never a pass', { durationMonths: null }, 'duration', 'unknown', 'needs_assessment'],
  // Labour need: Göteborg says "more than one full-time employee".
  ['labour need of exactly 1.0 FTE fails', { labourNeedFte: 1 }, 'labour_need', 'fail', 'not_recommended'],
  ['labour need of 1.01 FTE passes', { labourNeedFte: 1.01 }, 'labour_need', 'pass', 'recommended'],
  ['unknown labour need is unknown, never a pass', { labourNeedFte: null }, 'labour_need', 'unknown', 'needs_assessment'],
  // Value: inclusive floor, 500 000 kr for services, 2 000 000 kr for works.
  ['services at exactly 500 000 kr reach the floor', { estimatedValueOre: 500_000_00 }, 'value', 'pass', 'recommended'],
  ['services at 499 999,99 kr are under the floor', { estimatedValueOre: 500_000_00 - 1 }, 'value', 'fail', 'not_recommended'],
  ['unknown value is unknown where the nature has a floor', { estimatedValueOre: null }, 'value', 'unknown', 'needs_assessment'],
  ['works at 1 999 999 kr are under the works floor', { contractNature: 'works', mainCpv: '45000000', estimatedValueOre: 1_999_999_00 }, 'value', 'fail', 'not_recommended'],
  ['works at 2 000 000 kr reach the works floor', { contractNature: 'works', mainCpv: '45000000', estimatedValueOre: 2_000_000_00 }, 'value', 'pass', 'recommended'],
  // Contract nature.
  ['supplies are out of scope', { contractNature: 'supplies' }, 'contract_nature', 'fail', 'not_recommended'],
  ['supplies have no value floor, so value passes even when unknown', { contractNature: 'supplies', estimatedValueOre: null }, 'value', 'pass', 'not_recommended'],
  // CPV.
  ['building cleaning 90911200 is inside the cleaning branch 90900000', { mainCpv: '90911200' }, 'cpv', 'pass', 'recommended'],
  ['park maintenance 77313000 is inside division 77', { mainCpv: '77313000' }, 'cpv', 'pass', 'recommended'],
  ['school catering 55524000 is inside canteen and catering 55500000', { mainCpv: '55524000' }, 'cpv', 'pass', 'recommended'],
  ['refuse collection 90511000 is inside waste 90500000', { mainCpv: '90511000' }, 'cpv', 'pass', 'recommended'],
  ['social work 85312000 is inside division 85', { mainCpv: '85312000' }, 'cpv', 'pass', 'recommended'],
  ['janitorial services 98341130 are included by exact code', { mainCpv: '98341130' }, 'cpv', 'pass', 'recommended'],
  ['scheduled air transport 60410000 is excluded though division 60 is included', { mainCpv: '60410000' }, 'cpv', 'fail', 'not_recommended'],
  ['medical laboratories 85145000 are excluded though division 85 is included', { mainCpv: '85145000' }, 'cpv', 'fail', 'not_recommended'],
  ['IT services 72000000 are outside every field', { mainCpv: '72000000' }, 'cpv', 'fail', 'not_recommended'],
  ['IT services with an additional cleaning code need assessment', { mainCpv: '72000000', additionalCpv: ['90910000'] }, 'cpv', 'unknown', 'needs_assessment'],
  ['IT services with an additional excluded code still fail', { mainCpv: '72000000', additionalCpv: ['60400000'] }, 'cpv', 'fail', 'not_recommended'],
  ['a malformed main CPV code is unknown', { mainCpv: '9091' }, 'cpv', 'unknown', 'needs_assessment'],
  // A known failure outweighs a missing fact.
  ['a failed rule decides even when another fact is missing', { durationMonths: 2, labourNeedFte: null }, 'duration', 'fail', 'not_recommended'],
];

describe('screenProcurement: each rule and its boundaries', () => {
  it.each(cases)('%s', (_name, change, rule, outcome, recommendation) => {
    const facts = { ...cleaning, ...change };
    expect(outcomeOf(facts, ready, rule)).toBe(outcome);
    expect(screenProcurement(facts, ready).recommendation).toBe(recommendation);
  });
});

describe('screenProcurement: missing facts are named', () => {
  it.each([
    [{ durationMonths: null }, ['durationMonths']],
    [{ labourNeedFte: null }, ['labourNeedFte']],
    [{ estimatedValueOre: null }, ['estimatedValueOre']],
    [{ durationMonths: null, labourNeedFte: null }, ['durationMonths', 'labourNeedFte']],
    [{ mainCpv: '' }, ['mainCpv']],
  ] as const)('%j → %j', (change, missing) => {
    const result = screenProcurement({ ...cleaning, ...change }, ready);
    expect(result.recommendation).toBe('needs_assessment');
    expect(result.missingFacts).toEqual(missing);
  });

  it('the summary names the undecided rules in both languages', () => {
    const result = screenProcurement({ ...cleaning, durationMonths: null, labourNeedFte: null }, ready);
    expect(result.summary.sv).toContain('avtalstid och arbetskraftsbehov');
    expect(result.summary.en).toContain('contract duration and labour need');
  });
});

describe('screenProcurement: extension months when the policy counts them', () => {
  const counting: ScreeningPolicy = { ...ready, countExtensionMonths: true };
  it.each([
    ['3 + 1 = 4 months is not more than 4', 3, 1, 'fail'],
    ['3 + 1.01 = 4.01 months is more than 4', 3, 1.01, 'pass'],
    ['3 months with unknown extensions is unknown', 3, null, 'unknown'],
    ['6 months passes whatever the extensions are', 6, null, 'pass'],
  ] as const)('%s', (_name, durationMonths, extensionMonths, outcome) => {
    expect(outcomeOf({ ...cleaning, durationMonths, extensionMonths }, counting, 'duration')).toBe(outcome);
  });
  it('names extensionMonths as missing when it alone could decide', () => {
    const result = screenProcurement({ ...cleaning, durationMonths: 3, extensionMonths: null }, counting);
    expect(result.missingFacts).toEqual(['extensionMonths']);
  });
});

describe('screenProcurement: readiness questions', () => {
  it('a readiness question answered no sends an otherwise recommended procurement to assessment, with the question as reason', () => {
    const policy: ScreeningPolicy = {
      ...ready,
      readinessQuestions: ready.readinessQuestions.map((q) => (q.id === 'matching-lead' ? { ...q, answer: 'no' as const } : q)),
    };
    const result = screenProcurement(cleaning, policy);
    expect(result.recommendation).toBe('needs_assessment');
    const rule = result.rules.find((r) => r.questionId === 'matching-lead');
    expect(rule?.outcome).toBe('fail');
    expect(rule?.reason.sv).toMatch(/^Nej: .*matcha kandidater/);
    expect(rule?.reason.en).toMatch(/^No: .*match candidates/);
    expect(result.summary.sv).toContain('1 beredskapsfråga besvarad med nej');
    expect(result.summary.en).toContain('1 readiness question answered no');
    expect(result.missingFacts).toEqual([]);
  });

  it('a readiness no does not turn a failing procurement into an assessment', () => {
    const policy: ScreeningPolicy = { ...ready, readinessQuestions: ready.readinessQuestions.map((q) => ({ ...q, answer: 'no' as const })) };
    expect(screenProcurement({ ...cleaning, durationMonths: 4 }, policy).recommendation).toBe('not_recommended');
  });

  it('a policy without readiness questions decides on facts alone', () => {
    expect(screenProcurement(cleaning, { ...ready, readinessQuestions: [] }).recommendation).toBe('recommended');
  });
});

describe('screenProcurement: CPV policy edge cases', () => {
  it('an empty include list puts every CPV code in scope', () => {
    const policy: ScreeningPolicy = { ...ready, cpv: { include: [], exclude: [] } };
    expect(outcomeOf({ ...cleaning, mainCpv: '72000000' }, policy, 'cpv')).toBe('pass');
  });
});

describe('screenProcurement: lots', () => {
  const lot = (lotNumber: number, change: Partial<Lot> = {}): Lot => ({
    lotNumber,
    title: `Lot ${lotNumber}`,
    mainCpv: '90919200',
    estimatedValueOre: 2_000_000_00,
    durationMonths: 24,
    ...change,
  });

  it('a procurement without lots has no lot results', () => {
    expect(screenProcurement(cleaning, ready).lots).toEqual([]);
  });

  it('a single lot takes over the procurement-level labour need', () => {
    const result = screenProcurement({ ...cleaning, lots: [lot(1)] }, ready);
    expect(result.lots).toHaveLength(1);
    expect(result.lots[0]?.recommendation).toBe('recommended');
  });

  it('each lot is judged on its own CPV, value and duration', () => {
    const result = screenProcurement(
      { ...cleaning, labourNeedFte: 1, lots: [lot(1), lot(2, { mainCpv: '72000000' }), lot(3, { estimatedValueOre: 100_000_00 })] },
      ready,
    );
    const lots = result.lots.map((l) => [l.lotNumber, l.rules.filter((r) => r.outcome === 'fail').map((r) => r.rule)]);
    expect(lots).toEqual([
      [1, ['labour_need']],
      [2, ['cpv', 'labour_need']],
      [3, ['value', 'labour_need']],
    ]);
  });

  it('with several lots and more than 1 FTE in total, each lot needs its own labour estimate', () => {
    const result = screenProcurement({ ...cleaning, lots: [lot(1), lot(2)] }, ready);
    expect(result.recommendation).toBe('recommended');
    expect(result.lots.map((l) => l.recommendation)).toEqual(['needs_assessment', 'needs_assessment']);
    expect(result.lots[1]?.missingFacts).toEqual(['lots[1].labourNeedFte']);
  });

  it('a lot without its own duration follows the procurement and says so', () => {
    const result = screenProcurement({ ...cleaning, lots: [lot(1, { durationMonths: null })] }, ready);
    const duration = result.lots[0]?.rules.find((r) => r.rule === 'duration');
    expect(duration?.outcome).toBe('pass');
    expect(duration?.reason.en).toContain("the procurement's duration");
  });

  it('a lot of exactly 4 months fails even when the procurement runs longer', () => {
    const result = screenProcurement({ ...cleaning, lots: [lot(1, { durationMonths: 4 })] }, ready);
    expect(result.lots[0]?.recommendation).toBe('not_recommended');
  });

  it('a lot without value or duration names both missing facts by path', () => {
    const result = screenProcurement(
      { ...cleaning, durationMonths: null, lots: [lot(7, { estimatedValueOre: null, durationMonths: null })] },
      ready,
    );
    expect(result.lots[0]?.missingFacts).toEqual(['lots[0].estimatedValueOre', 'lots[0].durationMonths']);
  });
});
