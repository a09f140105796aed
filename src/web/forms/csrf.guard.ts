import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../common/errors/app-error';
import { Csrf, CSRF_FIELD } from './csrf';

/**
 * Refuses a form POST without a valid CSRF token of the request (CSRF_INVALID, 403, a page in the
 * reader's language) before its handler runs. Applied by `@FormPost()`; it runs after the global
 * AuthGuard, so a signed-out visitor of a signed-in form is sent to sign in first.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(private readonly csrf: Csrf) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const body = request.body;
    const token = body && typeof body === 'object' ? (body as Record<string, unknown>)[CSRF_FIELD] : undefined;
    if (!this.csrf.valid(request, token)) throw new AppError('CSRF_INVALID');
    return true;
  }
}
