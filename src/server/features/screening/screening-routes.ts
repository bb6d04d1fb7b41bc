import { Type } from '@sinclair/typebox';
import { ScreeningPolicySchema } from '../../../domain/screening/screening-policy.js';
import type { App, AppDeps } from '../../deps.js';
import { authOf } from '../../plugins/authenticate.js';
import { errorResponses, IdParams } from '../../schemas.js';
import { whoOf } from '../../access.js';
import { PolicyVersionView, ScreeningView } from './screening-schemas.js';
import { getCurrentScreening, getScreeningPolicy, getScreeningPolicyVersions, putScreeningPolicy, runScreening } from './screening-service.js';

/** Screening of procurements and the organisation's versioned screening policy. */
export async function screeningRoutes(app: App, { db, now }: AppDeps): Promise<void> {
  app.addSchema(ScreeningView);

  app.get(
    '/api/procurements/:id/screening',
    {
      schema: {
        tags: ['screening'],
        summary: 'The current screening of a procurement',
        params: IdParams,
        response: { 200: Type.Ref(ScreeningView), ...errorResponses },
      },
    },
    async (request) => getCurrentScreening(db, authOf(request).actor, request.params.id, now()),
  );

  app.post(
    '/api/procurements/:id/screening',
    {
      schema: {
        tags: ['screening'],
        summary: 'Screen the procurement again with the current policy (coordinators; procurers for own units)',
        params: IdParams,
        response: { 200: Type.Ref(ScreeningView), ...errorResponses },
      },
    },
    async (request) => runScreening(db, whoOf(request), request.params.id, now()),
  );

  app.get(
    '/api/screening-policy',
    { schema: { tags: ['screening'], summary: 'The current screening policy', response: { 200: ScreeningPolicySchema, ...errorResponses } } },
    async (request) => getScreeningPolicy(db, authOf(request).actor),
  );

  app.put(
    '/api/screening-policy',
    {
      schema: {
        tags: ['screening'],
        summary: 'Save the policy as a new version (coordinators); send the version you edited',
        description: 'Never changes a version in place. Earlier screenings keep the version they were made with; re-run a screening to apply the new one.',
        body: ScreeningPolicySchema,
        response: { 200: ScreeningPolicySchema, ...errorResponses },
      },
    },
    async (request) => putScreeningPolicy(db, whoOf(request), request.body),
  );

  app.get(
    '/api/screening-policy/versions',
    {
      schema: { tags: ['screening'], summary: 'Every version of the screening policy, newest first', response: { 200: Type.Array(PolicyVersionView), ...errorResponses } },
    },
    async (request) => getScreeningPolicyVersions(db, authOf(request).actor),
  );
}
