import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Type } from '@sinclair/typebox';
import type { Database } from '../../../db/client.js';
import { can, type Actor } from '../../../domain/access/can.js';
import { readNoticeSources, type NoticeSource } from '../../../interop/eforms/read-notice-sources.js';
import type { App, AppDeps } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import { authOf } from '../../plugins/authenticate.js';
import { errorResponses, problem } from '../../schemas.js';
import { DEFAULT_IMPORT_LIMITS, importNotices } from './notice-import-service.js';
import { findImportTarget } from '../procurements/procurement-import-service.js';
import { failAbandonedImports, listImports, listLinkedNotices } from './notice-repository.js';
import { IdParams, ImportListItem, ImportListQuery, ImportSummarySchema, LinkedNotice } from './notice-schemas.js';
import { assertCan } from '../../access.js';

const UPLOAD_KINDS = ['.xml', '.zip', '.tar.gz', '.tgz'] as const;

function uploadKind(filename: string): string | null {
  const lower = filename.toLowerCase();
  return UPLOAD_KINDS.find((kind) => lower.endsWith(kind)) ?? null;
}

/** Names the notices of an upload by the uploaded file name, not by our temporary path. */
async function* renamed(sources: AsyncIterable<NoticeSource>, from: string, to: string): AsyncGenerator<NoticeSource> {
  for await (const source of sources) yield { ...source, name: source.name.startsWith(from) ? to + source.name.slice(from.length) : source.name };
}

function requireImport(actor: Actor): void {
  assertCan(actor, 'notice:import', { organisationId: actor.organisationId });
}

async function requireReadableProcurement(db: Database, actor: Actor, procurementId: string): Promise<void> {
  const row = await findImportTarget(db, actor.organisationId, procurementId);
  if (row === null || !can(actor, 'procurement:read', { organisationId: actor.organisationId, unitId: row.unitId })) throw notFound('The procurement');
}

/** eForms imports (upload and history) and the notices linked to a procurement. */
export async function noticeRoutes(app: App, { db, now, config, notifications }: AppDeps): Promise<void> {
  const limits = { maxRunningUploads: config.importsMaxRunning, leaseSeconds: DEFAULT_IMPORT_LIMITS.leaseSeconds };
  // An import cut short by a crash is failed at the next start, keeping what it stored (decision 0312).
  // The embedded database has one process, so every running import there is a dead one; on a
  // PostgreSQL server another process may be importing, so only expired heartbeats count.
  app.addHook('onReady', async () => {
    await failAbandonedImports(db, now(), { leaseSeconds: limits.leaseSeconds, all: notifications !== null });
  });
  app.addSchema(ImportSummarySchema);
  app.addSchema(ImportListItem);
  app.addSchema(LinkedNotice);

  app.post(
    '/api/imports/eforms',
    {
      schema: {
        tags: ['imports'],
        summary: 'Import eForms notices: multipart field `file`, one .xml, .zip or .tar.gz (max 20 MB)',
        consumes: ['multipart/form-data'],
        response: { 200: Type.Ref(ImportSummarySchema), ...errorResponses, 413: problem, 415: problem, 429: problem },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      requireImport(auth.actor);
      if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Send the notices as multipart/form-data with a field named "file".');
      const file = await request.file();
      if (file === undefined || file.fieldname !== 'file') throw new AppError('bad_request', 'Send one file in the field "file".');
      const kind = uploadKind(file.filename);
      if (kind === null) {
        file.file.resume();
        throw new AppError('unsupported_media_type', 'Upload an eForms notice (.xml), a .zip or a TED package (.tar.gz).');
      }
      const dir = await mkdtemp(join(tmpdir(), 'hansyn-upload-'));
      try {
        const path = join(dir, `${randomUUID()}${kind}`);
        await pipeline(file.file, createWriteStream(path));
        if (file.file.truncated) throw new AppError('payload_too_large', 'The file is larger than 20 MB.');
        const name = file.filename.replace(/[\\/]/g, '_').slice(0, 200);
        return await importNotices(db, renamed(readNoticeSources([path]), path, name), {
          by: { organisationId: auth.actor.organisationId, userId: auth.actor.userId, label: auth.user.email },
          source: name,
          now,
          limits,
          parseWorkers: config.importParseWorkers,
        });
      } catch (error) {
        const retryAfter = error instanceof AppError ? error.details.retryAfterSeconds : undefined;
        if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
        throw error;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );

  app.get(
    '/api/imports/eforms',
    {
      schema: {
        tags: ['imports'],
        summary: 'Past eForms imports: your organisation’s uploads and operator imports',
        querystring: ImportListQuery,
        response: { 200: Type.Array(Type.Ref(ImportListItem)), ...errorResponses },
      },
    },
    async (request) => {
      const { actor } = authOf(request);
      requireImport(actor);
      await failAbandonedImports(db, now(), { leaseSeconds: limits.leaseSeconds });
      const rows = await listImports(db, actor.organisationId, request.query.limit);
      return rows.map((r) => ({
        id: r.id,
        by: r.actorLabel,
        scope: r.organisationId === null ? ('operator' as const) : ('organisation' as const),
        source: r.source,
        startedAt: r.startedAt.toISOString(),
        finishedAt: r.finishedAt?.toISOString() ?? null,
        status: r.status,
        error: r.error,
        read: r.readCount,
        stored: r.storedCount,
        updated: r.updatedCount,
        skipped: r.skippedCount,
        failed: r.failedCount,
        matched: r.matchedCount,
        failures: r.failures as Array<{ file: string; error: string }>,
      }));
    },
  );

  app.get(
    '/api/procurements/:id/notices',
    {
      schema: {
        tags: ['procurements'],
        summary: 'Notices (TED) matched to this procurement, with the social considerations they declare',
        params: IdParams,
        response: { 200: Type.Array(Type.Ref(LinkedNotice)), ...errorResponses },
      },
    },
    async (request) => {
      const { actor } = authOf(request);
      await requireReadableProcurement(db, actor, request.params.id);
      const rows = await listLinkedNotices(db, actor.organisationId, request.params.id);
      return rows.map((r) => ({ ...r, linkedAt: r.linkedAt.toISOString() }));
    },
  );
}
