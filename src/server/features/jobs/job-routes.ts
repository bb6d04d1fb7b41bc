import { Type } from '@sinclair/typebox';
import type { App, AppDeps } from '../../deps.js';
import { actorOf, authOf } from '../../plugins/authenticate.js';
import { errorResponses } from '../../schemas.js';
import { listJobsFor, retryJobFor, type JobRecord } from './job-service.js';

const Status = Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('succeeded'), Type.Literal('failed')]);
const JobRun = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  status: Status,
  runAt: Type.String({ format: 'date-time' }),
  attempts: Type.Integer(),
  maxAttempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const view = (j: JobRecord) => ({
  id: j.id,
  name: j.name,
  status: j.status,
  runAt: j.runAt.toISOString(),
  attempts: j.attempts,
  maxAttempts: j.maxAttempts,
  lastError: j.lastError,
  createdAt: j.createdAt.toISOString(),
  finishedAt: j.finishedAt?.toISOString() ?? null,
});

/** The admin's view of the organisation's background job runs, and retrying a dead letter. */
export async function jobRoutes(app: App, { db, now }: AppDeps): Promise<void> {
  app.get(
    '/api/admin/jobs',
    {
      schema: {
        tags: ['jobs'],
        summary: "My organisation's background job runs, newest first (admins); `status=failed` lists the dead letters",
        querystring: Type.Object(
          { status: Type.Optional(Status), limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(JobRun) }), ...errorResponses },
      },
    },
    async (request) => ({ items: (await listJobsFor(db, actorOf(request), request.query)).map(view) }),
  );

  app.post(
    '/api/admin/jobs/:id/retry',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Queue a failed job run again with fresh attempts (admins)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: JobRun, ...errorResponses },
      },
    },
    async (request) => {
      const auth = authOf(request);
      return view(await retryJobFor(db, { actor: auth.actor, label: auth.user.email }, request.params.id, now()));
    },
  );
}
