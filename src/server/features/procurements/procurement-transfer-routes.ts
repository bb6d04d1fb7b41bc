import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { App, AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { authOf } from '../../plugins/authenticate.js';
import { errorResponses, problem } from '../../schemas.js';
import { whoOf } from '../../access.js';
import { ImportProblem, ImportQuery, ImportResult, ProcurementExportQuery } from './procurement-schemas.js';
import {
  assertMayImport,
  CONTENT_TYPES,
  exportProcurements,
  importProcurementFile,
  importTemplate,
  type SheetFormat,
} from './procurement-transfer-service.js';
import { assertCan } from '../../access.js';

/** The list's filters and sort, without paging: an export holds every matching row. */
const fileResponse = (format: SheetFormat, description: string) => ({
  description,
  content: { [CONTENT_TYPES[format].split(';')[0]!]: { schema: { type: 'string', format: 'binary' } } },
});

function sendFile(reply: FastifyReply, format: SheetFormat, filename: string, body: unknown): FastifyReply {
  return reply
    .type(CONTENT_TYPES[format])
    .header('content-disposition', `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('cache-control', 'no-store')
    .send(body);
}

/**
 * Spreadsheet import and export of the register (docs/import-export.md). The paths are static,
 * so they never reach `/api/procurements/:id` and its uuid check.
 */
export async function procurementTransferRoutes(app: App, { db, now }: AppDeps): Promise<void> {
  app.addSchema(ImportProblem);

  for (const format of ['xlsx', 'csv'] as const) {
    app.get(
      `/api/procurements/import-template.${format}`,
      {
        schema: {
          tags: ['procurements'],
          summary: `Import template (.${format})`,
          description:
            format === 'xlsx'
              ? 'An empty data sheet with the column headers, the sheet "Instruktioner" describing every column (Swedish and English) with an example, and the sheet "Enheter" with your unit codes.'
              : 'The header line only (UTF-8 with BOM, semicolons). Column descriptions are in the .xlsx template and docs/import-export.md.',
          response: { 200: fileResponse(format, `Import template as .${format}`), ...errorResponses },
        },
      },
      async (request, reply) => {
        const { actor } = authOf(request);
        assertCan(actor, 'procurement:read', { organisationId: actor.organisationId });
        const { filename, body } = await importTemplate(db, actor, format, now());
        return sendFile(reply, format, filename, body);
      },
    );

    app.get(
      `/api/procurements/export.${format}`,
      {
        schema: {
          tags: ['procurements'],
          summary: `Export the register (.${format})`,
          description:
            `Every procurement matching the same filters and sort as GET /api/procurements (at most 100,000), in the import template's columns. ` +
            (format === 'csv' ? 'UTF-8 with BOM, semicolons, decimal comma, for Swedish Excel. ' : '') +
            'Text cells starting with = + - @ are prefixed with an apostrophe against formula injection.',
          querystring: ProcurementExportQuery,
          response: { 200: fileResponse(format, `The register as .${format}`), ...errorResponses },
        },
      },
      async (request, reply) => {
        const q = request.query;
        const { filename, body } = await exportProcurements(
          db,
          authOf(request).actor,
          { sort: q.sort, unitIds: q.unitId, statuses: q.status, contractNature: q.contractNature, year: q.year, cpvDivision: q.cpvDivision, q: q.q },
          format,
          now(),
        );
        return sendFile(reply, format, filename, body);
      },
    );
  }

  app.post(
    '/api/procurements/import',
    {
      schema: {
        tags: ['procurements'],
        summary: 'Import procurements from a spreadsheet (.xlsx or .csv)',
        description:
          'Send the file as multipart/form-data in the field `file` (at most 20 MB and 10,000 rows). Every row is checked by the same rules as ' +
          'POST /api/procurements; nothing is stored unless the whole file is valid, and then all rows are stored together, each with an audit event. ' +
          'With `dryRun=true` the file is only checked. Errors answer 422 with `errors: [{ row, column, code, message }]`.',
        consumes: ['multipart/form-data'],
        querystring: ImportQuery,
        response: { 200: ImportResult, ...errorResponses, 413: problem, 415: problem, 422: Type.Ref(ImportProblem) },
      },
    },
    async (request) => {
      const who = whoOf(request);
      assertMayImport(who.actor);
      if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data in the field "file".');
      const part = await request.file();
      if (part === undefined || part.fieldname !== 'file') throw new AppError('bad_request', 'Send the spreadsheet in the multipart field "file".');
      const buffer = await part.toBuffer();
      return importProcurementFile(db, who, { buffer, filename: part.filename }, { dryRun: request.query.dryRun, now: now() });
    },
  );
}
