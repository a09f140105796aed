import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { CalendarService } from '../../calendar/calendar.service';
import { Clock } from '../../common/clock';
import { AppError } from '../../common/errors/app-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { DocumentationService, NoticeView } from '../../documentation/documentation.service';
import { NoticeDto } from '../../documentation/notice.dto';
import { HearingView, ProtocolView } from '../../hearings/hearing-view';
import { CancelHearingDto, ProtocolDto, ScheduleHearingDto } from '../../hearings/hearings.dto';
import { HearingsService } from '../../hearings/hearings.service';
import { AuthUser } from '../../identity/auth/auth-user';
import { OutcomeDto } from '../../outcomes/outcome.dto';
import { OutcomesService } from '../../outcomes/outcomes.service';
import { OutcomeView } from '../../outcomes/report';
import { assertOrganizerOf, loadPlan } from '../../plans/plan-access';
import { PLAN_STATUSES, PlanStatus } from '../../plans/plan-status';
import { CreatePlanDto } from '../../plans/plans.dto';
import { PlansService } from '../../plans/plans.service';
import { hearingDeadlineDate, stage1Window } from '../../procedure/deadlines';
import { AnswerDto } from '../../remarks/remarks.dto';
import { RemarksService } from '../../remarks/remarks.service';
import { RecommendationResponseDto } from '../../reviews/reviews.dto';
import { ReviewView, ReviewsService } from '../../reviews/reviews.service';
import { Csrf } from '../csrf';
import { SafeHtml } from '../html';
import { PageContext } from '../layout';
import { errorText, requestContext, sendPage } from '../web.controller';
import { OrganizerErrorFilter } from './organizer-error.filter';
import { hearingPage, noticePage, outcomePage, recommendationsPage, DOCUMENT_ROWS, StepData } from './organizer-steps.pages';
import { check, emptyForm, Errors, field, FormState, lines, messagesFor, Values } from './organizer.forms';
import { texts, type Catalogue } from '../../common/i18n/catalogue';
import { forbiddenPage, newPlanPage, planHubPage, plansListPage, quarterOptions, queuePage, QueueData } from './organizer.pages';
import { OrganizationRow, OrganizerQueries } from './organizer.queries';

type Req = FastifyRequest & { user?: AuthUser };

interface Signed {
  ctx: PageContext;
  m: Catalogue['pages']['organizer'];
  user: AuthUser & { organizationId: string };
}

/** The message of an expected refusal (a business rule), or the error again when it is not one of `codes`. */
function refusal(error: unknown, codes: readonly ErrorCode[]): AppError {
  if (error instanceof AppError && codes.includes(error.code)) return error;
  throw error;
}

/** The confirmations of ?done=... after a successful POST. */
const FLASH: Record<string, keyof Catalogue['pages']['organizer']> = {
  created: 'created',
  published: 'published',
  answered: 'answered',
  scheduled: 'scheduledFlash',
  cancelled: 'cancelledFlash',
  protocol: 'protocolFlash',
  notice: 'noticeFlash',
  response: 'responseFlash',
  outcome: 'outcomeFlash',
};

function flash(m: Catalogue['pages']['organizer'], done: unknown): string | null {
  return typeof done === 'string' && FLASH[done] ? (m[FLASH[done]] as string) : null;
}

function redirect(reply: FastifyReply, to: string): void {
  void reply.header('cache-control', 'no-store').redirect(to, 303);
}

/**
 * The organizer's pages: plan items of the organization, a new draft and its publication, the queue
 * of remarks awaiting an answer, and every step of the procedure (hearing and protocol, notice,
 * responses to council recommendations, outcome). Thin: the rules and the authorization are the
 * services' (src/plans/plan-access.ts); this only turns forms into their calls and refusals into
 * messages next to the fields.
 */
@ApiExcludeController()
@UseFilters(OrganizerErrorFilter)
@Controller('organizer')
export class OrganizerController {
  constructor(
    private readonly queries: OrganizerQueries,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly csrf: Csrf,
    private readonly db: DataSource,
    private readonly calendars: CalendarService,
    private readonly plans: PlansService,
    private readonly remarks: RemarksService,
    private readonly hearings: HearingsService,
    private readonly documentation: DocumentationService,
    private readonly reviews: ReviewsService,
    private readonly outcomes: OutcomesService,
  ) {}

  /** The signed-in organizer, or null after a redirect to the sign-in page or a 403 page. */
  private signed(request: FastifyRequest, reply: FastifyReply, back?: string): Signed | null {
    const ctx = requestContext(request, this.config.defaultLocale, this.csrf);
    const user = (request as Req).user;
    if (!user) {
      redirect(reply, `/login?next=${encodeURIComponent(back ?? ctx.currentPath)}`);
      return null;
    }
    if (user.role !== 'organizer' || !user.organizationId) {
      sendPage(request, reply, ctx, forbiddenPage(ctx, user.displayName), 403);
      return null;
    }
    return { ctx, m: texts(ctx.locale).pages.organizer, user: user as Signed['user'] };
  }

  /** A plan item of the user's organization (others: 404 for drafts, 403 otherwise), with every step so far. */
  private async plan(s: Signed, id: string, done?: unknown): Promise<StepData> {
    const { plan } = await loadPlan(this.db.manager, id);
    assertOrganizerOf(s.user, plan);
    const [view, organization] = await Promise.all([this.plans.get(s.user, id), this.queries.organization(plan.organizationId)]);
    return { now: this.clock.now(), view, organization: organization!, flash: flash(s.m, done) };
  }

  private async organization(s: Signed): Promise<OrganizationRow> {
    const organization = await this.queries.organization(s.user.organizationId);
    if (!organization) throw new AppError('ORGANIZATION_NOT_FOUND');
    return organization;
  }

  private send(request: FastifyRequest, reply: FastifyReply, s: Signed, page: SafeHtml, status = 200): void {
    sendPage(request, reply, s.ctx, page, status);
  }

  /**
   * The end of every form's POST: field errors show the page again (400); an expected refusal of
   * the service shows it above the form, or next to a field (`fieldOf`); success redirects (303).
   */
  private async submit(
    reply: FastifyReply,
    s: Signed,
    o: {
      values: Values;
      errors: Errors;
      render: (state: FormState, status: number) => Promise<void>;
      action: () => Promise<unknown>;
      refusals: readonly ErrorCode[];
      then: string;
      fieldOf?: (e: AppError, text: string) => Promise<Errors | null>;
    },
  ): Promise<void> {
    if (Object.keys(o.errors).length) return o.render({ values: o.values, errors: o.errors }, 400);
    try {
      await o.action();
    } catch (error) {
      const e = refusal(error, o.refusals);
      const text = errorText(e, s.ctx.locale);
      const errors = o.fieldOf ? await o.fieldOf(e, text) : null;
      return o.render(errors ? { values: o.values, errors } : { values: o.values, errors: {}, formError: text }, e.status);
    }
    redirect(reply, o.then);
  }

  // ---- plan items ----

  @Get()
  async list(@Query('status') status: unknown, @Query('cursor') cursor: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const s = this.signed(request, reply);
    if (!s) return;
    const now = this.clock.now();
    const filter = (PLAN_STATUSES as readonly unknown[]).includes(status) ? (status as PlanStatus) : null;
    const after = typeof cursor === 'string' ? cursor : null;
    const [organization, plans] = await Promise.all([this.organization(s), this.queries.plans(s.user.organizationId, filter, after, now)]);
    this.send(request, reply, s, plansListPage(s.ctx, { now, organization, status: filter, cursor: after, plans }));
  }

  @Get('plans/new')
  async newPlan(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const s = this.signed(request, reply);
    if (!s) return;
    const organization = await this.organization(s);
    this.send(request, reply, s, newPlanPage(s.ctx, quarterOptions(this.clock.now(), organization.time_zone), emptyForm()));
  }

  @Post('plans')
  async create(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    this.csrf.assert(request, body);
    const s = this.signed(request, reply, '/organizer/plans/new');
    if (!s) return;
    const values: Values = {};
    for (const k of ['title', 'description', 'subjectCode', 'amount', 'method', 'plannedQuarter', 'deliveryPlace']) values[k] = field(body, k);
    const amount = values.amount.replace(/[\s\u00a0\u202f]/g, '');
    const { value, failed } = await check(CreatePlanDto, {
      title: values.title,
      description: values.description,
      subjectCode: values.subjectCode,
      amount: /^\d{1,16}$/.test(amount) ? Number(amount) : values.amount,
      method: values.method,
      plannedQuarter: values.plannedQuarter || undefined,
      deliveryPlace: values.deliveryPlace || undefined,
    });
    const { m } = s;
    const errors = messagesFor(failed, {
      title: m.titleError, description: m.descriptionError, subjectCode: m.subjectCodeError, amount: m.amountError,
      method: m.methodError, plannedQuarter: m.quarterError, deliveryPlace: m.deliveryPlaceError,
    });
    if (Object.keys(errors).length) {
      const organization = await this.organization(s);
      this.send(request, reply, s, newPlanPage(s.ctx, quarterOptions(this.clock.now(), organization.time_zone), { values, errors }), 400);
      return;
    }
    const created = await this.plans.create(s.user, value);
    redirect(reply, `/organizer/plans/${created.id}?done=created`);
  }

  @Get('plans/:id')
  async hub(@Param('id') id: string, @Query('done') done: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const s = this.signed(request, reply);
    if (!s) return;
    await this.renderHub(request, reply, s, id, done, null);
  }

  private async renderHub(request: FastifyRequest, reply: FastifyReply, s: Signed, id: string, done: unknown, formError: string | null, status = 200): Promise<void> {
    const d = await this.plan(s, id, done);
    let preview = null;
    if (d.view.status === 'draft') {
      const window = stage1Window(d.now, d.organization.time_zone, await this.calendars.calendar(), this.config.procedure);
      preview = { opensAt: window.opensAt, closesAt: window.closesAt, hearingDeadline: hearingDeadlineDate(window.closeDate, this.config.procedure) };
    }
    this.send(request, reply, s, planHubPage(s.ctx, { ...d, preview, formError }), status);
  }

  @Post('plans/:id/publish')
  async publish(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    this.csrf.assert(request, body);
    const s = this.signed(request, reply, `/organizer/plans/${id}`);
    if (!s) return;
    try {
      await this.plans.publish(s.user, id);
    } catch (error) {
      const e = refusal(error, ['PLAN_NOT_DRAFT']);
      await this.renderHub(request, reply, s, id, null, errorText(e, s.ctx.locale), e.status);
      return;
    }
    redirect(reply, `/organizer/plans/${id}?done=published`);
  }

  // ---- remarks awaiting an answer ----

  @Get('remarks')
  async queue(@Query('cursor') cursor: unknown, @Query('done') done: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const s = this.signed(request, reply);
    if (!s) return;
    await this.renderQueue(request, reply, s, typeof cursor === 'string' ? cursor : null, flash(s.m, done), null);
  }

  private async renderQueue(request: FastifyRequest, reply: FastifyReply, s: Signed, cursor: string | null, message: string | null, form: QueueData['form'], status = 200): Promise<void> {
    const [organization, remarks] = await Promise.all([this.organization(s), this.queries.unansweredRemarks(s.user.organizationId, cursor)]);
    this.send(request, reply, s, queuePage(s.ctx, { now: this.clock.now(), organization, cursor, remarks, flash: message, form }), status);
  }

  @Post('remarks/:remarkId/answer')
  async answer(@Param('remarkId') remarkId: string, @Query('cursor') cursor: unknown, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    this.csrf.assert(request, body);
    const s = this.signed(request, reply, '/organizer/remarks');
    if (!s) return;
    const { t } = s.ctx;
    const after = typeof cursor === 'string' ? cursor : null;
    const values = { disposition: field(body, 'disposition'), body: field(body, 'body') };
    const { value, failed } = await check(AnswerDto, values);
    const errors = messagesFor(failed, { disposition: t.chooseDisposition, body: t.answerEmpty });
    // the plan page's answer form asks for a reasoned answer of at least 20 characters; so does this one
    if (!errors.body && value.body.length < 20) errors.body = t.answerEmpty;
    await this.submit(reply, s, {
      values, errors,
      render: (state, status) => this.renderQueue(request, reply, s, after, null, { remarkId, state }, status),
      action: () => this.remarks.answer(s.user, remarkId, value.body, value.disposition),
      refusals: ['ALREADY_ANSWERED', 'REMARK_NOT_FOUND'],
      then: `/organizer/remarks?done=answered${after ? `&cursor=${encodeURIComponent(after)}` : ''}`,
    });
  }

  // ---- hearing and protocol ----

  @Get('plans/:id/hearing')
  async hearing(@Param('id') id: string, @Query('done') done: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const s = this.signed(request, reply);
    if (!s) return;
    await this.renderHearing(request, reply, s, id, done, {});
  }

  private async renderHearing(
    request: FastifyRequest, reply: FastifyReply, s: Signed, id: string, done: unknown,
    forms: { schedule?: FormState; cancel?: FormState; protocolForm?: FormState }, status = 200,
  ): Promise<void> {
    const d = await this.plan(s, id, done);
    const options = d.view.stage1?.closeDate ? await this.hearings.allowedDates(id) : null;
    const page = hearingPage(s.ctx, { ...d, hearing: d.view.hearing as HearingView | null, protocol: d.view.protocol as ProtocolView | null, options, procedure: this.config.procedure, ...forms });
    this.send(request, reply, s, page, status);
  }

  @Post('plans/:id/hearing')
  async schedule(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    this.csrf.assert(request, body);
    const s = this.signed(request, reply, `/organizer/plans/${id}/hearing`);
    if (!s) return;
    const { m } = s;
    const values = { date: field(body, 'date'), time: field(body, 'time').trim(), room: field(body, 'room'), livestreamUrl: field(body, 'livestreamUrl').trim() };
    const errors: Errors = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date)) errors.date = m.dateError;
    if (!/^\d{2}:\d{2}$/.test(values.time)) errors.time = m.timeError;
    const { plan, organization } = await loadPlan(this.db.manager, id);
    assertOrganizerOf(s.user, plan);
    const local = DateTime.fromISO(`${values.date}T${values.time}`, { zone: organization.timeZone });
    if (!errors.date && !errors.time && !local.isValid) errors.date = m.dateError;
    const { value, failed } = await check(ScheduleHearingDto, {
      startsAt: local.isValid ? local.toISO({ suppressMilliseconds: true }) : '',
      room: values.room.trim() || undefined,
      livestreamUrl: values.livestreamUrl || undefined,
    });
    Object.assign(errors, messagesFor(failed, { room: m.roomError, livestreamUrl: m.livestreamError }));
    await this.submit(reply, s, {
      values, errors,
      render: (schedule, status) => this.renderHearing(request, reply, s, id, null, { schedule }, status),
      action: () => this.hearings.schedule(id, s.user, value),
      refusals: ['HEARING_DATE_NOT_ALLOWED', 'STAGE1_NOT_CLOSED', 'PROTOCOL_EXISTS', 'HEARING_ALREADY_HELD'],
      then: `/organizer/plans/${id}/hearing?done=scheduled`,
      fieldOf: async (e, text): Promise<Errors | null> => {
        if (e.code !== 'HEARING_DATE_NOT_ALLOWED') return null;
        // a date the calendar allows was refused for its time (working hours, already passed)
        const allowed = (await this.hearings.allowedDates(id)).dates.some((x) => x.date === values.date && x.allowed);
        return { [allowed ? 'time' : 'date']: text };
      },
    });
  }

  @Post('plans/:id/hearing/cancel')
  async cancel(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    this.csrf.assert(request, body);
    const s = this.signed(request, reply, `/organizer/plans/${id}/hearing`);
    if (!s) return;
    const values = { reason: field(body, 'reason') };
    const { value, failed } = await check(CancelHearingDto, { reason: values.reason.trim() });
    const errors = messagesFor(failed, { reason: s.m.cancelReasonError });
    await this.submit(reply, s, {
      values, errors,
      render: (state, status) => this.renderHearing(request, reply, s, id, null, { cancel: state }, status),
      action: () => this.hearings.cancel(id, s.user, value),
      refusals: ['HEARING_NOT_SCHEDULED', 'HEARING_ALREADY_HELD'],
      then: `/organizer/plans/${id}/hearing?done=cancelled`,
    });
  }

  @Post('plans/:id/hearing/protocol')
  async protocol(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    this.csrf.assert(request, body);
    const s = this.signed(request, reply, `/organizer/plans/${id}/hearing`);
    if (!s) return;
    const { m } = s;
    const values = { attendeesCount: field(body, 'attendeesCount').trim(), speakers: field(body, 'speakers'), summary: field(body, 'summary'), decisions: field(body, 'decisions') };
    const { value, failed } = await check(ProtocolDto, {
      attendeesCount: /^\d{1,7}$/.test(values.attendeesCount) ? Number(values.attendeesCount) : values.attendeesCount,
      speakers: lines(values.speakers),
      summary: values.summary.trim(),
      decisions: lines(values.decisions),
    });
    const errors = messagesFor(failed, { attendeesCount: m.attendeesError, speakers: m.speakersError, summary: m.summaryError, decisions: m.decisionsError });
    await this.submit(reply, s, {
      values, errors,
      render: (state, status) => this.renderHearing(request, reply, s, id, null, { protocolForm: state }, status),
      action: () => this.hearings.publishProtocol(id, s.user, value, false),
      refusals: ['HEARING_NOT_HELD', 'PROTOCOL_EXISTS'],
      then: `/organizer/plans/${id}/hearing?done=protocol`,
    });
  }

  // ---- stage 2: notice and documentation ----

  @Get('plans/:id/notice')
  async notice(@Param('id') id: string, @Query('done') done: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const s = this.signed(request, reply);
    if (!s) return;
    await this.renderNotice(request, reply, s, id, done);
  }

  private async renderNotice(request: FastifyRequest, reply: FastifyReply, s: Signed, id: string, done: unknown, form?: FormState, status = 200): Promise<void> {
    const d = await this.plan(s, id, done);
    this.send(request, reply, s, noticePage(s.ctx, { ...d, notice: d.view.notice as NoticeView | null, procedure: this.config.procedure, form }), status);
  }

  @Post('plans/:id/notice')
  async publishNotice(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    this.csrf.assert(request, body);
    const s = this.signed(request, reply, `/organizer/plans/${id}/notice`);
    if (!s) return;
    const { m } = s;
    const values: Values = { noticeNumber: field(body, 'noticeNumber') };
    const rows: number[] = [];
    const documents = [];
    for (let n = 1; n <= DOCUMENT_ROWS; n++) {
      const [title, url, sha256] = ['Title', 'Url', 'Sha256'].map((k) => (values[`doc${n}${k}`] = field(body, `doc${n}${k}`)).trim());
      if (!title && !url && !sha256) continue;
      rows.push(n);
      documents.push({ title, url, sha256 });
    }
    const { value, failed } = await check(NoticeDto, { noticeNumber: values.noticeNumber.trim(), documents });
    const docField: Record<string, string> = { title: 'Title', url: 'Url', sha256: 'Sha256' };
    const errors = messagesFor(
      failed,
      { noticeNumber: m.noticeNumberError, doc1Title: rows.length ? m.docTitleError : m.documentsError, ...Object.fromEntries(rows.flatMap((n) => [[`doc${n}Title`, m.docTitleError], [`doc${n}Url`, m.docUrlError], [`doc${n}Sha256`, m.docShaError]])) },
      (path) => {
        const match = /^documents(?:\.(\d+)\.(\w+))?$/.exec(path);
        if (!match) return path;
        return match[1] === undefined ? 'doc1Title' : `doc${rows[Number(match[1])]}${docField[match[2]] ?? 'Title'}`;
      },
    );
    await this.submit(reply, s, {
      values, errors,
      render: (state, status) => this.renderNotice(request, reply, s, id, null, state, status),
      action: () => this.documentation.publish(s.user, id, value),
      refusals: ['PROTOCOL_NOT_PUBLISHED', 'NOTICE_EXISTS', 'DISCUSSION_CLOSED'],
      then: `/organizer/plans/${id}/notice?done=notice`,
    });
  }

  // ---- responses to council recommendations ----

  @Get('plans/:id/recommendations')
  async recommendations(@Param('id') id: string, @Query('done') done: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const s = this.signed(request, reply);
    if (!s) return;
    await this.renderRecommendations(request, reply, s, id, done);
  }

  private async renderRecommendations(request: FastifyRequest, reply: FastifyReply, s: Signed, id: string, done: unknown, form?: { recommendationId: string; state: FormState }, status = 200): Promise<void> {
    const d = await this.plan(s, id, done);
    this.send(request, reply, s, recommendationsPage(s.ctx, { ...d, review: d.view.review as ReviewView | null, form }), status);
  }

  @Post('plans/:id/recommendations/:recommendationId/response')
  async respond(
    @Param('id') id: string,
    @Param('recommendationId') recommendationId: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    this.csrf.assert(request, body);
    const s = this.signed(request, reply, `/organizer/plans/${id}/recommendations`);
    if (!s) return;
    const { m } = s;
    const values = { accepted: field(body, 'accepted'), text: field(body, 'text') };
    const { value, failed } = await check(RecommendationResponseDto, {
      accepted: values.accepted === 'yes' ? true : values.accepted === 'no' ? false : values.accepted,
      text: values.text.trim(),
    });
    const errors = messagesFor(failed, { accepted: m.acceptedError, text: m.responseTextError });
    await this.submit(reply, s, {
      values, errors,
      render: (state, status) => this.renderRecommendations(request, reply, s, id, null, { recommendationId, state }, status),
      action: () => this.reviews.respond(s.user, recommendationId, value, false),
      refusals: ['ALREADY_RESPONDED', 'RECOMMENDATION_NOT_FOUND'],
      then: `/organizer/plans/${id}/recommendations?done=response#recommendation-${recommendationId}`,
    });
  }

  // ---- outcome ----

  @Get('plans/:id/outcome')
  async outcome(@Param('id') id: string, @Query('done') done: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const s = this.signed(request, reply);
    if (!s) return;
    await this.renderOutcome(request, reply, s, id, done);
  }

  private async renderOutcome(request: FastifyRequest, reply: FastifyReply, s: Signed, id: string, done: unknown, form?: FormState, status = 200): Promise<void> {
    const d = await this.plan(s, id, done);
    this.send(request, reply, s, outcomePage(s.ctx, { ...d, outcome: d.view.outcome as OutcomeView | null, form }), status);
  }

  @Post('plans/:id/outcome')
  async publishOutcome(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    this.csrf.assert(request, body);
    const s = this.signed(request, reply, `/organizer/plans/${id}/outcome`);
    if (!s) return;
    const { m } = s;
    const values = { decision: field(body, 'decision'), summary: field(body, 'summary') };
    const { value, failed } = await check(OutcomeDto, { decision: values.decision, summary: values.summary.trim() });
    const errors = messagesFor(failed, { decision: m.decisionError, summary: m.outcomeSummaryError });
    await this.submit(reply, s, {
      values, errors,
      render: (state, status) => this.renderOutcome(request, reply, s, id, null, state, status),
      action: () => this.outcomes.publish(s.user, id, value),
      refusals: ['UNANSWERED_REMARKS', 'STAGE2_NOT_CLOSED', 'OUTCOME_EXISTS'],
      then: `/organizer/plans/${id}/outcome?done=outcome`,
    });
  }
}
