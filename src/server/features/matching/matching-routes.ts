import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { App, AppDeps } from '../../deps.js';
import { whoOf } from '../../access.js';
import { authOf } from '../../plugins/authenticate.js';
import { errorResponses, IdParams, listOf, Uuid } from '../../schemas.js';
import {
  BottleneckView,
  CandidatesQuery,
  CandidatesView,
  ConsentCreate,
  ConsentRevoke,
  NeedCreate,
  NeedListQuery,
  NeedView,
  ParticipantCreate,
  ParticipantListQuery,
  ParticipantPatch,
  ParticipantSummary,
  ParticipantView,
  Profile,
  ProposalCreate,
  ProposalOutcome,
  ProposalParams,
  ProposalView,
  PurposeQuery,
  SupplierProfileView,
} from './matching-schemas.js';
import { answerProposal, bottleneckOf, createRecruitmentNeed, getRecruitmentNeed, listNeedProposals, listRecruitmentNeeds, listSupplierProposals, loadCandidatePool, proposeCandidate, rankNeedCandidates } from './matching-service.js';
import { createCandidatePoolCache } from './candidate-pool-cache.js';
import { createMatchingVersions } from './matching-versions.js';
import { countCacheLookup } from '../../plugins/metrics.js';
import { participantExportPdf } from './participant-export-pdf.js';
import { addConsent, createParticipant, eraseParticipant, exportParticipant, getParticipant, listParticipants, revokeConsent, runParticipantRetention, updateParticipant } from './participant-service.js';

const tags = ['participants'];
/** Organisations whose candidate pools a process keeps: one labour-market unit's 50,000 participants take some tens of megabytes. */
const CANDIDATE_POOL_ORGANISATIONS = 8;
const matchingTags = ['matching'];
const ConsentParams = Type.Object({ id: Uuid, consentId: Uuid });
const ExportQuery = Type.Object({ format: Type.Union([Type.Literal('json'), Type.Literal('pdf')], { default: 'json' }) }, { additionalProperties: false });
const DailyPayload = Type.Object({ runDate: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }) });

/** Daily at 02:30 Swedish time, before anyone works: retention erasures (docs/privacy.md). */
export const RETENTION_DAILY_AT = '02:30';

/** Participants (labour-market officers only), recruitment needs, matching, proposals and the bottleneck view. */
export async function matchingRoutes(app: App, { db, now, participantKeys: keys, jobs, config, notifications }: AppDeps): Promise<void> {
  // Each organisation's candidates in pool form, checked against its matching version (decision
  // 0703); HANSYN_LIST_CACHE_ENTRIES = 0 turns it off with the other answer caches.
  const pools =
    config.listCacheEntries > 0
      ? createCandidatePoolCache({
          versions: await createMatchingVersions(db, notifications),
          load: (organisationId) => loadCandidatePool(db, organisationId),
          maxOrganisations: CANDIDATE_POOL_ORGANISATIONS,
          onLookup: (hit) => countCacheLookup(app, 'matching_candidates', hit),
        })
      : null;
  if (pools) app.addHook('onClose', () => pools.close());

  app.addSchema(Profile);
  app.addSchema(ParticipantView);

  app.get('/api/participants', { schema: { tags, summary: 'Participants with identity (decrypted; every row shown is logged as read with the purpose)', querystring: ParticipantListQuery, response: { 200: listOf(ParticipantSummary), ...errorResponses, 503: errorResponses[400] } } }, async (request) =>
    listParticipants(db, keys, whoOf(request), request.query, now()),
  );
  app.post('/api/participants', { schema: { tags, summary: 'Register a participant: a random reference; the identity encrypted', body: ParticipantCreate, response: { 201: Type.Ref(ParticipantView), ...errorResponses, 503: errorResponses[400] } } }, async (request, reply) => {
    const created = await createParticipant(db, keys, whoOf(request), request.body, now());
    return reply.status(201).header('location', `/api/participants/${created.id}`).send(created);
  });
  app.get('/api/participants/:id', { schema: { tags, summary: 'One participant: identity, profile, consents (the read is logged)', params: IdParams, querystring: PurposeQuery, response: { 200: Type.Ref(ParticipantView), ...errorResponses, 503: errorResponses[400] } } }, async (request) =>
    getParticipant(db, keys, whoOf(request), request.params.id, request.query.purpose, now()),
  );
  app.patch('/api/participants/:id', { schema: { tags, summary: 'Change identity and/or profile', params: IdParams, body: ParticipantPatch, response: { 200: Type.Ref(ParticipantView), ...errorResponses, 503: errorResponses[400] } } }, async (request) =>
    updateParticipant(db, keys, whoOf(request), request.params.id, request.body, now()),
  );
  app.post('/api/participants/:id/consents', { schema: { tags, summary: 'Record a consent: what is shared with whom, from when', params: IdParams, body: ConsentCreate, response: { 200: Type.Ref(ParticipantView), ...errorResponses, 503: errorResponses[400] } } }, async (request) =>
    addConsent(db, keys, whoOf(request), request.params.id, request.body, now()),
  );
  app.post('/api/participants/:id/consents/:consentId/revoke', { schema: { tags, summary: 'Revoke a consent', params: ConsentParams, body: ConsentRevoke, response: { 200: Type.Ref(ParticipantView), ...errorResponses, 503: errorResponses[400] } } }, async (request) =>
    revokeConsent(db, keys, whoOf(request), request.params.id, request.params.consentId, request.body.revokedOn, now()),
  );
  app.get('/api/participants/:id/export', { schema: { tags, summary: 'Right of access (GDPR art. 15): everything held about the person, as JSON or a readable PDF', params: IdParams, querystring: ExportQuery, response: { 200: Type.Any(), ...errorResponses, 503: errorResponses[400] } } }, async (request, reply) => {
    const data = await exportParticipant(db, keys, whoOf(request), request.params.id, now());
    const name = `registerutdrag-${data.participant.reference}`;
    if (request.query.format === 'pdf') {
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}.pdf"`).header('cache-control', 'no-store').send(await participantExportPdf(data));
    }
    return reply.header('content-disposition', `attachment; filename="${name}.json"`).header('cache-control', 'no-store').send(data);
  });
  app.post('/api/participants/:id/erase', { schema: { tags, summary: 'Erasure on request (GDPR art. 17): identity, profile and consents are removed; pseudonymous placements and figures stay', params: IdParams, response: { 204: Type.Null(), ...errorResponses } } }, async (request, reply) => {
    await eraseParticipant(db, whoOf(request), request.params.id, now());
    return reply.status(204).send(null);
  });

  app.get('/api/recruitment-needs', { schema: { tags: matchingTags, summary: 'Recruitment needs of the organisation’s suppliers', querystring: NeedListQuery, response: { 200: listOf(NeedView), ...errorResponses } } }, async (request) =>
    listRecruitmentNeeds(db, authOf(request).actor, request.query),
  );
  app.post('/api/recruitment-needs', { schema: { tags: matchingTags, summary: 'Record a supplier’s recruitment need under a contract (on the supplier’s behalf)', body: NeedCreate, response: { 201: NeedView, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await createRecruitmentNeed(db, whoOf(request), request.body, now())),
  );
  app.get('/api/recruitment-needs/:id', { schema: { tags: matchingTags, summary: 'One recruitment need', params: IdParams, response: { 200: NeedView, ...errorResponses } } }, async (request) =>
    getRecruitmentNeed(db, authOf(request).actor, request.params.id),
  );
  app.get('/api/recruitment-needs/:id/candidates', { schema: { tags: matchingTags, summary: 'Ranked candidates with the reasons for each score (pseudonymous)', params: IdParams, querystring: CandidatesQuery, response: { 200: CandidatesView, ...errorResponses } } }, async (request) =>
    rankNeedCandidates(db, authOf(request).actor, request.params.id, request.query.limit, now(), pools),
  );
  app.get('/api/recruitment-needs/:id/proposals', { schema: { tags: matchingTags, summary: 'Proposals for a need and their outcomes', params: IdParams, response: { 200: Type.Array(ProposalView), ...errorResponses } } }, async (request) =>
    listNeedProposals(db, authOf(request).actor, request.params.id),
  );
  app.post('/api/recruitment-needs/:id/proposals', { schema: { tags: matchingTags, summary: 'Propose a participant (must pass every hard filter)', params: IdParams, body: ProposalCreate, response: { 201: ProposalView, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await proposeCandidate(db, whoOf(request), request.params.id, request.body.participantId, now())),
  );
  app.post('/api/recruitment-needs/:id/proposals/:proposalId/outcome', { schema: { tags: matchingTags, summary: 'Record an outcome: interview, offer, hired (records the placement), not hired with a reason, withdrawn', params: ProposalParams, body: ProposalOutcome, response: { 200: ProposalView, ...errorResponses } } }, async (request) =>
    answerProposal(db, whoOf(request), request.params.id, request.params.proposalId, request.body, now()),
  );
  app.get('/api/recruitment-needs/:id/supplier-view', { schema: { tags: matchingTags, summary: 'What the supplier sees of the proposals: pseudonymous until the participant consents to an interview', params: IdParams, response: { 200: Type.Array(SupplierProfileView), ...errorResponses, 503: errorResponses[400] } } }, async (request) =>
    listSupplierProposals(db, keys, whoOf(request), request.params.id, now()),
  );
  app.get('/api/matching/bottleneck', { schema: { tags: matchingTags, summary: 'How long needs wait, hit rates per occupation, occupations without candidates, candidates waiting longest', response: { 200: BottleneckView, ...errorResponses } } }, async (request) =>
    bottleneckOf(db, authOf(request).actor, now()),
  );

  jobs.defineJob(
    'participants.retention',
    async ({ db: jobDb, now: jobNow, job, log }) => {
      const { runDate } = Value.Parse(DailyPayload, job.payload);
      const erased = await runParticipantRetention(jobDb, runDate, config.participants.retentionMonths, jobNow());
      if (erased > 0) log.info({ erased, runDate }, 'Participants erased by retention');
    },
    { leaseMs: 10 * 60_000 },
  );
  jobs.scheduleDaily('participants.retention', RETENTION_DAILY_AT, 'Europe/Stockholm');
}
