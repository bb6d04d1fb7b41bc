import { describe, expect, it } from 'vitest';
import { PROCUREMENT_STATUSES, type ProcurementStatus } from '../procurement/procurement.js';
import { EMPLOYMENT_CONDITION, DIALOGUE_CLAUSE } from '../requirements/starter-templates.js';
import { createDraft, publishVersion, type TemplateVersion } from '../requirements/template-version.js';
import type { ScreeningRecommendation } from '../screening/screen-procurement.js';
import { hasSocialConsiderations, type AppliedRequirement, type Decision } from './decision.js';
import { isJustificationRequired, MIN_JUSTIFICATION_LENGTH, validateDecision, type DecisionErrorCode, type DecisionInput } from './validate-decision.js';

const NOW = '2026-01-01T00:00:00Z';
function publish(version: TemplateVersion): TemplateVersion {
  const result = publishVersion(version, NOW);
  if (!result.ok) throw new Error('fixture');
  return result.version;
}
const employment = publish(createDraft(EMPLOYMENT_CONDITION, { id: 'emp-1', now: NOW }));
const dialogue = publish(createDraft(DIALOGUE_CLAUSE, { id: 'dia-1', now: NOW }));
const draftOnly = createDraft(DIALOGUE_CLAUSE, { id: 'dia-2', now: NOW });

const applyEmployment = (change: Partial<AppliedRequirement> = {}): AppliedRequirement => ({
  templateVersionId: 'emp-1',
  lotNumbers: null,
  parameters: {},
  ...change,
});

const JUSTIFIED = 'Marknaden saknar kandidater enligt stödfunktionen.';
const TWENTY = 'x'.repeat(MIN_JUSTIFICATION_LENGTH);
const NINETEEN = `  ${'x'.repeat(MIN_JUSTIFICATION_LENGTH - 1)}  `;

function input(decision: Partial<Decision>, rest: Partial<DecisionInput> = {}): DecisionInput {
  return {
    recommendation: 'recommended',
    decision: { kind: 'apply', requirements: [applyEmployment()], justification: '', ...decision },
    procurementStatus: 'in_preparation',
    lotNumbers: [],
    templateVersions: [employment, dialogue, draftOnly],
    ...rest,
  };
}

function codes(i: DecisionInput): DecisionErrorCode[] {
  const result = validateDecision(i);
  return result.ok ? [] : result.errors.map((e) => e.code);
}

describe('validateDecision: comply or explain', () => {
  type Row = [name: string, recommendation: ScreeningRecommendation, kind: 'apply' | 'none', justification: string, ok: boolean];
  const rows: Row[] = [
    ['apply when recommended needs no justification', 'recommended', 'apply', '', true],
    ['none when recommended needs a justification', 'recommended', 'none', '', false],
    [`none when recommended is accepted with exactly ${MIN_JUSTIFICATION_LENGTH} characters`, 'recommended', 'none', TWENTY, true],
    [`none when recommended is refused with ${MIN_JUSTIFICATION_LENGTH - 1} characters after trimming`, 'recommended', 'none', NINETEEN, false],
    ['none when not recommended needs no justification', 'not_recommended', 'none', '', true],
    ['apply when not recommended needs a justification', 'not_recommended', 'apply', '', false],
    ['apply when not recommended is accepted with a justification', 'not_recommended', 'apply', JUSTIFIED, true],
    ['apply after needs_assessment needs the assessment written down', 'needs_assessment', 'apply', '', false],
    ['none after needs_assessment needs the assessment written down', 'needs_assessment', 'none', '', false],
    ['none after needs_assessment is accepted with a justification', 'needs_assessment', 'none', JUSTIFIED, true],
  ];
  it.each(rows)('%s', (_name, recommendation, kind, justification, ok) => {
    const requirements = kind === 'apply' ? [applyEmployment()] : [];
    const result = validateDecision(input({ kind, requirements, justification }, { recommendation }));
    expect(result.ok).toBe(ok);
    if (!ok) expect(codes(input({ kind, requirements, justification }, { recommendation }))).toEqual(['justification_required']);
  });

  it('the justification error says why in both languages', () => {
    const result = validateDecision(input({ kind: 'none', requirements: [] }));
    expect(!result.ok && result.errors[0]?.message.sv).toMatch(/rekommenderar sysselsättningskrav.*minst 20 tecken/);
    expect(!result.ok && result.errors[0]?.message.en).toMatch(/recommends employment requirements.*at least 20 characters/);
  });
});

describe('isJustificationRequired: comply or explain, as the form asks it', () => {
  it.each([
    ['recommended', 'apply', false],
    ['recommended', 'none', true],
    ['not_recommended', 'none', false],
    ['not_recommended', 'apply', true],
    ['needs_assessment', 'apply', true],
    ['needs_assessment', 'none', true],
    ['needs_assessment', null, false],
    ['recommended', null, false],
  ] as const)('after %s, choosing %s needs a justification: %s', (recommendation, kind, expected) => {
    expect(isJustificationRequired(recommendation, kind)).toBe(expected);
  });
});

describe('validateDecision: locked once published', () => {
  it.each(PROCUREMENT_STATUSES.map((s) => [s, ['published', 'evaluation', 'awarded'].includes(s)] as [ProcurementStatus, boolean]))(
    'status %s locked: %s',
    (status, locked) => {
      expect(codes(input({}, { procurementStatus: status }))).toEqual(locked ? ['locked'] : []);
    },
  );
});

describe('validateDecision: shape of the decision', () => {
  it.each<[string, Partial<Decision>, DecisionErrorCode[]]>([
    ['apply without requirements', { kind: 'apply', requirements: [] }, ['no_requirements']],
    ['none with requirements', { kind: 'none', requirements: [applyEmployment()], justification: JUSTIFIED }, ['requirements_with_none']],
    ['an unknown template version', { requirements: [applyEmployment({ templateVersionId: 'nope' })] }, ['unknown_template_version']],
    ['a draft template version', { requirements: [applyEmployment({ templateVersionId: 'dia-2' })] }, ['template_not_published']],
    ['the same template twice on the whole procurement', { requirements: [applyEmployment(), applyEmployment()] }, ['duplicate_requirement']],
    ['two different templates', { requirements: [applyEmployment(), applyEmployment({ templateVersionId: 'dia-1' })] }, []],
  ])('%s → %j', (_name, decision, expected) => {
    expect(codes(input(decision))).toEqual(expected);
  });

  it('invalid parameters are reported with their path and message', () => {
    const result = validateDecision(input({ requirements: [applyEmployment({ parameters: { positions: 0 } })] }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toMatchObject({ code: 'invalid_parameter', path: 'requirements[0].parameters.positions', parameterError: { code: 'out_of_range' } });
  });
});

describe('validateDecision: lots', () => {
  const lots = { lotNumbers: [1, 2, 3] };
  it.each<[string, number[] | null, readonly number[], DecisionErrorCode[]]>([
    ['null means every lot', null, [1, 2, 3], []],
    ['existing lots are accepted', [1, 3], [1, 2, 3], []],
    ['a lot that does not exist is refused', [4], [1, 2, 3], ['unknown_lot']],
    ['an empty selection is refused', [], [1, 2, 3], ['empty_lot_selection']],
    ['a lot chosen twice is refused', [2, 2], [1, 2, 3], ['duplicate_lot']],
    ['any lot on an undivided procurement is refused', [1], [], ['unknown_lot']],
  ])('%s', (_name, lotNumbers, existing, expected) => {
    expect(codes(input({ requirements: [applyEmployment({ lotNumbers })] }, { lotNumbers: existing }))).toEqual(expected);
  });

  it('the same template on different lots is fine, on overlapping lots it is not', () => {
    expect(codes(input({ requirements: [applyEmployment({ lotNumbers: [1] }), applyEmployment({ lotNumbers: [2] })] }, lots))).toEqual([]);
    expect(codes(input({ requirements: [applyEmployment({ lotNumbers: [1, 2] }), applyEmployment({ lotNumbers: [2] })] }, lots))).toEqual(['duplicate_requirement']);
    expect(codes(input({ requirements: [applyEmployment({ lotNumbers: null }), applyEmployment({ lotNumbers: [2] })] }, lots))).toEqual(['duplicate_requirement']);
  });
});

describe('hasSocialConsiderations', () => {
  it.each<[string, Decision, boolean]>([
    ['apply with one requirement', { kind: 'apply', requirements: [applyEmployment()], justification: '' }, true],
    ['apply with no requirements (invalid, but not social considerations)', { kind: 'apply', requirements: [], justification: '' }, false],
    ['none', { kind: 'none', requirements: [], justification: JUSTIFIED }, false],
  ])('%s → %s', (_name, decision, expected) => {
    expect(hasSocialConsiderations(decision)).toBe(expected);
  });
});
