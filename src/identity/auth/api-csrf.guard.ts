import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../common/errors/app-error';
import type { AuthUser } from './auth-user';
import { Csrf, CSRF_HEADER } from './csrf';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Global guard after AuthGuard: an API write (POST, PUT, PATCH, DELETE under /api) that the session
 * cookie signed in must carry the CSRF token of that cookie in the X-CSRF-Token header (the token of
 * the pages' forms), or is refused with CSRF_INVALID (403). A browser sends the cookie with a
 * cross-site request too; a Bearer token it never sends by itself, so calls with one are unaffected.
 */
@Injectable()
export class ApiCsrfGuard implements CanActivate {
  constructor(private readonly csrf: Csrf) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    if (!request.user || !WRITES.has(request.method) || !request.url.startsWith('/api/')) return true;
    if (/^Bearer\s+\S+$/i.test(request.headers.authorization ?? '')) return true;
    if (!this.csrf.valid(request, request.headers[CSRF_HEADER])) throw new AppError('CSRF_INVALID');
    return true;
  }
}
