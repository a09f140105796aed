import { Body, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { texts } from '../../common/i18n/catalogue';
import type { AuthUser } from '../../identity/auth/auth-user';
import { CurrentUser } from '../../identity/auth/auth.decorators';
import { DecisionDto } from '../../moderation/moderation.dto';
import { ModerationService } from '../../moderation/moderation.service';
import type { FormState } from '../forms/form';
import { check, emptyForm, readForm } from '../forms/form';
import { submit } from '../forms/submit';
import type { PageContext } from '../layout';
import { FormPost, PageController } from '../page.decorators';
import { Pages, seeOther } from '../page-response';
import { ModerationPagesRepository } from './moderation-pages.repository';
import type { DecisionField } from './moderation.pages';
import type { DecisionDone } from './moderation.pages';
import { DECISION_DONE, DECISION_FIELDS, decisionPage, queuePage } from './moderation.pages';

const QUEUE_PAGE = 20;

/**
 * The moderators' pages (moderators and administrators): the queue of reported remarks and pending
 * appeals, and each remark in context with its history and the decision form, on ModerationService.
 */
@PageController('moderation', { roles: ['moderator', 'admin'] })
export class ModerationPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly moderation: ModerationService,
    private readonly queries: ModerationPagesRepository,
  ) {}

  @Get()
  async queue(
    @Query('cursor') cursor: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const after = typeof cursor === 'string' && cursor ? cursor : undefined;
    const page = await this.moderation.queue(user, { cursor: after, limit: QUEUE_PAGE });
    const zones = await this.queries.timeZones(page.items.map((item) => item.plan.id));
    this.pages.send(request, reply, ctx, queuePage(ctx, { items: page.items, zones, nextCursor: page.nextCursor, laterPage: !!after }));
  }

  @Get('remarks/:id')
  async remark(
    @Param('id') id: string,
    @Query('done') done: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const shown = DECISION_DONE.find((x) => x === done) ?? null;
    await this.render(request, reply, ctx, user, id, emptyForm(DECISION_FIELDS), shown);
  }

  @FormPost('remarks/:id', { signIn: '/moderation/remarks/:id' })
  async decide(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const s = texts(ctx.locale).pages.moderation;
    const values = readForm(body, DECISION_FIELDS, ['action', 'reason', 'note']);
    const { value, errors } = await check(
      DecisionDto,
      { action: values.action, reason: values.reason || undefined, note: values.note || undefined },
      {
        action: s.chooseAction,
        reason: s.chooseReason,
        note: (failed) => (failed.includes('maxLength') && !failed.includes('isString') ? s.noteTooLong : s.noteRequired),
      },
    );
    await submit(ctx.locale, {
      form: { values, errors },
      action: () => this.moderation.decide(user, id, { action: value.action, reason: value.reason ?? null, note: value.note ?? null }),
      refusals: { SAME_MODERATOR: 'form', ALREADY_HIDDEN: 'form', VALIDATION_FAILED: 'form' },
      render: (state, status) => this.render(request, reply, ctx, user, id, state, null, status),
      done: (made) => {
        const outcome = made.decision.appeal ? (made.remark.hidden ? 'upheld' : 'restored') : made.remark.hidden ? 'hidden' : 'kept';
        seeOther(reply, `/moderation/remarks/${made.remark.id}?done=${outcome}`);
      },
    });
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PageContext,
    user: AuthUser,
    id: string,
    state: FormState<DecisionField>,
    done: DecisionDone | null,
    status = 200,
  ): Promise<void> {
    const context = await this.queries.remark(id);
    const history = await this.moderation.history(user, context.id);
    this.pages.send(request, reply, ctx, decisionPage(ctx, { history, context, state, done }), status);
  }
}
