import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { AppError } from '../../common/errors/app-error';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { protocolView } from '../../hearings/hearing-view';
import { AuthUser } from '../../identity/auth/auth-user';
import { assertCouncilMemberFor, assertVisible, loadPlan } from '../../plans/plan-access';
import { computeConclusion } from '../../reviews/conclusion';
import { POSITIONS, PositionKind } from '../../reviews/review-position.entity';
import { councilMembersCount, ReviewsService, reviewView } from '../../reviews/reviews.service';
import { staffUser } from '../admin/staff-access';
import { Csrf } from '../csrf';
import { PageContext } from '../layout';
import { errorText, requestContext, sendPage } from '../web.controller';
import { texts } from '../../common/i18n/catalogue';
import { councilHomePage, councilPlanPage, PositionFormState } from './council.pages';
import { CouncilQueries } from './council.queries';

const EMPTY_FORM: PositionFormState = { position: '', text: '', recommendations: '', errors: {} };
const MAX_TEXT = 10000;
const MAX_RECOMMENDATIONS = 50;

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/**
 * The public council members' pages: protocols awaiting the council's review and the council's
 * conclusions; a plan's review with the member's position form and the chair's closing. Who may act is
 * decided by plan-access and ReviewsService, as for the API.
 */
@ApiExcludeController()
@Controller('council')
export class CouncilPagesController {
  constructor(
    private readonly queries: CouncilQueries,
    private readonly reviews: ReviewsService,
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly csrf: Csrf,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private ctx(request: FastifyRequest): PageContext {
    return requestContext(request, this.config.defaultLocale, this.csrf);
  }

  @Get()
  async home(@Query('after') after: unknown, @Query('before') before: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.ctx(request);
    const user = staffUser(request, reply, ctx, 'council_member');
    if (!user) return;
    const councilId = user.councilId!;
    const now = this.clock.now();
    const [councilName, awaiting, reviewed] = await Promise.all([
      this.queries.councilName(councilId),
      this.queries.awaiting(councilId, user.id, now, after),
      this.queries.reviewed(councilId, now, before),
    ]);
    sendPage(request, reply, ctx, councilHomePage(ctx, { councilName, awaiting, reviewed, after: typeof after === 'string' ? after : null, before: typeof before === 'string' ? before : null }));
  }

  @Get('plans/:id')
  async plan(@Param('id') id: string, @Query('done') done: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.ctx(request);
    const user = staffUser(request, reply, ctx, 'council_member');
    if (!user) return;
    const c = texts(ctx.locale).pages.council;
    const flash = done === 'position' ? c.positionSaved : done === 'closed' ? c.closedFlash : null;
    await this.render(request, reply, ctx, user, id, EMPTY_FORM, flash);
  }

  private async render(request: FastifyRequest, reply: FastifyReply, ctx: PageContext, user: AuthUser, id: string, form: PositionFormState, flash: string | null, status = 200): Promise<void> {
    const em = this.db.manager;
    const { plan, organization } = await loadPlan(em, id);
    assertVisible(user, plan);
    assertCouncilMemberFor(user, organization);
    const now = this.clock.now();
    const [protocol, review, mine, members] = await Promise.all([
      protocolView(em, plan.id),
      reviewView(em, plan.id, now),
      this.queries.myPosition(plan.id, user.id),
      user.isChair ? councilMembersCount(em, organization.councilId) : Promise.resolve(0),
    ]);
    const open = !!plan.protocolPublishedAt && !review.conclusion && (!plan.reviewClosesAt || now.getTime() <= plan.reviewClosesAt.getTime());
    const preview = user.isChair && open ? computeConclusion(review.positions.map((p) => p.position), members) : null;
    sendPage(request, reply, ctx, councilPlanPage(ctx, { now, plan, organization, protocol, review, mine, open, preview, form, flash }), status);
  }

  @Post('plans/:id/positions')
  async recordPosition(@Param('id') id: string, @Body() body: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.ctx(request);
    const user = staffUser(request, reply, ctx, 'council_member', `/council/plans/${encodeURIComponent(id)}#my-position`);
    if (!user) return;
    this.csrf.assert(request, body);
    const c = texts(ctx.locale).pages.council;
    const position = str(body?.position);
    const text = str(body?.text).trim();
    const recommendationsText = str(body?.recommendations);
    const recommendations = recommendationsText.split(/\r?\n/).map((r) => r.trim()).filter((r) => r.length > 0);
    const form: PositionFormState = {
      position,
      text,
      recommendations: recommendationsText,
      errors: {
        position: (POSITIONS as readonly string[]).includes(position) ? null : c.choosePosition,
        text: text && text.length <= MAX_TEXT ? null : c.textRequired,
        recommendations: recommendations.length > MAX_RECOMMENDATIONS || recommendations.some((r) => r.length > MAX_TEXT) ? c.recommendationsTooMany : null,
      },
    };
    let status = 400;
    if (!Object.values(form.errors).some(Boolean)) {
      try {
        await this.reviews.recordPosition(user, id, { position: position as PositionKind, text, recommendations });
        void reply.header('cache-control', 'no-store').redirect(`/council/plans/${id}?done=position#positions`, 303);
        return;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        if (error.code === 'VALIDATION_FAILED') {
          // ReviewsService's rule: recommendations go with "endorse with recommendations" (needed) or "object" (possible)
          form.errors = { recommendations: position === 'endorse' ? c.recommendationsNotWithEndorse : c.recommendationsNeeded };
        } else if (['POSITION_EXISTS', 'REVIEW_CLOSED', 'PROTOCOL_NOT_PUBLISHED'].includes(error.code)) {
          form.formError = errorText(error, ctx.locale);
          status = error.status;
        } else {
          throw error;
        }
      }
    }
    await this.render(request, reply, ctx, user, id, form, null, status);
  }

  @Post('plans/:id/close')
  async close(@Param('id') id: string, @Body() body: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.ctx(request);
    const user = staffUser(request, reply, ctx, 'council_member', `/council/plans/${encodeURIComponent(id)}#close`);
    if (!user) return;
    this.csrf.assert(request, body);
    try {
      await this.reviews.closeByChair(user, id);
      void reply.header('cache-control', 'no-store').redirect(`/council/plans/${id}?done=closed#conclusion`, 303);
    } catch (error) {
      if (error instanceof AppError && (error.code === 'REVIEW_CLOSED' || error.code === 'PROTOCOL_NOT_PUBLISHED')) {
        await this.render(request, reply, ctx, user, id, { ...EMPTY_FORM, closeError: errorText(error, ctx.locale) }, null, error.status);
        return;
      }
      throw error;
    }
  }
}
