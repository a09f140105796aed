import { Get, Header, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock } from '../common/clock';
import { isUuid } from '../common/ids';
import { isLocale } from '../common/i18n/locale';
import { homePage } from './home.page';
import { LOW_VISION, safeNext, SITE_CSS, SITE_CSS_VERSION, VIEW_COOKIE } from './layout';
import { PageController } from './page.decorators';
import { cookieOptions, Pages, rememberLanguage, seeOther } from './page-response';
import { PlanPageView } from './plan-page.view';
import { PublicPagesRepository } from './public-pages.repository';
import {
  ANNUAL_PLAN_SAMPLE,
  ANNUAL_PLAN_SAMPLE_ETAG,
  assetCaching,
  DAILY,
  FAVICON_ETAG,
  FAVICON_ICO,
  ICON_SVG,
  ICON_SVG_VERSION,
} from './static-assets';

/** The public, server-rendered pages (no JavaScript needed): home, a plan, the language and view switchers, the stylesheet and the icons. */
@PageController('')
export class WebController {
  constructor(
    private readonly pages: Pages,
    private readonly queries: PublicPagesRepository,
    private readonly planPage: PlanPageView,
    private readonly clock: Clock,
  ) {}

  @Get('assets/site.css')
  @Header('content-type', 'text/css; charset=utf-8')
  css(@Query('v') v: string | undefined, @Res() reply: FastifyReply): void {
    // A versioned URL never changes its content; an unversioned one is revalidated daily.
    const { cacheControl, etag } = assetCaching(SITE_CSS_VERSION, v);
    void reply.header('cache-control', cacheControl).header('etag', etag).send(SITE_CSS);
  }

  @Get('assets/icon.svg')
  @Header('content-type', 'image/svg+xml')
  icon(@Query('v') v: string | undefined, @Res() reply: FastifyReply): void {
    const { cacheControl, etag } = assetCaching(ICON_SVG_VERSION, v);
    void reply.header('cache-control', cacheControl).header('etag', etag).send(ICON_SVG);
  }

  /** The import page's sample file, downloaded rather than shown. */
  @Get('assets/annual-plan-sample.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="annual-plan-sample.csv"')
  annualPlanSample(@Res() reply: FastifyReply): void {
    void reply.header('cache-control', DAILY).header('etag', ANNUAL_PLAN_SAMPLE_ETAG).send(ANNUAL_PLAN_SAMPLE);
  }

  /** Browsers and checkers ask for /favicon.ico whatever the page links. */
  @Get('favicon.ico')
  @Header('content-type', 'image/x-icon')
  favicon(@Res() reply: FastifyReply): void {
    void reply.header('cache-control', DAILY).header('etag', FAVICON_ETAG).send(FAVICON_ICO);
  }

  @Get('lang/:locale')
  lang(@Param('locale') locale: string, @Query('next') next: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    if (isLocale(locale)) rememberLanguage(request, reply, locale);
    seeOther(reply, safeNext(next));
  }

  @Get('view/:mode')
  view(@Param('mode') mode: string, @Query('next') next: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    if (mode === LOW_VISION) void reply.setCookie(VIEW_COOKIE, LOW_VISION, cookieOptions(request));
    else void reply.clearCookie(VIEW_COOKIE, { path: '/' });
    seeOther(reply, safeNext(next));
  }

  @Get()
  async home(
    @Query('q') q: unknown,
    @Query('org') org: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const now = this.clock.now();
    const search = typeof q === 'string' && q.trim() ? q.trim().slice(0, 200) : null;
    const organizationId = isUuid(org) ? org : null;
    const [organizations, open, hearings] = await Promise.all([
      this.queries.organizationsWithPlans(),
      this.queries.openDiscussions(now, search, organizationId),
      this.queries.upcomingHearings(now, search, organizationId),
    ]);
    this.pages.send(
      request,
      reply,
      ctx,
      homePage(ctx, { now, q: search ?? '', organizationId: organizationId ?? '', organizations, open, hearings }),
    );
  }

  @Get('plans/:id')
  async plan(
    @Param('id') id: string,
    @Query('cursor') cursor: unknown,
    @Query('done') done: unknown,
    @Query('remark') remark: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const flash =
      done === 'remark'
        ? 'remarked'
        : done === 'answer'
          ? 'answered'
          : done === 'verdict'
            ? 'verdict'
            : done === 'reported'
              ? 'reported'
              : null;
    const reportedRemarkId = flash === 'reported' && typeof remark === 'string' ? remark : null;
    await this.planPage.render(request, reply, id, typeof cursor === 'string' ? cursor : null, { flash, reportedRemarkId });
  }
}
