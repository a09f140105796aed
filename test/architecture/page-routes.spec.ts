import { RequestMethod } from '@nestjs/common';
import { EXCEPTION_FILTERS_METADATA, GUARDS_METADATA } from '@nestjs/common/constants';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import { AUTH_ROLES } from '../../src/identity/auth/auth.decorators';
import { CsrfGuard } from '../../src/web/forms/csrf.guard';
import { PageErrorFilter } from '../../src/web/page-error.filter';
import { TOKEN_POST } from '../../src/web/page.decorators';
import { pageControllers, pageRoutes } from '../support/page-routes';

describe('page controllers (reflected from WebModule)', () => {
  const controllers = pageControllers();
  const all = controllers.flatMap(pageRoutes);
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
      const tokenPost = Reflect.getMetadata(TOKEN_POST, route.handler) === true;
      expect([route.method, route.path, guards.includes(CsrfGuard)]).toEqual([
        route.method,
        route.path,
        route.method === RequestMethod.POST && !tokenPost,
      ]);
    }
  });

  it('exempts from the CSRF check only the one-click unsubscribe (@TokenPost: the signed token is its authority)', () => {
    const exempt = all.filter((r) => Reflect.getMetadata(TOKEN_POST, r.handler) === true).map((r) => `${r.method} ${r.path}`);
    expect(exempt).toEqual([`${RequestMethod.POST} /unsubscribe`]);
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
