import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';

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

/** What may serve as a request id (X-Request-Id): a client's header that is not one is replaced. */
export const REQUEST_ID = /^[\w.-]{1,100}$/;

/**
 * Every answer carries its request id, the client's X-Request-Id if it is an id, else a new one, and
 * the logs read the same id from the request's headers (http-access-log.ts, error.filter.ts). Once
 * per request: a later call keeps the id already settled.
 */
export function settleRequestId(request: FastifyRequest, reply: FastifyReply): void {
  if (reply.hasHeader('x-request-id')) return;
  const id = REQUEST_ID.test(request.id) ? request.id : randomUUID();
  request.raw.headers['x-request-id'] = id;
  void reply.header('x-request-id', id);
}
