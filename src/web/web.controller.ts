import { Controller, Get, Header, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock } from '../common/clock';
import { isLocale, Locale } from '../common/i18n/locale';
import { LANG_COOKIE, requestLocale } from '../common/i18n/request-locale';
import { APP_CONFIG, AppConfig } from '../config/config';
import { SafeHtml } from './html';
import { LOW_VISION, pageContext, PageContext, pathWithoutLang, safeNext, SITE_CSS, SITE_CSS_VERSION, VIEW_COOKIE } from './layout';
import { errorPage, homePage, planPage } from './pages';
import { isUuid, WebQueries } from './queries';

const YEAR_SECONDS = 365 * 24 * 3600;

/** Builds the page context of a request: language, low-vision view, current path. */
export function requestContext(request: FastifyRequest, fallback: Locale): PageContext {
  const cookies = (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies ?? {};
  return pageContext(requestLocale(request, fallback), cookies[VIEW_COOKIE] === LOW_VISION, pathWithoutLang(request.url));
}

/** Sends a page; a valid ?lang= is remembered like the switcher's choice. */
export function sendPage(request: FastifyRequest, reply: FastifyReply, ctx: PageContext, page: SafeHtml, status = 200): void {
  const query = (request.query ?? {}) as Record<string, unknown>;
  if (isLocale(query.lang)) rememberLanguage(request, reply, query.lang);
  void reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-language', ctx.locale)
    .header('cache-control', 'no-store')
    .header('vary', 'accept-language, cookie')
    .send(page.toString());
}

function cookieOptions(request: FastifyRequest) {
  return { path: '/', maxAge: YEAR_SECONDS, sameSite: 'lax' as const, httpOnly: true, secure: request.protocol === 'https' };
}

function rememberLanguage(request: FastifyRequest, reply: FastifyReply, locale: Locale): void {
  void reply.setCookie(LANG_COOKIE, locale, cookieOptions(request));
}

/** The public, server-rendered pages (no JavaScript needed). */
@ApiExcludeController()
@Controller()
export class WebController {
  constructor(
    private readonly queries: WebQueries,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('assets/site.css')
  @Header('content-type', 'text/css; charset=utf-8')
  css(@Query('v') v: string | undefined, @Res() reply: FastifyReply): void {
    // A versioned URL never changes its content; an unversioned one is revalidated daily.
    const cache = v === SITE_CSS_VERSION ? 'public, max-age=31536000, immutable' : 'public, max-age=86400';
    void reply.header('cache-control', cache).header('etag', `"${SITE_CSS_VERSION}"`).send(SITE_CSS);
  }

  @Get('lang/:locale')
  lang(@Param('locale') locale: string, @Query('next') next: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const target = safeNext(next);
    if (isLocale(locale)) rememberLanguage(request, reply, locale);
    void reply.header('cache-control', 'no-store').redirect(target, 303);
  }

  @Get('view/:mode')
  view(@Param('mode') mode: string, @Query('next') next: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const target = safeNext(next);
    if (mode === LOW_VISION) void reply.setCookie(VIEW_COOKIE, LOW_VISION, cookieOptions(request));
    else void reply.clearCookie(VIEW_COOKIE, { path: '/' });
    void reply.header('cache-control', 'no-store').redirect(target, 303);
  }

  @Get()
  async home(@Query('q') q: unknown, @Query('org') org: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = requestContext(request, this.config.defaultLocale);
    const now = this.clock.now();
    const search = typeof q === 'string' && q.trim() ? q.trim().slice(0, 200) : null;
    const organizationId = isUuid(org) ? org : null;
    const [organizations, open, hearings] = await Promise.all([
      this.queries.organizationsWithPlans(),
      this.queries.openDiscussions(now, search, organizationId),
      this.queries.upcomingHearings(now, search, organizationId),
    ]);
    sendPage(request, reply, ctx, homePage(ctx, { now, q: search ?? '', organizationId: organizationId ?? '', organizations, open, hearings }));
  }

  @Get('plans/:id')
  async plan(@Param('id') id: string, @Query('cursor') cursor: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = requestContext(request, this.config.defaultLocale);
    const plan = await this.queries.plan(id);
    if (!plan) {
      sendPage(request, reply, ctx, errorPage(ctx, 404), 404);
      return;
    }
    const remarks = await this.queries.remarks(plan.id, typeof cursor === 'string' ? cursor : null);
    sendPage(request, reply, ctx, planPage(ctx, { now: this.clock.now(), plan, remarks, path: `/plans/${plan.id}` }));
  }
}
