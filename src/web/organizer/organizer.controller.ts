import { Body, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CalendarService } from '../../calendar/calendar.service';
import { Clock } from '../../common/clock';
import { texts } from '../../common/i18n/catalogue';
import { APP_CONFIG, AppConfig } from '../../config/config';
import type { AuthUser } from '../../identity/auth/auth-user';
import { CurrentUser } from '../../identity/auth/auth.decorators';
import { PLAN_STATUSES, PlanStatus } from '../../plans/plan-status';
import { CreatePlanDto, PlanTranslationsDto, UpdatePlanDto } from '../../plans/plans.dto';
import { PlansService } from '../../plans/plans.service';
import { hearingDeadlineDate, stage1Window } from '../../procedure/deadlines';
import { RemarksService } from '../../remarks/remarks.service';
import { check, emptyForm, Errors, FormState, readForm, required, Values } from '../forms/form';
import { localizedBlank, localizedInput, localizedInputs, localizedNames } from '../forms/localized-fields';
import { answerBase, checkAnswerForm, translationErrors } from '../answer-fields';
import { submit } from '../forms/submit';
import type { PageContext } from '../layout';
import { FormPost, PageController } from '../page.decorators';
import { Pages, seeOther } from '../page-response';
import {
  editDraftPage,
  newPlanPage,
  PLAN_FIELDS,
  PLAN_TEXTS,
  planFormValues,
  planHubPage,
  plansListPage,
  planTranslationsPage,
  quarterOptions,
  queuePage,
  QueueData,
} from './organizer.pages';
import { OrganizerPagesRepository } from './organizer-pages.repository';
import { organizerFlash, OrganizerView } from './organizer.view';

/** After TRANSLATION_EXISTS: the message beside each field typed in a language the text already has. */
export function translationExistsErrors(values: Values, languages: unknown, message: string, fields?: unknown): Errors {
  const refused = Array.isArray(languages) ? (languages as string[]) : [];
  const errors: Errors = {};
  if (Array.isArray(fields)) {
    // `description.en` → the field description_en
    for (const field of fields as string[]) errors[field.replace('.', '_')] = message;
    return errors;
  }
  for (const base of PLAN_TEXTS) for (const lang of refused) if (values[`${base}_${lang}`]?.trim()) errors[`${base}_${lang}`] = message;
  return errors;
}

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
    await this.renderNewPlan(request, reply, this.pages.context(request), user, { values: {}, errors: {} });
  }

  private async renderNewPlan(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PageContext,
    user: AuthUser,
    form: FormState,
    status = 200,
  ): Promise<void> {
    const organization = await this.view.organization(user);
    this.pages.send(request, reply, ctx, newPlanPage(ctx, quarterOptions(this.clock.now(), organization.time_zone), form), status);
  }

  /** The plan form's values and its input for the API's DTOs (the texts as {kk, ru, en}). */
  private readPlanForm(body: unknown) {
    const values: Values = { ...readForm(body, PLAN_FIELDS) };
    for (const base of PLAN_TEXTS) Object.assign(values, readForm(body, localizedNames(base)));
    const amount = values.amount.replace(/[\s\u00a0\u202f]/g, '');
    const deliveryPlace = localizedInput(body, 'deliveryPlace');
    const input = {
      title: localizedInput(body, 'title'),
      description: localizedInput(body, 'description'),
      subjectCode: values.subjectCode,
      amount: /^\d{1,16}$/.test(amount) ? Number(amount) : values.amount,
      method: values.method,
      plannedQuarter: values.plannedQuarter || undefined,
      deliveryPlace: localizedBlank(deliveryPlace) ? undefined : deliveryPlace,
    };
    return { values, input };
  }

  private planMessages(ctx: PageContext) {
    const m = texts(ctx.locale).pages.organizer;
    return {
      title: m.titleError,
      description: m.descriptionError,
      subjectCode: m.subjectCodeError,
      amount: m.amountError,
      method: m.methodError,
      plannedQuarter: m.quarterError,
      deliveryPlace: m.deliveryPlaceError,
    };
  }

  @FormPost('plans', { signIn: '/organizer/plans/new' })
  async create(
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const { values, input } = this.readPlanForm(body);
    const { value, errors } = await check(CreatePlanDto, input, this.planMessages(ctx));
    await submit(ctx.locale, {
      form: { values, errors },
      action: () => this.plans.create(user, value, ctx.locale),
      render: (state, status) => this.renderNewPlan(request, reply, ctx, user, state, status),
      done: (created) => seeOther(reply, `/organizer/plans/${created.id}?done=created`),
    });
  }

  @Get('plans/:id/edit')
  async editDraft(
    @Param('id') id: string,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.renderEdit(request, reply, user, id, null);
  }

  /** The draft's form, prefilled from the draft (or with what was typed); a published plan goes back to its page. */
  private async renderEdit(
    request: FastifyRequest,
    reply: FastifyReply,
    user: AuthUser,
    id: string,
    form: FormState | null,
    status = 200,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const d = await this.view.step(user, id, ctx.locale);
    if (d.view.status !== 'draft') return seeOther(reply, `/organizer/plans/${id}`);
    const quarters = quarterOptions(d.now, d.organization.time_zone);
    this.pages.send(
      request,
      reply,
      ctx,
      editDraftPage(ctx, d.view, quarters, form ?? { values: planFormValues(d.view), errors: {} }),
      status,
    );
  }

  @FormPost('plans/:id/edit', { signIn: '/organizer/plans/:id/edit' })
  async saveDraft(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const { values, input } = this.readPlanForm(body);
    // The form always sends every field: an emptied delivery place removes it.
    const { value, errors } = await check(UpdatePlanDto, { ...input, deliveryPlace: input.deliveryPlace ?? null }, this.planMessages(ctx));
    Object.assign(errors, required(values, ['subjectCode', 'amount', 'method'], ctx.t.fieldRequired));
    await submit(ctx.locale, {
      form: { values, errors },
      action: () => this.plans.update(user, id, { ...value, plannedQuarter: value.plannedQuarter ?? null }, ctx.locale),
      refusals: { PLAN_NOT_DRAFT: 'form' },
      render: (state, status) => this.renderEdit(request, reply, user, id, state, status),
      done: () => seeOther(reply, `/organizer/plans/${id}?done=saved`),
    });
  }

  @Get('plans/:id/translations')
  async translations(
    @Param('id') id: string,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.renderTranslations(request, reply, user, id, null);
  }

  private async renderTranslations(
    request: FastifyRequest,
    reply: FastifyReply,
    user: AuthUser,
    id: string,
    form: FormState | null,
    status = 200,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const d = await this.view.step(user, id, ctx.locale);
    this.pages.send(request, reply, ctx, planTranslationsPage(ctx, d.view, form ?? { values: planFormValues(d.view), errors: {} }), status);
  }

  @FormPost('plans/:id/translations', { signIn: '/organizer/plans/:id/translations' })
  async saveTranslations(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const { values } = this.readPlanForm(body);
    const { value, errors } = await check(PlanTranslationsDto, localizedInputs(body, PLAN_TEXTS), this.planMessages(ctx));
    const p = texts(ctx.locale).pages.planTexts;
    await submit(ctx.locale, {
      form: { values, errors },
      action: () => this.plans.addTranslations(user, id, value, ctx.locale),
      refusals: { TRANSLATION_EXISTS: (e) => translationExistsErrors(values, e.fields.languages, p.translationExists, e.fields.fields) },
      render: (state, status) => this.renderTranslations(request, reply, user, id, state, status),
      done: () => seeOther(reply, `/organizer/plans/${id}?done=translated`),
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
    const d = await this.view.hub(user, id, ctx.locale, done);
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
    const ctx = this.pages.context(request);
    await submit(ctx.locale, {
      form: emptyForm(),
      action: () => this.plans.publish(user, id),
      // the page lists the missing translations by name above the button; the API's message names fields as title.kk
      refusals: {
        PLAN_NOT_DRAFT: 'form',
        TRANSLATION_REQUIRED: () => ({ translations: texts(ctx.locale).pages.planTexts.publishRefused }),
      },
      render: (state, status) =>
        this.renderHub(request, reply, user, id, null, state.formError ?? state.errors.translations ?? null, status),
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
