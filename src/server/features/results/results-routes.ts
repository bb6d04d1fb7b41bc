import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { publicBaseUrl } from '../../config.js';
import type { App, AppDeps } from '../../deps.js';
import { whoOf } from '../../access.js';
import { errorResponses } from '../../schemas.js';
import { DashboardView, GoalChange, GoalsQuery, GoalView, PublicResults, ResultsSettings, SlugParams, YearQuery } from './results-schemas.js';
import { renderAnnualReportPdf } from '../../../interop/report/render-annual-report-pdf.js';
import { writeAnnualReportXlsx } from '../../../interop/report/write-annual-report-xlsx.js';
import { createListCache } from '../procurements/procurement-service.js';
import { countCacheLookup } from '../../plugins/metrics.js';
import { createResultsVersions } from './results-versions.js';
import { annualReport, goalsOf, publicCatalogue, publicResults, publicResultsCsv, resultsDashboard, resultsSettingsOf, setGoal, setResultsSettings } from './results-service.js';

const tags = ['results'];

/**
 * Sends an answer as JSON through its route's own response serializer, serialising each answer
 * object once: a cached answer (decision 0805) is the same object on every hit, so its text is
 * kept beside it (the public results are ~90 kB, whose serialisation cost more than the rest of
 * a cached request). Answers computed anew are new objects and serialised as always; the text
 * goes when the answer leaves the cache.
 */
function createAnswerSender() {
  const texts = new WeakMap<object, string>();
  return (reply: FastifyReply, answer: object): FastifyReply => {
    let text = texts.get(answer);
    if (text === undefined) {
      const serialise = reply.getSerializationFunction('200');
      if (!serialise) throw new Error('The route has no response schema for 200.');
      text = serialise(answer as Record<string, unknown>);
      texts.set(answer, text);
    }
    // A string with a JSON content type is sent as it is, not serialised again.
    return reply.type('application/json; charset=utf-8').send(text);
  };
}
const publicRoute = { public: true, rateLimit: { max: 120, timeWindow: '1 minute' } };

/** Goals, results, dashboards and the public results with their open-data files (docs/results.md). */
export async function resultsRoutes(app: App, { db, config, now, notifications }: AppDeps): Promise<void> {
  // Computed answers checked against the organisation's results version (decision 0805);
  // HANSYN_LIST_CACHE_ENTRIES bounds it as it bounds the other answer caches (0 = off).
  const cache = createListCache<unknown>(config.listCacheEntries);
  const cached = cache === null ? null : { cache, versions: await createResultsVersions(db, notifications), onLookup: (hit: boolean) => countCacheLookup(app, 'results', hit) };
  if (cached) app.addHook('onClose', () => cached.versions.close());
  app.addSchema(PublicResults);
  app.addSchema(DashboardView);
  const sendPublic = createAnswerSender();
  const sendPublicJson = createAnswerSender();
  const sendDashboard = createAnswerSender();

  app.get(
    '/api/public/organisations/:slug/results',
    {
      config: publicRoute,
      schema: {
        tags,
        summary: 'Public results of an organisation that publishes open data (no sign-in)',
        description:
          'Goal fulfilment, people employed and placements by unit, target group, supplier and CPV division, full-time months, socio-economic value and the contracts with employment requirements. Person counts of 1–4 are `{ "suppressed": true }`, with complementary suppression linked across every view (`unit` filters to one unit). 404 unless the organisation has turned on open data.',
        security: [],
        params: SlugParams,
        querystring: YearQuery,
        response: { 200: Type.Ref(PublicResults), ...errorResponses },
      },
    },
    async (request, reply) => sendPublic(reply, await publicResults(db, request.params.slug, request.query, publicBaseUrl(config), now(), cached)),
  );

  app.get(
    '/api/public/organisations/:slug/results.json',
    {
      config: publicRoute,
      schema: { tags, summary: 'The public results as a JSON download under the organisation’s open licence', security: [], params: SlugParams, querystring: YearQuery, response: { 200: Type.Ref(PublicResults), ...errorResponses } },
    },
    async (request, reply) => {
      const r = await publicResults(db, request.params.slug, request.query, publicBaseUrl(config), now(), cached);
      reply.header('content-disposition', `attachment; filename="${r.organisation.slug}-resultat-${r.year}.json"`).header('link', `<${r.licence.uri}>; rel="license"`);
      return sendPublicJson(reply, r);
    },
  );

  app.get(
    '/api/public/organisations/:slug/results.csv',
    {
      config: publicRoute,
      schema: { tags, summary: 'The public results as CSV under the organisation’s open licence; suppressed counts read "prickad"', security: [], params: SlugParams, querystring: YearQuery, produces: ['text/csv'], response: { 200: Type.String(), ...errorResponses } },
    },
    async (request, reply) => {
      const { body, licence, year } = await publicResultsCsv(db, request.params.slug, request.query.year, publicBaseUrl(config), now(), cached);
      const uri = licence === 'cc0' ? 'http://creativecommons.org/publicdomain/zero/1.0/' : 'http://creativecommons.org/licenses/by/4.0/';
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${request.params.slug}-resultat-${year}.csv"`)
        .header('link', `<${uri}>; rel="license"`)
        .send(body);
    },
  );

  app.get(
    '/api/public/organisations/:slug/catalog.rdf',
    {
      config: publicRoute,
      schema: { tags, summary: 'DCAT-AP-SE catalogue of the open results (RDF/XML), for Sveriges dataportal to harvest', security: [], params: SlugParams, produces: ['application/rdf+xml'], response: { 200: Type.String(), ...errorResponses } },
    },
    async (request, reply) => reply.type('application/rdf+xml; charset=utf-8').send(await publicCatalogue(db, request.params.slug, publicBaseUrl(config), now())),
  );

  app.get(
    '/api/results/dashboard',
    {
      schema: {
        tags,
        summary: 'Dashboard for politicians and managers: goal fulfilment over five years, people employed, value by actor, contracts at risk',
        querystring: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false }),
        response: { 200: Type.Ref(DashboardView), ...errorResponses },
      },
    },
    async (request, reply) => sendDashboard(reply, await resultsDashboard(db, whoOf(request), request.query.year, now(), cached)),
  );

  const ReportQuery = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false });
  app.get(
    '/api/results/annual-report.pdf',
    { schema: { tags, summary: 'The annual report as PDF (Swedish, charts and tables), generated by the server', querystring: ReportQuery, produces: ['application/pdf'], response: { 200: Type.String({ format: 'binary', description: 'PDF' }), ...errorResponses } } },
    async (request, reply) => {
      const report = await annualReport(db, whoOf(request), request.query.year, now());
      const pdf = await renderAnnualReportPdf(report);
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="arsrapport-sysselsattningskrav-${report.year}.pdf"`).send(pdf);
    },
  );
  app.get(
    '/api/results/annual-report.xlsx',
    { schema: { tags, summary: 'Every figure of the annual report as an .xlsx workbook', querystring: ReportQuery, produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], response: { 200: Type.String({ format: 'binary', description: 'XLSX' }), ...errorResponses } } },
    async (request, reply) => {
      const report = await annualReport(db, whoOf(request), request.query.year, now());
      const xlsx = await writeAnnualReportXlsx(report);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="arsrapport-sysselsattningskrav-${report.year}.xlsx"`)
        .send(xlsx);
    },
  );

  app.get(
    '/api/results/goals',
    { schema: { tags, summary: 'Goals with their history (superseded rows have supersededAt)', querystring: GoalsQuery, response: { 200: Type.Object({ items: Type.Array(GoalView) }), ...errorResponses } } },
    async (request) => goalsOf(db, whoOf(request), request.query.year),
  );

  app.put(
    '/api/results/goals',
    { schema: { tags, summary: 'Set a goal for a year (organisation or unit); the previous one is kept as history', body: GoalChange, response: { 200: GoalView, ...errorResponses } } },
    async (request) => setGoal(db, whoOf(request), request.body, now()),
  );

  app.get(
    '/api/results/settings',
    { schema: { tags, summary: 'Open-data settings of the results', response: { 200: ResultsSettings, ...errorResponses } } },
    async (request) => resultsSettingsOf(db, whoOf(request)),
  );

  app.put(
    '/api/results/settings',
    { schema: { tags, summary: 'Choose the open licence of the published results (admins)', body: ResultsSettings, response: { 200: ResultsSettings, ...errorResponses } } },
    async (request) => setResultsSettings(db, whoOf(request), request.body, now()),
  );
}
