import type { ExecutionContext } from '@nestjs/common';
import { createParamDecorator, SetMetadata } from '@nestjs/common';
import type { Locale } from '../../common/i18n/locale';
import { contentLanguage } from '../../common/i18n/localized-text';
import type { Role } from '../user.entity';
import type { AuthUser } from './auth-user';

export const AUTH_ROLES = 'auth:roles';

/** The route needs a signed-in user, with one of these roles when any are given. */
export const Auth = (...roles: Role[]) => SetMetadata(AUTH_ROLES, roles);

/** The factory of @CurrentUser (the OpenAPI description tells from it that a public route reads a session). */
export function currentUserOf(_data: unknown, context: ExecutionContext): AuthUser | undefined {
  return context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
}

/** The signed-in user (undefined on public routes when nobody is signed in). */
export const CurrentUser = createParamDecorator(currentUserOf);

/**
 * The language of a published text sent as a plain string (api.md, "Texts in Kazakh and Russian"): the
 * Content-Language header, else the signed-in sender's account language, else Russian.
 */
export const TextLanguage = createParamDecorator((_data: unknown, context: ExecutionContext): Locale => {
  const request = context.switchToHttp().getRequest<{ user?: AuthUser; headers: Record<string, string | string[] | undefined> }>();
  return contentLanguage(request.headers['content-language']) ?? request.user?.locale ?? 'ru';
});
