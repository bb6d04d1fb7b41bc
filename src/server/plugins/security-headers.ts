import helmet from '@fastify/helmet';
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

export async function registerSecurityHeaders(app: FastifyInstance, { https }: { https: boolean }): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(https) },
    // A year, only where https is configured; browsers ignore it over http anyway.
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
}
