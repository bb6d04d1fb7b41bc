import { randomUUID } from 'node:crypto';
import { Ajv, type AnySchema } from 'ajv';
import addFormats from 'ajv-formats';
import type { LightMyRequestResponse } from 'fastify';
import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPLOYMENT_CONDITION } from '../../src/domain/requirements/starter-templates.js';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { createOrganisation, createUser, login, validProcurement, type Session, type TestContext } from '../support/factories.js';
import { createTestDatabase } from '../support/test-database.js';
import { CONSTRUCTED_NOTICE, CONSTRUCTED_NOTICE_ID, multipartFile } from '../support/notice-variants.js';

/**
 * Hostile input, for every operation in the OpenAPI document (issue 8 item 5): NUL characters,
 * lone surrogates, characters XML 1.0 forbids, numbers that overflow, huge strings and arrays,
 * deep nesting and hostile object keys go into every path parameter, query parameter and JSON
 * body field, signed in as an admin. Any 5xx fails. Operations added later are covered without
 * change: their bodies are generated from their schemas (EXAMPLES only gives some operations a
 * body that is accepted, so the hostile value reaches the service and the database). A canary
 * route that fails on long strings proves, in every run, that the walk finds a 5xx.
 */
let organisation: Awaited<ReturnType<typeof createOrganisation>>;
let admin: Session;
const ids: Record<string, string> = {};

interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}
interface Operation {
  parameters?: Array<{ in: 'path' | 'query' | 'header' | 'cookie'; name: string; required?: boolean; schema: JsonSchema }>;
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}
type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  minItems?: number;
  format?: string;
  additionalProperties?: boolean | JsonSchema;
  [key: string]: unknown;
};

/** Raw query-string / path texts (already percent-encoded where that is the attack). */
const HOSTILE_URL_VALUES = [
  '%00',
  'a%00b',
  '%ED%A0%80', // a lone surrogate, as CESU bytes
  '%EF%BF%BF', // U+FFFF
  '1e300',
  '99999999999999999999',
  'Infinity',
  '-Infinity',
  'NaN',
  '9223372036854775808',
  'x'.repeat(20_000),
];
const HOSTILE_PATH_VALUES = ['%00', '%ED%A0%80', '%EF%BF%BF', '1e300', 'Infinity', '..%2F..%2Fetc', 'x'.repeat(5_000)];

const DEPTH = 5_000;
/** Raw JSON texts put in place of one body field. */
const HOSTILE_JSON_STRINGS = [
  JSON.stringify('a\u0000b'),
  '"a\\ud800b"',
  JSON.stringify('a\uFFFFb'),
];
const HOSTILE_JSON_NUMBERS = ['1e308', '-1e308', '1e999', String(2 ** 63), '0.5'];
const HOSTILE_JSON_SHAPES = [
  '['.repeat(DEPTH) + ']'.repeat(DEPTH),
  '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH),
  `[${'"x",'.repeat(200_000)}"x"]`,
  '{"\\u0000":1,"a\\ud800":2}',
  'null',
];

/** Bodies the services accept, so that one hostile field at a time reaches the database. */
const EXAMPLES: Record<string, () => unknown> = {
  'POST /api/auth/login': () => ({ email: 'someone@test.example', password: 'not the password at all' }),
  'POST /api/procurements': () => validProcurement(organisation.unit.id),
  'PATCH /api/procurements/{id}': () => ({ ...validProcurement(organisation.unit.id), version: 1 }),
  'PUT /api/procurements/{id}/decision': () => ({
    kind: 'apply',
    requirements: [{ templateVersionId: ids.templateVersion, lotNumbers: null, parameters: { positions: 3 } }],
    justification: 'Bedömning: villkoren är uppfyllda utom beredskapen.',
  }),
  'PUT /api/requirement-templates/{id}/draft': () => ({ content: EMPLOYMENT_CONDITION }),
  'POST /api/requirement-templates': () => ({ content: { ...EMPLOYMENT_CONDITION, key: 'hostile-copy' } }),
  'POST /api/requirement-templates/preview': () => ({ content: EMPLOYMENT_CONDITION, lang: 'sv' }),
};

/** Which fixture a path's `{id}` points at, by path prefix (longest first). */
const PATH_IDS: Array<[prefix: string, id: () => string]> = [
  ['/api/procurements/{id}', () => ids.procurement!],
  ['/api/requirement-templates/{id}', () => ids.template!],
  ['/api/units/{id}', () => ids.unit!],
  ['/api/users/{id}', () => ids.user!],
  ['/api/me/tokens/{id}', () => ids.token!],
  ['/api/market/notices/{noticeId}', () => CONSTRUCTED_NOTICE_ID],
  ['/api/reference/cpv/{code}', () => '90911200'],
  ['/api/contracts/{id}', () => ids.contract!],
  ['/api/invitations/{id}', () => ids.invitation!],
];

/** Path parameters other than a record's `{id}`, by name. */
const PARAM_IDS: Record<string, () => string> = {
  placementId: () => ids.placement!,
  deviationId: () => ids.deviation!,
  stepId: () => ids.sanctionStep!,
  sequence: () => '1',
};

/** Uuid-valued body fields by name; any other uuid gets a random one. */
const UUID_FIELDS: Record<string, () => string> = {
  unitId: () => organisation.unit.id,
  parentId: () => organisation.unit.id,
  templateVersionId: () => ids.templateVersion!,
  responsibleUserId: () => ids.adminUser!,
  userId: () => ids.user!,
};

/** Strings tried, in order, for a string field with a pattern or format; the first valid one is used. */
const STRING_CANDIDATES = [
  '90911200',
  '90',
  '2026-04-01',
  '2026-04-01T08:00:00.000Z',
  'hostile@test.example',
  'employment-condition',
  'HOST1',
  '212000-1355',
  'SE',
  'sv',
  'Text som är tillräckligt lång för en motivering av beslutet.',
];

const ajv = new Ajv({ strict: false, allErrors: false });
addFormats.default(ajv);

function resolve(schema: JsonSchema): JsonSchema {
  if (schema.$ref?.startsWith('#/components/schemas/')) return resolve(spec.components!.schemas![schema.$ref.slice(21)]!);
  return schema;
}

/** A value the schema accepts, with every optional property present so that each is fuzzed. */
function example(raw: JsonSchema, name = ''): unknown {
  const schema = resolve(raw);
  if (schema.default !== undefined) return structuredClone(schema.default);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum.find((v) => v !== null) ?? null;
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return example(alternatives.find((a) => resolve(a).type !== 'null') ?? alternatives[0]!, name);
  if (schema.allOf) return example(Object.assign({}, ...schema.allOf.map(resolve)), name);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(schema.properties ?? {})) out[key] = example(property, key);
      return out;
    }
    case 'array':
      return schema.items ? Array.from({ length: Math.max(1, schema.minItems ?? 0) }, () => example(schema.items!, name)) : [];
    case 'integer':
    case 'number':
      return Math.max(typeof schema.minimum === 'number' ? schema.minimum : 1, 1);
    case 'boolean':
      return false;
    case 'string': {
      if (schema.format === 'uuid') return (UUID_FIELDS[name] ?? randomUUID)();
      const check = ajv.compile(schema as AnySchema);
      return [...STRING_CANDIDATES, 'Hostile test text'].find((c) => check(c)) ?? 'x';
    }
    default:
      return null;
  }
}

/** Every path in a JSON value (objects, arrays and leaves), as key lists. */
function pathsOf(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const own = prefix.length > 0 ? [prefix] : [];
  if (Array.isArray(value)) return [...own, ...value.flatMap((v, i) => pathsOf(v, [...prefix, i]))];
  if (value && typeof value === 'object') return [...own, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
  return own;
}

/**
 * The schemas that may describe the value at `path` (every branch of a union that has it), so
 * that a long string is made just longer than the field allows; huge only where nothing bounds it.
 */
function schemasAt(raw: JsonSchema, path: ReadonlyArray<string | number>): JsonSchema[] {
  const schema = resolve(raw);
  const branches = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
  if (branches.length > 0) return branches.flatMap((b) => schemasAt(b, path));
  if (path.length === 0) return [schema];
  const [key, ...rest] = path;
  if (typeof key === 'number') return schema.items ? schemasAt(schema.items, rest) : [];
  const property = schema.properties?.[key!] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
  return property ? schemasAt(property, rest) : [];
}

const HUGE = 1_200_000;
/** A string longer than any bound the field has: maxLength + 1, or HUGE when it has none. */
function tooLong(schemas: JsonSchema[]): string {
  const bounds = schemas.map((s) => (typeof s.maxLength === 'number' ? s.maxLength : Infinity));
  const bound = bounds.length > 0 ? Math.max(...bounds) : Infinity;
  return JSON.stringify('x'.repeat(Number.isFinite(bound) ? bound + 1 : HUGE));
}

const MARK = '"__hostile_value__"';
/** The body as JSON text with the value at `path` replaced by a raw JSON text. */
function bodyWith(base: unknown, path: Array<string | number>, rawJson: string): string {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = '__hostile_value__';
  return JSON.stringify(copy).replace(MARK, () => rawJson);
}

/** The route that proves the walk can fail: it answers 500 to any string over 1,000 characters. */
const CANARY = '/api/hostile-input-canary';

/** The app with every feature and the canary, on a fresh test database. */
async function startApp(): Promise<TestContext> {
  const database = await createTestDatabase();
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', HANSYN_LOGIN_RATE_LIMIT: '10000' }), database });
  app.post(
    CANARY,
    { schema: { tags: ['test'], body: Type.Object({ name: Type.String() }), response: { 204: Type.Null() } } },
    async (request, reply) => {
      if (request.body.name.length > 1000) throw new Error('the canary fell over');
      return reply.status(204).send(null);
    },
  );
  await app.ready();
  return {
    app,
    db: database.db,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

function operationsOf(document: Spec): Array<{ method: string; path: string; op: Operation }> {
  const all = Object.entries(document.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
  // Deleting and signing out go last, so the fixtures and the session serve the others first.
  const last = (o: { method: string; path: string }) => (o.method === 'DELETE' ? 2 : o.path === '/api/auth/logout' ? 1 : 0);
  return all.sort((a, b) => last(a) - last(b));
}

function urlFor(path: string, params: Record<string, string>, query = ''): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? randomUUID()) + (query ? `?${query}` : '');
}

let failures: string[] = [];
/** When set, attack() only counts the requests it would send (so that test needs no other to run first). */
let counting: { requests: number } | null = null;
async function send(label: string, options: Parameters<Session['request']>[0]): Promise<LightMyRequestResponse | null> {
  if (counting) {
    counting.requests += 1;
    return null;
  }
  const response = await admin.request(options);
  if (response.statusCode >= 500) failures.push(`${label} → ${response.statusCode} ${response.body.slice(0, 160)}`);
  return response;
}

/** A new admin session if the last request signed out, disabled or locked out the current one. */
async function keepSignedIn(): Promise<void> {
  if ((await admin.get('/api/me')).statusCode === 200) return;
  admin = await login(ctx.app, (await createUser(ctx.db, organisation.id, ['admin', 'coordinator', 'procurer', 'labour_market'])).email);
}

/** Sends every hostile value into every input of one operation; returns the 5xx answers. */
async function attack({ method, path, op }: { method: string; path: string; op: Operation }): Promise<string[]> {
  failures = [];
  const label = `${method} ${path}`;
  const pathParams = Object.fromEntries(
    (op.parameters ?? [])
      .filter((p) => p.in === 'path')
      .map((p) => [p.name, PARAM_IDS[p.name]?.() ?? PATH_IDS.find(([prefix]) => path.startsWith(prefix))?.[1]() ?? randomUUID()]),
  );
  for (const name of Object.keys(pathParams)) {
    for (const value of HOSTILE_PATH_VALUES) {
      await send(`${label} path ${name}=${value.slice(0, 20)}`, { method: method as 'GET', url: urlFor(path, { ...pathParams, [name]: value }) });
    }
  }
  // Query parameters one at a time, and each repeated a thousand times.
  for (const p of (op.parameters ?? []).filter((x) => x.in === 'query')) {
    for (const value of HOSTILE_URL_VALUES) {
      await send(`${label} query ${p.name}=${value.slice(0, 20)}`, { method: method as 'GET', url: urlFor(path, pathParams, `${p.name}=${value}`) });
    }
    await send(`${label} query ${p.name} ×1000`, { method: method as 'GET', url: urlFor(path, pathParams, Array.from({ length: 1000 }, () => `${p.name}=1`).join('&')) });
  }
  // A JSON body: each field in turn (a field repeated in array items once), then the whole body.
  const schema = op.requestBody?.content['application/json']?.schema;
  if (schema) {
    const base = EXAMPLES[label]?.() ?? example(schema);
    const post = (what: string, payload: string) =>
      send(`${label} body ${what}`, { method: method as 'POST', url: urlFor(path, pathParams), headers: { 'content-type': 'application/json' }, payload });
    const seen = new Set<string>();
    for (const fieldPath of pathsOf(base)) {
      const shape = fieldPath.map((k) => (typeof k === 'number' ? '*' : k)).join('/');
      if (seen.has(shape)) continue;
      seen.add(shape);
      const current = fieldPath.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], base);
      const values =
        typeof current === 'string'
          ? [...HOSTILE_JSON_STRINGS, tooLong(schemasAt(schema, fieldPath)), HOSTILE_JSON_SHAPES[0]!]
          : typeof current === 'number'
            ? [...HOSTILE_JSON_NUMBERS, HOSTILE_JSON_STRINGS[0]!, HOSTILE_JSON_SHAPES[0]!]
            : [...HOSTILE_JSON_SHAPES, HOSTILE_JSON_STRINGS[1]!, '1e308'];
      for (const value of values) await post(`/${fieldPath.join('/')}=${value.slice(0, 20)}`, bodyWith(base, fieldPath, value));
    }
    for (const value of HOSTILE_JSON_SHAPES) await post(`=${value.slice(0, 20)}`, value);
  }
  if (!counting) await keepSignedIn();
  return failures;
}

// The operations are read before the tests are collected, so that each is a test of its own.
const ctx = await startApp();
const spec = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as Spec;
const OPERATIONS = operationsOf(spec);

beforeAll(async () => {
  organisation = await createOrganisation(ctx.db, { organisationNumber: '212000-0142' });
  const adminUser = await createUser(ctx.db, organisation.id, ['admin', 'coordinator', 'procurer', 'labour_market']);
  ids.adminUser = adminUser.id;
  admin = await login(ctx.app, adminUser.email);
  ids.user = (await createUser(ctx.db, organisation.id, ['viewer'])).id;
  ids.unit = organisation.otherUnit.id;
  ids.token = (await admin.post('/api/me/tokens', { name: 'Fuzz' })).json().id;
  const p = await admin.post('/api/procurements', validProcurement(organisation.unit.id));
  expect(p.statusCode, p.body).toBe(201);
  ids.procurement = p.json().id;
  const library = (await admin.get('/api/requirement-templates?scope=own&q=employment')).json().items;
  const template = library.find((t: { key: string }) => t.key === 'employment-condition');
  ids.template = template.id;
  ids.templateVersion = template.publishedVersion.id;
  const { payload, headers } = multipartFile('file', 'cn.xml', CONSTRUCTED_NOTICE);
  expect((await admin.request({ method: 'POST', url: '/api/imports/eforms', payload, headers })).statusCode).toBe(200);
  ids.invitation = (await admin.post('/api/invitations', { email: 'inbjuden@test.example', role: 'viewer' })).json().id;
  // A contract with a placement, a deviation and a sanction step, so the contract operations'
  // hostile values reach their services instead of stopping at 404.
  const awarded = (await admin.post('/api/procurements', validProcurement(organisation.unit.id))).json().id as string;
  const decided = await admin.request({ method: 'PUT', url: `/api/procurements/${awarded}/decision`, payload: EXAMPLES['PUT /api/procurements/{id}/decision']!() as object });
  expect(decided.statusCode, decided.body).toBe(200);
  for (const status of ['in_preparation', 'published', 'evaluation', 'awarded']) await admin.post(`/api/procurements/${awarded}/status`, { status });
  const contract = await admin.post('/api/contracts', {
    procurementId: awarded,
    lotNumbers: null,
    supplier: { organisationNumber: '556036-0793', name: 'Fuzz AB' },
    referenceNumber: 'AVT-FUZZ-1',
    signedOn: '2024-12-01',
    startsOn: '2025-01-01',
    endsOn: '2025-12-31',
  });
  expect(contract.statusCode, contract.body).toBe(201);
  ids.contract = contract.json().id;
  const commitmentId = contract.json().commitments[0].id as string;
  const placement = await admin.post(`/api/contracts/${ids.contract}/placements`, { commitmentId, participantRef: 'FUZZ-1', targetGroup: 'newly_arrived', startedOn: '2025-02-01', extentPercent: 100, employmentForm: 'las_employment' });
  expect(placement.statusCode, placement.body).toBe(201);
  ids.placement = placement.json().id;
  ids.deviation = (await admin.post('/api/follow-up/daily-check', { asOf: '2025-04-20' })).json().deviationsFound[0].id;
  const step = await admin.post(`/api/contracts/${ids.contract}/sanctions`, { commitmentId, kind: 'dialogue_note', takenOn: '2025-04-21', reason: 'Rapporten saknas.' });
  expect(step.statusCode, step.body).toBe(201);
  ids.sanctionStep = step.json().id;
});
afterAll(() => ctx.close());

describe('hostile input', () => {
  it('covers the whole API', () => {
    expect(OPERATIONS.length).toBeGreaterThan(40);
  });

  it('finds the canary’s 500, so the walk can fail', async () => {
    const canary = OPERATIONS.find((o) => o.path === CANARY);
    expect(canary).toBeDefined();
    const found = await attack(canary!);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.startsWith(`POST ${CANARY} body`)), found.join('\n')).toBe(true);
  });

  it.each(OPERATIONS.filter((o) => o.path !== CANARY).map((o) => [`${o.method} ${o.path}`, o] as const))(
    '%s answers no hostile value with 5xx',
    async (_label, operation) => {
      const found = await attack(operation);
      expect(found, found.join('\n')).toEqual([]);
    },
    120_000,
  );

  it('sends enough requests to mean something', async () => {
    counting = { requests: 0 };
    try {
      for (const operation of OPERATIONS) await attack(operation);
      expect(counting.requests).toBeGreaterThan(1000);
    } finally {
      counting = null;
    }
  });
});
