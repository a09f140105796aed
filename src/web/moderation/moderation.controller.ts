import { Body, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { texts } from '../../common/i18n/catalogue';
import type { AuthUser } from '../../identity/auth/auth-user';
import { CurrentUser } from '../../identity/auth/auth.decorators';
import { MODERATION_ACTIONS, type ModerationAction } from '../../moderation/moderation-decision.entity';
import { ModerationService } from '../../moderation/moderation.service';
import { HIDE_REASONS, type HideReason } from '../../remarks/remark-moderation';
import type { Errors, FormState } from '../forms/form';
import { emptyForm, readForm } from '../forms/form';
import { submit } from '../forms/submit';
import type { PageContext } from '../layout';
import { FormPost, PageController } from '../page.decorators';
import { Pages, seeOther } from '../page-response';
import { ModerationPagesRepository } from './moderation-pages.repository';
import type { DecisionField } from './moderation.pages';
import { DECISION_FIELDS, decisionPage, queuePage, TEXT_MAX } from './moderation.pages';

const QUEUE_PAGE = 20;

/** The decision form's values checked as the contract says: hide needs a listed reason and a note (1–2000). */
export function decisionErrors(
  ctx: PageContext,
  v: Record<DecisionField, string>,
): { errors: Errors<DecisionField>; action: ModerationAction | null; reason: HideReason | null } {
  const s = texts(ctx.locale).pages.moderation;
  const errors: Errors<DecisionField> = {};
  const action = (MODERATION_ACTIONS as readonly string[]).includes(v.action) ? (v.action as ModerationAction) : null;
  const reason = (HIDE_REASONS as readonly string[]).includes(v.reason) ? (v.reason as HideReason) : null;
  if (!action) errors.action = s.chooseAction;
  if (v.reason && !reason) errors.reason = s.chooseReason;
  if (action === 'hide' && !reason) errors.reason = s.chooseReason;
  if (v.note.length > TEXT_MAX) errors.note = s.noteTooLong;
  else if (action === 'hide' && !v.note) errors.note = s.noteRequired;
  return { errors, action, reason };
}

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
    const shown = done === 'hidden' || done === 'kept' ? done : null;
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
    const values = readForm(body, DECISION_FIELDS, ['action', 'reason', 'note']);
    const { errors, action, reason } = decisionErrors(ctx, values);
    await submit(ctx.locale, {
      form: { values, errors },
      action: () => this.moderation.decide(user, id, { action: action!, reason, note: values.note || null }),
      refusals: { SAME_MODERATOR: 'form', ALREADY_HIDDEN: 'form', VALIDATION_FAILED: 'form' },
      render: (state, status) => this.render(request, reply, ctx, user, id, state, null, status),
      done: (made) => seeOther(reply, `/moderation/remarks/${made.remark.id}?done=${made.remark.hidden ? 'hidden' : 'kept'}`),
    });
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PageContext,
    user: AuthUser,
    id: string,
    state: FormState<DecisionField>,
    done: 'hidden' | 'kept' | null,
    status = 200,
  ): Promise<void> {
    const context = await this.queries.remark(id);
    const history = await this.moderation.history(user, context.id);
    this.pages.send(request, reply, ctx, decisionPage(ctx, { history, context, state, done }), status);
  }
}
