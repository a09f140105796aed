import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppError } from '../common/errors/app-error';
import { errorPage, forbiddenPage } from './error-pages';
import { errorText } from './forms/submit';
import { pageRoute } from './page-route';
import { PageRequest, Pages, pathParams, toSignIn } from './page-response';

/**
 * The refusals of page routes as pages (other errors go on to the global ErrorFilter):
 * UNAUTHENTICATED sends the visitor to sign in and back; the AuthGuard's FORBIDDEN for a role
 * outside the area is the area's 403 page; any other refusal is an error page in the reader's
 * language that still shows who is signed in.
 */
@Catch(AppError)
export class PageErrorFilter implements ExceptionFilter {
  constructor(private readonly pages: Pages) {}

  catch(error: AppError, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<PageRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const route = pageRoute(request);
    const ctx = this.pages.context(request);
    if (error.code === 'UNAUTHENTICATED') {
      toSignIn(reply, route.signIn ? pathParams(route.signIn, request.params) : ctx.currentPath);
      return;
    }
    const user = request.user;
    if (error.code === 'FORBIDDEN' && user && route.roles && !route.roles.includes(user.role)) {
      this.pages.send(request, reply, ctx, forbiddenPage(ctx, route.roles[0], user.displayName), 403);
      return;
    }
    this.pages.send(request, reply, ctx, errorPage(ctx, error.status, errorText(error, ctx.locale)), error.status);
  }
}
