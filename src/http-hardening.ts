import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerOptions, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { AppError } from './common/errors/app-error';
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

/** No page or answer may use these browser features (Permissions-Policy). */
export const PERMISSIONS_POLICY =
  'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()';

// helmet's headers, its middleware built once: @fastify/helmet rebuilt it (parsing the whole
// content security policy) on every request, a tenth of a small request's CPU in the benchmark.
const helmetMiddleware = helmet({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
});

/**
 * The headers helmet sets, read once from its middleware: with these options none depends on the
 * request (no nonce), so each request gets the same list, set in one loop instead of through helmet's
 * twelve middlewares.
 */
export const HELMET_HEADERS: ReadonlyArray<readonly [string, string]> = (() => {
  const headers: [string, string][] = [];
  const response = {
    setHeader: (name: string, value: string) => void headers.push([name, value]),
    removeHeader: () => undefined,
  };
  helmetMiddleware({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error instanceof Error) throw error;
    if (error !== undefined) throw new Error('helmet refused its own options');
  });
  headers.push(['Permissions-Policy', PERMISSIONS_POLICY]);
  return headers;
})();

/** HELMET_HEADERS as one object with lower-case names, the form Fastify keeps a reply's headers in. */
const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.fromEntries(
  HELMET_HEADERS.map(([name, value]) => [name.toLowerCase(), value]),
);

/**
 * helmet's headers (content security policy, nosniff, HSTS, ...) and the Permissions-Policy, through
 * Fastify's reply. Not on the raw response: one header set there sends every other header of the
 * answer through Node's slower setHeader path when Fastify writes the head.
 */
export function setSecurityHeaders(reply: FastifyReply): void {
  for (const name in SECURITY_HEADERS) void reply.header(name, SECURITY_HEADERS[name]);
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

/** What may serve as a request id (X-Request-Id): a client's header that is not one is replaced. */
export const REQUEST_ID = /^[\w.-]{1,100}$/;

/**
 * The one hook that runs first on every request:
 * - every answer carries its request id (the client's X-Request-Id if it is an id, else a new one),
 *   and the logs use the same id (http-access-log.ts, error.filter.ts);
 * - the security headers;
 * - 404 for the files of Swagger UI's folder that its page does not use.
 * (Cache-Control, ETag and compression: src/http-caching.ts.)
 */
export function addFirstRequestHook(
  instance: FastifyInstance,
  refuse: (error: AppError, request: FastifyRequest, reply: FastifyReply) => void,
): void {
  instance.addHook('onRequest', (request, reply, done) => {
    const id = REQUEST_ID.test(request.id) ? request.id : randomUUID();
    request.raw.headers['x-request-id'] = id;
    void reply.header('x-request-id', id);
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
