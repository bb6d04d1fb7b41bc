import { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import { streamReleasePackage } from '../../../interop/ocds/stream-release-package.js';
import { publicBaseUrl } from '../../config.js';
import type { App, AppDeps } from '../../deps.js';
import { authOf } from '../../plugins/authenticate.js';
import { errorResponses, listOf } from '../../schemas.js';
import {
  MarketNoticeDetail,
  MarketNoticeItem,
  MarketNoticesQuery,
  MarketReleasePackageQuery,
  NoticeIdParams,
  PeerComparison,
  PeerComparisonQuery,
  SocialConsiderationsAnswer,
  SocialConsiderationsQuery,
} from './market-schemas.js';
import { marketNotice, marketNotices, marketReleasePackage, peerComparison, socialConsiderations } from './market-service.js';

/** The market view: social considerations in public notices (TED) of all buyers, for benchmarking. */
export async function marketRoutes(app: App, { db, config }: AppDeps): Promise<void> {
  app.addSchema(SocialConsiderationsAnswer);
  app.addSchema(MarketNoticeItem);
  app.addSchema(MarketNoticeDetail);
  app.addSchema(PeerComparison);

  app.get(
    '/api/market/social-considerations',
    {
      schema: {
        tags: ['market'],
        summary: 'Notices with social considerations and employment requirements, grouped (public TED data)',
        querystring: SocialConsiderationsQuery,
        response: { 200: Type.Ref(SocialConsiderationsAnswer), ...errorResponses },
      },
    },
    async (request) => {
      const { groupBy, limit, ...filter } = request.query;
      return socialConsiderations(db, authOf(request).actor, filter, groupBy, limit);
    },
  );

  app.get(
    '/api/market/notices',
    {
      schema: {
        tags: ['market'],
        summary: 'Drill-down: the notices behind a market figure, newest first',
        querystring: MarketNoticesQuery,
        response: { 200: listOf(Type.Ref(MarketNoticeItem)), ...errorResponses },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return marketNotices(db, authOf(request).actor, filter, { limit: pageSize, offset: (page - 1) * pageSize });
    },
  );

  app.get(
    '/api/market/notices/:noticeId',
    {
      schema: {
        tags: ['market'],
        summary: 'One notice as parsed, with its social-considerations summary',
        params: NoticeIdParams,
        response: { 200: Type.Ref(MarketNoticeDetail), ...errorResponses },
      },
    },
    async (request) => marketNotice(db, authOf(request).actor, request.params.noticeId),
  );

  app.get(
    '/api/market/peer-comparison',
    {
      schema: {
        tags: ['market'],
        summary: 'Your share of notices with social considerations next to comparable buyers',
        querystring: PeerComparisonQuery,
        response: { 200: Type.Ref(PeerComparison), ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      return peerComparison(db, authOf(request).actor, { country: q.country ?? 'SWE', year: q.year, limit: q.limit });
    },
  );

  app.get(
    '/api/market/ocds/release-package',
    {
      // Each answer reads every matching notice; enough for downloads by year or country, not for polling.
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['market', 'open data'],
        summary: 'The stored notices (all buyers) as one OCDS 1.1 release package, streamed',
        description:
          'One release per notice the filters match (all notices without filters), in notice-id order, mapped as in docs/ocds.md. ' +
          'The JSON is streamed as it is read, so its size is not limited; filter by year, country or buyer for a smaller file. ' +
          '404 `nothing_published` when no notice matches (an OCDS package must hold at least one release).',
        querystring: MarketReleasePackageQuery,
        response: {
          200: Type.Object({}, { additionalProperties: true, description: 'OCDS 1.1 release package with the lots, sustainability, otherRequirements and contractTerms extensions' }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const baseUrl = publicBaseUrl(config);
      const { envelope, pages } = await marketReleasePackage(db, authOf(request).actor, request.query, { ocidPrefix: config.ocidPrefix, baseUrl });
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', 'attachment; filename="market-ocds-release-package.json"')
        .header('cache-control', 'private, no-store')
        .send(Readable.from(streamReleasePackage(envelope, pages)));
    },
  );
}
