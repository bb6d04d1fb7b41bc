import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const cacheLookups = new WeakMap<FastifyInstance, Counter<'cache' | 'result'>>();

/**
 * Counts a lookup in one of the app's answer caches (`hansyn_cache_lookups_total{cache, result}`),
 * so the hit rate under real use can be read from GET /metrics. A no-op on an app without metrics.
 */
export function countCacheLookup(app: FastifyInstance, cache: string, hit: boolean): void {
  cacheLookups.get(app)?.inc({ cache, result: hit ? 'hit' : 'miss' });
}

/** Prometheus metrics for this app instance, served at GET /metrics. */
export function registerMetrics(app: FastifyInstance): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'hansyn_' });
  cacheLookups.set(
    app,
    new Counter({
      name: 'hansyn_cache_lookups_total',
      help: 'Lookups in the answer caches (register list, follow-up) by result',
      labelNames: ['cache', 'result'] as const,
      registers: [registry],
    }),
  );
  const duration = new Histogram({
    name: 'hansyn_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'hansyn_http_server_errors_total',
    help: 'Responses with status 5xx',
    labelNames: ['route'] as const,
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    duration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    if (reply.statusCode >= 500) errors.inc({ route });
  });
  app.get('/metrics', { schema: { hide: true }, config: { public: true, anonymous: true } }, async (_request, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
  return registry;
}
