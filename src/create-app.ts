import cookie from '@fastify/cookie';
import { randomUUID } from 'node:crypto';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import type { Clock, RealClock } from './common/clock';
import { clientErrorHandler } from './common/errors/client-error';
import { ErrorFilter } from './common/errors/error.filter';
import { InputSanityPipe } from './common/errors/input-sanity.pipe';
import { LocalizeResponseInterceptor } from './common/i18n/localize-response.interceptor';
import { flattenValidationErrors, validationError } from './common/errors/validation';
import { jsonOnlyApi } from './common/json-only-api';
import { registerImportUploads } from './web/organizer/plan-import.uploads';
import type { AppConfig } from './config/config';
import { acceptEmptyJsonBody, addHardeningHooks, securityHeaders, serverTimeouts } from './http-hardening';
import { registerCaching } from './http-caching';
import { serveOpenApi } from './openapi-document';

/**
 * Builds the whole HTTP application; used by main.ts, the tests and the benchmark alike. `clock` is
 * the procedure's (the sandbox moves it); `realClock`, the system's unless a test gives one, judges sessions.
 */
export async function createApp(config: AppConfig, clock: Clock, realClock?: RealClock): Promise<NestFastifyApplication> {
  const errorFilter = new ErrorFilter(config);
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    // X-Forwarded-For only from the proxies TRUST_PROXY names; by default the client is the connection's peer
    trustProxy: config.trustProxy,
    ...serverTimeouts(config),
    routerOptions: { maxParamLength: 200 },
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // router refusals (bad percent-encoding, a path parameter over maxParamLength) in the API's error
    // shape, with the security headers that no hook adds to them
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) =>
      securityHeaders(request, reply, () => errorFilter.respond(error, request, reply)),
    // what Node's HTTP parser refuses (headers over 16 KiB, ...) in the same shape
    clientErrorHandler: clientErrorHandler(config.defaultLocale),
  });
  // Every answer carries its request id, and the logs use the same id (app.module.ts).
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    const id = /^[\w.-]{1,100}$/.test(request.id) ? request.id : randomUUID();
    request.raw.headers['x-request-id'] = id;
    void reply.header('x-request-id', id);
    done();
  });
  // JSON only under /api, plain text nowhere (item 10 of issue 13: simple cross-site requests)
  jsonOnlyApi(adapter.getInstance());
  // multipart/form-data for the two forms of the annual plan's import only (and within its limits)
  await registerImportUploads(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, clock, realClock), adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();

  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => securityHeaders(request, reply, done));
  addHardeningHooks(app.getHttpAdapter().getInstance(), (error, request, reply) => errorFilter.respond(error, request, reply));
  await app.register(cookie);
  // Cache-Control, Vary, ETag and 304, then compression (after the cookie parser, which they read)
  await registerCaching(app.getHttpAdapter().getInstance(), config);

  app.useGlobalPipes(
    new InputSanityPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => validationError(flattenValidationErrors(errors)),
    }),
  );
  app.useGlobalFilters(errorFilter);
  app.useGlobalInterceptors(new LocalizeResponseInterceptor(config.defaultLocale));

  serveOpenApi(app, config);

  // No app.enableShutdownHooks(): main.ts closes the app on SIGTERM and SIGINT. Both at once closed
  // it twice, concurrently, and the second DataSource.destroy() logged "Called end on pool more than once".
  await app.init();
  acceptEmptyJsonBody(app.getHttpAdapter().getInstance());
  return app;
}
