import { Body, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../common/errors/app-error';
import { texts } from '../../common/i18n/catalogue';
import type { AuthUser } from '../../identity/auth/auth-user';
import { Auth, CurrentUser } from '../../identity/auth/auth.decorators';
import { AppealDto, ReportDto } from '../../moderation/moderation.dto';
import { ModerationService } from '../../moderation/moderation.service';
import { remarkReader, remarkTextFor } from '../../remarks/remark-moderation';
import type { FormState } from '../forms/form';
import { check, emptyForm, lengthMessage, readForm } from '../forms/form';
import { submit } from '../forms/submit';
import type { PageContext } from '../layout';
import { FormPost, PageController } from '../page.decorators';
import { Pages, seeOther } from '../page-response';
import type { RemarkContextRow } from './moderation-pages.repository';
import { ModerationPagesRepository } from './moderation-pages.repository';
import type { AppealField, ReportField } from './moderation.pages';
import { APPEAL_FIELDS, appealPage, REPORT_FIELDS, reportPage } from './moderation.pages';

/** Why the report form is not offered to this reader. */
function reportBlocked(user: AuthUser, c: RemarkContextRow): 'own' | 'hidden' | 'unverified' | null {
  if (c.author_id === user.id) return 'own';
  if (c.hidden_at !== null) return 'hidden';
  if (!user.emailVerified) return 'unverified';
  return null;
}

/** Sets Retry-After on the page of a RATE_LIMITED refusal, as the API does. */
async function withRetryAfter<T>(reply: FastifyReply, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof AppError && error.code === 'RATE_LIMITED')
      for (const [name, value] of Object.entries(error.headers)) void reply.header(name, value);
    throw error;
  }
}

/**
 * A remark's report form (any signed-in user with a confirmed address, not its author) and its author's
 * appeal against hiding it, on ModerationService. The report form shows the remark as the reader may
 * read it (remarkTextFor: masked for the public, withheld when hidden).
 */
@PageController('remarks/:id')
export class RemarkModerationPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly moderation: ModerationService,
    private readonly queries: ModerationPagesRepository,
  ) {}

  @Get('report')
  @Auth()
  async reportForm(
    @Param('id') id: string,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    await this.renderReport(request, reply, ctx, user, id, emptyForm(REPORT_FIELDS));
  }

  @FormPost('report', { signIn: '/remarks/:id/report' })
  @Auth()
  async report(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const s = texts(ctx.locale).pages.moderation;
    const values = readForm(body, REPORT_FIELDS, ['reason', 'text']);
    const { value, errors } = await check(
      ReportDto,
      { reason: values.reason, text: values.text || undefined },
      { reason: s.reportChooseReason, text: s.reportTooLong },
    );
    await submit(ctx.locale, {
      form: { values, errors },
      action: () => withRetryAfter(reply, () => this.moderation.report(user, id, { reason: value.reason, text: value.text ?? null })),
      refusals: {
        ALREADY_REPORTED: 'form',
        ALREADY_HIDDEN: 'form',
        RATE_LIMITED: 'form',
        EMAIL_NOT_VERIFIED: 'form',
        VALIDATION_FAILED: 'form',
        FORBIDDEN: 'form',
      },
      render: (state, status) => this.renderReport(request, reply, ctx, user, id, state, status),
      done: async () => {
        const c = await this.queries.remark(id);
        seeOther(reply, `/plans/${c.plan_id}?done=reported&remark=${c.id}#remark-${c.id}`);
      },
    });
  }

  private async renderReport(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PageContext,
    user: AuthUser,
    id: string,
    state: FormState<ReportField>,
    status = 200,
  ): Promise<void> {
    const context = await this.queries.remark(id);
    const text = remarkTextFor(
      { authorId: context.author_id, body: context.body, hiddenAt: context.hidden_at, hiddenReason: context.hidden_reason },
      remarkReader(user, context.organization_id),
    );
    const reportedAt = await this.queries.reportedAt(context.id, user.id);
    this.pages.send(
      request,
      reply,
      ctx,
      reportPage(ctx, { context, text, blocked: reportBlocked(user, context), reportedAt, state }),
      status,
    );
  }

  @Get('appeal')
  @Auth()
  async appealForm(
    @Param('id') id: string,
    @Query('done') done: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    await this.renderAppeal(request, reply, ctx, user, id, emptyForm(APPEAL_FIELDS), done === 'appealed');
  }

  @FormPost('appeal', { signIn: '/remarks/:id/appeal' })
  @Auth()
  async appeal(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const s = texts(ctx.locale).pages.moderation;
    const values = readForm(body, APPEAL_FIELDS, ['text']);
    const { value, errors } = await check(AppealDto, values, { text: lengthMessage(s.appealTextRequired, s.appealTextTooLong) });
    await submit(ctx.locale, {
      form: { values, errors },
      action: async () => {
        await this.author(user, id);
        return this.moderation.appeal(user, id, value.text);
      },
      refusals: { NOT_HIDDEN: 'form', ALREADY_APPEALED: 'form', APPEAL_WINDOW_CLOSED: 'form', VALIDATION_FAILED: 'form' },
      render: (state, status) => this.renderAppeal(request, reply, ctx, user, id, state, false, status),
      done: (created) => seeOther(reply, `/remarks/${created.remarkId}/appeal?done=appealed`),
    });
  }

  /** The remark, for its author only (NOT_AUTHOR otherwise, as the API answers). */
  private async author(user: AuthUser, id: string): Promise<RemarkContextRow> {
    const context = await this.queries.remark(id);
    if (context.author_id !== user.id) throw new AppError('NOT_AUTHOR');
    return context;
  }

  private async renderAppeal(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PageContext,
    user: AuthUser,
    id: string,
    state: FormState<AppealField>,
    sent: boolean,
    status = 200,
  ): Promise<void> {
    const context = await this.author(user, id);
    const history = await this.moderation.history(user, context.id);
    this.pages.send(request, reply, ctx, appealPage(ctx, { context, history, state, sent }), status);
  }
}
