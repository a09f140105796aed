import cookie from '@fastify/cookie';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import type { Clock, RealClock } from './common/clock';
import { clientErrorHandler } from './common/errors/client-error';
import { ErrorFilter } from './common/errors/error.filter';
import { InputSanityPipe } from './common/errors/input-sanity.pipe';
import { flattenValidationErrors, validationError } from './common/errors/validation';
import { jsonOnlyApi } from './common/json-only-api';
import type { AppConfig } from './config/config';

/**
 * Builds the whole HTTP application; used by main.ts, the tests and the benchmark alike. `clock` is
 * the procedure's (the sandbox moves it); `realClock`, the system's unless a test gives one, judges sessions.
 */
export async function createApp(config: AppConfig, clock: Clock, realClock?: RealClock): Promise<NestFastifyApplication> {
  const errorFilter = new ErrorFilter(config);
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: true,
    routerOptions: { maxParamLength: 200 },
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // router refusals (bad percent-encoding, a path parameter over maxParamLength) in the API's error shape
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => errorFilter.respond(error, request, reply),
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
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, clock, realClock), adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();

  // helmet's headers, its middleware built once: @fastify/helmet rebuilt it (parsing the whole
  // content security policy) on every request, a tenth of a small request's CPU in the benchmark.
  const securityHeaders = helmet({
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
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, () => done()));
  await app.register(cookie);

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

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('talqylau API')
      .setDescription(
        'Public discussion of public procurement: plans, remarks and answers, hearings, council review, stage two and the outcome. ' +
          'Errors are {"error": {"code", "message"}} with the message in the Accept-Language of the request (kk, ru, en).',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  app.enableShutdownHooks();
  await app.init();
  return app;
}
