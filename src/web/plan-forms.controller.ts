import { Body, Inject, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { texts } from '../common/i18n/catalogue';
import { interpolate } from '../common/i18n/locale';
import { APP_CONFIG, AppConfig } from '../config/config';
import { isUuid } from '../common/ids';
import type { AuthUser } from '../identity/auth/auth-user';
import { Auth, CurrentUser } from '../identity/auth/auth.decorators';
import { CreateRemarkDto } from '../remarks/remarks.dto';
import { RemarksService } from '../remarks/remarks.service';
import { REMARK_FIELDS } from './plan-remarks';
import { answerBase, checkAnswerForm, chosenRemarkLanguage, translationErrors } from './answer-fields';
import { check, readForm } from './forms/form';
import { submit } from './forms/submit';
import { FormPost, PageController } from './page.decorators';
import { Pages, seeOther } from './page-response';
import { formatDateTime } from './format';
import { PlanPageView } from './plan-page.view';
import { PublicPagesRepository } from './public-pages.repository';

/**
 * The forms of the public plan page: a citizen's remark and the organizer's answer. The same roles,
 * DTOs and service as the API (POST /plans/:id/remarks, POST /remarks/:id/answer); a refusal shows
 * the plan page again with the message by the form.
 */
@PageController('plans/:id/remarks')
export class PlanFormsController {
  constructor(
    private readonly pages: Pages,
    private readonly remarks: RemarksService,
    private readonly planPage: PlanPageView,
    private readonly queries: PublicPagesRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @FormPost('', { signIn: '/plans/:id#remark-form' })
  @Auth('citizen')
  async remark(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!isUuid(id)) throw new AppError('PLAN_NOT_FOUND');
    const ctx = this.pages.context(request);
    const values = readForm(body, REMARK_FIELDS);
    const { errors } = await check(CreateRemarkDto, { body: values.body }, { body: ctx.t.remarkEmpty });
    await submit(ctx.locale, {
      form: { values, errors },
      action: () =>
        this.remarks.create(
          user,
          id,
          values.body,
          values.idempotencyKey.slice(0, 200) || undefined,
          chosenRemarkLanguage(values.language, ctx.locale),
        ),
      refusals: {
        WINDOW_CLOSED: 'body',
        VALIDATION_FAILED: () => ({ body: ctx.t.remarkEmpty }),
        EMAIL_NOT_VERIFIED: 'body',
        IDEMPOTENCY_KEY_REUSED: 'body',
        // issue 16: the same text again in this stage, or too many remarks within the hour
        DUPLICATE_REMARK: 'body',
        // the limit, and when the next remark is accepted (Retry-After, also sent on the page)
        RATE_LIMITED: async (error) => {
          for (const [name, value] of Object.entries(error.headers)) void reply.header(name, value);
          const seconds = Number(error.headers['retry-after'] ?? 0);
          const plan = await this.queries.plan(id);
          const at = new Date(this.clock.now().getTime() + seconds * 1000);
          return {
            body: interpolate(texts(ctx.locale).moderation.reads.remarksRateLimited, {
              limit: this.config.moderation.remarksPerHour,
              time: formatDateTime(at, plan?.time_zone ?? 'Asia/Almaty', ctx.locale),
            }),
          };
        },
      },
      render: (remark, status) => this.planPage.render(request, reply, id, null, { remark }, status),
      done: (created) => seeOther(reply, `/plans/${id}?done=remark#remark-${created.id}`),
    });
  }

  @FormPost(':remarkId/answer', { signIn: '/plans/:id#remark-:remarkId' })
  @Auth('organizer')
  async answer(
    @Param('id') id: string,
    @Param('remarkId') remarkId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!isUuid(id) || !isUuid(remarkId)) throw new AppError('REMARK_NOT_FOUND');
    const ctx = this.pages.context(request);
    const base = answerBase(remarkId);
    const { values, errors, value } = await checkAnswerForm(body, base, { disposition: ctx.t.chooseDisposition, body: ctx.t.answerEmpty });
    await submit(ctx.locale, {
      form: { values, errors },
      action: () => this.remarks.answer(user, remarkId, value.body, value.disposition, ctx.locale),
      refusals: {
        ALREADY_ANSWERED: (_error, message) => ({ [base]: message }),
        TRANSLATION_REQUIRED: (error, message) => translationErrors(error, message, ctx.locale, { body: base }),
      },
      render: (state, status) => this.planPage.render(request, reply, id, null, { answer: { remarkId, state } }, status),
      done: () => seeOther(reply, `/plans/${id}?done=answer#remark-${remarkId}`),
    });
  }
}
