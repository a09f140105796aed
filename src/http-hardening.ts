import type { ServerOptions } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './common/errors/app-error';
import { setSecurityHeaders, settleRequestId } from './common/answer-headers';
import type { AppConfig } from './config/config';

/**
 * The HTTP server's timeouts. REQUEST_TIMEOUT_SECONDS bounds the whole request, headers and body
 * (Node's requestTimeout; Fastify turns it off unless given): a body sent slowly is cut with 408
 * REQUEST_TIMEOUT (client-error.ts). The headers alone must arrive within 20 s (headersTimeout); a
 * kept-alive connection may sit idle 72 s between requests (keepAliveTimeout, above the 60 s of
 * common load balancers); a connection on which nothing moves for 2 minutes, e.g. a client that
 * stopped reading an answer, is closed (connectionTimeout). Node checks the first two at
 * connectionsCheckingInterval, so that is a fraction of the timeout.
 */
export function serverTimeouts(config: AppConfig) {
  const requestTimeout = config.requestTimeoutMs;
  const http: ServerOptions = {
    requestTimeout,
    headersTimeout: Math.min(requestTimeout, 20_000),
    connectionsCheckingInterval: Math.max(250, Math.min(5_000, Math.floor(requestTimeout / 4))),
  };
  return { http, requestTimeout, keepAliveTimeout: 72_000, connectionTimeout: 120_000 };
}

/** What Swagger UI's page at /api/docs loads; the rest of swagger-ui-dist (package.json, *.map, ...) is not served. */
const SWAGGER_UI_FILES = new Set([
  '',
  'index.html',
  'swagger-ui-init.js',
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'swagger-ui-standalone-preset.js',
  'favicon-16x16.png',
  'favicon-32x32.png',
]);
const DOCS = '/api/docs/';

/** Whether a URL under /api/docs/ names one of the files Swagger UI needs (also under /api/docs/docs/, its other base). */
export function isSwaggerUiFile(url: string): boolean {
  if (!url.startsWith(DOCS)) return true;
  const file = url.split('?', 1)[0].slice(DOCS.length);
  return SWAGGER_UI_FILES.has(file.startsWith('docs/') ? file.slice('docs/'.length) : file);
}

/**
 * The application's first hook on every request (after those Nest's adapter adds itself):
 * - the answer carries its request id, and the logs use the same id (answer-headers.ts);
 * - the security headers;
 * - 404 for the files of Swagger UI's folder that its page does not use.
 * A URL the router refuses skips this hook (Fastify's frameworkErrors); the error filter then sets the
 * first two, as it does on every error answer.
 * (Cache-Control, ETag and compression: src/http-caching.ts.)
 */
export function addFirstRequestHook(
  instance: FastifyInstance,
  refuse: (error: AppError, request: FastifyRequest, reply: FastifyReply) => void,
): void {
  instance.addHook('onRequest', (request, reply, done) => {
    settleRequestId(request, reply);
    setSecurityHeaders(reply);
    if (isSwaggerUiFile(request.url)) {
      done();
      return;
    }
    refuse(new AppError('NOT_FOUND'), request, reply);
  });
}

/**
 * The JSON body parser, except that an empty body is no body: a POST that takes none (publish,
 * close, follow) may come with `Content-Type: application/json` and nothing after it. Any other body
 * goes through Fastify's own parser (prototype poisoning refused), so a malformed one is still 400
 * MALFORMED_JSON. Called after app.init(), which registers Nest's JSON parser that this replaces.
 */
export function acceptEmptyJsonBody(instance: FastifyInstance): void {
  const { bodyLimit, onProtoPoisoning, onConstructorPoisoning } = instance.initialConfig;
  const json = instance.getDefaultJsonParser(onProtoPoisoning ?? 'error', onConstructorPoisoning ?? 'error');
  instance.removeContentTypeParser('application/json');
  instance.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (request, body: string, done) => {
    if (body.length === 0) done(null, undefined);
    else void json(request, body, done);
  });
}
