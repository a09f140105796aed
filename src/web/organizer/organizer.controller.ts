import { Body, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CalendarService } from '../../calendar/calendar.service';
import { Clock } from '../../common/clock';
import { texts } from '../../common/i18n/catalogue';
import { APP_CONFIG, AppConfig } from '../../config/config';
import type { AuthUser } from '../../identity/auth/auth-user';
import { CurrentUser } from '../../identity/auth/auth.decorators';
import { PLAN_STATUSES, PlanStatus } from '../../plans/plan-status';
import { CreatePlanDto } from '../../plans/plans.dto';
import { PlansService } from '../../plans/plans.service';
import { hearingDeadlineDate, stage1Window } from '../../procedure/deadlines';
import { RemarksService } from '../../remarks/remarks.service';
import { answerBase, checkAnswerForm, translationErrors } from '../answer-fields';
import { check, emptyForm, FormState, readForm } from '../forms/form';
import { submit } from '../forms/submit';
import type { PageContext } from '../layout';
import { FormPost, PageController } from '../page.decorators';
import { Pages, seeOther } from '../page-response';
import { newPlanPage, PLAN_FIELDS, PlanField, planHubPage, plansListPage, quarterOptions, queuePage, QueueData } from './organizer.pages';
import { OrganizerPagesRepository } from './organizer-pages.repository';
import { organizerFlash, OrganizerView } from './organizer.view';

/**
 * The organizer's plan items: the list by status, a new draft and its publication, and the queue of
 * remarks awaiting an answer. The steps of the procedure are OrganizerStepsController's. Thin: the
 * rules and the authorization are the services' and plan-access's, as for the API.
 */
@PageController('organizer', { roles: ['organizer'] })
export class OrganizerController {
  constructor(
    private readonly pages: Pages,
    private readonly view: OrganizerView,
    private readonly queries: OrganizerPagesRepository,
    private readonly plans: PlansService,
    private readonly remarks: RemarksService,
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async list(
    @Query('status') status: unknown,
    @Query('cursor') cursor: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const now = this.clock.now();
    const filter = (PLAN_STATUSES as readonly unknown[]).includes(status) ? (status as PlanStatus) : null;
    const after = typeof cursor === 'string' ? cursor : null;
    const organization = await this.view.organization(user);
    const plans = await this.queries.plans(organization.id, filter, after, now);
    this.pages.send(request, reply, ctx, plansListPage(ctx, { now, organization, status: filter, cursor: after, plans }));
  }

  @Get('plans/new')
  async newPlan(@CurrentUser() user: AuthUser, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.renderNewPlan(request, reply, this.pages.context(request), user, emptyForm(PLAN_FIELDS));
  }

  private async renderNewPlan(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PageContext,
    user: AuthUser,
    form: FormState<PlanField>,
    status = 200,
  ): Promise<void> {
    const organization = await this.view.organization(user);
    this.pages.send(request, reply, ctx, newPlanPage(ctx, quarterOptions(this.clock.now(), organization.time_zone), form), status);
  }

  @FormPost('plans', { signIn: '/organizer/plans/new' })
  async create(
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const m = texts(ctx.locale).pages.organizer;
    const values = readForm(body, PLAN_FIELDS);
    const amount = values.amount.replace(/[\s\u00a0\u202f]/g, '');
    const input = {
      ...values,
      amount: /^\d{1,16}$/.test(amount) ? Number(amount) : values.amount,
      plannedQuarter: values.plannedQuarter || undefined,
      deliveryPlace: values.deliveryPlace || undefined,
    };
    const { value, errors } = await check(CreatePlanDto, input, {
      title: m.titleError,
      description: m.descriptionError,
      subjectCode: m.subjectCodeError,
      amount: m.amountError,
      method: m.methodError,
      plannedQuarter: m.quarterError,
      deliveryPlace: m.deliveryPlaceError,
    });
    await submit(ctx.locale, {
      form: { values, errors },
      action: () => this.plans.create(user, value),
      render: (state, status) => this.renderNewPlan(request, reply, ctx, user, state, status),
      done: (created) => seeOther(reply, `/organizer/plans/${created.id}?done=created`),
    });
  }

  @Get('plans/:id')
  async hub(
    @Param('id') id: string,
    @Query('done') done: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.renderHub(request, reply, user, id, done, null);
  }

  /** The plan item with its steps; for a draft, the stage-1 window that publishing now would open. */
  private async renderHub(
    request: FastifyRequest,
    reply: FastifyReply,
    user: AuthUser,
    id: string,
    done: unknown,
    formError: string | null,
    status = 200,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const d = await this.view.step(user, id, ctx.locale, done);
    let preview = null;
    if (d.view.status === 'draft') {
      const window = stage1Window(d.now, d.organization.time_zone, await this.calendars.calendar(), this.config.procedure);
      preview = {
        opensAt: window.opensAt,
        closesAt: window.closesAt,
        hearingDeadline: hearingDeadlineDate(window.closeDate, this.config.procedure),
      };
    }
    this.pages.send(request, reply, ctx, planHubPage(ctx, { ...d, preview, formError }), status);
  }

  @FormPost('plans/:id/publish', { signIn: '/organizer/plans/:id' })
  async publish(
    @Param('id') id: string,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await submit(this.pages.context(request).locale, {
      form: emptyForm(),
      action: () => this.plans.publish(user, id),
      refusals: { PLAN_NOT_DRAFT: 'form' },
      render: (state, status) => this.renderHub(request, reply, user, id, null, state.formError ?? null, status),
      done: () => seeOther(reply, `/organizer/plans/${id}?done=published`),
    });
  }

  // ---- remarks awaiting an answer ----

  @Get('remarks')
  async queue(
    @Query('cursor') cursor: unknown,
    @Query('done') done: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    await this.renderQueue(request, reply, ctx, user, typeof cursor === 'string' ? cursor : null, organizerFlash(ctx.locale, done), null);
  }

  private async renderQueue(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PageContext,
    user: AuthUser,
    cursor: string | null,
    message: string | null,
    form: QueueData['form'],
    status = 200,
  ): Promise<void> {
    const organization = await this.view.organization(user);
    const [remarks, findings, calledFormal] = await Promise.all([
      this.queries.unansweredRemarks(organization.id, cursor),
      this.queries.councilFindings(organization.id),
      this.queries.calledFormal(organization.id),
    ]);
    this.pages.send(
      request,
      reply,
      ctx,
      queuePage(ctx, { now: this.clock.now(), organization, cursor, remarks, flash: message, form, findings, calledFormal }),
      status,
    );
  }

  @FormPost('remarks/:remarkId/answer', { signIn: '/organizer/remarks' })
  async answer(
    @Param('remarkId') remarkId: string,
    @Query('cursor') cursor: unknown,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const after = typeof cursor === 'string' ? cursor : null;
    const base = answerBase(remarkId);
    const { values, errors, value } = await checkAnswerForm(body, base, { disposition: ctx.t.chooseDisposition, body: ctx.t.answerEmpty });
    await submit(ctx.locale, {
      form: { values, errors },
      action: () => this.remarks.answer(user, remarkId, value.body, value.disposition, ctx.locale),
      refusals: {
        ALREADY_ANSWERED: 'form',
        REMARK_NOT_FOUND: 'form',
        TRANSLATION_REQUIRED: (error, message) => translationErrors(error, message, ctx.locale, { body: base }),
      },
      render: (state, status) => this.renderQueue(request, reply, ctx, user, after, null, { remarkId, state }, status),
      done: () => seeOther(reply, `/organizer/remarks?done=answered${after ? `&cursor=${encodeURIComponent(after)}` : ''}`),
    });
  }
}
