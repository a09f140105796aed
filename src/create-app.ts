import cookie from '@fastify/cookie';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import type { Clock, RealClock } from './common/clock';
import { clientErrorHandler } from './common/errors/client-error';
import { ErrorFilter } from './common/errors/error.filter';
import { LocalizingFastifyAdapter, withLanguageHeaders } from './common/i18n/localized-answers';
import { AppValidationPipe } from './common/errors/validation-pipe';
import { jsonOnlyApi } from './common/json-only-api';
import { applyRouteBodyLimits } from './common/route-body-limit';
import { registerImportUploads } from './web/organizer/plan-import.uploads';
import type { AppConfig } from './config/config';
import { acceptEmptyJsonBody, addFirstRequestHook, serverTimeouts } from './http-hardening';
import { registerCaching } from './http-caching';
import { serveOpenApi } from './openapi-document';
import { quietStartUpLog } from './quiet-start-up-log';
import { addAccessLog, createRootLogger } from './http-access-log';

/**
 * Builds the whole HTTP application; used by main.ts, the tests and the benchmark alike. `clock` is
 * the procedure's (the sandbox moves it); `realClock`, the system's unless a test gives one, judges sessions.
 */
export async function createApp(config: AppConfig, clock: Clock, realClock?: RealClock): Promise<NestFastifyApplication> {
  const errorFilter = new ErrorFilter(config);
  const adapter = new LocalizingFastifyAdapter(
    {
      bodyLimit: config.bodyLimitBytes,
      // X-Forwarded-For only from the proxies TRUST_PROXY names; by default the client is the connection's peer
      trustProxy: config.trustProxy,
      ...serverTimeouts(config),
      routerOptions: { maxParamLength: 200 },
      requestIdHeader: 'x-request-id',
      genReqId: () => randomUUID(),
      // router refusals (bad percent-encoding, a path parameter over maxParamLength) in the API's error
      // shape, with the security headers and request id that no hook adds to them (the filter does)
      frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => errorFilter.respond(error, request, reply),
      // what Node's HTTP parser refuses (headers over 16 KiB, ...) in the same shape
      clientErrorHandler: clientErrorHandler(config.defaultLocale),
      // no Nest middleware here (the access log is a hook): without @fastify/middie, no middleware
      // runner on every request. A module that adds middleware fails at start, not silently
      skipMiddie: true,
    },
    config.defaultLocale,
  );
  // request id, security headers, Swagger UI's unused files (http-hardening.ts)
  addFirstRequestHook(adapter.getInstance(), (error, request, reply) => errorFilter.respond(error, request, reply));
  const logger = createRootLogger(config);
  addAccessLog(adapter.getInstance(), logger);
  // JSON only under /api, plain text nowhere (item 10 of issue 13: simple cross-site requests)
  jsonOnlyApi(adapter.getInstance());
  // the import's API routes take a CSV of the import's limit however JSON-escaped (route-body-limit.ts)
  applyRouteBodyLimits(adapter.getInstance());
  // multipart/form-data for the two forms of the annual plan's import only (and within its limits)
  registerImportUploads(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, clock, realClock, logger), adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  // Nest's lines per module and route at start-up go to debug (quiet-start-up-log.ts)
  app.useLogger(quietStartUpLog(app.get(Logger)));
  app.flushLogs();

  await app.register(cookie);
  // Cache-Control, Vary, ETag and 304, then compression (after the cookie parser, which they read)
  await registerCaching(app.getHttpAdapter().getInstance(), config);

  app.useGlobalPipes(new AppValidationPipe());
  app.useGlobalFilters(errorFilter);

  serveOpenApi(app, config);

  // No app.enableShutdownHooks(): main.ts closes the app on SIGTERM and SIGINT. Both at once closed
  // it twice, concurrently, and the second DataSource.destroy() logged "Called end on pool more than once".
  // the controllers' routes are added here; each answers in the reader's language (localized-answers.ts)
  await withLanguageHeaders(app.getHttpAdapter().getInstance(), config.defaultLocale, () => app.init());
  acceptEmptyJsonBody(app.getHttpAdapter().getInstance());
  return app;
}
