import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';

/**
 * The security headers of every answer, through @fastify/helmet (decision 0323). The web app is
 * one Vite bundle: scripts, styles and fonts come from the same origin as external files, and
 * React sets inline styles through the CSSOM, which CSP does not restrict, so the policy needs no
 * 'unsafe-inline' and no nonce. Swagger UI at /api/docs has inline scripts and styles; it sends
 * its own policy with their hashes (swaggerUiPolicy).
 */
const APP_STYLE_HASH = "'sha256-38RhXrc7EdReTKsOm23ZPOCUgniTUUcjky8QOOrQx6o='";
/** The <style> element swagger-ui-bundle.js inserts. */
const SWAGGER_STYLE_HASH = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";

export function contentSecurityPolicy(https: boolean): Record<string, string[] | null> {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'connect-src': ["'self'"],
    'font-src': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    // data: for the empty favicon of index.html (<link rel="icon" href="data:,">).
    'img-src': ["'self'", 'data:'],
    'object-src': ["'none'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    // One <style> element the bundle inserts at start (found by tests/e2e/security-headers): allowed
    // by its hash only, so no other inline style runs. A changed library fails that test.
    'style-src': ["'self'", APP_STYLE_HASH],
    // Only where the server is reached over https: on plain http it would break every request.
    'upgrade-insecure-requests': https ? [] : null,
  };
}

/**
 * Swagger UI's own policy (sent by @fastify/swagger-ui with the hashes of its inline code),
 * without what this app does not need: no framing by anyone and no https upgrade over http.
 */
export function swaggerUiPolicy(header: string, https: boolean): string {
  return header
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive !== '' && (https || directive !== 'upgrade-insecure-requests'))
    .map((directive) => (directive.startsWith('frame-ancestors') ? "frame-ancestors 'none'" : directive))
    .map((directive) => (directive.startsWith('style-src ') ? `${directive} ${SWAGGER_STYLE_HASH}` : directive))
    .join('; ');
}

/** Helmet's options for every answer (decision 0323). */
function helmetOptions(https: boolean): Record<string, unknown> {
  return {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(https) },
    // A year, only where https is configured; browsers ignore it over http anyway.
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  };
}

type HelmetMiddleware = (req: unknown, res: { setHeader(name: string, value: string): void; removeHeader(name: string): void }, next: (error?: unknown) => void) => void;

/**
 * The headers helmet sets with these options, computed once. @fastify/helmet called `helmet(options)`
 * on every request, which parsed and validated the options and the CSP directives again each time
 * (≈8 % of the server thread under GET /api/health; decision 0912). None of our values depends on
 * the request (no nonces, no functions), so the answer is the same every time.
 */
export function securityHeaders(https: boolean): ReadonlyArray<[string, string]> {
  // The very helmet @fastify/helmet used (its dependency), as lazy-schema-compilers does for Fastify's.
  const require = createRequire(import.meta.url);
  const helmet = createRequire(require.resolve('@fastify/helmet'))('helmet') as (options: Record<string, unknown>) => HelmetMiddleware;
  const headers = new Map<string, [string, string]>();
  helmet(helmetOptions(https))(
    {},
    {
      setHeader: (name, value) => headers.set(name.toLowerCase(), [name, String(value)]),
      removeHeader: (name) => headers.delete(name.toLowerCase()),
    },
    (error) => {
      if (error) throw error instanceof Error ? error : new Error(String(error));
    },
  );
  return [...headers.values()];
}

export function registerSecurityHeaders(app: FastifyInstance, { https }: { https: boolean }): void {
  const headers = securityHeaders(https);
  // On the raw response, as helmet did, so a header a route or plugin sets later still wins.
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
}
