import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../tests/support/factories.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('operations endpoints', () => {
  it('reports alive and ready (database reachable, migrations applied)', async () => {
    expect((await ctx.app.inject({ url: '/api/health' })).json()).toEqual({ status: 'ok' });
    const ready = await ctx.app.inject({ url: '/api/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe('ready');
  });

  it('serves Prometheus metrics including request durations by route', async () => {
    await ctx.app.inject({ url: '/api/health' });
    const metrics = await ctx.app.inject({ url: '/metrics' });
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toMatch(/hansyn_http_request_duration_seconds_bucket\{.*route="\/api\/health"/);
    expect(metrics.body).toContain('hansyn_process_cpu_seconds_total');
  });

  it('describes the API in OpenAPI 3.1 generated from the routes, with interactive docs', async () => {
    const spec = (await ctx.app.inject({ url: '/api/openapi.json' })).json();
    expect(spec.openapi).toBe('3.1.0');
    for (const path of ['/api/auth/login', '/api/auth/logout', '/api/me', '/api/procurements', '/api/procurements/{id}', '/api/procurements/{id}/status']) {
      expect(spec.paths[path], path).toBeDefined();
    }
    expect(spec.paths['/api/procurements'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['page', 'pageSize', 'sort', 'unitId', 'status', 'contractNature', 'year', 'cpvDivision', 'q']),
    );
    expect(spec.components.schemas.Problem).toBeDefined();
    const docs = await ctx.app.inject({ url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('answers unknown API routes and malformed requests as problem+json without internals', async () => {
    const missing = await ctx.app.inject({ url: '/api/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    const malformed = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    expect(malformed.body).not.toMatch(/at .*\.js:\d+/);
  });
});
