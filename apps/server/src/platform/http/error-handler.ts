import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { pgError } from '../db/rows.ts';
import { AppError } from './errors.ts';

/**
 * One error path for the whole API: AppErrors as they are, request validation as 400 with field
 * paths, parser and limit errors as their 4xx, everything else a logged 500 without internals.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const appErr = toAppError(err);
    if (appErr.status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ code: appErr.code, status: appErr.status }, appErr.message);
    if (appErr.code === 'RATE_LIMITED')
      void reply.header('retry-after', String(appErr.params.retryAfterSeconds ?? 60));
    return reply.status(appErr.status).send({
      error: {
        code: appErr.code,
        message: appErr.message,
        requestId: req.id,
        params: appErr.params,
        ...(appErr.details ? { details: appErr.details } : {}),
      },
    });
  });
}

function toAppError(err: FastifyError): AppError {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'body';
    const details = err.validation.map((v) => {
      const path = [where, ...v.instancePath.split('/').filter(Boolean)].join('.');
      const params = v.params as { issue?: { message?: string; keys?: string[] } } | undefined;
      const keys = params?.issue?.keys;
      return { path: keys?.length ? `${path}.${keys.join(',')}` : path, message: v.message ?? 'invalid' };
    });
    return new AppError('VALIDATION', {}, details);
  }
  const pg = pgError(err);
  if (pg.code === '23505')
    return new AppError('CONFLICT', { reason: `Duplicate value: ${pg.detail ?? pg.constraint}` });
  if (pg.code === '23503')
    return new AppError('CONFLICT', { reason: 'The record is referenced by or refers to another record' });
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('BAD_JSON', {}, [{ path: 'body', message: err.message }]);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', { contentType: err.message.replace(/^.*: /, '') });
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('BAD_REQUEST');
  }
  if (err.statusCode === 429) return new AppError('RATE_LIMITED', { retryAfter: err.message });
  if (err instanceof SyntaxError || (err.statusCode && err.statusCode >= 400 && err.statusCode < 500))
    return new AppError('BAD_REQUEST', {}, [{ path: 'request', message: err.message }]);
  return new AppError('INTERNAL');
}
