import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { renderSanctionLetter } from '../../../interop/docx/render-sanction-letter.js';
import { MAX_EVIDENCE_BYTES } from '../../../domain/supplier-portal/detect-evidence-type.js';
import { REPORT_UPLOAD_MAX_BYTES } from '../../../interop/spreadsheet/supplier-report-sheet.js';
import type { Who } from '../../access.js';
import type { App, AppDeps } from '../../deps.js';
import { AppError, validationFailed } from '../../errors.js';
import { findForbiddenXmlCharacter } from '../../../interop/xml-text.js';
import { authOf } from '../../plugins/authenticate.js';
import { errorResponses, problem, Uuid } from '../../schemas.js';
import { sendInvitation } from '../members/member-service.js';
import { SupplierNeedCreate, SupplierNeedView, SupplierProposalAnswer } from '../matching/matching-service.js';
import { findOrganisationById } from '../organisations/organisation-service.js';
import {
  ApproveBody,
  BuyerCommentBody,
  BuyerEvidenceParams,
  BuyerReportParams,
  BuyerSupplierReports,
  CommentBody,
  Evidence,
  LetterQuery,
  ReportUploadPreview,
  ReportUploadProblem,
  ReportUploadQuery,
  SupplierContactInvite,
  SupplierContactInvited,
  SupplierContractDetail,
  SupplierContractList,
  SupplierContractParams,
  SupplierEvidenceParams,
  SupplierLetterParams,
  SupplierPeriodParams,
  SupplierReport,
  SupplierReportForm,
  SupplierReportSubmit,
} from './supplier-portal-schemas.js';
import * as portal from './supplier-portal-service.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['supplier-portal'];

const whoOf = (request: Parameters<typeof authOf>[0]): Who & { displayName: string } => {
  const auth = authOf(request);
  return { actor: auth.actor, label: auth.user.email, displayName: auth.user.displayName };
};

function attachment(name: string): string {
  const ascii = name.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\/;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Evidence is only ever an attachment, with its checked type, never sniffed, never cached. */
function sendEvidence(reply: FastifyReply, evidence: { fileName: string; contentType: string; content: Buffer }) {
  return reply
    .type(evidence.contentType)
    .header('content-disposition', attachment(evidence.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(evidence.content);
}

const binary = (description: string) => Type.String({ format: 'binary', description });

/**
 * The supplier portal: a supplier organisation's contracts with every buyer, its reports, comments,
 * evidence and letters; and the buyer's side (reports to review, evidence, inviting the contact).
 */
export async function supplierPortalRoutes(app: App, deps: AppDeps): Promise<void> {
  const { db, now, config, sessionCache, participantKeys } = deps;
  const origin = config.publicUrl ? new URL(config.publicUrl).origin : `http://${config.host}:${config.port}`;
  const memberDeps = {
    db,
    now,
    sessionCache,
    invitationTtlHours: config.invitationTtlHours,
    sendInvitation,
    invitationLink: (token: string) => `${origin}/invitation#${token}`,
    isDemo: async (organisationId: string) => (await findOrganisationById(db, organisationId))?.isDemo ?? false,
  };

  /* ---------------- the supplier's side ---------------- */

  app.get(
    '/api/supplier/contracts',
    {
      schema: {
        tags,
        summary: 'My company’s contracts with every buyer (supplier organisations)',
        description: 'Each contract with its buyer, its commitments and their status as of today, and the next report due. 403 `not_a_supplier_organisation` for any other organisation.',
        response: { 200: SupplierContractList, ...errorResponses },
      },
    },
    async (request) => portal.listMyContracts(db, authOf(request).actor, now()),
  );

  app.get(
    '/api/supplier/contracts/:id',
    {
      schema: {
        tags,
        summary: 'One of my company’s contracts: what was promised, what is done, what is due, deviations, letters, the buyer’s contact',
        params: SupplierContractParams,
        response: { 200: SupplierContractDetail, ...errorResponses },
      },
    },
    async (request) => portal.getMyContract(db, authOf(request).actor, request.params.id, now()),
  );

  app.get(
    '/api/supplier/contracts/:id/periods/:sequence',
    { schema: { tags, summary: 'The report form of a period, pre-filled with the placements known so far', params: SupplierPeriodParams, response: { 200: SupplierReportForm, ...errorResponses } } },
    async (request) => portal.reportForm(db, whoOf(request), request.params.id, request.params.sequence, now()),
  );

  app.post(
    '/api/supplier/contracts/:id/periods/:sequence/report',
    {
      schema: {
        tags,
        summary: 'Submit a period’s report: nothing has changed, or hires and endings; attested by name',
        description: 'The report waits for the buyer’s coordinator (status `pending`). A report the buyer asked a question about may be submitted again. 409 `already_reported` when the buyer has the period’s report.',
        params: SupplierPeriodParams,
        body: SupplierReportSubmit,
        response: { 201: SupplierReport, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await portal.submitReport(db, whoOf(request), request.params.id, request.params.sequence, request.body, now())),
  );

  app.get(
    '/api/supplier/contracts/:id/periods/:sequence/report.xlsx',
    {
      schema: {
        tags,
        summary: 'The period’s report as an .xlsx template, pre-filled with the placements known so far',
        description:
          'Sheet Rapport: a row per known hire (add the last day and reason to end one; add a row without id for a new hire). Sheet Efter anställningen, when the report form asks about ended placements (decision 0806): a row per question, pre-filled as the form is, answered Ja/Nej or left empty. Sheet Instruktioner: the contract, the period and every column explained in Swedish and English.',
        params: SupplierPeriodParams,
        produces: [XLSX],
        response: { 200: binary('XLSX'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await portal.reportTemplate(db, authOf(request).actor, request.params.id, request.params.sequence, now());
      return reply.type(XLSX).header('content-disposition', attachment(file.fileName)).header('cache-control', 'private, no-store').send(file.content);
    },
  );

  app.post(
    '/api/supplier/contracts/:id/periods/:sequence/report.xlsx',
    {
      schema: {
        tags,
        summary: 'Upload the period’s report as the filled-in .xlsx template: preview what changes, then send it',
        description:
          'multipart/form-data: the fields `attestedBy` (required unless previewing) and `note`, then the file in `file` (at most 2 MB). The content must be an .xlsx workbook (415 `unsupported_media_type`), small when unpacked (413 `payload_too_large`), with only the template’s sheets and columns and no formulas. Every problem of every row answers 422 `import_invalid` with sheet, row and column, and nothing is stored. `?preview=true` answers what would change, with the answers of the sheet Efter anställningen (200); otherwise the report and those answers are sent as the web form sends them (201; an officer’s answer is kept).',
        consumes: ['multipart/form-data'],
        params: SupplierPeriodParams,
        querystring: ReportUploadQuery,
        response: { 200: ReportUploadPreview, 201: SupplierReport, ...errorResponses, 413: problem, 415: problem, 422: ReportUploadProblem },
      },
    },
    async (request, reply) => {
      const who = whoOf(request);
      await portal.assertReportTarget(db, who, request.params.id, request.params.sequence);
      if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data in the field "file".');
      const part = await request.file({ limits: { fileSize: REPORT_UPLOAD_MAX_BYTES, files: 1, fields: 5, fieldSize: 4000 } });
      if (part === undefined || part.fieldname !== 'file') throw new AppError('bad_request', 'Send the workbook in the multipart field "file".');
      const field = (name: string): string | null => {
        const value = part.fields[name];
        const one = Array.isArray(value) ? value[0] : value;
        if (!one || one.type !== 'field' || typeof one.value !== 'string') return null;
        // Multipart fields pass no input guard (decision 0321): the same refusal here.
        if (findForbiddenXmlCharacter(one.value) !== null) throw validationFailed([{ path: `/body/${name}`, code: 'invalid_character', message: 'The text contains a character that is not allowed.' }]);
        return one.value;
      };
      let buffer: Buffer;
      let truncated = false;
      try {
        buffer = await part.toBuffer();
      } catch (error) {
        if ((error as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw error;
        buffer = Buffer.alloc(0);
        truncated = true;
      }
      const result = await portal.uploadReport(
        db,
        who,
        request.params.id,
        request.params.sequence,
        { filename: part.filename, buffer, truncated: truncated || part.file.truncated },
        { preview: request.query.preview, attestedBy: field('attestedBy'), note: field('note') },
        now(),
      );
      return result.preview ? reply.status(200).send(result) : reply.status(201).send(result.report);
    },
  );

  app.post(
    '/api/supplier/contracts/:id/periods/:sequence/comments',
    { schema: { tags, summary: 'Answer in the report’s comment thread', params: SupplierPeriodParams, body: CommentBody, response: { 201: SupplierReport, ...errorResponses } } },
    async (request, reply) => reply.status(201).send(await portal.commentAsSupplier(db, whoOf(request), request.params.id, request.params.sequence, request.body.body, now())),
  );

  app.post(
    '/api/supplier/contracts/:id/periods/:sequence/evidence',
    {
      schema: {
        tags,
        summary: 'Attach evidence (an employment contract as PDF, JPEG or PNG, at most 10 MB) to the period’s report',
        description: 'multipart/form-data with the field `file`. The type is decided by the content; anything else answers 415 `unsupported_file_type`, a larger file 413 `evidence_too_large`, and nothing is stored.',
        consumes: ['multipart/form-data'],
        params: SupplierPeriodParams,
        response: { 201: Evidence, ...errorResponses, 413: problem, 415: problem },
      },
    },
    async (request, reply) => {
      const who = whoOf(request);
      // Whose report it is comes first: another organisation's contract is 404 whatever is sent.
      await portal.assertEvidenceTarget(db, who, request.params.id, request.params.sequence);
      if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data in the field "file".');
      const part = await request.file({ limits: { fileSize: MAX_EVIDENCE_BYTES, files: 1 } });
      if (part === undefined || part.fieldname !== 'file') throw new AppError('bad_request', 'Send the file in the multipart field "file".');
      let buffer: Buffer;
      let truncated = false;
      try {
        buffer = await part.toBuffer();
      } catch (error) {
        if ((error as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw error;
        buffer = Buffer.alloc(0);
        truncated = true;
      }
      const stored = await portal.uploadEvidence(db, who, request.params.id, request.params.sequence, { filename: part.filename, buffer, truncated: truncated || part.file.truncated }, now());
      return reply.status(201).send(stored);
    },
  );

  app.get(
    '/api/supplier/contracts/:id/periods/:sequence/evidence/:evidenceId',
    {
      schema: { tags, summary: 'Download evidence my company uploaded (always an attachment; audited)', params: SupplierEvidenceParams, produces: ['application/pdf', 'image/jpeg', 'image/png'], response: { 200: binary('The file'), ...errorResponses } },
    },
    async (request, reply) => sendEvidence(reply, await portal.evidenceForSupplier(db, whoOf(request), request.params.id, request.params.sequence, request.params.evidenceId)),
  );

  app.get(
    '/api/supplier/contracts/:id/letters/:stepId/letter.docx',
    {
      schema: { tags, summary: 'A letter the buyer sent (correction notice, penalty decision), as Word', params: SupplierLetterParams, querystring: LetterQuery, produces: [DOCX], response: { 200: binary('DOCX'), ...errorResponses } },
    },
    async (request, reply) => {
      const input = await portal.letterForSupplier(db, authOf(request).actor, request.params.id, request.params.stepId, request.query.lang ?? 'sv');
      return reply.type(DOCX).header('content-disposition', attachment(`${input.fileName}.docx`)).send(await renderSanctionLetter(input));
    },
  );

  const needTags = ['supplier-portal', 'matching'];
  const AnswerParams = Type.Object({ id: Uuid, needId: Uuid, proposalId: Uuid });

  app.get(
    '/api/supplier/contracts/:id/recruitment-needs',
    { schema: { tags: needTags, summary: 'My recruitment needs under the contract, with the candidates proposed (pseudonymous; name and contact once a candidate consents to an interview with us, each such read logged)', params: SupplierContractParams, response: { 200: Type.Array(SupplierNeedView), ...errorResponses } } },
    async (request) => portal.listNeeds(db, participantKeys, whoOf(request), request.params.id, now()),
  );

  app.post(
    '/api/supplier/contracts/:id/recruitment-needs',
    {
      schema: {
        tags: needTags,
        summary: 'Post an upcoming hire: occupation (SSYK 2012 unit group or JobTech occupation name), number, extent, start, place, requirements',
        params: SupplierContractParams,
        body: SupplierNeedCreate,
        response: { 201: SupplierNeedView, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await portal.postNeed(db, whoOf(request), request.params.id, request.body, now())),
  );

  app.post(
    '/api/supplier/contracts/:id/recruitment-needs/:needId/proposals/:proposalId/answer',
    {
      schema: {
        tags: needTags,
        summary: 'Answer a proposed candidate: interview, offer, or not suitable with a reason',
        params: AnswerParams,
        body: SupplierProposalAnswer,
        response: { 200: SupplierNeedView, ...errorResponses },
      },
    },
    async (request) => portal.answerNeedProposal(db, participantKeys, whoOf(request), request.params.id, request.params.needId, request.params.proposalId, request.body, now()),
  );

  /* ---------------- the buyer's side ---------------- */

  app.get(
    '/api/contracts/:id/supplier-reports',
    { schema: { tags, summary: 'The reports the supplier submitted for a contract (coordinators)', params: SupplierContractParams, response: { 200: BuyerSupplierReports, ...errorResponses } } },
    async (request) => portal.reportsForBuyer(db, authOf(request).actor, request.params.id),
  );

  app.post(
    '/api/contracts/:id/supplier-reports/:reportId/approve',
    {
      schema: {
        tags,
        summary: 'Approve a supplier’s report: its hires become placements, its endings end placements, the period is reported',
        params: BuyerReportParams,
        body: ApproveBody,
        response: { 200: SupplierReport, ...errorResponses },
      },
    },
    async (request) => portal.approveReport(db, whoOf(request), request.params.id, request.params.reportId, request.body, now()),
  );

  app.post(
    '/api/contracts/:id/supplier-reports/:reportId/comments',
    { schema: { tags, summary: 'Write in a report’s thread; `question: true` asks a question the supplier answers', params: BuyerReportParams, body: BuyerCommentBody, response: { 201: SupplierReport, ...errorResponses } } },
    async (request, reply) => reply.status(201).send(await portal.commentAsBuyer(db, whoOf(request), request.params.id, request.params.reportId, request.body, now())),
  );

  app.get(
    '/api/contracts/:id/supplier-reports/:reportId/evidence/:evidenceId',
    {
      schema: { tags, summary: 'Download a report’s evidence (coordinators; always an attachment; audited)', params: BuyerEvidenceParams, produces: ['application/pdf', 'image/jpeg', 'image/png'], response: { 200: binary('The file'), ...errorResponses } },
    },
    async (request, reply) => sendEvidence(reply, await portal.evidenceForBuyer(db, whoOf(request), request.params.id, request.params.reportId, request.params.evidenceId)),
  );

  app.post(
    '/api/contracts/:id/supplier-contacts',
    {
      schema: {
        tags,
        summary: 'Invite the supplier’s contact to the supplier portal (procurers of the contract’s unit, coordinators)',
        description: 'Creates the supplier’s organisation on the first invitation; its first contact becomes its admin. The link goes out by e-mail (single use, expiring).',
        params: SupplierContractParams,
        body: SupplierContactInvite,
        response: { 201: SupplierContactInvited, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await portal.inviteSupplierContact(memberDeps, whoOf(request), request.params.id, request.body.email)),
  );
}
