import { Logger } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppError } from './common/errors/app-error';

/** How long a failed build of the OpenAPI description is remembered before the next request tries again. */
export const OPENAPI_RETRY_MS = 60_000;

/**
 * The factory SwaggerModule calls on each request for the description until one returns it (it keeps
 * that one). A build that throws costs the same CPU every time and would be retried on every
 * request: its failure is logged and answered 503 SERVICE_UNAVAILABLE (with Retry-After) for a
 * minute, then the next request builds again.
 */
export function lazyDocument(build: () => OpenAPIObject, nowMs: () => number, logger = new Logger('OpenAPI')): () => OpenAPIObject {
  let failedAtMs: number | null = null;
  const unavailable = (sinceFailureMs: number) => {
    const error = new AppError('SERVICE_UNAVAILABLE');
    error.headers['retry-after'] = String(Math.max(1, Math.ceil((OPENAPI_RETRY_MS - sinceFailureMs) / 1000)));
    return error;
  };
  return () => {
    if (failedAtMs !== null && nowMs() - failedAtMs < OPENAPI_RETRY_MS) throw unavailable(nowMs() - failedAtMs);
    try {
      const document = build();
      failedAtMs = null;
      return document;
    } catch (error) {
      failedAtMs = nowMs();
      logger.error(
        { err: error },
        `the OpenAPI description could not be built; /api/docs answers 503 until the next try in ${OPENAPI_RETRY_MS / 1000} s`,
      );
      throw unavailable(0);
    }
  };
}
