/**
 * The one way the web app talks to the API: JSON over fetch, the session cookie, the CSRF
 * header on every state-changing request, and problem+json errors turned into ApiError.
 */

import type { Static } from '@sinclair/typebox';
import type { ImportProblem } from '../../../src/server/features/procurements/procurement-schemas.js';

export interface FieldProblem {
  /** Pointer into the request, e.g. `/body/lots/0/title`. */
  path: string;
  code: string;
  message: string;
}

/** A spreadsheet import's problem with one cell (the server's `ImportProblem`). */
export type RowProblem = Static<typeof ImportProblem>['errors'][number];

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  code: string;
  detail?: string;
  errors?: Array<FieldProblem | RowProblem>;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? problem.code);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.problem = problem;
  }

  /** Field errors keyed by field path without the `/body` prefix, e.g. `lots/0/title`. */
  get fieldProblems(): FieldProblem[] {
    return (this.problem.errors ?? []).filter((e): e is FieldProblem => 'path' in e && typeof e.path === 'string');
  }

  get rowProblems(): RowProblem[] {
    return (this.problem.errors ?? []).filter((e): e is RowProblem => 'row' in e);
  }
}

let csrfToken: string | null = null;

/** Remembered from GET /api/me and POST /api/auth/login. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Query = Record<string, string | number | boolean | ReadonlyArray<string | number> | null | undefined>;

/** Builds a query string; arrays become repeated parameters, empty values are left out. */
export function toQueryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
}

async function problemOf(response: Response): Promise<Problem> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      return { ...body, status: body.status ?? response.status, code: body.code ?? 'unknown' };
    } catch {
      // fall through to the generic problem
    }
  }
  return { status: response.status, code: response.status >= 500 ? 'internal' : 'unknown' };
}

/** Calls the API and returns the parsed JSON (undefined for 204). Throws ApiError. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`${path}${toQueryString(options.query ?? {})}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ status: 0, code: 'network' });
  }
  if (!response.ok) throw new ApiError(await problemOf(response));
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const isApiError = (error: unknown, status?: number): error is ApiError =>
  error instanceof ApiError && (status === undefined || error.status === status);
