import { Type } from '@sinclair/typebox';

/**
 * The one error type of the application. Every expected failure that reaches HTTP is an
 * AppError with a stable `code`; the error handler maps codes to statuses and answers
 * RFC 9457 problem+json. Codes are documented in docs/api-errors.md.
 */
export const ERROR_CODES = {
  validation_failed: 400,
  bad_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  organisation_required: 403,
  not_found: 404,
  invitation_invalid: 404,
  nothing_published: 404,
  conflict: 409,
  duplicate: 409,
  stale_version: 409,
  concurrent_update: 409,
  invalid_transition: 409,
  not_deletable: 409,
  decision_locked: 409,
  already_member: 409,
  last_admin: 409,
  invitation_sign_in_required: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  import_invalid: 422,
  rate_limited: 429,
  internal: 500,
  not_ready: 503,
  not_a_supplier_organisation: 403,
  already_reported: 409,
  evidence_too_large: 413,
  unsupported_file_type: 415,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  /** JSON pointer-like path of the offending field, e.g. `/lots/0/mainCpv`. */
  path: string;
  code: string;
  message: string;
}

/** A problem in one cell of an imported spreadsheet (code `import_invalid`). */
export interface ImportRowError {
  /** Spreadsheet row number; the header is row 1. */
  row: number;
  /** The column header as written in the file; '' for a problem with the whole file. */
  column: string;
  code: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { errors?: FieldError[] | ImportRowError[]; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_CODES[this.code];
  }
}

export const notFound = (what = 'The resource'): AppError => new AppError('not_found', `${what} was not found.`);
export const forbidden = (): AppError => new AppError('forbidden', 'You do not have permission to do this.');
export const validationFailed = (errors: FieldError[]): AppError =>
  new AppError('validation_failed', 'The request has invalid fields.', { errors });

/** RFC 9457 problem details, as documented in OpenAPI for every error response. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(Type.Object({ path: Type.String(), code: Type.String(), message: Type.String() })),
    ),
  },
  { $id: 'Problem', additionalProperties: true },
);
