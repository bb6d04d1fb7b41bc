import { Type } from '@sinclair/typebox';
import { codelist } from '../../../interop/reference/codelists.js';
import { loadCpvCatalogue } from '../../../interop/reference/cpv-catalogue.js';
import { notFound } from '../../errors.js';
import type { App, AppDeps } from '../../deps.js';
import { errorResponses } from '../../schemas.js';
import { Codelists, Coded, CpvSearchAnswer } from './reference-schemas.js';

/** Reference vocabularies: CPV 2008 and the eForms codelists the register uses. */
export async function referenceRoutes(app: App, _deps: AppDeps): Promise<void> {
  app.get(
    '/api/reference/cpv',
    {
      config: { public: true },
      schema: {
        tags: ['reference'],
        summary: 'Search CPV codes by code or Swedish/English words',
        querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 100 }), limit: Type.Integer({ minimum: 1, maximum: 50, default: 20 }) }),
        response: { 200: CpvSearchAnswer, ...errorResponses },
      },
    },
    async (request) => ({ items: loadCpvCatalogue().search(request.query.q, request.query.limit) }),
  );

  app.get(
    '/api/reference/cpv/:code',
    {
      config: { public: true },
      schema: {
        tags: ['reference'],
        summary: 'One CPV code with its labels',
        params: Type.Object({ code: Type.String({ pattern: '^[0-9]{8}$' }) }),
        response: { 200: Coded, ...errorResponses },
      },
    },
    async (request) => {
      const entry = loadCpvCatalogue().get(request.params.code);
      if (!entry) throw notFound('The CPV code');
      return entry;
    },
  );

  app.get(
    '/api/reference/codelists',
    {
      config: { public: true },
      schema: {
        tags: ['reference'],
        summary: 'eForms codelists used by the register, with Swedish and English labels',
        response: { 200: Codelists },
      },
    },
    async () => ({
      contractNature: codelist('contract-nature'),
      procedureType: codelist('procurement-procedure-type'),
      strategicProcurement: codelist('strategic-procurement'),
      socialObjective: codelist('social-objective'),
      reservedProcurement: codelist('reserved-procurement'),
    }),
  );
}
