import type { App, AppDeps } from '../../deps.js';
import { authOf } from '../../plugins/authenticate.js';
import { errorResponses } from '../../schemas.js';
import { Overview } from './overview-schemas.js';
import { getOverview } from './overview-service.js';

/** The start page's figures. */
export async function overviewRoutes(app: App, { db }: AppDeps): Promise<void> {
  app.get(
    '/api/overview',
    { schema: { tags: ['organisation'], summary: 'Counts of procurements by status and unit', response: { 200: Overview, ...errorResponses } } },
    async (request) => getOverview(db, authOf(request).actor),
  );
}
