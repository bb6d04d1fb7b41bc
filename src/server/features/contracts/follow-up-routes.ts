import { Type } from '@sinclair/typebox';
import { renderSanctionLetter } from '../../../interop/docx/render-sanction-letter.js';
import type { App, AppDeps } from '../../deps.js';
import { authOf } from '../../plugins/authenticate.js';
import { errorResponses, IdParams } from '../../schemas.js';
import {
  AsOfQuery,
  CorrectionRecord,
  DeviationParams,
  DeviationResolve,
  DeviationView,
  FollowUpQueueView,
  LetterQuery,
  PeriodParams,
  PeriodView,
  ReportCreate,
  SanctionParams,
  SanctionStepCreate,
  SanctionStepView,
  SanctionsView,
  IsoDate,
} from './contract-schemas.js';
import { swedishDate } from './contract-service.js';
import { createFollowUpVersions } from './follow-up-versions.js';
import { createListCache } from '../procurements/procurement-service.js';
import { countCacheLookup } from '../../plugins/metrics.js';
import { whoOf } from './contract-routes.js';
import {
  followUpQueue,
  type FollowUpQueue,
  listContractDeviations,
  listPeriods,
  listSanctions,
  recordCorrection,
  recordReport,
  resolveContractDeviation,
  runDailyCheckFor,
  sanctionLetterInput,
  takeSanctionStep,
} from './follow-up-service.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const tags = ['follow-up'];

function attachment(name: string): string {
  const ascii = name.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\/]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const Localized = Type.Object({ sv: Type.String(), en: Type.String() });
const DailyCheckView = Type.Object({
  asOf: IsoDate,
  checkedAt: Type.String({ format: 'date-time' }),
  contractsChecked: Type.Integer(),
  deviationsFound: Type.Array(Type.Object({ id: Type.String(), organisationId: Type.String(), contractId: Type.String(), commitmentId: Type.Union([Type.String(), Type.Null()]), kind: Type.String() })),
  remindersDue: Type.Array(
    Type.Object({
      key: Type.String(),
      kind: Type.String(),
      organisationId: Type.String(),
      contractId: Type.String(),
      contractReference: Type.String(),
      recipients: Type.Object({ userIds: Type.Array(Type.String()), roles: Type.Array(Type.String()) }),
      dueOn: Type.Union([IsoDate, Type.Null()]),
      subject: Localized,
      text: Localized,
    }),
  ),
});

/** Reporting periods and reports, deviations, the sanction ladder and its letters, the queue, the daily check. */
export async function followUpRoutes(app: App, { db, now, config, notifications }: AppDeps): Promise<void> {
  const today = (asOf: string | undefined) => asOf ?? swedishDate(now());
  // The queue's answers, checked against the organisation's follow-up version (decision 0911);
  // HANSYN_LIST_CACHE_ENTRIES bounds it as it bounds the register's list cache (0 = off).
  const cache = createListCache<FollowUpQueue>(config.listCacheEntries);
  const queueCache =
    cache === null
      ? null
      : { cache, versions: await createFollowUpVersions(db, notifications), onLookup: (hit: boolean) => countCacheLookup(app, 'follow_up_queue', hit) };
  if (queueCache) app.addHook('onClose', () => queueCache.versions.close());

  app.get(
    '/api/contracts/:id/periods',
    { schema: { tags, summary: 'Reporting periods with due dates, status as of a date and reports', params: IdParams, querystring: AsOfQuery, response: { 200: Type.Array(PeriodView), ...errorResponses } } },
    async (request) => listPeriods(db, authOf(request).actor, request.params.id, today(request.query.asOf)),
  );

  app.post(
    '/api/contracts/:id/periods/:sequence/report',
    { schema: { tags, summary: 'Enter a period’s report (coordinators)', params: PeriodParams, body: ReportCreate, response: { 201: PeriodView, ...errorResponses } } },
    async (request, reply) => reply.status(201).send(await recordReport(db, whoOf(request), request.params.id, request.params.sequence, request.body, now())),
  );

  app.get(
    '/api/contracts/:id/deviations',
    { schema: { tags, summary: 'Deviations found by the daily check', params: IdParams, response: { 200: Type.Array(DeviationView), ...errorResponses } } },
    async (request) => listContractDeviations(db, authOf(request).actor, request.params.id),
  );

  app.post(
    '/api/contracts/:id/deviations/:deviationId/resolve',
    { schema: { tags, summary: 'Resolve a deviation with what was done (coordinators)', params: DeviationParams, body: DeviationResolve, response: { 200: DeviationView, ...errorResponses } } },
    async (request) => resolveContractDeviation(db, whoOf(request), request.params.id, request.params.deviationId, request.body),
  );

  app.get(
    '/api/contracts/:id/sanctions',
    { schema: { tags, summary: 'The sanction history and the next steps allowed per commitment', params: IdParams, response: { 200: SanctionsView, ...errorResponses } } },
    async (request) => listSanctions(db, authOf(request).actor, request.params.id),
  );

  app.post(
    '/api/contracts/:id/sanctions',
    {
      schema: {
        tags,
        summary: 'Take the next step of the sanction ladder (coordinators)',
        description:
          'dialogue_note → correction_notice (deadline = taken on + the agreed correction days) → penalty_decision (only after the deadline passed uncorrected; amount = open positions × penalty, approved by the coordinator recording it) → exclusion or termination_recommendation; resolved closes the case.',
        params: IdParams,
        body: SanctionStepCreate,
        response: { 201: SanctionStepView, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await takeSanctionStep(db, whoOf(request), request.params.id, request.body, now())),
  );

  app.post(
    '/api/contracts/:id/sanctions/:stepId/correction',
    { schema: { tags, summary: 'Record the day a correction notice’s shortfall was corrected', params: SanctionParams, body: CorrectionRecord, response: { 200: SanctionStepView, ...errorResponses } } },
    async (request) => recordCorrection(db, whoOf(request), request.params.id, request.params.stepId, request.body.correctedOn),
  );

  app.get(
    '/api/contracts/:id/sanctions/:stepId/letter.docx',
    {
      schema: {
        tags,
        summary: 'The letter to the supplier for a sanction step, as Word (Swedish or English)',
        params: SanctionParams,
        querystring: LetterQuery,
        produces: [DOCX],
        response: { 200: Type.String({ format: 'binary', description: 'DOCX' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const input = await sanctionLetterInput(db, authOf(request).actor, request.params.id, request.params.stepId, request.query.lang ?? 'sv');
      const buffer = await renderSanctionLetter(input);
      return reply.type(DOCX).header('content-disposition', attachment(`${input.fileName}.docx`)).send(buffer);
    },
  );

  app.get(
    '/api/follow-up/queue',
    {
      schema: {
        tags,
        summary: 'The coordinator’s follow-up queue: what needs action today',
        querystring: AsOfQuery,
        response: { 200: FollowUpQueueView, ...errorResponses },
      },
    },
    async (request) => followUpQueue(db, authOf(request).actor, today(request.query.asOf), queueCache),
  );

  app.post(
    '/api/follow-up/daily-check',
    {
      schema: {
        tags,
        summary: 'Run the daily follow-up check now for your organisation (coordinators); idempotent',
        body: Type.Object({ asOf: Type.Optional(IsoDate) }, { additionalProperties: false }),
        response: { 200: DailyCheckView, ...errorResponses },
      },
    },
    async (request) => runDailyCheckFor(db, whoOf(request), today(request.body.asOf), now()),
  );
}
