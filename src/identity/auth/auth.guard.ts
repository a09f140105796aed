import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../common/errors/app-error';
import { isLocale } from '../../common/i18n/locale';
import { isUuid } from '../../common/ids';
import { Role } from '../user.entity';
import { UsersRepository } from '../users.repository';
import { AuthUser } from './auth-user';
import { AUTH_ROLES } from './auth.decorators';
import { TokenService } from './token.service';

export const SESSION_COOKIE = 'session';

/**
 * Global guard: recognises the bearer token or the session cookie, attaches the user, and enforces
 * @Auth(...roles) where a route declares it. Resource rules (whose plan) live in each feature's
 * access policy.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly users: UsersRepository,
  ) {}

  /** @Auth's roles by controller and route handler (Reflect's lookup walks the prototype chain on each call). */
  private readonly rolesByRoute = new WeakMap<object, Map<object, Role[] | undefined>>();

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const roles = this.rolesOf(context);
    const token = sessionTokens(request)[0];
    const session = token ? this.tokens.verify(token) : null;
    if (session && isUuid(session.userId) && isUuid(session.sessionId)) {
      // Read on every request, so a rule such as EMAIL_NOT_VERIFIED is judged on the current row, and
      // an ended session (signed out, password reset) is refused at once: the same one statement.
      const row = await this.users.authRow(session);
      if (row) {
        request.user = {
          id: row.id,
          email: row.email,
          displayName: row.display_name,
          role: row.role,
          locale: isLocale(row.locale) ? row.locale : 'ru',
          organizationId: row.organization_id,
          councilId: row.council_id,
          isChair: row.is_chair,
          emailVerified: row.email_verified,
        };
      }
    }
    if (roles === undefined) return true;
    if (!request.user) throw new AppError('UNAUTHENTICATED');
    if (roles.length > 0 && !roles.includes(request.user.role)) throw new AppError('FORBIDDEN');
    return true;
  }

  private rolesOf(context: ExecutionContext): Role[] | undefined {
    const [handler, controller] = [context.getHandler(), context.getClass()];
    let ofController = this.rolesByRoute.get(controller);
    if (!ofController) this.rolesByRoute.set(controller, (ofController = new Map<object, Role[] | undefined>()));
    if (ofController.has(handler)) return ofController.get(handler);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(AUTH_ROLES, [handler, controller]);
    ofController.set(handler, roles);
    return roles;
  }
}

/** The request's session tokens, the one the guard uses first: the bearer token, then the session cookie. */
export function sessionTokens(request: FastifyRequest): string[] {
  return [bearer(request), request.cookies?.[SESSION_COOKIE]].filter((token): token is string => !!token);
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}
