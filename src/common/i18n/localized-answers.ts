import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyHttpOptions, FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler, RouteOptions } from 'fastify';
import type { Server } from 'node:http';
import type { Locale } from './locale';
import { localizeResponse } from './localize-response';
import { requestLocale } from './request-locale';

/** The reader's language, settled before the route's handler runs. */
const READER = Symbol('reader');
type WithReader = FastifyRequest & { [READER]?: Locale };

/**
 * Every answer of a controller's route in the reader's language, with `i18n` beside each published
 * text (localize-response.ts), without a Nest interceptor: an interceptor puts each request through
 * rxjs (defer, mergeAll, an Observable per call) and AsyncResource.bind, which cost a submission more
 * than the localization itself. Two plain steps instead:
 * - the adapter localizes what a handler returns (`reply` is where Nest sends a handler's result; a
 *   handler that sends its answer itself through @Res() is left as it sends it, as before);
 * - a preHandler of each controller route (`languageHeaders`) sets Content-Language and
 *   `Vary: accept-language, cookie` unless the handler sets its own: the body depends on
 *   Accept-Language and the remembered choice, so a shared cache must keep one per language.
 */
export class LocalizingFastifyAdapter extends FastifyAdapter {
  constructor(
    options: FastifyHttpOptions<Server> & { skipMiddie?: boolean },
    private readonly fallback: Locale,
  ) {
    super(options);
  }

  override reply(response: FastifyReply, body: unknown, statusCode?: number): FastifyReply {
    const request = response.request as WithReader;
    const reader = request[READER] ?? requestLocale(request, this.fallback);
    return super.reply(response, localizeResponse(body, reader), statusCode);
  }
}

function languageHeaders(fallback: Locale): preHandlerHookHandler {
  return (request, reply, done) => {
    const reader = requestLocale(request, fallback);
    (request as WithReader)[READER] = reader;
    if (!reply.hasHeader('content-language')) void reply.header('content-language', reader);
    if (!reply.hasHeader('vary')) void reply.header('vary', 'accept-language, cookie');
    done();
  };
}

/**
 * Runs `registerRoutes` (the application's init, where Nest adds its controllers' routes) with
 * languageHeaders added to each route registered meanwhile; routes added by plugins before or after
 * (Swagger UI, the import's uploads) are left alone, as the interceptor never ran for them.
 */
export async function withLanguageHeaders<T>(instance: FastifyInstance, fallback: Locale, registerRoutes: () => Promise<T>): Promise<T> {
  const hook = languageHeaders(fallback);
  let registering = true;
  instance.addHook('onRoute', (route: RouteOptions) => {
    if (!registering) return;
    const own = route.preHandler === undefined ? [] : Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler];
    route.preHandler = [hook, ...own];
  });
  try {
    return await registerRoutes();
  } finally {
    registering = false;
  }
}
