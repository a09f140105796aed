import type { Type } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { API } from '../../src/common/api';
import { WebModule } from '../../src/web/web.module';

type Module = Type | { module: Type } | { forwardRef: () => Type };

/** Every controller reachable from WebModule that is not under the API's prefix: the page controllers. */
export function pageControllers(): Type[] {
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

export interface PageRoute {
  controller: string;
  method: RequestMethod;
  /** e.g. "/plans/:id/remarks" */
  path: string;
  handler: object;
}

/** The routes of one page controller, read from Nest's metadata. */
export function pageRoutes(controller: Type): PageRoute[] {
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

/** Every form POST of the pages, as "POST /path/:param". */
export function pageFormPosts(): string[] {
  return pageControllers()
    .flatMap(pageRoutes)
    .filter((r) => r.method === RequestMethod.POST)
    .map((r) => `POST ${r.path}`);
}
