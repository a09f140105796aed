import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isLocale, Locale } from '../common/i18n/locale';
import { LANG_COOKIE, requestLocale } from '../common/i18n/request-locale';
import { APP_CONFIG, AppConfig } from '../config/config';
import { markFormToken } from '../common/response-privacy';
import type { AuthUser } from '../identity/auth/auth-user';
import { Csrf } from './forms/csrf';
import { SafeHtml } from './html';
import { LOW_VISION, pageContext, PageContext, pathWithoutLang, VIEW_COOKIE } from './layout';

/** A page request: the signed-in user (global AuthGuard) and the cookies. */
export type PageRequest = FastifyRequest & { user?: AuthUser; cookies?: Record<string, string | undefined> };

const YEAR_SECONDS = 365 * 24 * 3600;

/** Builds the page context of a request: language, low-vision view, current path, user and CSRF token. */
export function requestContext(request: FastifyRequest, fallback: Locale, csrf?: Csrf): PageContext {
  const cookies = (request as PageRequest).cookies ?? {};
  const user = (request as PageRequest).user ?? null;
  const pageUser = user
    ? {
        id: user.id,
        displayName: user.displayName,
        role: user.role,
        organizationId: user.organizationId,
        emailVerified: user.emailVerified,
      }
    : null;
  return pageContext(
    requestLocale(request, fallback),
    cookies[VIEW_COOKIE] === LOW_VISION,
    pathWithoutLang(request.url),
    pageUser,
    user && csrf ? csrf.token(request) : null,
  );
}

export function cookieOptions(request: FastifyRequest) {
  return { path: '/', maxAge: YEAR_SECONDS, sameSite: 'lax' as const, httpOnly: true, secure: request.protocol === 'https' };
}

export function rememberLanguage(request: FastifyRequest, reply: FastifyReply, locale: Locale): void {
  void reply.setCookie(LANG_COOKIE, locale, cookieOptions(request));
}

/**
 * Sends a page; a valid ?lang= is remembered like the switcher's choice. Its Cache-Control and ETag
 * come from src/http-caching.ts: public for an anonymous reader, no-store for a signed-in one.
 */
export function sendPage(request: FastifyRequest, reply: FastifyReply, ctx: PageContext, page: SafeHtml, status = 200): void {
  const query = (request.query ?? {}) as Record<string, unknown>;
  if (isLocale(query.lang)) rememberLanguage(request, reply, query.lang);
  if (ctx.csrf) markFormToken(reply);
  void reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-language', ctx.locale)
    .header('vary', 'accept-language, cookie')
    .send(page.toString());
}

/** The redirect after a POST (303 See Other), never cached. */
export function seeOther(reply: FastifyReply, location: string): void {
  void reply.header('cache-control', 'no-store').redirect(location, 303);
}

/** To the sign-in form, and back to `back` after it. */
export function toSignIn(reply: FastifyReply, back: string): void {
  seeOther(reply, `/login?next=${encodeURIComponent(back)}`);
}

/** What every page controller needs of the request: its context, and sending its page. */
@Injectable()
export class Pages {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly csrf: Csrf,
  ) {}

  context(request: FastifyRequest): PageContext {
    return requestContext(request, this.config.defaultLocale, this.csrf);
  }

  send(request: FastifyRequest, reply: FastifyReply, ctx: PageContext, page: SafeHtml, status = 200): void {
    sendPage(request, reply, ctx, page, status);
  }

  /** The CSRF token of a form shown to signed-out visitors (sign-in, registration): binds one if needed. */
  formToken(request: FastifyRequest, reply: FastifyReply): string {
    markFormToken(reply);
    return this.csrf.ensureToken(request, reply);
  }
}

/** Fills the `:name`s of a route path with the request's parameters ("/plans/:id#remark-form"). */
export function pathParams(path: string, params: unknown): string {
  const values = (params ?? {}) as Record<string, unknown>;
  return path.replace(/:(\w+)/g, (whole, name: string) => (typeof values[name] === 'string' ? encodeURIComponent(values[name]) : whole));
}
