import type { ExecutionContext } from '@nestjs/common';
import { createParamDecorator, SetMetadata } from '@nestjs/common';
import type { Role } from '../user.entity';
import type { AuthUser } from './auth-user';

export const AUTH_ROLES = 'auth:roles';

/** The route needs a signed-in user, with one of these roles when any are given. */
export const Auth = (...roles: Role[]) => SetMetadata(AUTH_ROLES, roles);

/** The signed-in user (undefined on public routes when nobody is signed in). */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser | undefined => {
  return context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
});
