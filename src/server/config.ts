import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/**
 * The only place that reads the process environment. Everything is parsed and validated
 * once at start; every problem is listed together so an operator can fix them in one go.
 */
const EnvSchema = Type.Object({
  HOST: Type.String({ default: '127.0.0.1', minLength: 1 }),
  PORT: Type.Integer({ default: 3000, minimum: 0, maximum: 65535 }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  HANSYN_DATABASE_POOL_SIZE: Type.Integer({ default: 10, minimum: 1, maximum: 500 }),
  HANSYN_DATA_DIR: Type.String({ default: './data', minLength: 1 }),
  HANSYN_DEMO: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  HANSYN_PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  HANSYN_OCID_PREFIX: Type.String({ default: 'ocds-hansyn', minLength: 1 }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  HANSYN_LOG_FORMAT: Type.Union([Type.Literal('auto'), Type.Literal('json'), Type.Literal('pretty')], { default: 'auto' }),
  HANSYN_SESSION_TTL_HOURS: Type.Integer({ default: 12, minimum: 1, maximum: 720 }),
  HANSYN_LOGIN_RATE_LIMIT: Type.Integer({ default: 10, minimum: 1, maximum: 10_000 }),
  HANSYN_LOGIN_IP_RATE_LIMIT: Type.Integer({ default: 100, minimum: 1, maximum: 100_000 }),
  HANSYN_TRUST_PROXY: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  HANSYN_INVITATION_TTL_HOURS: Type.Integer({ default: 168, minimum: 1, maximum: 2_160 }),
  HANSYN_LIST_CACHE_ENTRIES: Type.Integer({ default: 500, minimum: 0, maximum: 100_000 }),
  HANSYN_REGISTER_SNAPSHOT_ROWS: Type.Integer({ default: 200_000, minimum: 0, maximum: 10_000_000 }),
  HANSYN_IMPORTS_MAX_RUNNING: Type.Integer({ default: 2, minimum: 1, maximum: 100 }),
  HANSYN_IMPORT_PARSE_WORKERS: Type.Integer({ default: 0, minimum: 0, maximum: 16 }),
  HANSYN_SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://[^\\s]+$' })),
  HANSYN_MAIL_FROM: Type.Optional(Type.String({ pattern: '^[^\\r\\n@]*[^\\s@<>]@[^\\s@<>]+[^\\r\\n@]*$', maxLength: 254 })),
  HANSYN_PARTICIPANT_KEYS: Type.Optional(Type.String({ pattern: '^\\s*[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=\\s*(,\\s*[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=\\s*)*$' })),
  HANSYN_PARTICIPANT_RETENTION_MONTHS: Type.Integer({ default: 24, minimum: 1, maximum: 240 }),
});

export interface AppConfig {
  host: string;
  port: number;
  /** `poolSize`: connections to the PostgreSQL server this process opens at most. */
  database: { kind: 'pglite'; dataDir: string | null } | { kind: 'postgres'; url: string; poolSize: number };
  /** Seed demo data into an empty database at start. */
  demo: boolean;
  /** Cookies get the Secure flag when the public URL is https. */
  secureCookies: boolean;
  publicUrl: string | null;
  ocidPrefix: string;
  logLevel: Static<typeof EnvSchema>['LOG_LEVEL'];
  /** `pretty`: readable lines and a start banner; `json`: pino lines; `auto`: pretty on a terminal. */
  logFormat: Static<typeof EnvSchema>['HANSYN_LOG_FORMAT'];
  sessionTtlHours: number;
  /** Failed sign-ins per normalised e-mail in 15 minutes, counted across all server processes. */
  loginRateLimit: number;
  /** Failed sign-ins per client address in 15 minutes (higher: colleagues may share a proxy). */
  loginIpRateLimit: number;
  /**
   * Which reverse proxies' X-Forwarded-For to believe for the client address (sign-in limit):
   * false (default), true, a hop count, or a comma-separated list of addresses/CIDR ranges.
   */
  trustProxy: boolean | number | string[];
  /** How long an invitation link can be used. */
  invitationTtlHours: number;
  /** Register list answers kept in memory per server process; 0 turns the cache off. */
  listCacheEntries: number;
  /** Register rows held in register snapshots per server process, all organisations together; 0 turns them off (decision 0913). */
  registerSnapshotRows: number;
  /** eForms uploads running at once across all server processes (at most one per organisation). */
  importsMaxRunning: number;
  /** Worker threads parsing notices beside the thread that stores them, per running import (0: parse in that thread). */
  importParseWorkers: number;
  /** Where the built web app lives; null serves no web app (API only). */
  webDir: string | null;
  /** Outgoing e-mail: sent over SMTP when `smtpUrl` is set, otherwise kept in the outbox. */
  mail: { smtpUrl: string | null; from: string };
  /**
   * Participants (docs/privacy.md, decision 0701): `keys` is HANSYN_PARTICIPANT_KEYS
   * (`keyId:base64,…`, first active) or null, then the embedded database uses the key file in its
   * data directory; `retentionMonths` after the last placement ended, identity and profile go.
   */
  participants: { keys: string | null; retentionMonths: number };
}

/**
 * The origin every public link (OCDS `uri`, publisher) is built from: HANSYN_PUBLIC_URL, or else
 * the address the server listens on. Never the request's Host header, which any client chooses:
 * a reflected Host in a publicly cached package would poison every cache on the way (issue 8).
 */
export function publicBaseUrl(config: Pick<AppConfig, 'publicUrl' | 'host' | 'port'>): string {
  if (config.publicUrl) return config.publicUrl.replace(/\/+$/, '');
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return `http://${host}:${config.port}`;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const NUMERIC_KEYS = new Set(['PORT', 'HANSYN_DATABASE_POOL_SIZE', 'HANSYN_SESSION_TTL_HOURS', 'HANSYN_LOGIN_RATE_LIMIT', 'HANSYN_LOGIN_IP_RATE_LIMIT', 'HANSYN_INVITATION_TTL_HOURS', 'HANSYN_LIST_CACHE_ENTRIES', 'HANSYN_REGISTER_SNAPSHOT_ROWS', 'HANSYN_IMPORTS_MAX_RUNNING', 'HANSYN_IMPORT_PARSE_WORKERS', 'HANSYN_PARTICIPANT_RETENTION_MONTHS']);

/** Parse configuration from an environment object (normally `process.env`). */
export function loadConfig(env: Record<string, string | undefined>, webDir: string | null = null): AppConfig {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(EnvSchema.properties)) {
    const value = env[key];
    if (value === undefined || value === '') continue;
    raw[key] = NUMERIC_KEYS.has(key) && /^-?\d+$/.test(value) ? Number(value) : value;
  }
  const withDefaults = Value.Default(EnvSchema, raw);
  const problems = [...Value.Errors(EnvSchema, withDefaults)].map(
    (e) => `${e.path.slice(1) || 'environment'}: ${e.message}${e.value === undefined ? '' : ` (got ${JSON.stringify(e.value)})`}`,
  );
  if (raw.HANSYN_SMTP_URL !== undefined && raw.HANSYN_MAIL_FROM === undefined) {
    problems.push('HANSYN_MAIL_FROM: required when HANSYN_SMTP_URL is set (the sender, e.g. "Hänsyn <noreply@kommun.se>")');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const parsed = withDefaults as Static<typeof EnvSchema>;
  const usesServer = parsed.DATABASE_URL !== undefined;
  return {
    host: parsed.HOST,
    port: parsed.PORT,
    database: usesServer
      ? { kind: 'postgres', url: parsed.DATABASE_URL!, poolSize: parsed.HANSYN_DATABASE_POOL_SIZE }
      : { kind: 'pglite', dataDir: parsed.HANSYN_DATA_DIR },
    demo: parsed.HANSYN_DEMO === undefined ? !usesServer : parsed.HANSYN_DEMO === 'true',
    secureCookies: parsed.HANSYN_PUBLIC_URL?.startsWith('https://') ?? false,
    publicUrl: parsed.HANSYN_PUBLIC_URL ?? null,
    ocidPrefix: parsed.HANSYN_OCID_PREFIX,
    logLevel: parsed.LOG_LEVEL,
    logFormat: parsed.HANSYN_LOG_FORMAT,
    sessionTtlHours: parsed.HANSYN_SESSION_TTL_HOURS,
    loginRateLimit: parsed.HANSYN_LOGIN_RATE_LIMIT,
    loginIpRateLimit: parsed.HANSYN_LOGIN_IP_RATE_LIMIT,
    invitationTtlHours: parsed.HANSYN_INVITATION_TTL_HOURS,
    trustProxy: parseTrustProxy(parsed.HANSYN_TRUST_PROXY),
    listCacheEntries: parsed.HANSYN_LIST_CACHE_ENTRIES,
    registerSnapshotRows: parsed.HANSYN_REGISTER_SNAPSHOT_ROWS,
    importsMaxRunning: parsed.HANSYN_IMPORTS_MAX_RUNNING,
    importParseWorkers: parsed.HANSYN_IMPORT_PARSE_WORKERS,
    webDir,
    mail: { smtpUrl: parsed.HANSYN_SMTP_URL ?? null, from: parsed.HANSYN_MAIL_FROM ?? 'Hänsyn <noreply@localhost>' },
    participants: { keys: parsed.HANSYN_PARTICIPANT_KEYS?.trim() ?? null, retentionMonths: parsed.HANSYN_PARTICIPANT_RETENTION_MONTHS },
  };
}

function parseTrustProxy(value: string | undefined): boolean | number | string[] {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((v) => v.trim()).filter((v) => v.length > 0);
}
