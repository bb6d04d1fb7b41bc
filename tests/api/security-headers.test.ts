import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisations } from '../../src/db/schema/index.js';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { createOrganisation, createTestApp, createUser, login, validProcurement, type TestContext } from '../support/factories.js';
import { createTestDatabase } from '../support/test-database.js';
import { eq } from 'drizzle-orm';

/**
 * Issue 8 item 6: the usual security headers on every answer (API, web app, Swagger UI), a
 * Content-Security-Policy without inline code, and public URLs from configuration only.
 */
let ctx: TestContext;
let webDir: string;
let slug: string;

/** The directives of a CSP header, by name. */
function directives(header: string | undefined): Map<string, string[]> {
  expect(header, 'content-security-policy').toBeDefined();
  return new Map(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

beforeAll(async () => {
  // A minimal built web app, so that the SPA fallback and static files are served too.
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hansyn-web-'));
  fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><html lang="sv"><head><title>Hänsyn</title></head><body><div id="root"></div></body></html>');
  fs.mkdirSync(path.join(webDir, 'assets'));
  fs.writeFileSync(path.join(webDir, 'assets', 'app.js'), 'console.log(1)');
  const database = await createTestDatabase();
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '3999' }, webDir), database });
  await app.ready();
  ctx = { app, db: database.db, close: async () => { await app.close(); await database.close(); } };
  const org = await createOrganisation(ctx.db, { openDataPublished: true });
  slug = org.slug;
  const session = await login(ctx.app, (await createUser(ctx.db, org.id, ['admin', 'coordinator', 'procurer'])).email);
  const created = await session.post('/api/procurements', validProcurement(org.unit.id));
  expect(created.statusCode).toBe(201);
  for (const status of ['in_preparation', 'published']) {
    const changed = await session.post(`/api/procurements/${created.json().id}/status`, { status });
    expect(changed.statusCode, changed.body).toBe(200);
  }
});
afterAll(async () => {
  await ctx.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

describe('security headers', () => {
  it.each([
    ['the web app', '/'],
    ['a deep link of the web app', '/procurements/new'],
    ['a static file', '/assets/app.js'],
    ['an API answer', '/api/health'],
    ['an API error', '/api/procurements'],
    ['the OpenAPI document', '/api/openapi.json'],
    ['an unknown API path', '/api/nothing-here'],
  ])('%s gets them', async (_name, url) => {
    const response = await ctx.app.inject({ method: 'GET', url });
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'same-origin',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
    });
    const csp = directives(response.headers['content-security-policy'] as string);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'", expect.stringMatching(/^'sha256-/)]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    // Served over http without HANSYN_PUBLIC_URL: no https upgrade, no HSTS.
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('no policy allows inline code or eval', async () => {
    for (const url of ['/', '/api/health']) {
      const header = String((await ctx.app.inject({ method: 'GET', url })).headers['content-security-policy']);
      expect(header).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    }
  });

  it('Swagger UI gets its own policy: no inline code, no framing, no upgrade over http', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    const csp = directives(response.headers['content-security-policy'] as string);
    expect(csp.get('script-src')).toContain("'self'");
    expect(String(response.headers['content-security-policy'])).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
    expect(response.headers['x-frame-options']).toBe('DENY');
  });

  it('adds HSTS and the https upgrade where HANSYN_PUBLIC_URL is https', async () => {
    const secure = await createTestApp({ HANSYN_PUBLIC_URL: 'https://hansyn.example.se' });
    try {
      const response = await secure.app.inject({ method: 'GET', url: '/api/health' });
      expect(response.headers['strict-transport-security']).toBe('max-age=31536000');
      expect(directives(response.headers['content-security-policy'] as string).has('upgrade-insecure-requests')).toBe(true);
      const docs = await secure.app.inject({ method: 'GET', url: '/api/docs/' });
      expect(directives(docs.headers['content-security-policy'] as string).has('upgrade-insecure-requests')).toBe(true);
    } finally {
      await secure.close();
    }
  }, 120_000);
});

describe('public URLs come from configuration, never from the Host header', () => {
  it('the public OCDS package names the configured address whatever Host says, and may be cached', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: `/api/ocds/release-package?org=${slug}`, headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.body).not.toContain('evil.example');
    expect(response.json().uri).toBe(`http://127.0.0.1:3999/api/ocds/release-package?org=${slug}`);
    expect(response.headers['cache-control']).toBe('public, max-age=300');
  });

  it('two Host headers give byte-identical public packages, so a shared cache cannot be poisoned', async () => {
    const a = await ctx.app.inject({ method: 'GET', url: `/api/ocds/release-package?org=${slug}`, headers: { host: 'a.example' } });
    const b = await ctx.app.inject({ method: 'GET', url: `/api/ocds/release-package?org=${slug}`, headers: { host: 'b.example:8443' } });
    expect(a.body).toBe(b.body);
  });

  it('uses HANSYN_PUBLIC_URL when it is set', async () => {
    const configured = await createTestApp({ HANSYN_PUBLIC_URL: 'https://hansyn.example.se/' });
    try {
      const org = await createOrganisation(configured.db, { openDataPublished: true });
      const session = await login(configured.app, (await createUser(configured.db, org.id, ['admin', 'procurer'])).email);
      const created = await session.post('/api/procurements', validProcurement(org.unit.id));
      for (const status of ['in_preparation', 'published']) await session.post(`/api/procurements/${created.json().id}/status`, { status });
      const response = await configured.app.inject({ method: 'GET', url: `/api/ocds/release-package?org=${org.slug}`, headers: { host: 'evil.example' } });
      expect(response.json().uri).toBe(`https://hansyn.example.se/api/ocds/release-package?org=${org.slug}`);
      await configured.db.update(organisations).set({ openDataPublished: false }).where(eq(organisations.id, org.id));
    } finally {
      await configured.close();
    }
  }, 120_000);
});
