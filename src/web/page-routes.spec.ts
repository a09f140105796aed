import type { Type } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { EXCEPTION_FILTERS_METADATA, GUARDS_METADATA, METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import { API } from '../common/api';
import { AUTH_ROLES } from '../identity/auth/auth.decorators';
import { CsrfGuard } from './forms/csrf.guard';
import { PageErrorFilter } from './page-error.filter';
import { WebModule } from './web.module';

type Module = Type | { module: Type } | { forwardRef: () => Type };

/** Every controller reachable from WebModule that is not under the API's prefix: the page controllers. */
function pageControllers(): Type[] {
  const seen = new Set<Type>();
  const controllers = new Set<Type>();
  const visit = (entry: Module | undefined): void => {
    const module = entry && ('forwardRef' in entry ? entry.forwardRef() : 'module' in entry ? entry.module : entry);
    if (!module || seen.has(module)) return;
    seen.add(module);
    for (const c of (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, module) ?? []) as Type[]) controllers.add(c);
    for (const m of (Reflect.getMetadata(MODULE_METADATA.IMPORTS, module) ?? []) as Module[]) visit(m);
  };
  visit(WebModule);
  return [...controllers].filter((c) => !String(Reflect.getMetadata(PATH_METADATA, c)).startsWith(API));
}

interface Route {
  controller: string;
  method: RequestMethod;
  path: string;
  handler: object;
}

function routes(controller: Type): Route[] {
  const prototype = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype)
    .map((name) => prototype[name])
    .filter((handler): handler is object => typeof handler === 'function' && Reflect.hasMetadata(PATH_METADATA, handler))
    .map((handler) => ({
      controller: controller.name,
      method: Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod,
      path: `/${[Reflect.getMetadata(PATH_METADATA, controller), Reflect.getMetadata(PATH_METADATA, handler)]
        .map((p: string) => p.replace(/^\/+|\/+$/g, ''))
        .filter((p) => p)
        .join('/')}`,
      handler,
    }));
}

describe('page controllers (reflected from WebModule)', () => {
  const controllers = pageControllers();
  const all = controllers.flatMap(routes);
  const posts = all.filter((r) => r.method === RequestMethod.POST);

  it('finds the page controllers and their form POSTs', () => {
    expect(controllers.length).toBeGreaterThanOrEqual(10);
    expect(posts.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/login', '/logout', '/plans/:id/remarks', '/admin/calendar/:date/delete', '/organizer/plans/:id/outcome']),
    );
    expect(posts.length).toBeGreaterThanOrEqual(26);
  });

  it('renders the refusals of every page controller as pages (@PageController)', () => {
    for (const controller of controllers)
      expect([controller.name, Reflect.getMetadata(EXCEPTION_FILTERS_METADATA, controller)]).toEqual([controller.name, [PageErrorFilter]]);
  });

  it('checks the CSRF token of every form POST (@FormPost), and of nothing else', () => {
    for (const route of all) {
      const guards = (Reflect.getMetadata(GUARDS_METADATA, route.handler) ?? []) as unknown[];
      expect([route.method, route.path, guards.includes(CsrfGuard)]).toEqual([
        route.method,
        route.path,
        route.method === RequestMethod.POST,
      ]);
    }
  });

  it('has every signed-in POST say where the visitor returns after signing in', () => {
    for (const route of posts) {
      const controller = controllers.find((c) => c.name === route.controller)!;
      const roles = Reflect.getMetadata(AUTH_ROLES, route.handler) ?? Reflect.getMetadata(AUTH_ROLES, controller);
      const config = Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, route.handler) as { page?: { signIn?: string } } | undefined;
      if (roles) expect([route.path, typeof config?.page?.signIn]).toEqual([route.path, 'string']);
    }
  });
});
