import { applyDecorators, Controller, Post, SetMetadata, UseFilters, UseGuards } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { ApiExcludeController } from '@nestjs/swagger';
import { Auth } from '../identity/auth/auth.decorators';
import type { Role } from '../identity/user.entity';
import { CsrfGuard } from './forms/csrf.guard';
import { PageErrorFilter } from './page-error.filter';
import { mergeRouteConfig } from './page-route';

/**
 * A controller of server-rendered pages: hidden from the API documentation, its refusals rendered
 * as pages (PageErrorFilter), and with `roles`, the same role check as the API (`@Auth`, enforced by
 * the global AuthGuard): signed-out visitors are sent to sign in, other roles get the area's 403 page.
 */
export function PageController(path: string, options: { roles?: readonly Role[] } = {}): ClassDecorator {
  return (target) => {
    if (options.roles) {
      const prototype = target.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (typeof handler === 'function' && Reflect.hasMetadata(PATH_METADATA, handler))
          mergeRouteConfig(handler, { roles: options.roles });
      }
    }
    const auth = options.roles ? [Auth(...options.roles)] : [];
    applyDecorators(Controller(path), ApiExcludeController(), UseFilters(PageErrorFilter), ...auth)(target);
  };
}

/** Where a signed-out visitor returns after signing in, when not the current page (a POST, a page with a cursor). */
export function SignInReturn(path: string): MethodDecorator {
  return (_target, _key, descriptor) => {
    mergeRouteConfig(descriptor.value as object, { signIn: path });
  };
}

/** A form's POST route: checked for the CSRF token (CsrfGuard) before its handler runs. */
export function FormPost(path: string, options: { signIn?: string } = {}): MethodDecorator {
  return applyDecorators(Post(path), UseGuards(CsrfGuard), ...(options.signIn ? [SignInReturn(options.signIn)] : []));
}

/** Marks a POST that carries its own authority in a signed token instead of a CSRF token (`TokenPost`). */
export const TOKEN_POST = 'page:token-post';

/**
 * A POST authorized by the signed token in its URL alone, exempt from the CSRF check of page forms:
 * the one-click unsubscribe of RFC 8058 is sent by a mail client with no cookie and no form of ours,
 * so no CSRF token can exist. A forged cross-site POST gains nothing, since without the e-mail's
 * token it is refused, and with it the effect is only what the e-mail's owner may do anyway.
 */
export function TokenPost(path: string): MethodDecorator {
  return applyDecorators(Post(path), SetMetadata(TOKEN_POST, true));
}
