import { Type } from '@sinclair/typebox';
import { publicBaseUrl } from '../../config.js';
import type { App, AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { enumOf, errorResponses } from '../../schemas.js';
import { findOrganisationById, findOrganisationBySlug } from './ocds-repository.js';
import { exportReleasePackage, packageFileName } from './ocds-service.js';
import { assertCan } from '../../access.js';

const ReleasePackageQuery = Type.Object(
  {
    org: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z0-9-]+$', description: 'Slug of the organisation; required for the public package' })),
    scope: enumOf(['public', 'internal'] as const, {
      default: 'public',
      description: '`public` (no sign-in): procurements from publication on, if the organisation publishes open data. `internal`: the whole register of your own organisation (coordinators and admins).',
    }),
    includeNotices: Type.Boolean({
      default: false,
      description: "Also the organisation's imported eForms notices (linked to its procurements, or with its or a unit's organisation number as buyer); they are public on TED already.",
    }),
  },
  { additionalProperties: false },
);

/** The register as open data: an OCDS 1.1 release package (see docs/ocds.md). */
export async function ocdsRoutes(app: App, { db, config, now }: AppDeps): Promise<void> {
  app.get(
    '/api/ocds/release-package',
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['open data'],
        summary: 'The procurement register as an OCDS 1.1 release package (public for organisations that publish open data)',
        description:
          '404 `not_found` when the organisation is unknown or does not publish open data; 404 `nothing_published` when it has nothing in the scope yet (an OCDS package must hold at least one release).',
        security: [{}, { session: [] }, { token: [] }],
        querystring: ReleasePackageQuery,
        response: {
          200: Type.Object({}, { additionalProperties: true, description: 'OCDS 1.1 release package with the lots, sustainability, otherRequirements and contractTerms extensions' }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { org: slug, scope, includeNotices } = request.query;
      let organisation;
      if (scope === 'internal') {
        if (request.auth === null) throw new AppError('unauthenticated', 'Sign in to get the internal register.');
        const { actor } = request.auth;
        organisation = await findOrganisationById(db, actor.organisationId);
        // Another organisation's register does not exist as far as this user can tell.
        if (!organisation || (slug !== undefined && slug !== organisation.slug)) throw new AppError('not_found', 'The organisation was not found.');
        assertCan(actor, 'register:export', { organisationId: organisation.id });
      } else {
        if (slug === undefined) throw new AppError('bad_request', 'Name the organisation: ?org=SLUG.');
        organisation = await findOrganisationBySlug(db, slug);
        if (!organisation || !organisation.openDataPublished) throw new AppError('not_found', `No open data is published for ${slug}.`);
      }
      const baseUrl = publicBaseUrl(config);
      const { releasePackage } = await exportReleasePackage(db, { organisation, scope, ocidPrefix: config.ocidPrefix, baseUrl, includeNotices, now: now() });
      // The release-package schema requires at least one release: an empty package is not OCDS.
      if (releasePackage.releases.length === 0) {
        throw new AppError(
          'nothing_published',
          scope === 'public' ? `${organisation.name} has no published procurements yet.` : `${organisation.name} has no procurements in its register yet.`,
        );
      }
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${packageFileName(organisation.slug, scope)}"`)
        .header('cache-control', scope === 'public' ? 'public, max-age=300' : 'private, no-store')
        .send(JSON.stringify(releasePackage));
    },
  );
}
