import { Type } from '@sinclair/typebox';
import type { App } from '../../deps.js';
import { whoOf } from '../../access.js';
import { errorResponses } from '../../schemas.js';
import { EffectCalculation, EffectResultView, ParameterYears } from './effects-schemas.js';
import { calculateEffects, parameterYears } from './effects-service.js';

const tags = ['results'];

/** The socio-economic what-if calculator (UHM's method) and the parameter years it knows. */
export async function effectsRoutes(app: App): Promise<void> {
  app.addSchema(EffectResultView);

  app.post(
    '/api/effects/calculate',
    {
      schema: {
        tags,
        summary: 'Socio-economic value of a planned employment requirement (UHM’s method), by actor, with its steps and sources',
        description:
          'Static effects over one requirement period against the counterfactual that the person stays unemployed, booked to the individual, the municipality, the region, the state and the employer (öre). Dynamic effects, health effects and displacement are outside the method. With `sroi`, an adjusted figure is returned beside the UHM figure, never mixed into it. docs/results.md explains every step.',
        body: EffectCalculation,
        response: { 200: Type.Ref(EffectResultView), ...errorResponses },
      },
    },
    async (request) => calculateEffects(whoOf(request), request.body),
  );

  app.get(
    '/api/effects/parameter-years',
    { schema: { tags, summary: 'The years a parameter set is shipped for', response: { 200: ParameterYears, ...errorResponses } } },
    async () => ({ years: parameterYears() }),
  );
}
