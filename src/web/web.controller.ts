import { Body, Controller, Get, Header, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock } from '../common/clock';
import { interpolate, isLocale, Locale } from '../common/i18n/locale';
import { LANG_COOKIE, requestLocale } from '../common/i18n/request-locale';
import { APP_CONFIG, AppConfig } from '../config/config';
import { SafeHtml } from './html';
import { LOW_VISION, pageContext, PageContext, pathWithoutLang, safeNext, SITE_CSS, SITE_CSS_VERSION, VIEW_COOKIE } from './layout';
import { errorPage, homePage, loginPage, planPage, PlanFormState } from './pages';
import { Csrf } from './csrf';
import { AuthUser } from '../identity/auth/auth-user';
import { AuthService } from '../identity/auth.service';
import { RateLimiter } from '../identity/rate-limiter';
import { clearSessionCookie, setSessionCookie } from '../identity/auth/session-cookie';
import { RemarksService } from '../remarks/remarks.service';
import { DISPOSITIONS, Disposition } from '../remarks/answer.entity';
import { AppError } from '../common/errors/app-error';
import { ERRORS } from '../common/errors/error-codes';
import { randomUUID } from 'node:crypto';
import { isUuid, WebQueries } from './queries';
import { PlanParticipation } from './citizen/plan-participation';

const YEAR_SECONDS = 365 * 24 * 3600;

/** Builds the page context of a request: language, low-vision view, current path. */
export function requestContext(request: FastifyRequest, fallback: Locale, csrf?: Csrf): PageContext {
  const cookies = (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies ?? {};
  const user = (request as FastifyRequest & { user?: AuthUser }).user ?? null;
  const pageUser = user ? { id: user.id, displayName: user.displayName, role: user.role, organizationId: user.organizationId, emailVerified: user.emailVerified } : null;
  return pageContext(requestLocale(request, fallback), cookies[VIEW_COOKIE] === LOW_VISION, pathWithoutLang(request.url), pageUser, user && csrf ? csrf.token(request) : null);
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
    private readonly csrf: Csrf,
    private readonly auth: AuthService,
    private readonly limiter: RateLimiter,
    private readonly remarksService: RemarksService,
    private readonly participation: PlanParticipation,
  ) {}

  private ctx(request: FastifyRequest): PageContext {
    return requestContext(request, this.config.defaultLocale, this.csrf);
  }

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
    const ctx = this.ctx(request);
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
  async plan(@Param('id') id: string, @Query('cursor') cursor: unknown, @Query('done') done: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const flash = done === 'remark' ? 'remarked' : done === 'answer' ? 'answered' : null;
    await this.renderPlan(request, reply, id, typeof cursor === 'string' ? cursor : null, { flash });
  }

  private async renderPlan(request: FastifyRequest, reply: FastifyReply, id: string, cursor: string | null, form: PlanFormState, status = 200): Promise<void> {
    const ctx = this.ctx(request);
    const plan = await this.queries.plan(id);
    if (!plan) {
      sendPage(request, reply, ctx, errorPage(ctx, 404), 404);
      return;
    }
    const now = this.clock.now();
    const done = ((request.query ?? {}) as Record<string, unknown>).done;
    const [remarks, procedure, slots] = await Promise.all([
      this.queries.remarks(plan.id, cursor),
      this.queries.procedure(plan.id, now),
      this.participation.slots(ctx, plan, now, done),
    ]);
    sendPage(request, reply, ctx, planPage(ctx, { now, plan, remarks, procedure, slots, path: `/plans/${plan.id}`, form: { remarkKey: randomUUID(), ...form } }), status);
  }

  @Get('login')
  loginForm(@Query('next') next: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const ctx = this.ctx(request);
    sendPage(request, reply, ctx, loginPage(ctx, { email: '', next: safeNext(next), csrf: this.csrf.ensureToken(request, reply) }));
  }

  @Post('login')
  async login(@Body() body: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    this.csrf.assert(request, body);
    const ctx = this.ctx(request);
    const { t } = ctx;
    const email = str(body?.email).trim();
    const password = str(body?.password);
    const next = safeNext(body?.next);
    const again = (s: { emailError?: string | null; passwordError?: string | null; formError?: string | null }, status: number) =>
      sendPage(request, reply, ctx, loginPage(ctx, { email, next, csrf: this.csrf.ensureToken(request, reply), ...s }), status);
    if (!email || !password) {
      again({ emailError: email ? null : t.fieldRequired, passwordError: password ? null : t.fieldRequired }, 400);
      return;
    }
    try {
      // the same limits as the API's sign-in: every attempt per IP, failed ones per e-mail
      this.limiter.hit('login', request.ip, undefined);
      this.limiter.check('login', undefined, email);
      let result;
      try {
        result = await this.auth.login(email, password);
      } catch (error) {
        this.limiter.record('login', undefined, email);
        throw error;
      }
      setSessionCookie(reply, this.config, result.accessToken);
      void reply.header('cache-control', 'no-store').redirect(next, 303);
    } catch (error) {
      if (error instanceof AppError && (error.code === 'INVALID_CREDENTIALS' || error.code === 'RATE_LIMITED')) {
        again({ formError: errorText(error, ctx.locale) }, error.status);
        return;
      }
      throw error;
    }
  }

  @Post('logout')
  logout(@Body() body: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.csrf.assert(request, body);
    clearSessionCookie(reply, this.config);
    void reply.header('cache-control', 'no-store').redirect('/', 303);
  }

  @Post('plans/:id/remarks')
  async remark(@Param('id') id: string, @Body() body: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    this.csrf.assert(request, body);
    const user = (request as FastifyRequest & { user?: AuthUser }).user;
    if (!isUuid(id)) throw new AppError('PLAN_NOT_FOUND');
    if (!user) {
      void reply.redirect(`/login?next=${encodeURIComponent(`/plans/${id}#remark-form`)}`, 303);
      return;
    }
    const ctx = this.ctx(request);
    const text = str(body?.body);
    const key = str(body?.idempotencyKey).slice(0, 200) || undefined;
    if (!text.trim()) {
      await this.renderPlan(request, reply, id, null, { remark: { value: text, error: ctx.t.remarkEmpty } }, 400);
      return;
    }
    try {
      const created = await this.remarksService.create(user, id, text, key);
      void reply.header('cache-control', 'no-store').redirect(`/plans/${id}?done=remark#remark-${created.id}`, 303);
    } catch (error) {
      if (error instanceof AppError && ['WINDOW_CLOSED', 'VALIDATION_FAILED', 'EMAIL_NOT_VERIFIED', 'IDEMPOTENCY_KEY_REUSED'].includes(error.code)) {
        const message = error.code === 'VALIDATION_FAILED' ? ctx.t.remarkEmpty : errorText(error, ctx.locale);
        await this.renderPlan(request, reply, id, null, { remark: { value: text, error: message } }, error.status);
        return;
      }
      throw error;
    }
  }

  @Post('plans/:id/remarks/:remarkId/answer')
  async answer(
    @Param('id') id: string,
    @Param('remarkId') remarkId: string,
    @Body() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    this.csrf.assert(request, body);
    const user = (request as FastifyRequest & { user?: AuthUser }).user;
    if (!isUuid(id) || !isUuid(remarkId)) throw new AppError('REMARK_NOT_FOUND');
    if (!user) {
      void reply.redirect(`/login?next=${encodeURIComponent(`/plans/${id}#remark-${remarkId}`)}`, 303);
      return;
    }
    const ctx = this.ctx(request);
    const text = str(body?.body);
    const disposition = str(body?.disposition);
    const validDisposition = (DISPOSITIONS as readonly string[]).includes(disposition);
    const tooShort = text.trim().length < 20;
    if (!validDisposition || tooShort || text.length > 10000) {
      await this.renderPlan(request, reply, id, null, {
        answer: { remarkId, disposition, value: text, dispositionError: validDisposition ? null : ctx.t.chooseDisposition, error: tooShort || text.length > 10000 ? ctx.t.answerEmpty : null },
      }, 400);
      return;
    }
    try {
      await this.remarksService.answer(user, remarkId, text, disposition as Disposition);
      void reply.header('cache-control', 'no-store').redirect(`/plans/${id}?done=answer#remark-${remarkId}`, 303);
    } catch (error) {
      if (error instanceof AppError && error.code === 'ALREADY_ANSWERED') {
        await this.renderPlan(request, reply, id, null, { answer: { remarkId, disposition, value: text, dispositionError: null, error: errorText(error, ctx.locale) } }, error.status);
        return;
      }
      throw error;
    }
  }
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** The localized message of a refusal, with its parameters filled in. */
export function errorText(error: AppError, locale: Locale): string {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(error.params)) params[k] = typeof v === 'object' && v !== null ? (v as Record<string, string>)[locale] ?? '' : v;
  return interpolate(ERRORS[error.code][locale], params);
}
