import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { setSecurityHeaders, settleRequestId } from '../answer-headers';
import { Locale } from '../i18n/locale';
import { requestLocale } from '../i18n/request-locale';
import { bodyTooLargeOf } from '../route-body-limit';
import type { LocalText } from '../i18n/catalogue';
import { AppError } from './app-error';
import { ERRORS, ErrorCode } from './error-codes';
import { errorMessage } from './error-message';
import { FieldError, fieldErrorsIn } from './validation';

/** Renders errors for pages (HTML) instead of JSON; registered by the web module. */
export interface HtmlErrorRenderer {
  render(request: FastifyRequest, reply: FastifyReply, error: { status: number; code: ErrorCode; message: string; locale: Locale }): void;
}
export const HTML_ERROR_RENDERER = Symbol('HTML_ERROR_RENDERER');

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MALFORMED_JSON',
  // the router's own refusals (frameworkErrors in create-app.ts): a URL that names nothing
  FST_ERR_BAD_URL: 'NOT_FOUND',
  FST_ERR_MAX_PARAM_LENGTH: 'NOT_FOUND',
};

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/** Maps every error to `{error: {code, message}}` with the message in the request's language. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');
  private htmlRenderer: HtmlErrorRenderer | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  useHtmlRenderer(renderer: HtmlErrorRenderer): void {
    this.htmlRenderer = renderer;
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.respond(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }

  /**
   * Also Fastify's frameworkErrors handler (create-app.ts): the router refuses a malformed URL or an
   * over-long path parameter before Nest sees the request, and would otherwise answer in its own shape.
   */
  respond(thrown: unknown, request: FastifyRequest, reply: FastifyReply): void {
    // set by the first hook already, except when the router refused the URL before any hook (http-hardening.ts)
    settleRequestId(request, reply);
    setSecurityHeaders(reply);
    // a route that takes a larger body names its own refusal of one over its limit (route-body-limit.ts)
    const tooLarge = isBodyTooLarge(thrown) ? bodyTooLargeOf(request) : null;
    const exception = tooLarge ?? thrown;
    const locale = requestLocale(request, this.config.defaultLocale);
    const { status, code, params, details } = this.classify(exception, request);
    const message = errorMessage(code, locale, params);
    const localizedDetails = Array.isArray(details) ? fieldErrorsIn(details as FieldError[], locale) : details;
    if (exception instanceof AppError) for (const [name, value] of Object.entries(exception.headers)) void reply.header(name, value);

    if (this.htmlRenderer && !request.url.startsWith('/api') && !request.url.startsWith('/health') && !request.url.startsWith('/sandbox')) {
      this.htmlRenderer.render(request, reply, { status, code, message, locale });
      return;
    }
    void reply
      .status(status)
      // explicit: a route may have set another type already (hearing.ics: text/calendar), and Fastify
      // cannot send an object as that
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-language', locale)
      .send({
        error: {
          ...(exception instanceof AppError ? exception.fields : {}),
          code,
          message,
          ...(localizedDetails !== undefined ? { details: localizedDetails } : {}),
        },
      });
  }

  private classify(
    exception: unknown,
    request: FastifyRequest,
  ): { status: number; code: ErrorCode; params?: Record<string, LocalText>; details?: unknown } {
    if (exception instanceof AppError) {
      return { status: exception.status, code: exception.code, params: exception.params, details: exception.details };
    }
    if (exception instanceof ThrottlerException) return { status: 429, code: 'RATE_LIMITED' };
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // Nest wraps Fastify's body-parser errors (bad JSON, empty body) into a bare 400 HttpException.
      const badBody = status === 400 && /JSON|body/i.test(exception.message);
      const code = badBody ? 'MALFORMED_JSON' : (STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED'));
      if (status >= 500) this.logger.error({ err: exception, ...requestOf(request) }, 'HTTP exception');
      return { status, code, params: { details: exception.message } };
    }
    const fastifyError = exception as { code?: string; statusCode?: number };
    if (fastifyError?.code && FASTIFY_CODES[fastifyError.code]) {
      const code = FASTIFY_CODES[fastifyError.code];
      return { status: ERRORS[code].status, code };
    }
    if (exception instanceof SyntaxError && typeof fastifyError.statusCode === 'number') {
      return { status: 400, code: 'MALFORMED_JSON' };
    }
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      return {
        status: fastifyError.statusCode,
        code: STATUS_CODES[fastifyError.statusCode] ?? 'VALIDATION_FAILED',
        params: { details: '' },
      };
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.error({ err: exception, ...requestOf(request) }, 'database unavailable');
      return { status: 503, code: 'SERVICE_UNAVAILABLE' };
    }
    this.logger.error({ err: exception, ...requestOf(request) }, 'unhandled error');
    return { status: 500, code: 'INTERNAL' };
  }
}

/** Fastify's refusal of a body over the limit, as it comes (FST_ERR_CTP_BODY_TOO_LARGE) or as Nest wraps it (an HttpException of 413). */
function isBodyTooLarge(error: unknown): boolean {
  if (error instanceof HttpException) return error.getStatus() === 413;
  return (error as { code?: unknown })?.code === 'FST_ERR_CTP_BODY_TOO_LARGE';
}

/** The request in an error's log line, with the id its access log line and its answer carry. */
function requestOf(request: FastifyRequest): { req: { id: unknown; method: string; url: string } } {
  return { req: { id: request.raw.headers['x-request-id'], method: request.method, url: request.url } };
}

/**
 * The database is down or restarting: the client may retry (503), not a fault of the service (500).
 * TypeORM's "query runner already released" errors are what a transaction meets when the server
 * cut its connection in the middle (seen in the PostgreSQL-restart fault test).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string; name?: string };
  return (
    ['ECONNREFUSED', 'ECONNRESET', '57P01', '57P03', '53300', '08006', '08001', '08003'].includes(e?.code ?? '') ||
    ['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError'].includes(e?.name ?? '') ||
    /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(e?.message ?? '')
  );
}
