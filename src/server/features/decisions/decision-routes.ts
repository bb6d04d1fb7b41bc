import { Type } from '@sinclair/typebox';
import { renderRequirementsPlainText } from '../../../domain/requirements/requirements-annex.js';
import { renderRequirementsAnnex } from '../../../interop/docx/render-requirements-annex.js';
import type { App, AppDeps } from '../../deps.js';
import { authOf } from '../../plugins/authenticate.js';
import { errorResponses, IdParams } from '../../schemas.js';
import { whoOf } from '../../access.js';
import { DecisionBody, DecisionView, EformsLotFields, GoalFulfilmentView, GoalQuery, LangQuery } from './decision-schemas.js';
import { eformsFieldsFor, getDecision, goalFulfilment, loadAnnexInput, recordDecision } from './decision-service.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** `attachment` with an ASCII fallback and the exact UTF-8 name (RFC 6266). */
function attachment(name: string): string {
  const ascii = name.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\/]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function annexFileName(referenceNumber: string, lang: 'sv' | 'en', extension: string): string {
  const base = lang === 'sv' ? 'Särskilda kontraktsvillkor – social hänsyn' : 'Special contract conditions – social considerations';
  return `${base} ${referenceNumber.replace(/[\\/:*?"<>|]/g, '-')}.${extension}`;
}

/** Comply-or-explain decisions, the documents they produce, and the goal figure. */
export async function decisionRoutes(app: App, { db, now }: AppDeps): Promise<void> {
  app.addSchema(DecisionView);

  app.get(
    '/api/procurements/:id/decision',
    {
      schema: { tags: ['decisions'], summary: 'The decision on social considerations, with rendered texts', params: IdParams, response: { 200: Type.Ref(DecisionView), ...errorResponses } },
    },
    async (request) => getDecision(db, authOf(request).actor, request.params.id, now()),
  );

  app.put(
    '/api/procurements/:id/decision',
    {
      schema: {
        tags: ['decisions'],
        summary: 'Record or revise the decision (coordinators; procurers for own units); locked once published',
        description:
          'Comply or explain: a decision against the screening recommendation, or after needs_assessment, needs a justification of at least 20 characters. Parameter errors name the parameter, e.g. /body/requirements/0/parameters/positions. 409 decision_locked once the procurement is published.',
        params: IdParams,
        body: DecisionBody,
        response: { 200: Type.Ref(DecisionView), ...errorResponses },
      },
    },
    async (request) => recordDecision(db, whoOf(request), request.params.id, request.body, now()),
  );

  app.get(
    '/api/procurements/:id/requirements.docx',
    {
      schema: {
        tags: ['decisions'],
        summary: 'The annex "Särskilda kontraktsvillkor – social hänsyn" as Word',
        params: IdParams,
        querystring: LangQuery,
        produces: [DOCX],
        response: { 200: Type.String({ format: 'binary', description: 'DOCX' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const input = await loadAnnexInput(db, authOf(request).actor, request.params.id, request.query.lang, now());
      const buffer = await renderRequirementsAnnex(input);
      return reply
        .type(DOCX)
        .header('content-disposition', attachment(annexFileName(input.procurement.referenceNumber, input.lang, 'docx')))
        .send(buffer);
    },
  );

  app.get(
    '/api/procurements/:id/requirements.txt',
    {
      schema: {
        tags: ['decisions'],
        summary: 'The annex as plain text, for pasting into an e-procurement system',
        params: IdParams,
        querystring: LangQuery,
        produces: ['text/plain'],
        response: { 200: Type.String(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const input = await loadAnnexInput(db, authOf(request).actor, request.params.id, request.query.lang, now());
      return reply
        .type('text/plain; charset=utf-8')
        .header('content-disposition', `inline; ${attachment(annexFileName(input.procurement.referenceNumber, input.lang, 'txt')).replace(/^attachment; /, '')}`)
        .send(renderRequirementsPlainText(input));
    },
  );

  app.get(
    '/api/procurements/:id/eforms-fields',
    {
      schema: {
        tags: ['decisions'],
        summary: 'eForms fields per lot: BT-06, BT-775, BT-71, BT-736 and BT-70',
        params: IdParams,
        response: { 200: Type.Array(EformsLotFields), ...errorResponses },
      },
    },
    async (request) => eformsFieldsFor(db, authOf(request).actor, request.params.id, now()),
  );

  app.get(
    '/api/goal-fulfilment',
    {
      schema: {
        tags: ['decisions'],
        summary: 'Share of the year’s service procurements with social considerations against the organisation’s goal, overall and per unit',
        querystring: GoalQuery,
        response: { 200: GoalFulfilmentView, ...errorResponses },
      },
    },
    async (request) => goalFulfilment(db, authOf(request).actor, request.query.year ?? now().getUTCFullYear()),
  );
}
