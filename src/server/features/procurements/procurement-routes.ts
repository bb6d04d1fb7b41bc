import { Type } from '@sinclair/typebox';
import type { App, AppDeps } from '../../deps.js';
import { whoOf } from '../../access.js';
import { authOf } from '../../plugins/authenticate.js';
import { errorResponses, IdParams, listOf } from '../../schemas.js';
import {
  Procurement,
  ProcurementCreate,
  ProcurementListItem,
  ProcurementListQuery,
  ProcurementPatch,
  StatusChange,
} from './procurement-schemas.js';
import {
  changeProcurementStatus,
  createProcurement,
  getProcurement,
  listProcurementsFor,
  present,
  removeProcurement,
  updateProcurement,
  type RegisterPage,
} from './procurement-service.js';
import { PAGE_RIDER, pageRiderParams, type PageJson, type ProcurementRecord } from './procurement-read-service.js';
import { createListCache } from './list-cache.js';
import { createRegisterVersions } from './register-versions.js';
import { createRegisterSnapshots, REGISTER_SNAPSHOT_MAX_ROWS } from './register-snapshot.js';
import { countCacheLookup } from '../../plugins/metrics.js';

// Moved to src/server/access.ts; re-exported only until organisation-routes.ts (identity) imports it from there.
export { whoOf };

/** The procurement register: list, create, read, edit, change status, delete. */
export async function procurementRoutes(app: App, { db, now, config, notifications }: AppDeps): Promise<void> {
  const cache = createListCache<RegisterPage>(config.listCacheEntries);
  const listCache =
    cache === null
      ? null
      : {
          cache,
          versions: await createRegisterVersions(db, notifications),
          onLookup: (hit: boolean) => countCacheLookup(app, 'register_list', hit),
          // The procurement page, per register version, beside the list (decision 0914).
          pages: createListCache<ProcurementRecord>(config.listCacheEntries)!,
          snapshots:
            config.registerSnapshotRows > 0
              ? createRegisterSnapshots(
                  { maxRows: Math.min(REGISTER_SNAPSHOT_MAX_ROWS, config.registerSnapshotRows), maxTotalRows: config.registerSnapshotRows },
                  now,
                  (built) => countCacheLookup(app, 'register_snapshot', !built),
                  (queried) => countCacheLookup(app, 'register_search', !queried),
                )
              : null,
        };
  if (listCache) app.addHook('onClose', () => listCache.versions.close());
  // The version as the list reads it: the one the caller statement read, or the process's own.
  const pageCacheOf = async (auth: { actor: { organisationId: string }; registerVersion?: number }) =>
    listCache === null
      ? undefined
      : {
          cache: listCache.pages,
          version: auth.registerVersion ?? (await listCache.versions.current(auth.actor.organisationId)),
          onLookup: (hit: boolean) => countCacheLookup(app, 'procurement_page', hit),
        };
  app.addSchema(ProcurementListItem);
  app.addSchema(Procurement);

  app.get(
    '/api/procurements',
    {
      schema: {
        tags: ['procurements'],
        summary: 'The register, filtered, sorted and paginated on the server',
        querystring: ProcurementListQuery,
        response: { 200: listOf(Type.Ref(ProcurementListItem)), ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      const auth = authOf(request);
      return listProcurementsFor(db, auth.actor, {
        sort: q.sort,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
        unitIds: q.unitId,
        statuses: q.status,
        contractNature: q.contractNature,
        year: q.year,
        cpvDivision: q.cpvDivision,
        q: q.q,
        screening: q.screening,
        queue: q.queue,
      }, listCache, auth.registerVersion);
    },
  );

  app.post(
    '/api/procurements',
    {
      schema: {
        tags: ['procurements'],
        summary: 'Register a procurement',
        body: ProcurementCreate,
        response: { 201: Type.Ref(Procurement), ...errorResponses },
      },
    },
    async (request, reply) => {
      const who = whoOf(request);
      const id = await createProcurement(db, who, request.body, now());
      return reply.status(201).header('location', `/api/procurements/${id}`).send(present(await getProcurement(db, who.actor, id), who.actor));
    },
  );

  app.get(
    '/api/procurements/:id',
    {
      schema: { tags: ['procurements'], summary: 'One procurement with its lots', params: IdParams, response: { 200: Type.Ref(Procurement), ...errorResponses } },
      // The page rides in the caller's statement when that is read (decision 0915); otherwise
      // (session cache, API token) the page cache or the page's own statement answers.
      config: { callerRider: { rider: PAGE_RIDER, params: (request) => pageRiderParams(listCache?.pages ?? null, (request.params as { id: string }).id) } },
    },
    async (request) => {
      const auth = authOf(request);
      const cache = await pageCacheOf(auth);
      const source = request.ridden === null ? { cache } : { cache, ridden: request.ridden.value as PageJson | null };
      return present(await getProcurement(db, auth.actor, request.params.id, source), auth.actor);
    },
  );

  app.patch(
    '/api/procurements/:id',
    {
      schema: {
        tags: ['procurements'],
        summary: 'Edit fields; send the version you read (optimistic locking)',
        params: IdParams,
        body: ProcurementPatch,
        response: { 200: Type.Ref(Procurement), ...errorResponses },
      },
    },
    async (request) => {
      const who = whoOf(request);
      await updateProcurement(db, who, request.params.id, request.body, now());
      return present(await getProcurement(db, who.actor, request.params.id), who.actor);
    },
  );

  app.post(
    '/api/procurements/:id/status',
    {
      schema: {
        tags: ['procurements'],
        summary: 'Change status: planned → in_preparation → published → evaluation → awarded, or cancelled',
        params: IdParams,
        body: StatusChange,
        response: { 200: Type.Ref(Procurement), ...errorResponses },
      },
    },
    async (request) => {
      const who = whoOf(request);
      await changeProcurementStatus(db, who, request.params.id, request.body.status, request.body.version, now());
      return present(await getProcurement(db, who.actor, request.params.id), who.actor);
    },
  );

  app.delete(
    '/api/procurements/:id',
    {
      schema: { tags: ['procurements'], summary: 'Delete a planned procurement', params: IdParams, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (request, reply) => {
      await removeProcurement(db, whoOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
