import { joinList } from '../shared/format.js';
import type { Language } from '../shared/localized-text.js';
import { renderRequirement } from './render-requirement.js';
import type { ParameterValues, RequirementTemplate } from './requirement-template.js';
import type { TargetGroupLabels } from './target-groups.js';

/** A requirement as decided for a procurement: its template version's content and validated values. */
export interface AppliedTemplate {
  template: RequirementTemplate;
  values: ParameterValues;
  /** The lots it applies to; `null` = the whole procurement. */
  lotNumbers: readonly number[] | null;
}

export interface RequirementsAnnexInput {
  lang: Language;
  organisationName: string;
  procurement: {
    referenceNumber: string;
    title: string;
    lots: readonly { lotNumber: number; title: string }[];
  };
  requirements: readonly AppliedTemplate[];
  targetGroupLabels: TargetGroupLabels;
}

export interface AnnexSection {
  heading: string;
  appliesTo: string;
  body: string;
  followUpHeading: string;
  followUp: string;
}

/** The annex as language-resolved text, ready for any output format (DOCX, plain text). */
export interface RequirementsAnnex {
  lang: Language;
  title: string;
  facts: { label: string; value: string }[];
  intro: string;
  sections: AnnexSection[];
}

const WORDS = {
  sv: {
    title: 'Särskilda kontraktsvillkor – social hänsyn',
    organisation: 'Upphandlande organisation',
    reference: 'Diarienummer',
    procurement: 'Upphandling',
    lots: 'Berörda delområden',
    whole: 'Hela upphandlingen',
    allLots: 'Samtliga delområden',
    appliesTo: 'Gäller',
    lot: 'Delområde',
    lotsPlural: 'Delområdena',
    followUp: 'Uppföljning och påföljder',
    intro:
      'Villkoren i denna bilaga ingår i avtalet och gäller under hela avtalstiden. Leverantören ansvarar för att villkoren uppfylls även när underleverantörer utför delar av uppdraget.',
    none: 'Inga särskilda kontraktsvillkor om social hänsyn.',
  },
  en: {
    title: 'Special contract conditions – social considerations',
    organisation: 'Contracting organisation',
    reference: 'Reference number',
    procurement: 'Procurement',
    lots: 'Lots concerned',
    whole: 'The whole procurement',
    allLots: 'All lots',
    appliesTo: 'Applies to',
    lot: 'Lot',
    lotsPlural: 'Lots',
    followUp: 'Follow-up and sanctions',
    intro:
      'The conditions in this annex form part of the contract and apply throughout the contract period. The supplier is responsible for meeting them also where subcontractors perform parts of the contract.',
    none: 'No special contract conditions on social considerations.',
  },
} as const;

function describeLots(lotNumbers: readonly number[] | null, input: RequirementsAnnexInput): string {
  const w = WORDS[input.lang];
  const all = input.procurement.lots;
  if (lotNumbers === null) return all.length === 0 ? w.whole : w.allLots;
  const sorted = [...lotNumbers].sort((a, b) => a - b);
  const named = sorted.map((n) => {
    const title = all.find((l) => l.lotNumber === n)?.title;
    return title === undefined ? String(n) : `${n} (${title})`;
  });
  return `${sorted.length === 1 ? w.lot : w.lotsPlural} ${joinList(named, input.lang)}`;
}

/**
 * Resolves the annex "Särskilda kontraktsvillkor – social hänsyn" into text in one language:
 * organisation, reference number, procurement title, the lots concerned, and per requirement
 * its rendered contract text and follow-up terms. Buyer guidance is never included. Values must
 * already be validated (see `validateParameters`).
 */
export function buildRequirementsAnnex(input: RequirementsAnnexInput): RequirementsAnnex {
  const w = WORDS[input.lang];
  const concerned: readonly number[] | null = input.requirements.some((r) => r.lotNumbers === null)
    ? null
    : [...new Set(input.requirements.flatMap((r) => r.lotNumbers ?? []))];
  const lotsValue = concerned === null ? describeLots(null, input) : describeLots(concerned, input);
  return {
    lang: input.lang,
    title: w.title,
    facts: [
      { label: w.organisation, value: input.organisationName },
      { label: w.reference, value: input.procurement.referenceNumber },
      { label: w.procurement, value: input.procurement.title },
      { label: w.lots, value: lotsValue },
    ],
    intro: input.requirements.length === 0 ? w.none : w.intro,
    sections: input.requirements.map((requirement, index) => {
      const rendered = renderRequirement(requirement.template, requirement.values, input.lang, input.targetGroupLabels);
      return {
        heading: `${index + 1}. ${rendered.title}`,
        appliesTo: `${w.appliesTo}: ${describeLots(requirement.lotNumbers, input)}`,
        body: rendered.body,
        followUpHeading: w.followUp,
        followUp: rendered.followUp,
      };
    }),
  };
}

/**
 * The annex as plain text, for pasting into an e-procurement system's free-text fields.
 * Paragraphs are separated by blank lines and no line is wrapped, so the receiving system can
 * flow the text itself.
 */
export function renderRequirementsPlainText(input: RequirementsAnnexInput): string {
  const annex = buildRequirementsAnnex(input);
  const lines: string[] = [annex.title, '='.repeat(annex.title.length), ''];
  for (const fact of annex.facts) lines.push(`${fact.label}: ${fact.value}`);
  lines.push('', annex.intro);
  for (const section of annex.sections) {
    lines.push('', section.heading, '-'.repeat(section.heading.length), section.appliesTo, '', section.body, '', `${section.followUpHeading}: ${section.followUp}`);
  }
  return `${lines.join('\n')}\n`;
}
