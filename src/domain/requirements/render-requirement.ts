import { formatInteger, formatOreAsSek, formatPercent, joinList } from '../shared/format.js';
import type { Language } from '../shared/localized-text.js';
import type { ParameterDefinition, ParameterValue, ParameterValues, RequirementTemplate } from './requirement-template.js';
import type { TargetGroupLabels } from './target-groups.js';

export interface RenderedRequirement {
  title: string;
  body: string;
  followUp: string;
}

function renderValue(def: ParameterDefinition, value: ParameterValue, lang: Language, labels: TargetGroupLabels): string {
  switch (def.kind) {
    case 'integer': {
      const n = value as number;
      const number = formatInteger(n, lang);
      if (def.unit === undefined) return number;
      const unit = def.unit[lang];
      return `${number} ${n === 1 ? unit.one : unit.other}`;
    }
    case 'percent':
      return formatPercent(value as number, lang);
    case 'money_ore':
      return formatOreAsSek(value as number, lang);
    case 'enum': {
      const option = def.options.find((o) => o.value === value);
      return option === undefined ? String(value) : option.label[lang];
    }
    case 'text':
      return typeof value === 'string' ? value : (value as { sv: string; en: string })[lang];
    case 'target_groups':
      // A code missing from the labels is shown as the code, so the gap is visible, not silent.
      return joinList((value as string[]).map((code) => labels[code]?.[lang] ?? code), lang);
  }
}

/**
 * Fills a template's `{{key}}` placeholders with values in one language: integers with their
 * unit ("3 personer"), percentages (`75 %` / `75%`), öre as kronor, enum labels, and target
 * groups joined as prose ("a, b och c"). Pass values that {@link validateParameters} accepted;
 * a placeholder without a value is a programming error and throws.
 */
export function renderRequirement(
  template: RequirementTemplate,
  values: ParameterValues,
  lang: Language,
  targetGroupLabels: TargetGroupLabels,
): RenderedRequirement {
  const fill = (text: string): string =>
    text.replace(/\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g, (_match, key: string) => {
      const def = template.parameters.find((p) => p.key === key);
      const value = values[key];
      if (def === undefined || value === undefined) {
        throw new Error(`Template ${template.key} has no value for placeholder {{${key}}}`);
      }
      return renderValue(def, value, lang, targetGroupLabels);
    });
  return { title: template.title[lang], body: fill(template.body[lang]), followUp: fill(template.followUp[lang]) };
}
