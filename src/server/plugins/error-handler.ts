import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { AppError, type ErrorCode, type FieldError } from '../errors.js';

const TITLES: Record<ErrorCode, string> = {
  validation_failed: 'Validation failed',
  bad_request: 'Bad request',
  unauthenticated: 'Authentication required',
  invalid_credentials: 'Invalid credentials',
  forbidden: 'Forbidden',
  csrf_failed: 'Cross-site request refused',
  organisation_required: 'Choose an organisation',
  not_found: 'Not found',
  invitation_invalid: 'Invitation not usable',
  nothing_published: 'Nothing published',
  conflict: 'Conflict',
  duplicate: 'Already exists',
  stale_version: 'Edited by someone else',
  concurrent_update: 'Changed at the same moment',
  invalid_transition: 'Status change not allowed',
  not_deletable: 'Cannot be deleted',
  decision_locked: 'Decision locked',
  already_member: 'Already a member',
  last_admin: 'Last admin',
  invitation_sign_in_required: 'Sign in to accept',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  import_invalid: 'Import file has errors',
  rate_limited: 'Too many requests',
  internal: 'Internal server error',
  not_ready: 'Not ready',
  not_a_supplier_organisation: 'Not a supplier organisation',
  already_reported: 'Period already reported',
  evidence_too_large: 'File too large',
  unsupported_file_type: 'File type not accepted',
};

export function sendProblem(reply: FastifyReply, error: AppError): FastifyReply {
  const { errors, ...extra } = error.details;
  return reply
    .status(error.status)
    .type('application/problem+json')
    .send({
      type: `https://hansyn.se/problems/${error.code.replaceAll('_', '-')}`,
      title: TITLES[error.code],
      status: error.status,
      code: error.code,
      detail: error.message,
      instance: reply.request.url,
      ...(errors ? { errors } : {}),
      ...extra,
    });
}

/**
 * At most this many field errors are answered. Ajv reports every invalid item of an array, and a
 * 2 MB body of 200,000 bad items would otherwise answer 20 MB of errors (decision 0321).
 */
export const MAX_FIELD_ERRORS = 100;

/** Turns Ajv errors from Fastify's schema validation into field errors with paths. */
function fieldErrorsOf(error: FastifyError): FieldError[] {
  const context = error.validationContext ?? 'body';
  const seen = new Set<string>();
  return (error.validation ?? []).slice(0, MAX_FIELD_ERRORS * 4).flatMap((v) => {
    const missing = v.keyword === 'required' ? `/${String((v.params as { missingProperty?: string }).missingProperty)}` : '';
    const extra =
      v.keyword === 'additionalProperties'
        ? `/${String((v.params as { additionalProperty?: string }).additionalProperty)}`
        : '';
    const path = `/${context}${v.instancePath}${missing}${extra}`;
    if (seen.has(path)) return [];
    seen.add(path);
    return [{ path, code: v.keyword, message: v.message ?? 'is invalid' }];
  });
}

/** The PostgreSQL error under a driver's or Drizzle's wrapper (`DrizzleQueryError.cause`). */
function databaseErrorOf(error: unknown): { code: string; constraint?: string } | null {
  let current = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const { code, constraint } = current as { code?: unknown; constraint?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return { code, ...(typeof constraint === 'string' ? { constraint } : {}) };
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * Unique keys whose violation means more than "exists already" (decision 0322). A key users
 * choose answers `duplicate` naming the field, as the feature's own check does; a key that only
 * guards "one current row" was lost to a concurrent writer of the same record: `stale_version`.
 */
const UNIQUE_KEYS: Record<string, { code: 'duplicate' | 'stale_version'; field?: string; message: string }> = {
  procurements_org_reference_key: { code: 'duplicate', field: 'referenceNumber', message: 'The reference number is already used in your organisation.' },
  units_org_code_key: { code: 'duplicate', field: 'code', message: 'That unit code is already used.' },
  users_email_key: { code: 'duplicate', field: 'email', message: 'A user with that e-mail address already exists.' },
  memberships_unique_key: { code: 'duplicate', field: 'memberships', message: 'The membership exists already.' },
  target_groups_org_code_key: { code: 'duplicate', field: 'items', message: 'A target group with that code exists already.' },
  requirement_templates_org_key: { code: 'duplicate', field: 'key', message: 'Your library already has a template with that key.' },
  requirement_template_versions_number_key: { code: 'stale_version', message: 'Someone else saved this template at the same moment. Reload and try again.' },
  requirement_template_versions_one_draft_key: { code: 'stale_version', message: 'Someone else saved a draft of this template at the same moment. Reload and try again.' },
  screening_policies_org_version_key: { code: 'stale_version', message: 'Someone else saved the policy at the same moment. Reload and try again.' },
  screenings_current_key: { code: 'stale_version', message: 'The procurement was screened by someone else at the same moment. Reload to see the result.' },
  procurement_decisions_procurement_key: { code: 'stale_version', message: 'Someone else recorded a decision at the same moment. Reload and try again.' },
};

/** PostgreSQL data exceptions that only a value sent by the client can cause (SQLSTATE class 22). */
const VALUE_ERRORS = new Set([
  '22001', // string_data_right_truncation
  '22003', // numeric_value_out_of_range
  '22008', // datetime_field_overflow
  '22021', // character_not_in_repertoire (NUL in text)
  '22P05', // untranslatable_character (lone surrogate in jsonb)
  '54000', // program_limit_exceeded (e.g. a string too long for tsvector)
]);

/**
 * The server cannot take the request now, through no fault of the client: a lost connection
 * (class 08), too many connections or no memory/disk (class 53), the server shutting down or
 * starting (57P01–57P03). The client may retry; 503 says so, where 500 would say "a bug".
 */
function isUnavailable(code: string): boolean {
  return code.startsWith('08') || code.startsWith('53') || code === '57P01' || code === '57P02' || code === '57P03';
}

/**
 * What a database error means for the client, or null for a genuine server error. The input
 * guard and the schemas catch these first; this is the safety net behind them, for every route
 * including the ones added later.
 */
export function problemForDatabaseError(error: unknown): AppError | null {
  const database = databaseErrorOf(error);
  if (!database) return null;
  if (database.code === '23505') {
    const known = database.constraint ? UNIQUE_KEYS[database.constraint] : undefined;
    if (!known) return new AppError('duplicate', 'Something with the same unique key exists already.');
    return new AppError(known.code, known.message, known.field ? { errors: [{ path: `/body/${known.field}`, code: 'duplicate', message: known.message }] } : {});
  }
  // serialization_failure, deadlock_detected: a concurrent transaction won; nothing was written.
  if (database.code === '40001' || database.code === '40P01') {
    return new AppError('concurrent_update', 'Another request changed the same data at the same moment; nothing was saved. Try again.');
  }
  if (VALUE_ERRORS.has(database.code)) return new AppError('bad_request', 'A value in the request cannot be stored: it is out of range, too long or has a character that is not allowed.');
  if (isUnavailable(database.code)) return new AppError('not_ready', 'The database is overloaded or restarting; nothing was saved. Try again in a moment.');
  return null;
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return sendProblem(reply, error);
    if (error.validation) {
      const errors = fieldErrorsOf(error);
      const total = error.validation.length;
      const extra = total > MAX_FIELD_ERRORS ? { errorCount: total } : {};
      return sendProblem(reply, new AppError('validation_failed', 'The request has invalid fields.', { errors: errors.slice(0, MAX_FIELD_ERRORS), ...extra }));
    }
    const fromDatabase = problemForDatabaseError(error);
    if (fromDatabase) {
      if (fromDatabase.code === 'not_ready') {
        request.log.error({ err: error }, 'database unavailable');
        void reply.header('retry-after', '5');
      } else {
        // Logged, because a guard in front of the database should have caught a value error first.
        request.log.warn({ err: error, code: fromDatabase.code }, 'database refused the request');
      }
      return sendProblem(reply, fromDatabase);
    }
    const status = error.statusCode ?? 500;
    if (status === 429) return sendProblem(reply, new AppError('rate_limited', 'Too many attempts. Wait a while and try again.'));
    if (status === 413) return sendProblem(reply, new AppError('payload_too_large', 'The request is too large.'));
    if (status === 415) return sendProblem(reply, new AppError('unsupported_media_type', 'This content type is not accepted here.'));
    if (status >= 400 && status < 500) {
      return sendProblem(reply, new AppError('bad_request', error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, new AppError('internal', 'Something went wrong on our side. The error has been logged.'));
  });

}
