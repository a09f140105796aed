import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { Repository } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { isLocale } from '../../common/i18n/locale';
import { Role, User } from '../user.entity';
import { AuthUser } from './auth-user';
import { AUTH_ROLES } from './auth.decorators';
import { TokenService } from './token.service';

export const SESSION_COOKIE = 'session';

export function toAuthUser(user: User): AuthUser {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    locale: isLocale(user.locale) ? user.locale : 'ru',
    organizationId: user.organizationId,
    councilId: user.councilId,
    isChair: user.isChair,
    emailVerified: user.emailVerifiedAt !== null,
  };
}

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
    @InjectRepository(User) private readonly users: Repository<User>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(AUTH_ROLES, [context.getHandler(), context.getClass()]);
    const token = bearer(request) ?? request.cookies?.[SESSION_COOKIE];
    const userId = token ? this.tokens.verify(token) : null;
    if (userId) {
      const user = await this.users.findOne({ where: { id: userId } });
      if (user) request.user = toAuthUser(user);
    }
    if (roles === undefined) return true;
    if (!request.user) throw new AppError('UNAUTHENTICATED');
    if (roles.length > 0 && !roles.includes(request.user.role)) throw new AppError('FORBIDDEN');
    return true;
  }
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}
