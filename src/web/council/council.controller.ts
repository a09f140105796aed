import { Body, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock } from '../../common/clock';
import { AppError } from '../../common/errors/app-error';
import { texts } from '../../common/i18n/catalogue';
import type { AuthUser } from '../../identity/auth/auth-user';
import { CurrentUser } from '../../identity/auth/auth.decorators';
import { PositionDto } from '../../reviews/reviews.dto';
import { ReviewsService } from '../../reviews/reviews.service';
import { check, emptyForm, lines, readForm, text, textList, type Values } from '../forms/form';
import { localizedBlank, localizedInput } from '../forms/localized-fields';
import { submit } from '../forms/submit';
import { FormPost, PageController } from '../page.decorators';
import { Pages, seeOther } from '../page-response';
import { CouncilPlanView } from './council-plan.view';
import { councilHomePage, POSITION_TRANSLATION_FIELDS, POSITION_VALUES, type PositionField } from './council.pages';
import { localizedLinePlaces, localizedLines } from './localized-lines';
import { CouncilPagesRepository } from './council-pages.repository';

/**
 * The public council members' pages: protocols awaiting the council's review and the council's
 * conclusions; a plan's review with the member's position form and the chair's closing. Who may act is
 * decided by the AuthGuard, plan-access and ReviewsService, as for the API.
 */
@PageController('council', { roles: ['council_member'] })
export class CouncilPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly queries: CouncilPagesRepository,
    private readonly reviews: ReviewsService,
    private readonly planView: CouncilPlanView,
    private readonly clock: Clock,
  ) {}

  @Get()
  async home(
    @Query('after') after: unknown,
    @Query('before') before: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    if (!user.councilId) throw new AppError('NOT_COUNCIL_MEMBER');
    const now = this.clock.now();
    const [councilName, awaiting, reviewed] = await Promise.all([
      this.queries.councilName(user.councilId),
      this.queries.awaiting(user.councilId, user.id, now, after),
      this.queries.reviewed(user.councilId, now, before),
    ]);
    const cursors = { after: typeof after === 'string' ? after : null, before: typeof before === 'string' ? before : null };
    this.pages.send(request, reply, ctx, councilHomePage(ctx, { councilName, awaiting, reviewed, ...cursors }));
  }

  @Get('plans/:id')
  async plan(
    @Param('id') id: string,
    @Query('done') done: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const c = texts(this.pages.context(request).locale).pages.council;
    const flash =
      done === 'position'
        ? c.positionSaved
        : done === 'closed'
          ? c.closedFlash
          : done === 'translated'
            ? c.languages.translationsSaved
            : null;
    await this.planView.render(request, reply, user, id, { flash });
  }

  @FormPost('plans/:id/positions', { signIn: '/council/plans/:id#my-position' })
  async recordPosition(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const c = texts(ctx.locale).pages.council;
    const formalAnswers = textList(body, 'formalAnswers');
    const values = { ...readForm(body, POSITION_VALUES), formalAnswers: formalAnswers.join(',') } as Values<PositionField>;
    const recommendations = localizedLines(body, 'recommendations');
    // a client posting the one-language fields of the form before issue 15 writes in the page's language
    const typed = localizedInput(body, 'text');
    if (localizedBlank(typed) && text(body, 'text')) values[`text_${ctx.locale}`] = text(body, 'text');
    if (!recommendations.items.length && text(body, 'recommendations'))
      values[`recommendations_${ctx.locale}`] = text(body, 'recommendations');
    const input = {
      position: values.position,
      text: localizedBlank(typed) ? text(body, 'text').trim() : typed,
      recommendations: recommendations.items.length ? recommendations.items : lines(text(body, 'recommendations')),
      formalAnswers,
    };
    const { value, errors } = await check(PositionDto, input, {
      position: c.choosePosition,
      text: c.textRequired,
      recommendations: c.recommendationsTooMany,
      formalAnswers: texts(ctx.locale).councilCheck.pages.tooMany,
    });
    if (recommendations.uneven) errors.recommendations = c.languages.linesUneven;
    await submit(ctx.locale, {
      form: { values, errors },
      action: () => this.reviews.recordPosition(user, id, value, ctx.locale),
      refusals: {
        // ReviewsService's rule: recommendations go with "endorse with recommendations" (needed) or "object" (possible)
        VALIDATION_FAILED: () => ({
          recommendations: values.position === 'endorse' ? c.recommendationsNotWithEndorse : c.recommendationsNeeded,
        }),
        POSITION_EXISTS: 'form',
        FORMAL_ANSWERS_INVALID: 'formalAnswers',
        REVIEW_CLOSED: 'form',
        PROTOCOL_NOT_PUBLISHED: 'form',
      },
      render: (form, status) => this.planView.render(request, reply, user, id, { form }, status),
      done: () => seeOther(reply, `/council/plans/${id}?done=position#positions`),
    });
  }

  /** The member adds missing languages to their own position and its recommendations (not a change, no e-mail). */
  @FormPost('plans/:id/positions/translations', { signIn: '/council/plans/:id#translations' })
  async translatePosition(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const c = texts(ctx.locale).pages.council;
    const values: Values = readForm(body, POSITION_TRANSLATION_FIELDS);
    // by index: a line left blank, or the last lines left out, keep that recommendation as it is
    const recommendations = localizedLinePlaces(body, 'recommendations');
    const errors: Record<string, string> = {};
    const typed = localizedInput(body, 'text');
    await submit(ctx.locale, {
      form: { values, errors },
      action: () =>
        this.reviews.translatePosition(
          user,
          id,
          { text: localizedBlank(typed) ? undefined : typed, recommendations: recommendations.items },
          ctx.locale,
        ),
      refusals: { TRANSLATION_EXISTS: () => ({ text: c.languages.translationExists }), VALIDATION_FAILED: 'form', NOT_FOUND: 'form' },
      render: (translation, status) => this.planView.render(request, reply, user, id, { translation }, status),
      done: () => seeOther(reply, `/council/plans/${id}?done=translated#positions`),
    });
  }

  @FormPost('plans/:id/close', { signIn: '/council/plans/:id#close' })
  async close(
    @Param('id') id: string,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await submit(this.pages.context(request).locale, {
      form: emptyForm(),
      action: () => this.reviews.closeByChair(user, id),
      refusals: { REVIEW_CLOSED: 'form', PROTOCOL_NOT_PUBLISHED: 'form' },
      render: (state, status) => this.planView.render(request, reply, user, id, { closeError: state.formError }, status),
      done: () => seeOther(reply, `/council/plans/${id}?done=closed#conclusion`),
    });
  }
}
