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

/** Turns Ajv errors from Fastify's schema validation into field errors with paths. */
function fieldErrorsOf(error: FastifyError): FieldError[] {
  const context = error.validationContext ?? 'body';
  const seen = new Set<string>();
  return (error.validation ?? []).flatMap((v) => {
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

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return sendProblem(reply, error);
    if (error.validation) {
      return sendProblem(reply, new AppError('validation_failed', 'The request has invalid fields.', { errors: fieldErrorsOf(error) }));
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
