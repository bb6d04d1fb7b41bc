import { and, asc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { organisations, requirementTemplates, requirementTemplateVersions, targetGroups } from '../../../db/schema/index.js';
import type { RequirementTemplate } from '../../../domain/requirements/requirement-template.js';
import { STARTER_TEMPLATES } from '../../../domain/requirements/starter-templates.js';
import { DEFAULT_TARGET_GROUPS, type TargetGroup } from '../../../domain/requirements/target-groups.js';
import type { TemplateVersion } from '../../../domain/requirements/template-version.js';

export type TemplateOrigin = (typeof requirementTemplates.$inferSelect)['origin'];

export interface TemplateRecord {
  id: string;
  organisationId: string;
  organisationName: string;
  key: string;
  origin: TemplateOrigin;
  shared: boolean;
  sharedAt: Date | null;
  copiedFromTemplateId: string | null;
  copiedFromVersionId: string | null;
  createdAt: Date;
}

/** A stored version: the domain's TemplateVersion plus the template it belongs to. */
export interface VersionRecord extends TemplateVersion {
  templateId: string;
  organisationId: string;
}

export interface TargetGroupRecord extends TargetGroup {
  active: boolean;
}

function toVersion(row: typeof requirementTemplateVersions.$inferSelect, templateKey: string): VersionRecord {
  return {
    id: row.id,
    templateId: row.templateId,
    organisationId: row.organisationId,
    templateKey,
    version: row.version,
    status: row.status,
    content: row.content as RequirementTemplate,
    createdAt: row.createdAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    basedOnVersionId: row.basedOnVersionId,
  };
}

const templateColumns = {
  id: requirementTemplates.id,
  organisationId: requirementTemplates.organisationId,
  organisationName: organisations.name,
  key: requirementTemplates.key,
  origin: requirementTemplates.origin,
  shared: requirementTemplates.shared,
  sharedAt: requirementTemplates.sharedAt,
  copiedFromTemplateId: requirementTemplates.copiedFromTemplateId,
  copiedFromVersionId: requirementTemplates.copiedFromVersionId,
  createdAt: requirementTemplates.createdAt,
};

/**
 * The templates an organisation can see: its own, and the shared ones of other organisations.
 * This is the one place that scopes the library to a tenant.
 */
export async function listVisibleTemplates(db: Database, organisationId: string, scope: 'own' | 'shared' | 'all'): Promise<TemplateRecord[]> {
  const own = eq(requirementTemplates.organisationId, organisationId);
  const sharedByOthers = and(ne(requirementTemplates.organisationId, organisationId), eq(requirementTemplates.shared, true));
  const where = scope === 'own' ? own : scope === 'shared' ? sharedByOthers : or(own, sharedByOthers);
  return db
    .select(templateColumns)
    .from(requirementTemplates)
    .innerJoin(organisations, eq(organisations.id, requirementTemplates.organisationId))
    .where(where)
    .orderBy(asc(requirementTemplates.createdAt), asc(requirementTemplates.key));
}

/** One template if the organisation may see it (own, or shared by another organisation). */
export async function findVisibleTemplate(db: Database, organisationId: string, id: string): Promise<TemplateRecord | null> {
  const [row] = await db
    .select(templateColumns)
    .from(requirementTemplates)
    .innerJoin(organisations, eq(organisations.id, requirementTemplates.organisationId))
    .where(and(eq(requirementTemplates.id, id), or(eq(requirementTemplates.organisationId, organisationId), eq(requirementTemplates.shared, true))))
    .limit(1);
  return row ?? null;
}

/**
 * Versions of the given templates, oldest first. Another organisation's drafts are never
 * returned: the shared library shows published versions only.
 */
export async function listVersions(db: Database, viewerOrganisationId: string, templates: readonly TemplateRecord[]): Promise<VersionRecord[]> {
  if (templates.length === 0) return [];
  const keys = new Map(templates.map((t) => [t.id, t.key]));
  const rows = await db
    .select()
    .from(requirementTemplateVersions)
    .where(
      and(
        inArray(requirementTemplateVersions.templateId, [...keys.keys()]),
        or(eq(requirementTemplateVersions.organisationId, viewerOrganisationId), eq(requirementTemplateVersions.status, 'published')),
      ),
    )
    .orderBy(asc(requirementTemplateVersions.templateId), asc(requirementTemplateVersions.version));
  return rows.map((r) => toVersion(r, keys.get(r.templateId)!));
}

/** The organisation's own versions with these ids (decisions may only use their own library). */
export async function findOwnVersions(db: Database, organisationId: string, ids: readonly string[]): Promise<VersionRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ v: requirementTemplateVersions, key: requirementTemplates.key })
    .from(requirementTemplateVersions)
    .innerJoin(requirementTemplates, eq(requirementTemplates.id, requirementTemplateVersions.templateId))
    .where(and(eq(requirementTemplateVersions.organisationId, organisationId), inArray(requirementTemplateVersions.id, [...ids])));
  return rows.map((r) => toVersion(r.v, r.key));
}

export async function isKeyTaken(db: Database, organisationId: string, key: string): Promise<boolean> {
  const [row] = await db
    .select({ id: requirementTemplates.id })
    .from(requirementTemplates)
    .where(and(eq(requirementTemplates.organisationId, organisationId), eq(requirementTemplates.key, key)))
    .limit(1);
  return row !== undefined;
}

export async function insertTemplate(
  db: Database,
  values: {
    organisationId: string;
    key: string;
    origin: TemplateOrigin;
    copiedFromTemplateId?: string | null;
    copiedFromVersionId?: string | null;
    createdBy: string | null;
    createdAt: Date;
  },
): Promise<string | null> {
  const [row] = await db.insert(requirementTemplates).values(values).onConflictDoNothing().returning({ id: requirementTemplates.id });
  return row?.id ?? null;
}

export async function insertVersion(
  db: Database,
  values: {
    organisationId: string;
    templateId: string;
    version: number;
    status: 'draft' | 'published';
    content: RequirementTemplate;
    basedOnVersionId: string | null;
    createdBy: string | null;
    now: Date;
  },
): Promise<string> {
  const [row] = await db
    .insert(requirementTemplateVersions)
    .values({
      organisationId: values.organisationId,
      templateId: values.templateId,
      version: values.version,
      status: values.status,
      content: values.content,
      basedOnVersionId: values.basedOnVersionId,
      createdBy: values.createdBy,
      createdAt: values.now,
      updatedAt: values.now,
      publishedAt: values.status === 'published' ? values.now : null,
    })
    .returning({ id: requirementTemplateVersions.id });
  return row!.id;
}

/** Changes a draft's content. The `status = 'draft'` condition makes a published version unreachable here. */
export async function updateDraftContent(db: Database, organisationId: string, versionId: string, content: RequirementTemplate, now: Date): Promise<boolean> {
  const rows = await db
    .update(requirementTemplateVersions)
    .set({ content, updatedAt: now })
    .where(and(eq(requirementTemplateVersions.organisationId, organisationId), eq(requirementTemplateVersions.id, versionId), eq(requirementTemplateVersions.status, 'draft')))
    .returning({ id: requirementTemplateVersions.id });
  return rows.length > 0;
}

export async function markPublished(db: Database, organisationId: string, versionId: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(requirementTemplateVersions)
    .set({ status: 'published', publishedAt: now, updatedAt: now })
    .where(and(eq(requirementTemplateVersions.organisationId, organisationId), eq(requirementTemplateVersions.id, versionId), eq(requirementTemplateVersions.status, 'draft')))
    .returning({ id: requirementTemplateVersions.id });
  return rows.length > 0;
}

export async function setShared(db: Database, organisationId: string, templateId: string, shared: boolean, now: Date): Promise<void> {
  await db
    .update(requirementTemplates)
    .set({ shared, sharedAt: shared ? now : null })
    .where(and(eq(requirementTemplates.organisationId, organisationId), eq(requirementTemplates.id, templateId)));
}

/**
 * Gives an organisation Hänsyn's starter templates (each published as version 1) and default
 * target groups, unless it already has a library. Safe to call repeatedly and concurrently.
 */
export async function seedLibrary(db: Database, organisationId: string, now: Date): Promise<void> {
  const [hasTemplates] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(requirementTemplates)
    .where(eq(requirementTemplates.organisationId, organisationId));
  const needsTemplates = (hasTemplates?.n ?? 0) === 0;
  const needsGroups = (await countTargetGroups(db, organisationId)) === 0;
  if (!needsTemplates && !needsGroups) return;
  // One transaction (a savepoint inside the caller's), so a template never exists without its version.
  await db.transaction(async (tx) => {
    if (needsTemplates) {
      for (const content of STARTER_TEMPLATES) {
        const templateId = await insertTemplate(tx, { organisationId, key: content.key, origin: 'starter', createdBy: null, createdAt: now });
        if (templateId === null) continue;
        await insertVersion(tx, { organisationId, templateId, version: 1, status: 'published', content, basedOnVersionId: null, createdBy: null, now });
      }
    }
    if (needsGroups) {
      await tx
        .insert(targetGroups)
        .values(DEFAULT_TARGET_GROUPS.map((g, position) => ({ organisationId, code: g.code, labelSv: g.label.sv, labelEn: g.label.en, position })))
        .onConflictDoNothing();
    }
  });
}

export async function countTargetGroups(db: Database, organisationId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(targetGroups).where(eq(targetGroups.organisationId, organisationId));
  return row?.n ?? 0;
}

/** The organisation's target groups in their order, inactive ones included (labels still render old decisions). */
export async function listTargetGroups(db: Database, organisationId: string): Promise<TargetGroupRecord[]> {
  const rows = await db
    .select()
    .from(targetGroups)
    .where(eq(targetGroups.organisationId, organisationId))
    .orderBy(asc(targetGroups.position), asc(targetGroups.code));
  return rows.map((r) => ({ code: r.code, label: { sv: r.labelSv, en: r.labelEn }, active: r.active }));
}

/** Sets the list: given codes are upserted in order; codes left out are deactivated, never deleted. */
export async function replaceTargetGroups(db: Database, organisationId: string, groups: readonly TargetGroupRecord[]): Promise<void> {
  await db.update(targetGroups).set({ active: false, position: sql`${targetGroups.position} + 10000` }).where(eq(targetGroups.organisationId, organisationId));
  for (const [position, g] of groups.entries()) {
    await db
      .insert(targetGroups)
      .values({ organisationId, code: g.code, labelSv: g.label.sv, labelEn: g.label.en, active: g.active, position })
      .onConflictDoUpdate({
        target: [targetGroups.organisationId, targetGroups.code],
        set: { labelSv: g.label.sv, labelEn: g.label.en, active: g.active, position },
      });
  }
}
