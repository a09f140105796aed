import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import type { FastifyRequest } from 'fastify';
import type { Role } from '../identity/user.entity';

/**
 * What the page error filter needs to know about a route, carried in the route's Fastify config
 * (the filter sees the request, not the handler): the roles of its area, and where a signed-out
 * visitor returns after signing in.
 */
export interface PageRouteConfig {
  roles?: readonly Role[];
  /** A path with `:param`s of the route, e.g. "/plans/:id#remark-form"; the current page when absent. */
  signIn?: string;
}

const PAGE = 'page';

export function mergeRouteConfig(handler: object, patch: PageRouteConfig): void {
  const config = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) ?? {}) as Record<string, unknown>;
  Reflect.defineMetadata(
    FASTIFY_ROUTE_CONFIG_METADATA,
    { ...config, [PAGE]: { ...(config[PAGE] as PageRouteConfig | undefined), ...patch } },
    handler,
  );
}

/** The page route's config (empty outside page controllers). */
export function pageRoute(request: FastifyRequest): PageRouteConfig {
  const config = request.routeOptions?.config as unknown as Record<string, unknown> | undefined;
  return (config?.[PAGE] as PageRouteConfig | undefined) ?? {};
}
