import type { FastifyInstance } from 'fastify';
import { AppError } from './errors/app-error';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The API reads JSON and nothing else: a write under /api that declares another Content-Type
 * (text/plain, a form, multipart...) is refused with UNSUPPORTED_MEDIA_TYPE (415) before its body
 * is read. A cross-site page can send those types without asking (a "simple" request, no CORS
 * preflight), but not application/json. Fastify's text/plain parser is removed everywhere: no route
 * reads plain text (the pages post forms).
 */
export function jsonOnlyApi(instance: FastifyInstance): void {
  instance.removeContentTypeParser('text/plain');
  // preParsing: after every onRequest hook (request id, security headers), before the body is read
  instance.addHook('preParsing', (request, _reply, payload, done) => {
    const type = request.headers['content-type'];
    if (type !== undefined && WITH_BODY.has(request.method) && request.url.startsWith('/api/') && !isJson(type)) {
      done(new AppError('UNSUPPORTED_MEDIA_TYPE'));
      return;
    }
    done(null, payload);
  });
}

function isJson(contentType: string): boolean {
  return contentType.split(';')[0].trim().toLowerCase() === 'application/json';
}
