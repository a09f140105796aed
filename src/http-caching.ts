import compress from '@fastify/compress';
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { carriesFormToken, isPersonal } from './common/response-privacy';
import type { AppConfig } from './config/config';
import { SESSION_COOKIE } from './identity/auth/auth.guard';

/** What decides an answer's Cache-Control. */
export interface CacheAnswer {
  method: string;
  status: number;
  path: string;
  /** The request names a user (bearer token or session cookie, valid or not). */
  credentials: boolean;
  /** The body holds this visitor's form token or is personal to a link's token, or the answer sets a cookie. */
  personal: boolean;
  /** The Cache-Control the route set itself (a stylesheet's immutable caching, a redirect's no-store). */
  own: string | undefined;
}

/** Never cached whoever asks: health checks, and the sandbox clock that moves. */
const UNCACHED_PATHS = /^(\/api\/v1)?\/(health|sandbox)(\/|$|\?)/;

/**
 * The Cache-Control of an answer. Anything but a successful GET, and anything for a signed-in caller
 * or personal to a visitor, is `no-store`. A public GET for an anonymous reader may be kept
 * PUBLIC_CACHE_SECONDS; with the manual (sandbox) clock, or 0 seconds, it is `public, no-cache`:
 * kept (the back/forward cache works) but revalidated each time, cheap with the ETag, because moving
 * the clock changes pages without any write.
 */
export function cacheControlFor(answer: CacheAnswer, config: Pick<AppConfig, 'clockMode' | 'openData'>): string {
  const read = answer.method === 'GET' || answer.method === 'HEAD';
  if (!read || answer.status >= 400 || answer.personal || UNCACHED_PATHS.test(answer.path)) return 'no-store';
  if (answer.own !== undefined) return answer.own;
  if (answer.credentials) return 'no-store';
  const seconds = config.openData.publicCacheSeconds;
  return config.clockMode === 'manual' || seconds === 0 ? 'public, no-cache' : `public, max-age=${seconds}`;
}

type WithUser = FastifyRequest & { cookies?: Record<string, string | undefined>; user?: { id: string } };

/** A request that names a user: a bearer token or the session cookie (valid or not). */
export function carriesCredentials(request: FastifyRequest): boolean {
  return request.headers.authorization !== undefined || (request as WithUser).cookies?.[SESSION_COOKIE] !== undefined;
}

/** What a GET's answer may depend on besides the URL. */
// Accept-Encoding also on an answer sent uncompressed: a cache must not give it to a client that asked for br.
// In lower case: @fastify/compress adds `accept-encoding` to a compressed answer unless it finds it so spelt.
const VARY = ['accept-encoding', 'accept-language', 'cookie', 'authorization'];

/** Vary headers already merged with VARY, by the value the answer had (a handful of distinct values). */
const mergedVary = new Map<string, string>();

function mergeVary(current: string, names: string[]): string {
  const present = current
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  const lower = new Set(present.map((v) => v.toLowerCase()));
  return [...present, ...names.filter((n) => !lower.has(n.toLowerCase()))].join(', ');
}

function addVary(reply: FastifyReply, names: string[]): void {
  const current = String(reply.getHeader('vary') ?? '');
  let merged = mergedVary.get(current);
  if (merged === undefined) {
    merged = mergeVary(current, names);
    if (mergedVary.size < 100) mergedVary.set(current, merged);
  }
  void reply.header('vary', merged);
}

/**
 * A weak ETag of the body as this caller gets it: the language and the user are part of it, so a
 * signed-in user's tag never matches another's or an anonymous reader's, and each language has its
 * own. Weak, because compression changes the bytes, not the meaning.
 */
export function weakEtag(body: string | Buffer, language: string, userKey: string): string {
  const digest = createHash('sha256').update(`${language}\0${userKey}\0`).update(body).digest('base64url');
  return `W/"${digest.slice(0, 27)}"`;
}

/** Whether an If-None-Match header names `etag` (weak comparison, a list or `*`; RFC 9110 13.1.2). */
export function noneMatchHits(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/** Who the answer is for, in its ETag: the user, or a digest of the credential the request carries. */
function userKey(request: FastifyRequest): string {
  const user = (request as WithUser).user;
  if (user) return `user:${user.id}`;
  if (!carriesCredentials(request)) return '';
  const credential = request.headers.authorization ?? (request as WithUser).cookies?.[SESSION_COOKIE] ?? '';
  return `credential:${createHash('sha256').update(credential).digest('hex')}`;
}

/** Content types worth compressing: pages, JSON, CSV, Atom, iCalendar, the stylesheet and the SVG icon. */
const COMPRESSIBLE = /^(text\/(html|css|csv|calendar|plain)|application\/(json|atom\+xml|xml|javascript)|image\/svg\+xml)(;|$)|\+json(;|$)/;

/** Below this many bytes compression saves less than it costs (one TCP packet carries it anyway). */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

/**
 * Registers compression (br preferred, gzip; bodies of 1 KiB and more; streams too) and, before it,
 * the hook that sets Cache-Control and Vary, tags successful GETs with an ETag and answers 304 to a
 * matching If-None-Match. A page that carries a form token (every signed-in page, the sign-in and
 * registration forms, and their POST answers) or is personal to a link's token is sent uncompressed
 * against BREACH. Before app.init(): compression hooks
 * itself into each route as Nest adds it.
 */
export async function registerCaching(instance: FastifyInstance, config: AppConfig): Promise<void> {
  instance.addHook('onSend', (request, reply, payload, done) => {
    const ofLink = isPersonal(reply);
    const personal = ofLink || carriesFormToken(reply) || reply.hasHeader('set-cookie');
    const credentials = carriesCredentials(request);
    const own = reply.getHeader('cache-control');
    const answer = {
      method: request.method,
      status: reply.statusCode,
      path: request.url,
      credentials,
      personal,
      own: own === undefined ? undefined : String(own),
    };
    void reply.header('cache-control', cacheControlFor(answer, config));
    // for every method: a form POST's answer (an error page with the form again) carries the token too
    if (personal || (credentials && String(reply.getHeader('content-type') ?? '').startsWith('text/html'))) {
      // @fastify/compress's own switch, read by its hook that runs after this one
      request.headers['x-no-compression'] = 'form-token';
    }
    const read = request.method === 'GET' || request.method === 'HEAD';
    if (!read) {
      done(null, payload);
      return;
    }
    addVary(reply, VARY);
    // a link's personal page gets no ETag: it is not kept, and its tag would be a digest of an address
    if (ofLink || reply.statusCode !== 200 || !(typeof payload === 'string' || Buffer.isBuffer(payload))) {
      done(null, payload);
      return;
    }
    // encoded once here, for the digest and for the socket (a string would be encoded by each, and
    // measured a third time for Content-Length)
    const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
    const etag = reply.hasHeader('etag')
      ? String(reply.getHeader('etag'))
      : weakEtag(body, String(reply.getHeader('content-language') ?? ''), userKey(request));
    void reply.header('etag', etag);
    if (noneMatchHits(request.headers['if-none-match'], etag)) {
      reply.removeHeader('content-length');
      void reply.code(304);
      done(null, '');
      return;
    }
    done(null, body);
  });
  await instance.register(compress, {
    global: true,
    encodings: ['br', 'gzip'],
    threshold: COMPRESSION_THRESHOLD_BYTES,
    customTypes: COMPRESSIBLE,
  });
}
