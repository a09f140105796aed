import { CalendarService } from '../../calendar/calendar.service';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { appealClosesAt } from '../../procedure/deadlines';
import { Body, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { AppError } from '../../common/errors/app-error';
import { isUuid } from '../../common/ids';
import { HearingsService } from '../../hearings/hearings.service';
import type { AuthUser } from '../../identity/auth/auth-user';
import { Auth, CurrentUser } from '../../identity/auth/auth.decorators';
import { statisticsByOrganization } from '../../outcomes/statistics';
import { isVerdictOpen } from '../../remarks/verdict-rules';
import { VerdictsService } from '../../remarks/verdicts.service';
import type { SubscriptionKind } from '../../plans/plan-subscription.entity';
import { emptyForm, text } from '../forms/form';
import { submit } from '../forms/submit';
import { FormPost, PageController, SignInReturn } from '../page.decorators';
import { Pages, seeOther } from '../page-response';
import { PublicPagesRepository } from '../public-pages.repository';
import { CitizenPagesRepository } from './citizen-pages.repository';
import { myRemarksPage } from './my-remarks.page';
import { hearingOpenForSignup, ParticipationDone } from './plan-participation';
import { statisticsPage } from './statistics.page';

/** The signed-in citizen's pages and actions, and the public statistics. */
@PageController('')
export class CitizenPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly clock: Clock,
    private readonly db: DataSource,
    private readonly queries: CitizenPagesRepository,
    private readonly webQueries: PublicPagesRepository,
    private readonly hearings: HearingsService,
    private readonly verdicts: VerdictsService,
    private readonly calendars: CalendarService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('my/remarks')
  @SignInReturn('/my/remarks')
  @Auth()
  async myRemarks(
    @Query('cursor') cursor: unknown,
    @Query('resent') resent: unknown,
    @Query('done') done: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const at = typeof cursor === 'string' ? cursor : null;
    const page = await this.queries.myRemarks(user.id, at);
    const now = this.clock.now();
    const verdictWindows = new Map<string, Date>();
    for (const r of page.items) {
      if (!r.answer_published_at) continue;
      const closesAt = await this.verdicts.closesAt(r.answer_published_at, r.time_zone);
      if (isVerdictOpen(now, closesAt)) verdictWindows.set(r.id, closesAt);
    }
    const appealWindows = new Map<string, Date>();
    const hidden = page.items.filter((r) => r.hidden_at);
    const cal = hidden.length > 0 ? await this.calendars.calendar() : null;
    for (const r of hidden) {
      const closesAt = appealClosesAt(new Date(r.hidden_at!), r.time_zone, cal!, this.config.procedure);
      if (now.getTime() <= closesAt.getTime()) appealWindows.set(r.id, closesAt);
    }
    const remarkModeration = await this.webQueries.remarkModeration(page.items.map((r) => r.id));
    this.pages.send(
      request,
      reply,
      ctx,
      myRemarksPage(ctx, {
        now,
        page,
        paged: at !== null,
        resent: resent === '1',
        verdictRecorded: done === 'verdict',
        verdictWindows,
        appealWindows,
        remarkModeration,
      }),
    );
  }

  /** Follow (follow=on) or unfollow (follow=off) a published plan, through the API's HearingsService. */
  @FormPost('plans/:id/follow', { signIn: '/plans/:id#follow' })
  @Auth()
  async follow(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!isUuid(id)) throw new AppError('PLAN_NOT_FOUND');
    const on = text(body, 'follow') !== 'off';
    const done = on ? 'followed' : 'unfollowed';
    // from the account page's list of followed plans: back to that list
    const back = text(body, 'from') === 'account' ? () => seeOther(reply, `/account?done=${done}#following`) : undefined;
    await this.subscribe(request, reply, { planId: id, user, kind: 'follow', on, done, anchor: 'follow', back });
  }

  /** Sign up for (signup=on) or withdraw from (signup=off) a scheduled hearing that has not started. */
  @FormPost('plans/:id/hearing-signup', { signIn: '/plans/:id#hearing' })
  @Auth()
  async signup(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const plan = await this.webQueries.plan(id);
    if (!plan) throw new AppError('PLAN_NOT_FOUND');
    const on = text(body, 'signup') !== 'off';
    if (on && !hearingOpenForSignup(plan, this.clock.now())) {
      this.back(reply, plan.id, 'signup-closed', 'hearing');
      return;
    }
    await this.subscribe(request, reply, {
      planId: plan.id,
      user,
      kind: 'hearing_signup',
      on,
      done: on ? 'signedup' : 'withdrawn',
      anchor: 'hearing',
    });
  }

  /** Following and signing up send e-mail: an unconfirmed address is sent back to the plan with a note. */
  private async subscribe(
    request: FastifyRequest,
    reply: FastifyReply,
    s: {
      planId: string;
      user: AuthUser;
      kind: SubscriptionKind;
      on: boolean;
      done: ParticipationDone;
      anchor: string;
      /** Where to go once done, instead of the plan's page. */
      back?: () => void;
    },
  ): Promise<void> {
    await submit(this.pages.context(request).locale, {
      form: emptyForm(),
      action: () => this.hearings.subscribe(s.planId, s.user, s.kind, s.on),
      refusals: { EMAIL_NOT_VERIFIED: 'form' },
      render: () => this.back(reply, s.planId, 'verify-first', 'follow'),
      done: () => (s.back ? s.back() : this.back(reply, s.planId, s.done, s.anchor)),
    });
  }

  private back(reply: FastifyReply, planId: string, done: ParticipationDone, anchor: string): void {
    seeOther(reply, `/plans/${planId}?done=${done}#${anchor}`);
  }

  @Get('statistics')
  async statistics(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.pages.context(request);
    const data = await statisticsByOrganization(this.db.manager, this.clock.now());
    this.pages.send(request, reply, ctx, statisticsPage(ctx, data));
  }
}
