import { describe, expect, it } from 'vitest';
import { Value } from '@sinclair/typebox/value';
import { checkTemplate } from './check-template.js';
import { renderRequirement } from './render-requirement.js';
import { REQUIREMENT_LEVELS, REQUIREMENT_TYPES, RequirementTemplateSchema } from './requirement-template.js';
import { STARTER_TEMPLATES } from './starter-templates.js';
import { DEFAULT_TARGET_GROUPS, targetGroupLabels } from './target-groups.js';
import { validateParameters } from './validate-parameters.js';

const labels = targetGroupLabels(DEFAULT_TARGET_GROUPS);

describe('starter templates', () => {
  it('are at least eight, with unique keys', () => {
    expect(STARTER_TEMPLATES.length).toBeGreaterThanOrEqual(8);
    expect(new Set(STARTER_TEMPLATES.map((t) => t.key)).size).toBe(STARTER_TEMPLATES.length);
  });

  it('cover every requirement type', () => {
    expect(new Set(STARTER_TEMPLATES.map((t) => t.type))).toEqual(new Set(REQUIREMENT_TYPES));
  });

  it('cover every UHM level', () => {
    expect(new Set(STARTER_TEMPLATES.map((t) => t.level))).toEqual(new Set(REQUIREMENT_LEVELS));
  });

  describe.each(STARTER_TEMPLATES.map((t) => [t.key, t] as const))('%s', (_key, template) => {
    it('matches the template schema and has no problems', () => {
      expect(Value.Check(RequirementTemplateSchema, template)).toBe(true);
      expect(checkTemplate(template)).toEqual([]);
    });

    it('validates with its defaults alone', () => {
      expect(validateParameters(template, {}).ok).toBe(true);
    });

    it.each(['sv', 'en'] as const)('renders with its defaults in %s without a leftover {{', (lang) => {
      const result = validateParameters(template, {});
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      const rendered = renderRequirement(template, result.values, lang, labels);
      for (const text of [rendered.title, rendered.body, rendered.followUp]) {
        expect(text).not.toContain('{{');
        expect(text).not.toContain('}}');
        expect(text.trim().length).toBeGreaterThan(0);
      }
    });

    it('implies soc-obj and a social objective in eForms (BT-06, BT-775)', () => {
      expect(template.eforms.strategicProcurement).toEqual(['soc-obj']);
      expect(template.eforms.socialObjectives).toContain('opp');
    });

    it('reserved contracts, and only they, imply BT-71 res-ws or BT-736 yes', () => {
      const reserved = template.eforms.reservedParticipation.includes('res-ws') || template.eforms.reservedExecution === 'yes';
      expect(reserved).toBe(template.type === 'reserved_contract');
    });
  });
});
