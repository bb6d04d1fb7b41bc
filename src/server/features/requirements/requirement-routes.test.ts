import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requirementTemplateVersions } from '../../../db/schema/index.js';
import { EMPLOYMENT_CONDITION, STARTER_TEMPLATES } from '../../../domain/requirements/starter-templates.js';
import { createOrganisation, createTestApp, createUser, login, type Session, type TestContext } from '../../../../tests/support/factories.js';
import { ownTemplate, put } from '../../../../tests/support/social.js';

let ctx: TestContext;
let goteborg: Session;
let boras: Session;
let borasProcurer: Session;
let viewer: Session;
let supplier: Session;
let admin: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  const gbg = await createOrganisation(ctx.db, { name: 'Göteborgs Stad' });
  const bor = await createOrganisation(ctx.db, { name: 'Borås Stad' });
  goteborg = await login(ctx.app, (await createUser(ctx.db, gbg.id, ['coordinator'])).email);
  viewer = await login(ctx.app, (await createUser(ctx.db, gbg.id, ['viewer'])).email);
  supplier = await login(ctx.app, (await createUser(ctx.db, gbg.id, ['supplier'])).email);
  admin = await login(ctx.app, (await createUser(ctx.db, gbg.id, ['admin'])).email);
  boras = await login(ctx.app, (await createUser(ctx.db, bor.id, ['coordinator'])).email);
  borasProcurer = await login(ctx.app, (await createUser(ctx.db, bor.id, [{ role: 'procurer', unitId: bor.unit.id }])).email);
});
afterAll(() => ctx.close());

const ownContent = (key = 'cleaning-apprentices') => ({
  ...EMPLOYMENT_CONDITION,
  key,
  title: { sv: 'Lärlingar i lokalvård', en: 'Apprentices in cleaning' },
});

describe('the library', () => {
  it('seeds every organisation with the published starter templates on first read', async () => {
    const list = (await viewer.get('/api/requirement-templates')).json();
    expect(list.total).toBe(STARTER_TEMPLATES.length);
    expect(list.items.every((t: { origin: string; publishedVersion: { version: number } | null; isOwn: boolean; canEdit: boolean }) =>
      t.origin === 'starter' && t.publishedVersion?.version === 1 && t.isOwn && !t.canEdit)).toBe(true);
    expect((await viewer.get('/api/requirement-templates?type=reserved_contract')).json().items.map((t: { key: string }) => t.key).sort()).toEqual([
      'reserved-execution',
      'reserved-participation',
    ]);
    expect((await viewer.get('/api/requirement-templates?level=basic&q=dialog')).json().items.map((t: { key: string }) => t.key)).toEqual(['dialogue-clause']);
  });

  it('is closed to suppliers; read-only for viewers and admins', async () => {
    expect((await supplier.get('/api/requirement-templates')).statusCode).toBe(403);
    expect((await viewer.post('/api/requirement-templates', { content: ownContent('viewer-try') })).statusCode).toBe(403);
    expect((await admin.post('/api/requirement-templates', { content: ownContent('admin-try') })).statusCode).toBe(403);
  });
});

describe('template versions', () => {
  it('creates a template with a first draft, publishes it, and freezes the published version', async () => {
    const created = await goteborg.post('/api/requirement-templates', { content: ownContent() });
    expect(created.statusCode, created.body).toBe(201);
    const t = created.json();
    expect(t).toMatchObject({ origin: 'own', hasDraft: true, publishedVersion: null, latestVersion: { version: 1, status: 'draft' } });
    expect(t.versions[0].problems).toEqual([]);

    const edited = await put(goteborg, `/api/requirement-templates/${t.id}/draft`, { content: { ...ownContent(), guidance: { sv: 'Ändrad', en: 'Changed' } } });
    expect(edited.json().versions).toHaveLength(1);
    const published = (await goteborg.post(`/api/requirement-templates/${t.id}/publish`)).json();
    expect(published).toMatchObject({ hasDraft: false, publishedVersion: { version: 1 } });
    expect((await goteborg.post(`/api/requirement-templates/${t.id}/publish`)).statusCode).toBe(409);

    // Editing a published version leaves it alone and starts version 2 as a draft.
    const next = (await put(goteborg, `/api/requirement-templates/${t.id}/draft`, { content: { ...ownContent(), guidance: { sv: 'Version två', en: 'Version two' } } })).json();
    expect(next.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[1, 'published'], [2, 'draft']]);
    expect(next.versions[0].content.guidance.sv).toBe('Ändrad');
    expect(next.versions[1].basedOnVersionId).toBe(next.versions[0].id);
    expect(next.publishedVersion.version).toBe(1);

    // The database refuses any change to a published row, whoever tries.
    await expect(
      ctx.db.update(requirementTemplateVersions).set({ content: ownContent('hacked') }).where(eq(requirementTemplateVersions.id, next.versions[0].id)),
    ).rejects.toThrow();
  });

  it('refuses to change the key, a duplicate key, and publishing a draft with problems', async () => {
    const t = (await goteborg.post('/api/requirement-templates', { content: ownContent('with-problems') })).json();
    const rekey = await put(goteborg, `/api/requirement-templates/${t.id}/draft`, { content: ownContent('other-key') });
    expect(rekey.json().errors).toEqual([expect.objectContaining({ path: '/body/content/key', code: 'key_changed' })]);
    const dup = await goteborg.post('/api/requirement-templates', { content: ownContent('with-problems') });
    expect(dup.json().errors).toEqual([expect.objectContaining({ path: '/body/content/key', code: 'duplicate' })]);
    const broken = { ...ownContent('with-problems'), body: { sv: 'Anställ {{nobody}}.', en: 'Hire {{nobody}}.' } };
    const saved = (await put(goteborg, `/api/requirement-templates/${t.id}/draft`, { content: broken })).json();
    expect(saved.versions[0].problems.map((p: { code: string }) => p.code)).toContain('undefined_placeholder');
    const publish = await goteborg.post(`/api/requirement-templates/${t.id}/publish`);
    expect(publish.statusCode).toBe(400);
    expect(publish.json().errors.map((e: { code: string }) => e.code)).toContain('undefined_placeholder');
  });

  it('names the invalid field of template content', async () => {
    const response = await goteborg.post('/api/requirement-templates', { content: { ...ownContent('bad-level'), level: 'expert' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { path: string }) => e.path)).toEqual(['/body/content/level']);
  });
});

describe('sharing across organisations', () => {
  it('Borås cannot see Göteborg’s unshared template, then copies it once it is shared', async () => {
    const gbgTemplate = await ownTemplate(goteborg, 'employment-condition');
    expect((await boras.get(`/api/requirement-templates/${gbgTemplate.id}`)).statusCode).toBe(404);
    expect((await boras.post(`/api/requirement-templates/${gbgTemplate.id}/copy`)).statusCode).toBe(404);
    expect((await boras.get('/api/requirement-templates?scope=shared')).json().total).toBe(0);

    const shared = await goteborg.post(`/api/requirement-templates/${gbgTemplate.id}/share`, { shared: true });
    expect(shared.statusCode, shared.body).toBe(200);
    // Göteborg starts a draft after sharing: other organisations never see drafts.
    await put(goteborg, `/api/requirement-templates/${gbgTemplate.id}/draft`, {
      content: { ...EMPLOYMENT_CONDITION, title: { sv: 'Utkast som ingen annan ser', en: 'Draft nobody else sees' } },
    });

    const library = (await boras.get('/api/requirement-templates?scope=shared')).json();
    expect(library.items).toEqual([expect.objectContaining({ id: gbgTemplate.id, isOwn: false, canEdit: false, organisation: expect.objectContaining({ name: 'Göteborgs Stad' }) })]);
    const seen = (await boras.get(`/api/requirement-templates/${gbgTemplate.id}`)).json();
    expect(seen.versions.map((v: { status: string }) => v.status)).toEqual(['published']);
    expect((await put(boras, `/api/requirement-templates/${gbgTemplate.id}/draft`, { content: EMPLOYMENT_CONDITION })).statusCode).toBe(403);

    const copy = await boras.post(`/api/requirement-templates/${gbgTemplate.id}/copy`);
    expect(copy.statusCode, copy.body).toBe(201);
    expect(copy.json()).toMatchObject({
      key: 'employment-condition-copy',
      origin: 'copy',
      isOwn: true,
      copiedFrom: { templateId: gbgTemplate.id, versionId: gbgTemplate.publishedVersion!.id },
      hasDraft: true,
      publishedVersion: null,
    });
    expect(copy.json().versions[0].content.title.sv).toBe('Sysselsättningsvillkor');
    const named = await boras.post(`/api/requirement-templates/${gbgTemplate.id}/copy`, { key: 'goteborg-sysselsattning' });
    expect(named.json().key).toBe('goteborg-sysselsattning');
    expect((await boras.post(`/api/requirement-templates/${gbgTemplate.id}/copy`, { key: 'goteborg-sysselsattning' })).statusCode).toBe(400);
    expect((await goteborg.post(`/api/requirement-templates/${gbgTemplate.id}/copy`)).statusCode).toBe(409);
    expect((await borasProcurer.post(`/api/requirement-templates/${gbgTemplate.id}/copy`)).statusCode).toBe(403);

    // Withdrawn from the shared library: gone for Borås, Borås's copy stays.
    await goteborg.post(`/api/requirement-templates/${gbgTemplate.id}/share`, { shared: false });
    expect((await boras.get(`/api/requirement-templates/${gbgTemplate.id}`)).statusCode).toBe(404);
    expect((await boras.get(`/api/requirement-templates/${copy.json().id}`)).statusCode).toBe(200);
  });

  it('refuses to share a template that has no published version', async () => {
    const t = (await goteborg.post('/api/requirement-templates', { content: ownContent('never-published') })).json();
    expect((await goteborg.post(`/api/requirement-templates/${t.id}/share`, { shared: true })).statusCode).toBe(409);
  });
});

describe('preview and target groups', () => {
  it('renders content with parameter values in Swedish and English, naming a bad parameter', async () => {
    const ok = await viewer.post('/api/requirement-templates/preview', { content: EMPLOYMENT_CONDITION, parameters: { positions: 1, target_groups: ['newly_arrived'] } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().sv.body).toContain('1 person från följande målgrupper: nyanlända');
    expect(ok.json().en.body).toContain('1 person from the following target groups: newly arrived immigrants');
    const bad = await viewer.post('/api/requirement-templates/preview', { content: EMPLOYMENT_CONDITION, parameters: { positions: 0 } });
    expect(bad.json().errors).toEqual([expect.objectContaining({ path: '/body/parameters/positions', code: 'out_of_range' })]);
  });

  it('lets coordinators rename, add and deactivate target groups; others only read them', async () => {
    const groups = (await goteborg.get('/api/target-groups')).json();
    expect(groups.map((g: { code: string }) => g.code)).toContain('newly_arrived');
    const items = [
      { code: 'newly_arrived', label: { sv: 'nyanlända personer', en: 'newly arrived people' } },
      { code: 'former_inmates', label: { sv: 'personer som har avtjänat straff', en: 'people who have served a sentence' } },
    ];
    expect((await put(viewer, '/api/target-groups', { items })).statusCode).toBe(403);
    const saved = await put(goteborg, '/api/target-groups', { items });
    expect(saved.statusCode, saved.body).toBe(200);
    const after = saved.json();
    expect(after.slice(0, 2)).toEqual([
      { code: 'newly_arrived', label: items[0]!.label, active: true },
      { code: 'former_inmates', label: items[1]!.label, active: true },
    ]);
    expect(after.find((g: { code: string }) => g.code === 'income_support')).toMatchObject({ active: false });
    // A deactivated group can no longer be chosen.
    const preview = await goteborg.post('/api/requirement-templates/preview', { content: EMPLOYMENT_CONDITION, parameters: { target_groups: ['income_support'] } });
    expect(preview.json().errors).toEqual([expect.objectContaining({ path: '/body/parameters/target_groups', code: 'unknown_option' })]);
    const twice = await put(goteborg, '/api/target-groups', { items: [items[0], items[0]] });
    expect(twice.json().errors).toEqual([expect.objectContaining({ path: '/body/items/1/code' })]);
  });
});
