import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { AppError } from '../../common/errors/app-error';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { HearingsService } from '../../hearings/hearings.service';
import { AuthUser } from '../../identity/auth/auth-user';
import { statisticsByOrganization } from '../../outcomes/statistics';
import { Csrf } from '../csrf';
import { PageContext } from '../layout';
import { isUuid } from '../../common/ids';
import { PublicPagesRepository } from '../public-pages.repository';
import { requestContext, sendPage } from '../web.controller';
import { CitizenPagesRepository } from './citizen-pages.repository';
import { str } from './form';
import { myRemarksPage } from './my-remarks.page';
import { hearingOpenForSignup, ParticipationDone } from './plan-participation';
import { statisticsPage } from './statistics.page';

type Request = FastifyRequest & { user?: AuthUser };

/** The signed-in citizen's pages and actions, and the public statistics. */
@ApiExcludeController()
@Controller()
export class CitizenPagesController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly csrf: Csrf,
    private readonly clock: Clock,
    private readonly db: DataSource,
    private readonly queries: CitizenPagesRepository,
    private readonly webQueries: PublicPagesRepository,
    private readonly hearings: HearingsService,
  ) {}

  private ctx(request: FastifyRequest): PageContext {
    return requestContext(request, this.config.defaultLocale, this.csrf);
  }

  private toLogin(reply: FastifyReply, next: string): void {
    void reply.header('cache-control', 'no-store').redirect(`/login?next=${encodeURIComponent(next)}`, 303);
  }

  @Get('my/remarks')
  async myRemarks(@Query('cursor') cursor: unknown, @Query('resent') resent: unknown, @Req() request: Request, @Res() reply: FastifyReply): Promise<void> {
    if (!request.user) {
      this.toLogin(reply, '/my/remarks');
      return;
    }
    const ctx = this.ctx(request);
    const at = typeof cursor === 'string' ? cursor : null;
    const page = await this.queries.myRemarks(request.user.id, at);
    sendPage(request, reply, ctx, myRemarksPage(ctx, { now: this.clock.now(), page, paged: at !== null, resent: resent === '1' }));
  }

  /** Follow (follow=on) or unfollow (follow=off) a published plan, through the API's HearingsService. */
  @Post('plans/:id/follow')
  async follow(@Param('id') id: string, @Body() body: Record<string, unknown>, @Req() request: Request, @Res() reply: FastifyReply): Promise<void> {
    this.csrf.assert(request, body);
    if (!isUuid(id)) throw new AppError('PLAN_NOT_FOUND');
    if (!request.user) {
      this.toLogin(reply, `/plans/${id}#follow`);
      return;
    }
    const on = str(body?.follow) !== 'off';
    if (on && !request.user.emailVerified) {
      this.back(reply, id, 'verify-first', 'follow');
      return;
    }
    await this.hearings.subscribe(id, request.user, 'follow', on);
    this.back(reply, id, on ? 'followed' : 'unfollowed', 'follow');
  }

  /** Sign up for (signup=on) or withdraw from (signup=off) a scheduled hearing that has not started. */
  @Post('plans/:id/hearing-signup')
  async signup(@Param('id') id: string, @Body() body: Record<string, unknown>, @Req() request: Request, @Res() reply: FastifyReply): Promise<void> {
    this.csrf.assert(request, body);
    const plan = await this.webQueries.plan(id);
    if (!plan) throw new AppError('PLAN_NOT_FOUND');
    if (!request.user) {
      this.toLogin(reply, `/plans/${plan.id}#hearing`);
      return;
    }
    const on = str(body?.signup) !== 'off';
    if (on && !hearingOpenForSignup(plan, this.clock.now())) {
      this.back(reply, plan.id, 'signup-closed', 'hearing');
      return;
    }
    if (on && !request.user.emailVerified) {
      this.back(reply, plan.id, 'verify-first', 'follow');
      return;
    }
    await this.hearings.subscribe(plan.id, request.user, 'hearing_signup', on);
    this.back(reply, plan.id, on ? 'signedup' : 'withdrawn', 'hearing');
  }

  private back(reply: FastifyReply, planId: string, done: ParticipationDone, anchor: string): void {
    void reply.header('cache-control', 'no-store').redirect(`/plans/${planId}?done=${done}#${anchor}`, 303);
  }

  @Get('statistics')
  async statistics(@Req() request: Request, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.ctx(request);
    const data = await statisticsByOrganization(this.db.manager, this.clock.now());
    sendPage(request, reply, ctx, statisticsPage(ctx, data));
  }
}
