import { Type, type Static } from '@sinclair/typebox';
import type { LocalizedText } from '../shared/localized-text.js';
import { checkTemplate, type TemplateProblem } from './check-template.js';
import { RequirementTemplateSchema, type RequirementTemplate } from './requirement-template.js';

/**
 * One version of a requirement template. A draft may be edited in place; a published version
 * is frozen, because decisions and procurement documents refer to it by id and must keep
 * meaning exactly what they meant when they were made.
 */
export const TemplateVersionSchema = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    templateKey: Type.String({ minLength: 1 }),
    version: Type.Integer({ minimum: 1 }),
    status: Type.Union([Type.Literal('draft'), Type.Literal('published')]),
    content: RequirementTemplateSchema,
    /** ISO 8601 timestamps, passed in by the caller. */
    createdAt: Type.String(),
    publishedAt: Type.Union([Type.String(), Type.Null()]),
    /** The published version this draft was made from; null for a first draft. */
    basedOnVersionId: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);
export type TemplateVersion = Static<typeof TemplateVersionSchema>;

export type VersionErrorCode = 'already_published' | 'key_changed' | 'invalid_template';

export interface VersionError {
  code: VersionErrorCode;
  message: LocalizedText;
  problems: TemplateProblem[];
}

export type VersionResult = { ok: true; version: TemplateVersion } | { ok: false; error: VersionError };

/** Starts version 1 of a new template as a draft. */
export function createDraft(content: RequirementTemplate, ids: { id: string; now: string }): TemplateVersion {
  return {
    id: ids.id,
    templateKey: content.key,
    version: 1,
    status: 'draft',
    content,
    createdAt: ids.now,
    publishedAt: null,
    basedOnVersionId: null,
  };
}

/**
 * Publishes a draft at `now`. Refused when the version is already published, and when
 * {@link checkTemplate} finds problems (listed in the error), so nothing broken reaches a buyer.
 */
export function publishVersion(version: TemplateVersion, now: string): VersionResult {
  if (version.status === 'published') {
    return {
      ok: false,
      error: {
        code: 'already_published',
        message: { sv: `Version ${version.version} är redan publicerad.`, en: `Version ${version.version} is already published.` },
        problems: [],
      },
    };
  }
  const problems = checkTemplate(version.content);
  if (problems.length > 0) {
    return {
      ok: false,
      error: {
        code: 'invalid_template',
        message: { sv: 'Mallen kan inte publiceras förrän problemen är åtgärdade.', en: 'The template cannot be published until its problems are fixed.' },
        problems,
      },
    };
  }
  return { ok: true, version: { ...version, status: 'published', publishedAt: now } };
}

/**
 * Edits a template version. A draft is changed in place. A published version is never
 * changed: the edit becomes a new draft numbered one above it and pointing back to it. Pass
 * the newest version; giving the next number to exactly one draft is the caller's job (a
 * unique key on template and version in the database).
 */
export function editVersion(version: TemplateVersion, content: RequirementTemplate, ids: { id: string; now: string }): VersionResult {
  if (content.key !== version.templateKey) {
    return {
      ok: false,
      error: {
        code: 'key_changed',
        message: { sv: 'En ny version kan inte byta mallens nyckel.', en: 'A new version cannot change the template key.' },
        problems: [],
      },
    };
  }
  if (version.status === 'draft') return { ok: true, version: { ...version, content } };
  return {
    ok: true,
    version: {
      id: ids.id,
      templateKey: version.templateKey,
      version: version.version + 1,
      status: 'draft',
      content,
      createdAt: ids.now,
      publishedAt: null,
      basedOnVersionId: version.id,
    },
  };
}
