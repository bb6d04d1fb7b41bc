import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { RequirementLevelSchema, RequirementTemplateSchema, RequirementTypeSchema } from '../../../domain/requirements/requirement-template.js';
import { TargetGroupSchema } from '../../../domain/requirements/target-groups.js';
import { LocalizedTextSchema } from '../../../domain/shared/localized-text.js';
import { enumOf, Uuid } from '../../schemas.js';

const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const TemplateProblem = Type.Object({
  code: Type.String(),
  subject: nullable(Type.String()),
  message: LocalizedTextSchema,
});

export const TemplateVersionView = Type.Object({
  id: Uuid,
  version: Type.Integer(),
  status: enumOf(['draft', 'published'] as const),
  content: RequirementTemplateSchema,
  createdAt: Type.String({ format: 'date-time' }),
  publishedAt: nullable(Type.String({ format: 'date-time' })),
  basedOnVersionId: nullable(Uuid),
  problems: Type.Array(TemplateProblem, { description: 'What would stop this draft from being published; empty for published versions' }),
});
export type TemplateVersionView = Static<typeof TemplateVersionView>;

const VersionRef = Type.Object({ id: Uuid, version: Type.Integer(), status: enumOf(['draft', 'published'] as const) });

const templateFields = {
  id: Uuid,
  key: Type.String(),
  organisation: Type.Object({ id: Uuid, name: Type.String() }),
  isOwn: Type.Boolean(),
  origin: enumOf(['starter', 'own', 'copy'] as const),
  shared: Type.Boolean(),
  sharedAt: nullable(Type.String({ format: 'date-time' })),
  copiedFrom: nullable(Type.Object({ templateId: nullable(Uuid), versionId: nullable(Uuid) })),
  type: RequirementTypeSchema,
  level: RequirementLevelSchema,
  title: LocalizedTextSchema,
  latestVersion: VersionRef,
  publishedVersion: nullable(Type.Object({ id: Uuid, version: Type.Integer(), publishedAt: Type.String({ format: 'date-time' }) })),
  hasDraft: Type.Boolean(),
  canEdit: Type.Boolean(),
};

export const TemplateSummary = Type.Object(templateFields, { $id: 'RequirementTemplateSummary' });
export type TemplateSummary = Static<typeof TemplateSummary>;

export const TemplateDetail = Type.Object(
  { ...templateFields, versions: Type.Array(TemplateVersionView, { description: 'Oldest first; another organisation sees published versions only' }) },
  { $id: 'RequirementTemplate' },
);
export type TemplateDetail = Static<typeof TemplateDetail>;

export const TemplateListQuery = Type.Object(
  {
    scope: enumOf(['all', 'own', 'shared'] as const, { default: 'all', description: 'own: my organisation’s templates; shared: other organisations’ shared library' }),
    type: Type.Optional(RequirementTypeSchema),
    level: Type.Optional(RequirementLevelSchema),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Words in the key or the title (sv or en)' })),
  },
  { additionalProperties: false },
);
export type TemplateListQuery = Static<typeof TemplateListQuery>;

export const TemplateContentBody = Type.Object({ content: RequirementTemplateSchema }, { additionalProperties: false });

export const ShareBody = Type.Object(
  { shared: Type.Boolean({ default: true, description: 'false withdraws the template from the shared library' }) },
  { additionalProperties: false },
);

export const CopyBody = Type.Object(
  { key: Type.Optional(Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80, description: 'Key of the copy; by default the original key, made unique' })) },
  { additionalProperties: false },
);

export const PreviewBody = Type.Object(
  { content: RequirementTemplateSchema, parameters: Type.Record(Type.String(), Type.Unknown(), { default: {} }) },
  { additionalProperties: false },
);

const Rendered = Type.Object({ title: Type.String(), body: Type.String(), followUp: Type.String() });
export const PreviewView = Type.Object({
  values: Type.Record(Type.String(), Type.Unknown(), { description: 'The parameter values with defaults applied' }),
  sv: Rendered,
  en: Rendered,
});

export const TargetGroupView = Type.Object({ ...TargetGroupSchema.properties, active: Type.Boolean() });
export type TargetGroupView = Static<typeof TargetGroupView>;
export const TargetGroupsBody = Type.Object(
  {
    items: Type.Array(
      Type.Object({ ...TargetGroupSchema.properties, active: Type.Boolean({ default: true }) }, { additionalProperties: false }),
      { minItems: 1, maxItems: 100 },
    ),
  },
  { additionalProperties: false },
);
export type TargetGroupsBody = Static<typeof TargetGroupsBody>;
