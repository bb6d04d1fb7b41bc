import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { validationFailed, type FieldError } from '../errors.js';
import { findForbiddenXmlCharacter } from '../../interop/xml-text.js';

/**
 * One guard for every route's input (decision 0321), so no feature has to remember it:
 *
 * - Before validation, every string and every object key in the path parameters, the query and a
 *   JSON body is checked for characters XML 1.0 forbids (U+0000, other C0 controls, U+FFFE,
 *   U+FFFF, lone surrogates). PostgreSQL refuses NUL in text and lone surrogates in jsonb, and
 *   the .docx/.xlsx exports cannot contain them, so they are refused here with 400 naming the
 *   field, before anything reaches a service. Values nested deeper than MAX_DEPTH are refused too
 *   (nothing we accept nests that deep; deeper values overflow recursive serialisers).
 * - At route registration, request schemas get bounds where they have none: an integer without
 *   a maximum may be at most 2^31 − 1 (PostgreSQL `integer`), a number at most ±10^15, so
 *   `version: 2^63` or `page=1e300` fail validation instead of the database.
 * - After validation, a number that is not finite is refused: Ajv coerces the query text
 *   "Infinity" to Infinity and then skips its range checks for non-finite numbers.
 */
export const MAX_DEPTH = 32;
export const DEFAULT_INTEGER_RANGE = { minimum: -2_147_483_648, maximum: 2_147_483_647 } as const;
export const DEFAULT_NUMBER_RANGE = { minimum: -1e15, maximum: 1e15 } as const;

type Part = 'params' | 'querystring' | 'body';
const PARTS: ReadonlyArray<[Part, (request: FastifyRequest) => unknown]> = [
  ['params', (request) => request.params],
  ['querystring', (request) => request.query],
  ['body', (request) => request.body],
];

/** JSON-pointer escaping (RFC 6901) for a key in an error path. */
const pointer = (key: string | number): string => String(key).replaceAll('~', '~0').replaceAll('/', '~1');

/** For a key or value, the field error it deserves, if any. */
function characterProblem(path: string, text: string): FieldError | null {
  const found = findForbiddenXmlCharacter(text);
  if (!found) return null;
  return { path, code: 'invalid_character', message: `contains ${found}, a character that is not allowed` };
}

/**
 * Problems in a parsed input value, walked without recursion so that hostile nesting cannot
 * overflow the stack. Stops after a few problems; one is enough to refuse.
 */
export function inspectInput(root: unknown, prefix: string, problems: FieldError[] = []): FieldError[] {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: root, path: prefix, depth: 0 }];
  while (stack.length > 0 && problems.length < 10) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const problem = characterProblem(path, value);
      if (problem) problems.push(problem);
      continue;
    }
    if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) continue;
    if (depth >= MAX_DEPTH) {
      problems.push({ path, code: 'too_deep', message: `is nested more than ${MAX_DEPTH} levels deep` });
      continue;
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: `${path}/${i}`, depth: depth + 1 });
      continue;
    }
    const entries = Object.entries(value as Record<string, unknown>);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      const problem = characterProblem(`${path}/${pointer(key)}`, key);
      if (problem) problems.push(problem);
      else stack.push({ value: child, path: `${path}/${pointer(key)}`, depth: depth + 1 });
    }
  }
  return problems;
}

/** Paths of numbers that are not finite (Infinity, -Infinity, NaN) in a validated value. */
export function nonFiniteNumbers(root: unknown, prefix: string): FieldError[] {
  const problems: FieldError[] = [];
  const stack: Array<{ value: unknown; path: string }> = [{ value: root, path: prefix }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) problems.push({ path, code: 'maximum', message: 'must be a finite number' });
    } else if (value && typeof value === 'object' && !ArrayBuffer.isView(value) && !('pipe' in value)) {
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) stack.push({ value: child, path: `${path}/${pointer(key)}` });
    }
  }
  return problems;
}

type SchemaNode = Record<string | symbol, unknown>;
const CHILD_SCHEMAS = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains'] as const;
const CHILD_SCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const;

/** True when `schema` (a JSON Schema `type`) admits `kind`. */
const admits = (schema: SchemaNode, kind: 'integer' | 'number'): boolean =>
  schema.type === kind || (Array.isArray(schema.type) && (schema.type as unknown[]).includes(kind));

/**
 * A copy of a request schema in which every integer and number without bounds has the default
 * ones. Schemas are copied, not changed, because features share TypeBox schema objects between
 * requests and responses; symbol keys (TypeBox's Kind) are kept by the spread.
 */
export function withNumericBounds(schema: unknown): unknown {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const node = { ...(schema as SchemaNode) };
  const range = admits(node, 'integer') ? DEFAULT_INTEGER_RANGE : admits(node, 'number') ? DEFAULT_NUMBER_RANGE : null;
  if (range) {
    if (node.maximum === undefined && node.exclusiveMaximum === undefined) node.maximum = range.maximum;
    if (node.minimum === undefined && node.exclusiveMinimum === undefined) node.minimum = range.minimum;
  }
  if (node.properties && typeof node.properties === 'object') {
    node.properties = Object.fromEntries(Object.entries(node.properties as Record<string, unknown>).map(([k, v]) => [k, withNumericBounds(v)]));
  }
  if (node.patternProperties && typeof node.patternProperties === 'object') {
    node.patternProperties = Object.fromEntries(Object.entries(node.patternProperties as Record<string, unknown>).map(([k, v]) => [k, withNumericBounds(v)]));
  }
  for (const key of CHILD_SCHEMAS) if (node[key] !== undefined) node[key] = withNumericBounds(node[key]);
  for (const key of CHILD_SCHEMA_LISTS) if (Array.isArray(node[key])) node[key] = (node[key] as unknown[]).map(withNumericBounds);
  return node;
}

const BOUNDED_PARTS = ['params', 'querystring', 'body', 'headers'] as const;

/** Registers the guard; call before any route is added so that every route gets it. */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.schema) return;
    const schema = route.schema as Record<string, unknown>;
    for (const part of BOUNDED_PARTS) if (schema[part] !== undefined) schema[part] = withNumericBounds(schema[part]);
  });

  app.addHook('preValidation', async (request) => {
    const problems: FieldError[] = [];
    for (const [part, read] of PARTS) {
      const value = read(request);
      // A multipart body is a stream the route reads itself; its parts are checked by their parsers.
      if (value !== undefined && value !== null && typeof value === 'object' && 'pipe' in value) continue;
      inspectInput(value, `/${part}`, problems);
    }
    if (problems.length > 0) throw validationFailed(problems);
  });

  app.addHook('preHandler', async (request) => {
    const problems = PARTS.flatMap(([part, read]) => nonFiniteNumbers(read(request), `/${part}`));
    if (problems.length > 0) throw validationFailed(problems);
  });
}
