import type { INestApplication, Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { API } from './common/api';
import { RealClock } from './common/clock';
import { ApiErrorResponse, ApiFieldError, errorResponse } from './common/openapi';
import type { AppConfig } from './config/config';
import { AUTH_ROLES, currentUserOf } from './identity/auth/auth.decorators';
import type { Role } from './identity/user.entity';
import { lazyDocument } from './openapi-lazy';
import { orderTags } from './openapi-tags';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
type SecurityRequirement = Record<string, string[]>;

/** The one security scheme: the token of POST /auth/login (the session cookie works too, with X-CSRF-Token on writes). */
export const BEARER = 'bearer';

/** What a route asks of its caller, read from its controller method (@Auth, @CurrentUser). */
interface RouteAccess {
  /** undefined: public; [] any signed-in user; else one of these roles */
  roles: Role[] | undefined;
  /** a public route that answers differently when a session is sent (e.g. drafts for their organizer) */
  readsSession: boolean;
}

const WRITES = new Set(['post', 'put', 'patch', 'delete']);
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

/**
 * The OpenAPI description served at /api/docs (JSON at /api/docs-json). It is built on the first
 * request for it, not at start-up, where building it took 0.3-0.5 s of CPU (measured on a busy
 * machine); the API contract tests build it from the same routes (test/support/test-app.ts). A
 * build that fails is tried again at most once a minute (openapi-lazy.ts).
 */
export function serveOpenApi(app: INestApplication, config: AppConfig): void {
  const realClock = app.get(RealClock);
  const document = lazyDocument(
    () => openApiDocument(app, config),
    () => realClock.now().getTime(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}

/**
 * The description generated from the controllers' decorators, then completed from the routes
 * themselves so that no operation can forget it: its security (from @Auth and @CurrentUser), and the
 * error statuses every route of its kind can answer (bad input, body limits, sessions, the database).
 */
export function openApiDocument(app: INestApplication, config: AppConfig): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('talqylau API')
      .setDescription(
        'Public discussion of public procurement: plans, remarks and answers, hearings, council review, stage two and the outcome. ' +
          'Errors are {"error": {"code", "message"}} with the message in the Accept-Language of the request (kk, ru, en). ' +
          "Published texts (titles, answers, ...) come as a string in the reader's language with every version under `i18n`.",
      )
      .setVersion('1')
      .setLicense('UNLICENSED', `${config.publicUrl}/`)
      .addServer(config.publicUrl, 'This instance (every API path starts with /api/v1)')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'The accessToken of POST /api/v1/auth/login' }, BEARER)
      .build(),
    { extraModels: [ApiErrorResponse, ApiFieldError] },
  );
  // the named fields some codes add beside code and message (closesAt, missing, latest, ...)
  const errorBody = document.components?.schemas?.ApiErrorBody;
  if (errorBody && !('$ref' in errorBody)) errorBody.additionalProperties = true;
  const access = routeAccess(app);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const route = access.get(operation.operationId ?? '');
      if (!route) throw new Error(`OpenAPI: ${method.toUpperCase()} ${path} (${operation.operationId}) has no controller method`);
      completeOperation(path, method, operation, route);
    }
  }
  orderTags(document);
  return document;
}

function completeOperation(path: string, method: string, operation: Operation, route: RouteAccess): void {
  operation.security = security(route);
  const write = WRITES.has(method);
  const api = path.startsWith(`/${API}/`);
  const hasInput = !!operation.requestBody || (operation.parameters ?? []).length > 0;
  const statuses: number[] = [];
  // VALIDATION_FAILED, MALFORMED_JSON; every parameter passes the input sanity pipe
  if (hasInput || (write && api)) statuses.push(400);
  if (route.roles !== undefined) statuses.push(401);
  // a role the route does not allow; CSRF_INVALID for any API write that a session cookie signed in
  // (the guard runs for every write, whether or not the route reads the session: api-csrf.guard.ts)
  if ((route.roles !== undefined && route.roles.length > 0) || (api && write)) {
    statuses.push(403);
  }
  // a write reads whatever body is sent, also where the operation defines none
  if (operation.requestBody || write) statuses.push(413);
  if ((operation.requestBody || write) && api) statuses.push(415);
  // headers over 16 KiB, refused by Node's parser for every route
  statuses.push(431);
  statuses.push(503);
  for (const status of statuses) {
    operation.responses[status] ??= errorResponse(status);
  }
}

function security(route: RouteAccess): SecurityRequirement[] {
  if (route.roles !== undefined) return [{ [BEARER]: [] }];
  if (route.readsSession) return [{}, { [BEARER]: [] }];
  return [];
}

/** Every controller method by the operationId the document gives it (`Controller_method`). */
function routeAccess(app: INestApplication): Map<string, RouteAccess> {
  const routes = new Map<string, RouteAccess>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const key of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[key];
        if (key === 'constructor' || typeof handler !== 'function') continue;
        const roles =
          (Reflect.getMetadata(AUTH_ROLES, handler) as Role[] | undefined) ??
          (Reflect.getMetadata(AUTH_ROLES, controller) as Role[] | undefined);
        const bearerDeclared = Array.isArray(Reflect.getMetadata('swagger/apiSecurity', handler));
        routes.set(`${controller.name}_${key}`, { roles, readsSession: readsCurrentUser(controller, key) || bearerDeclared });
      }
    }
  }
  return routes;
}

function readsCurrentUser(controller: Type, key: string): boolean {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, key) ?? {}) as Record<string, { factory?: unknown }>;
  return Object.values(args).some((arg) => arg.factory === currentUserOf);
}
