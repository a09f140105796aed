import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppError } from './errors/app-error';

/** What a route with its own body limit declares (in Fastify's route `config`). */
interface BodyLimitConfig {
  bodyLimit?: number;
  /** The refusal of a body over the limit, instead of the generic PAYLOAD_TOO_LARGE. */
  bodyTooLarge?: () => AppError;
}

/**
 * A route that takes larger bodies than BODY_LIMIT_BYTES (never smaller: the larger of the two
 * applies), and answers a body over its limit with its own error. Read by `applyRouteBodyLimits`
 * and the error filter.
 */
export function BodyLimit(bytes: number, tooLarge: () => AppError): MethodDecorator {
  return RouteConfig({ bodyLimit: bytes, bodyTooLarge: tooLarge } satisfies BodyLimitConfig);
}

/** Gives each route declared with `@BodyLimit` its limit; call before the routes are registered (app.init()). */
export function applyRouteBodyLimits(instance: FastifyInstance): void {
  const global = instance.initialConfig.bodyLimit ?? 0;
  instance.addHook('onRoute', (route) => {
    // a typed variable, not a cast: Fastify types a route's config as empty, and the linter refuses the cast
    const config: BodyLimitConfig | undefined = route.config;
    const limit = config?.bodyLimit;
    if (typeof limit === 'number') route.bodyLimit = Math.max(limit, global);
  });
}

/** The refusal a route declared for a body over its limit, if any. */
export function bodyTooLargeOf(request: FastifyRequest): AppError | null {
  const tooLarge = (request.routeOptions?.config as BodyLimitConfig | undefined)?.bodyTooLarge;
  return typeof tooLarge === 'function' ? tooLarge() : null;
}
