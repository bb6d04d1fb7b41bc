import { Type } from '@sinclair/typebox';
import type { App, AppDeps } from '../../deps.js';
import { auditActorOf, authOf } from '../../plugins/authenticate.js';
import { errorResponses, IdParams } from '../../schemas.js';
import { Organisation, OrganisationChange, Unit, UnitInput } from './organisation-schemas.js';
import * as organisations from './organisation-service.js';

/** The tenant itself (settings) and its unit tree; administered by admins. */
export async function organisationRoutes(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps;
  app.get(
    '/api/organisation',
    { schema: { tags: ['organisation'], summary: 'My organisation', response: { 200: Organisation, ...errorResponses } } },
    async (request) => ({ ...(await organisations.getOwnOrganisation(db, authOf(request).actor)) }),
  );

  app.patch(
    '/api/organisation',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Change name, the goal for social considerations or open-data publication (admins)',
        body: OrganisationChange,
        response: { 200: Organisation, ...errorResponses },
      },
    },
    async (request) => ({ ...(await organisations.updateOwnOrganisation(db, auditActorOf(request), request.body)) }),
  );

  app.get(
    '/api/units',
    { schema: { tags: ['organisation'], summary: 'The unit tree, flat, parents before children', response: { 200: Type.Array(Unit), ...errorResponses } } },
    async (request) => organisations.listUnits(db, authOf(request).actor),
  );

  app.post(
    '/api/units',
    { schema: { tags: ['organisation'], summary: 'Add a unit (admins)', body: UnitInput, response: { 201: Unit, ...errorResponses } } },
    async (request, reply) => reply.status(201).send(await organisations.createUnit(db, auditActorOf(request), request.body, deps.now())),
  );

  app.patch(
    '/api/units/:id',
    {
      schema: { tags: ['organisation'], summary: 'Rename or move a unit (admins)', params: IdParams, body: Type.Partial(UnitInput), response: { 200: Unit, ...errorResponses } },
    },
    async (request) => organisations.updateUnit(db, auditActorOf(request), request.params.id, request.body, deps.now()),
  );

  app.delete(
    '/api/units/:id',
    { schema: { tags: ['organisation'], summary: 'Remove an empty unit (admins)', params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (request, reply) => {
      await organisations.deleteUnit(db, auditActorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
