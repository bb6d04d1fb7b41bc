import { Type } from '@sinclair/typebox';
import type { App, AppDeps } from '../../deps.js';
import { authOf } from '../../plugins/authenticate.js';
import { errorResponses, IdParams, listOf } from '../../schemas.js';
import { whoOf } from '../../access.js';
import {
  CopyBody,
  PreviewBody,
  PreviewView,
  ShareBody,
  TargetGroupsBody,
  TargetGroupView,
  TemplateContentBody,
  TemplateDetail,
  TemplateListQuery,
  TemplateSummary,
} from './requirement-schemas.js';
import {
  copyTemplate,
  createTemplate,
  editDraft,
  getTargetGroups,
  getTemplate,
  listTemplates,
  previewTemplate,
  publishDraft,
  putTargetGroups,
  shareTemplate,
} from './requirement-service.js';

/** The requirement library (own and shared templates, versioned) and the organisation's target groups. */
export async function requirementRoutes(app: App, { db, now }: AppDeps): Promise<void> {
  app.addSchema(TemplateSummary);
  app.addSchema(TemplateDetail);
  const tags = ['requirement library'];

  app.get(
    '/api/requirement-templates',
    {
      schema: {
        tags,
        summary: 'My organisation’s templates and other organisations’ shared ones',
        querystring: TemplateListQuery,
        response: { 200: listOf(Type.Ref(TemplateSummary)), ...errorResponses },
      },
    },
    async (request) => listTemplates(db, authOf(request).actor, request.query, now()),
  );

  app.post(
    '/api/requirement-templates',
    {
      schema: { tags, summary: 'Create a template with a first draft (coordinators)', body: TemplateContentBody, response: { 201: Type.Ref(TemplateDetail), ...errorResponses } },
    },
    async (request, reply) => {
      const created = await createTemplate(db, whoOf(request), request.body.content, now());
      return reply.status(201).header('location', `/api/requirement-templates/${created.id}`).send(created);
    },
  );

  app.post(
    '/api/requirement-templates/preview',
    {
      schema: {
        tags,
        summary: 'Render template content with parameter values in Swedish and English (live preview)',
        body: PreviewBody,
        response: { 200: PreviewView, ...errorResponses },
      },
    },
    async (request) => previewTemplate(db, authOf(request).actor, request.body.content, request.body.parameters, now()),
  );

  app.get(
    '/api/requirement-templates/:id',
    { schema: { tags, summary: 'A template with its versions', params: IdParams, response: { 200: Type.Ref(TemplateDetail), ...errorResponses } } },
    async (request) => getTemplate(db, authOf(request).actor, request.params.id, now()),
  );

  app.put(
    '/api/requirement-templates/:id/draft',
    {
      schema: {
        tags,
        summary: 'Save the draft; when the newest version is published this starts a new draft version',
        params: IdParams,
        body: TemplateContentBody,
        response: { 200: Type.Ref(TemplateDetail), ...errorResponses },
      },
    },
    async (request) => editDraft(db, whoOf(request), request.params.id, request.body.content, now()),
  );

  app.post(
    '/api/requirement-templates/:id/publish',
    {
      schema: { tags, summary: 'Publish the draft; a published version never changes again', params: IdParams, response: { 200: Type.Ref(TemplateDetail), ...errorResponses } },
    },
    async (request) => publishDraft(db, whoOf(request), request.params.id, now()),
  );

  app.post(
    '/api/requirement-templates/:id/share',
    {
      schema: {
        tags,
        summary: 'Put the template into the shared library for other organisations, or take it out (coordinators)',
        params: IdParams,
        body: ShareBody,
        response: { 200: Type.Ref(TemplateDetail), ...errorResponses },
      },
    },
    async (request) => shareTemplate(db, whoOf(request), request.params.id, request.body.shared, now()),
  );

  app.post(
    '/api/requirement-templates/:id/copy',
    {
      schema: {
        tags,
        summary: 'Copy another organisation’s shared template into my library as a new draft',
        params: IdParams,
        body: Type.Union([CopyBody, Type.Null()], { description: 'Optional; send nothing to keep the original key' }),
        response: { 201: Type.Ref(TemplateDetail), ...errorResponses },
      },
    },
    async (request, reply) => {
      const copy = await copyTemplate(db, whoOf(request), request.params.id, request.body?.key, now());
      return reply.status(201).header('location', `/api/requirement-templates/${copy.id}`).send(copy);
    },
  );

  app.get(
    '/api/target-groups',
    { schema: { tags, summary: 'My organisation’s target groups (målgrupper)', response: { 200: Type.Array(TargetGroupView), ...errorResponses } } },
    async (request) => getTargetGroups(db, authOf(request).actor, now()),
  );

  app.put(
    '/api/target-groups',
    {
      schema: {
        tags,
        summary: 'Set the target groups in order (coordinators); codes left out are deactivated, not deleted',
        body: TargetGroupsBody,
        response: { 200: Type.Array(TargetGroupView), ...errorResponses },
      },
    },
    async (request) => putTargetGroups(db, whoOf(request), request.body, now()),
  );
}
