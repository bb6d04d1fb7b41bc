import type { Database } from '../../../db/client.js';
import { can, type Actor } from '../../../domain/access/can.js';
import { checkTemplate } from '../../../domain/requirements/check-template.js';
import { renderRequirement } from '../../../domain/requirements/render-requirement.js';
import type { RequirementTemplate } from '../../../domain/requirements/requirement-template.js';
import { targetGroupLabels, type TargetGroup } from '../../../domain/requirements/target-groups.js';
import { editVersion, publishVersion } from '../../../domain/requirements/template-version.js';
import { validateParameters } from '../../../domain/requirements/validate-parameters.js';
import { AppError, forbidden, notFound, validationFailed, type FieldError } from '../../errors.js';
import { assertCan, type Who } from '../../access.js';
import { recordAudit } from '../audit/audit-service.js';
import {
  findOwnVersions,
  findVisibleTemplate,
  insertTemplate,
  insertVersion,
  isKeyTaken,
  listTargetGroups,
  listVersions,
  listVisibleTemplates,
  markPublished,
  replaceTargetGroups,
  seedLibrary,
  setShared,
  updateDraftContent,
  type TargetGroupRecord,
  type TemplateRecord,
  type VersionRecord,
} from './requirement-repository.js';
import type { TargetGroupsBody, TargetGroupView, TemplateDetail, TemplateListQuery, TemplateSummary, TemplateVersionView } from './requirement-schemas.js';

// For the OCDS feature: the organisation's target groups, without a rights check (an export's reader checks them).
export { listTargetGroups } from './requirement-repository.js';


/** Gives the organisation its starter library and target groups the first time they are needed. */
export async function ensureLibrary(db: Database, organisationId: string, now: Date): Promise<void> {
  await seedLibrary(db, organisationId, now);
}

function mayRead(actor: Actor): void {
  assertCan(actor, 'template:read', { organisationId: actor.organisationId });
}

function mayManage(actor: Actor): void {
  assertCan(actor, 'template:manage', { organisationId: actor.organisationId });
}

function presentVersion(v: VersionRecord, groups: readonly TargetGroup[]): TemplateVersionView {
  return {
    id: v.id,
    version: v.version,
    status: v.status,
    content: v.content,
    createdAt: v.createdAt,
    publishedAt: v.publishedAt,
    basedOnVersionId: v.basedOnVersionId,
    problems: v.status === 'draft' ? checkTemplate(v.content, groups) : [],
  };
}

function summarise(t: TemplateRecord, versions: readonly VersionRecord[], actor: Actor): TemplateSummary | null {
  const latest = versions.at(-1);
  if (latest === undefined) return null;
  const published = versions.filter((v) => v.status === 'published').at(-1) ?? null;
  const isOwn = t.organisationId === actor.organisationId;
  // The library lists what a reader would use: the newest published text, or the draft while there is none.
  const shown = published ?? latest;
  return {
    id: t.id,
    key: t.key,
    organisation: { id: t.organisationId, name: t.organisationName },
    isOwn,
    origin: t.origin,
    shared: t.shared,
    sharedAt: t.sharedAt?.toISOString() ?? null,
    copiedFrom: t.copiedFromTemplateId || t.copiedFromVersionId ? { templateId: t.copiedFromTemplateId, versionId: t.copiedFromVersionId } : null,
    type: shown.content.type,
    level: shown.content.level,
    title: shown.content.title,
    latestVersion: { id: latest.id, version: latest.version, status: latest.status },
    publishedVersion: published && published.publishedAt ? { id: published.id, version: published.version, publishedAt: published.publishedAt } : null,
    hasDraft: latest.status === 'draft',
    canEdit: isOwn && can(actor, 'template:manage', { organisationId: actor.organisationId }),
  };
}

function matches(summary: TemplateSummary, query: TemplateListQuery): boolean {
  if (query.type && summary.type !== query.type) return false;
  if (query.level && summary.level !== query.level) return false;
  if (query.q) {
    const haystack = `${summary.key} ${summary.title.sv} ${summary.title.en}`.toLocaleLowerCase('sv');
    return query.q
      .toLocaleLowerCase('sv')
      .split(/\s+/)
      .filter((w) => w !== '')
      .every((word) => haystack.includes(word));
  }
  return true;
}

/** The library: own templates and other organisations' shared ones, filtered. */
export async function listTemplates(db: Database, actor: Actor, query: TemplateListQuery, now: Date): Promise<{ items: TemplateSummary[]; total: number }> {
  mayRead(actor);
  await ensureLibrary(db, actor.organisationId, now);
  const templates = await listVisibleTemplates(db, actor.organisationId, query.scope);
  const versions = await listVersions(db, actor.organisationId, templates);
  const byTemplate = new Map<string, VersionRecord[]>();
  for (const v of versions) byTemplate.set(v.templateId, [...(byTemplate.get(v.templateId) ?? []), v]);
  const items = templates
    .map((t) => summarise(t, byTemplate.get(t.id) ?? [], actor))
    .filter((s): s is TemplateSummary => s !== null && matches(s, query));
  return { items, total: items.length };
}

async function visibleTemplate(db: Database, actor: Actor, id: string): Promise<{ template: TemplateRecord; versions: VersionRecord[] }> {
  const template = await findVisibleTemplate(db, actor.organisationId, id);
  if (template === null) throw notFound('The requirement template');
  const versions = await listVersions(db, actor.organisationId, [template]);
  if (versions.length === 0) throw notFound('The requirement template');
  return { template, versions };
}

async function detail(db: Database, actor: Actor, id: string): Promise<TemplateDetail> {
  const { template, versions } = await visibleTemplate(db, actor, id);
  const groups = await listTargetGroups(db, actor.organisationId);
  return { ...summarise(template, versions, actor)!, versions: versions.map((v) => presentVersion(v, groups)) };
}

export async function getTemplate(db: Database, actor: Actor, id: string, now: Date): Promise<TemplateDetail> {
  mayRead(actor);
  await ensureLibrary(db, actor.organisationId, now);
  return detail(db, actor, id);
}

/** An own template, or 404 (invisible) / 403 (another organisation's shared template). */
async function ownTemplate(db: Database, actor: Actor, id: string) {
  const found = await visibleTemplate(db, actor, id);
  if (found.template.organisationId !== actor.organisationId) throw forbidden();
  return found;
}

const contentErrors = (problems: ReturnType<typeof checkTemplate>, prefix: string): FieldError[] =>
  problems.map((p) => ({ path: `${prefix}${p.code === 'schema' ? (p.subject ?? '') : ''}`, code: p.code, message: p.message.en }));

export async function createTemplate(db: Database, who: Who, content: RequirementTemplate, now: Date): Promise<TemplateDetail> {
  mayManage(who.actor);
  const organisationId = who.actor.organisationId;
  return db.transaction(async (tx) => {
    await ensureLibrary(tx, organisationId, now);
    if (await isKeyTaken(tx, organisationId, content.key)) {
      throw validationFailed([{ path: '/body/content/key', code: 'duplicate', message: `Your library already has a template with the key ${content.key}.` }]);
    }
    const templateId = (await insertTemplate(tx, { organisationId, key: content.key, origin: 'own', createdBy: who.actor.userId, createdAt: now }))!;
    const versionId = await insertVersion(tx, { organisationId, templateId, version: 1, status: 'draft', content, basedOnVersionId: null, createdBy: who.actor.userId, now });
    await recordAudit(tx, who, { action: 'requirement_template.created', entityType: 'requirement_template', entityId: templateId, after: { versionId, content } });
    return detail(tx, who.actor, templateId);
  });
}

/**
 * Edits the template: the draft is changed in place; when the newest version is published it
 * stays untouched and the edit becomes a new draft (domain `editVersion`).
 */
export async function editDraft(db: Database, who: Who, id: string, content: RequirementTemplate, now: Date): Promise<TemplateDetail> {
  mayManage(who.actor);
  return db.transaction(async (tx) => {
    const { template, versions } = await ownTemplate(tx, who.actor, id);
    const latest = versions.at(-1)!;
    const edited = editVersion(latest, content, { id: '', now: now.toISOString() });
    if (!edited.ok) throw validationFailed([{ path: '/body/content/key', code: edited.error.code, message: edited.error.message.en }]);
    if (latest.status === 'draft') {
      if (!(await updateDraftContent(tx, who.actor.organisationId, latest.id, content, now))) {
        throw new AppError('conflict', 'The draft was published meanwhile; published versions cannot be changed. Reload and edit again.');
      }
    } else {
      await insertVersion(tx, {
        organisationId: who.actor.organisationId,
        templateId: template.id,
        version: edited.version.version,
        status: 'draft',
        content,
        basedOnVersionId: latest.id,
        createdBy: who.actor.userId,
        now,
      });
    }
    await recordAudit(tx, who, {
      action: 'requirement_template.draft_saved',
      entityType: 'requirement_template',
      entityId: template.id,
      before: latest.status === 'draft' ? { version: latest.version, content: latest.content } : undefined,
      after: { version: edited.version.version, content },
    });
    return detail(tx, who.actor, template.id);
  });
}

/** Publishes the draft; from then on it is frozen and decisions may use it. */
export async function publishDraft(db: Database, who: Who, id: string, now: Date): Promise<TemplateDetail> {
  mayManage(who.actor);
  return db.transaction(async (tx) => {
    const { template, versions } = await ownTemplate(tx, who.actor, id);
    const latest = versions.at(-1)!;
    if (latest.status !== 'draft') throw new AppError('conflict', `Version ${latest.version} is already published and there is no draft to publish.`);
    const groups = await listTargetGroups(tx, who.actor.organisationId);
    const problems = checkTemplate(latest.content, groups);
    if (problems.length > 0) throw validationFailed(contentErrors(problems, '/content'));
    const published = publishVersion(latest, now.toISOString());
    if (!published.ok) throw new AppError('conflict', published.error.message.en);
    if (!(await markPublished(tx, who.actor.organisationId, latest.id, now))) throw new AppError('conflict', 'The draft was published meanwhile.');
    await recordAudit(tx, who, { action: 'requirement_template.published', entityType: 'requirement_template', entityId: template.id, after: { versionId: latest.id, version: latest.version } });
    return detail(tx, who.actor, template.id);
  });
}

/** Puts the template into the shared library (or takes it out). Only published versions are ever shown to others. */
export async function shareTemplate(db: Database, who: Who, id: string, shared: boolean, now: Date): Promise<TemplateDetail> {
  mayManage(who.actor);
  return db.transaction(async (tx) => {
    const { template, versions } = await ownTemplate(tx, who.actor, id);
    if (shared && !versions.some((v) => v.status === 'published')) {
      throw new AppError('conflict', 'Publish a version before sharing the template: the shared library shows published versions only.');
    }
    await setShared(tx, who.actor.organisationId, template.id, shared, now);
    await recordAudit(tx, who, {
      action: shared ? 'requirement_template.shared' : 'requirement_template.unshared',
      entityType: 'requirement_template',
      entityId: template.id,
      before: { shared: template.shared },
      after: { shared },
    });
    return detail(tx, who.actor, template.id);
  });
}

async function freeKey(db: Database, organisationId: string, base: string): Promise<string> {
  if (!(await isKeyTaken(db, organisationId, base))) return base;
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '-copy' : `-copy-${n}`;
    const key = `${base.slice(0, 80 - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!(await isKeyTaken(db, organisationId, key))) return key;
  }
}

/**
 * Copies another organisation's shared template into the own library as a new template whose
 * first draft is the newest published text (how Borås adopts Göteborg's wording).
 */
export async function copyTemplate(db: Database, who: Who, id: string, requestedKey: string | undefined, now: Date): Promise<TemplateDetail> {
  mayManage(who.actor);
  const organisationId = who.actor.organisationId;
  return db.transaction(async (tx) => {
    await ensureLibrary(tx, organisationId, now);
    const { template, versions } = await visibleTemplate(tx, who.actor, id);
    if (template.organisationId === organisationId) throw new AppError('conflict', 'The template is already in your library; edit it instead of copying it.');
    const source = versions.filter((v) => v.status === 'published').at(-1);
    if (!source) throw notFound('The requirement template');
    let key: string;
    if (requestedKey !== undefined) {
      if (await isKeyTaken(tx, organisationId, requestedKey)) {
        throw validationFailed([{ path: '/body/key', code: 'duplicate', message: `Your library already has a template with the key ${requestedKey}.` }]);
      }
      key = requestedKey;
    } else {
      key = await freeKey(tx, organisationId, template.key);
    }
    const content = { ...source.content, key };
    const templateId = (await insertTemplate(tx, {
      organisationId,
      key,
      origin: 'copy',
      copiedFromTemplateId: template.id,
      copiedFromVersionId: source.id,
      createdBy: who.actor.userId,
      createdAt: now,
    }))!;
    await insertVersion(tx, { organisationId, templateId, version: 1, status: 'draft', content, basedOnVersionId: null, createdBy: who.actor.userId, now });
    await recordAudit(tx, who, {
      action: 'requirement_template.copied',
      entityType: 'requirement_template',
      entityId: templateId,
      after: { key, copiedFromTemplateId: template.id, copiedFromVersionId: source.id, copiedFromOrganisation: template.organisationName },
    });
    return detail(tx, who.actor, templateId);
  });
}

/** Renders a template with the given values in Swedish and English (live preview in the editor). */
export async function previewTemplate(db: Database, actor: Actor, content: RequirementTemplate, parameters: Record<string, unknown>, now: Date) {
  mayRead(actor);
  await ensureLibrary(db, actor.organisationId, now);
  const groups = await listTargetGroups(db, actor.organisationId);
  const problems = checkTemplate(content, groups).filter((p) => p.code !== 'unused_parameter' && p.code !== 'invalid_default');
  if (problems.length > 0) throw validationFailed(contentErrors(problems, '/body/content'));
  const checked = validateParameters(content, parameters, groups.filter((g) => g.active));
  if (!checked.ok) {
    throw validationFailed(checked.errors.map((e) => ({ path: `/body/parameters/${e.parameter}`, code: e.code, message: e.message.en })));
  }
  const labels = targetGroupLabels(groups);
  return {
    values: checked.values,
    sv: renderRequirement(content, checked.values, 'sv', labels),
    en: renderRequirement(content, checked.values, 'en', labels),
  };
}

export async function getTargetGroups(db: Database, actor: Actor, now: Date): Promise<TargetGroupView[]> {
  mayRead(actor);
  await ensureLibrary(db, actor.organisationId, now);
  return listTargetGroups(db, actor.organisationId);
}

/** Sets the organisation's target groups; codes left out are deactivated so old decisions still render. */
export async function putTargetGroups(db: Database, who: Who, body: TargetGroupsBody, now: Date): Promise<TargetGroupView[]> {
  const organisationId = who.actor.organisationId;
  assertCan(who.actor, 'target_group:manage', { organisationId });
  const codes = body.items.map((g) => g.code);
  const duplicates = codes.flatMap((c, i) => (codes.indexOf(c) !== i ? [{ path: `/body/items/${i}/code`, code: 'duplicate', message: `The code ${c} is listed twice.` }] : []));
  if (duplicates.length > 0) throw validationFailed(duplicates);
  return db.transaction(async (tx) => {
    await ensureLibrary(tx, organisationId, now);
    const before = await listTargetGroups(tx, organisationId);
    await replaceTargetGroups(tx, organisationId, body.items as TargetGroupRecord[]);
    const after = await listTargetGroups(tx, organisationId);
    await recordAudit(tx, who, { action: 'target_groups.changed', entityType: 'target_groups', entityId: organisationId, before, after });
    return after;
  });
}

/** What a decision needs from the library: the organisation's own versions by id and its target groups. */
export async function loadDecisionLibrary(db: Database, organisationId: string, versionIds: readonly string[], now: Date) {
  await ensureLibrary(db, organisationId, now);
  const versions = await findOwnVersions(db, organisationId, versionIds);
  return { versions, targetGroups: await listTargetGroups(db, organisationId) };
}
