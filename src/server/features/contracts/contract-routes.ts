import { Type } from '@sinclair/typebox';
import type { App, AppDeps } from '../../deps.js';
import { authOf } from '../../plugins/authenticate.js';
import { AppError } from '../../errors.js';
import { errorResponses, IdParams, listOf, problem } from '../../schemas.js';
import { importContractFile } from './contract-import-service.js';
import {
  AsOfQuery,
  ContractAmendment,
  ContractCreate,
  ContractImportProblem,
  ContractListQuery,
  ContractSummary,
  ContractView,
  FulfilmentView,
  PlacementCreate,
  PlacementOutcomeBody,
  PlacementOutcomeList,
  PlacementParams,
  PlacementTargetGroupConfirm,
  PlacementPatch,
  PlacementView,
} from './contract-schemas.js';
import { placementOutcomesOf, recordPlacementOutcome } from './placement-outcome-service.js';
import { addPlacement, amendContractFor, changePlacement, confirmPlacementTargetGroup, createContract, fulfilmentOf, getContract, listContractsFor, swedishDate } from './contract-service.js';
import type { Who } from '../../access.js';
import { createListCache } from '../procurements/procurement-service.js';
import { countCacheLookup } from '../../plugins/metrics.js';
import type { CachedContractAnswer, ContractAnswerCache } from './contract-answer-cache.js';
import { createContractPageVersions } from './follow-up-versions.js';

export const whoOf = (request: Parameters<typeof authOf>[0]): Who => {
  const auth = authOf(request);
  return { actor: auth.actor, label: auth.user.email };
};

const tags = ['contracts'];

/** Contracts, their commitments, amendments and placements, and fulfilment as of a date. */
export async function contractRoutes(app: App, { db, now, config, notifications }: AppDeps): Promise<void> {
  app.addSchema(ContractView);
  // Contract pages and fulfilments, checked against the organisation's follow-up and register
  // versions (decision 0432); HANSYN_LIST_CACHE_ENTRIES bounds it as it bounds the other answer
  // caches (0 = off).
  const cache = createListCache<CachedContractAnswer>(config.listCacheEntries);
  const answers: ContractAnswerCache | null =
    cache === null ? null : { cache, versions: await createContractPageVersions(db, notifications), onLookup: (answer, hit) => countCacheLookup(app, answer, hit) };
  if (answers) app.addHook('onClose', () => answers.versions.close());

  app.get(
    '/api/contracts',
    {
      schema: {
        tags,
        summary: 'Contracts of the organisation (procurers: their own units), filtered and paged; per supplier with supplierId',
        querystring: ContractListQuery,
        response: { 200: listOf(ContractSummary), ...errorResponses },
      },
    },
    async (request) => listContractsFor(db, authOf(request).actor, request.query, now()),
  );

  app.post(
    '/api/contracts',
    {
      schema: {
        tags,
        summary: 'Record a contract awarded under a procurement (or some of its lots); the decision’s applied requirements become its commitments',
        description:
          'The procurement must be awarded. Commitments are snapshots of the applied requirements covering the contract’s lots, with parameters frozen as agreed. The supplier is identified by a valid Swedish organisation number, or country and national id.',
        body: ContractCreate,
        response: { 201: Type.Ref(ContractView), ...errorResponses },
      },
    },
    async (request, reply) => {
      const contract = await createContract(db, whoOf(request), request.body, now());
      return reply.status(201).header('location', `/api/contracts/${contract.id}`).send(contract);
    },
  );

  app.post(
    '/api/contracts/import',
    {
      schema: {
        tags,
        summary: 'Import existing contracts from a spreadsheet (.xlsx or .csv), all or nothing',
        description:
          'multipart/form-data, field `file`. Columns (Swedish header or code name): Upphandlingens diarienummer (procurementReference), Avtalsnummer (referenceNumber), Leverantörens organisationsnummer (supplierOrganisationNumber), Leverantör (supplierName), Delområden (lotNumbers, e.g. "1;2"), Undertecknat (signedOn), Avtalsstart (startsOn), Avtalsslut (endsOn), Värde (SEK) (valueSek). Each row is checked like POST /api/contracts; any error answers 422 import_invalid with row, column and code, and nothing is stored.',
        consumes: ['multipart/form-data'],
        querystring: Type.Object({ dryRun: Type.Boolean({ default: false }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ created: Type.Integer(), dryRun: Type.Boolean() }), ...errorResponses, 413: problem, 415: problem, 422: ContractImportProblem },
      },
    },
    async (request) => {
      if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data in the field "file".');
      const part = await request.file();
      if (part === undefined || part.fieldname !== 'file') throw new AppError('bad_request', 'Send the spreadsheet in the multipart field "file".');
      return importContractFile(db, whoOf(request), { buffer: await part.toBuffer(), filename: part.filename }, { dryRun: request.query.dryRun }, now());
    },
  );

  app.get(
    '/api/contracts/:id',
    { schema: { tags, summary: 'A contract with commitments, amendments and (for those who may see them) placements', params: IdParams, response: { 200: Type.Ref(ContractView), ...errorResponses } } },
    async (request) => getContract(db, authOf(request).actor, request.params.id, answers),
  );

  app.post(
    '/api/contracts/:id/amendments',
    {
      schema: {
        tags,
        summary: 'Amend a contract (ändringsavtal): a new version with a reason; earlier commitment parameters are kept',
        params: IdParams,
        body: ContractAmendment,
        response: { 200: Type.Ref(ContractView), ...errorResponses },
      },
    },
    async (request) => amendContractFor(db, whoOf(request), request.params.id, request.body, now()),
  );

  app.post(
    '/api/contracts/:id/placements',
    {
      schema: {
        tags,
        summary: 'Record a placement (a hire) under a commitment; participantRef is a pseudonym',
        params: IdParams,
        body: PlacementCreate,
        response: { 201: Type.Object({ id: Type.String({ format: 'uuid' }) }), ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await addPlacement(db, whoOf(request), request.params.id, request.body, now())),
  );

  app.patch(
    '/api/contracts/:id/placements/:placementId',
    {
      schema: { tags, summary: 'Change or end a placement', params: PlacementParams, body: PlacementPatch, response: { 200: PlacementView, ...errorResponses } },
    },
    async (request) => changePlacement(db, whoOf(request), request.params.id, request.params.placementId, request.body, now()),
  );

  app.post(
    '/api/contracts/:id/placements/:placementId/confirm-target-group',
    {
      schema: {
        tags,
        summary: 'Confirm the target group of a placement the supplier recorded without a verified judgment (decision 0604); it then counts',
        params: PlacementParams,
        body: PlacementTargetGroupConfirm,
        response: { 200: PlacementView, ...errorResponses },
      },
    },
    async (request) => confirmPlacementTargetGroup(db, whoOf(request), request.params.id, request.params.placementId, request.body, now()),
  );

  app.get(
    '/api/contracts/:id/placements/:placementId/outcomes',
    { schema: { tags, summary: 'What became of the person after the placement ended, as recorded', params: PlacementParams, response: { 200: PlacementOutcomeList, ...errorResponses } } },
    async (request) => placementOutcomesOf(db, whoOf(request), request.params.id, request.params.placementId),
  );

  app.put(
    '/api/contracts/:id/placements/:placementId/outcomes',
    {
      schema: {
        tags,
        summary: 'Record whether the person is still employed N months after an ended placement (coordinators)',
        description: 'By the supplier, elsewhere, not employed, or unknown (asked, no answer). One answer per placement and months after the end; a new one replaces it. Counted in the results as "still employed after the placement ended, where known".',
        params: PlacementParams,
        body: PlacementOutcomeBody,
        response: { 200: PlacementOutcomeList, ...errorResponses },
      },
    },
    async (request) => recordPlacementOutcome(db, whoOf(request), request.params.id, request.params.placementId, request.body, now()),
  );

  app.get(
    '/api/contracts/:id/fulfilment',
    {
      schema: {
        tags,
        summary: 'Each commitment’s status as of a date (default today), with the numbers behind it',
        params: IdParams,
        querystring: AsOfQuery,
        response: { 200: FulfilmentView, ...errorResponses },
      },
    },
    async (request) => fulfilmentOf(db, authOf(request).actor, request.params.id, request.query.asOf ?? swedishDate(now()), answers),
  );
}
