import { describe, expect, it } from 'vitest';
import { createDraft, editVersion, publishVersion, type TemplateVersion } from './template-version.js';
import { DIALOGUE_CLAUSE } from './starter-templates.js';

const T0 = '2026-03-01T09:00:00Z';
const T1 = '2026-03-02T09:00:00Z';
const draft = createDraft(DIALOGUE_CLAUSE, { id: 'v1', now: T0 });

function published(): TemplateVersion {
  const result = publishVersion(draft, T1);
  if (!result.ok) throw new Error('fixture');
  return result.version;
}

describe('template versions', () => {
  it('a new template starts as draft version 1', () => {
    expect(draft).toMatchObject({ id: 'v1', templateKey: 'dialogue-clause', version: 1, status: 'draft', publishedAt: null, basedOnVersionId: null });
  });

  it('publishing a draft records when, and keeps id and number', () => {
    expect(published()).toMatchObject({ id: 'v1', version: 1, status: 'published', publishedAt: T1 });
  });

  it('publishing a published version is refused', () => {
    const result = publishVersion(published(), T1);
    expect(!result.ok && result.error.code).toBe('already_published');
  });

  it('a draft with template problems cannot be published, and the problems are listed', () => {
    const broken = { ...draft, content: { ...DIALOGUE_CLAUSE, body: { sv: '{{nope}}', en: '{{nope}}' } } };
    const result = publishVersion(broken, T1);
    expect(!result.ok && result.error.code).toBe('invalid_template');
    expect(!result.ok && result.error.problems.map((p) => p.code)).toContain('undefined_placeholder');
  });

  it('editing a draft changes it in place', () => {
    const content = { ...DIALOGUE_CLAUSE, title: { sv: 'Ny titel', en: 'New title' } };
    const result = editVersion(draft, content, { id: 'ignored', now: T1 });
    expect(result.ok && result.version).toMatchObject({ id: 'v1', version: 1, status: 'draft', content });
  });

  it('editing a published version leaves it untouched and yields draft version 2 based on it', () => {
    const v1 = published();
    const snapshot = structuredClone(v1);
    const content = { ...DIALOGUE_CLAUSE, title: { sv: 'Ny titel', en: 'New title' } };
    const result = editVersion(v1, content, { id: 'v2', now: T1 });
    expect(result.ok && result.version).toMatchObject({ id: 'v2', version: 2, status: 'draft', basedOnVersionId: 'v1', publishedAt: null, createdAt: T1 });
    expect(v1).toEqual(snapshot);
  });

  it('an edit may not change the template key', () => {
    const result = editVersion(draft, { ...DIALOGUE_CLAUSE, key: 'other' }, { id: 'v2', now: T1 });
    expect(!result.ok && result.error.code).toBe('key_changed');
  });
});
