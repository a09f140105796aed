import { Body, Get, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../common/errors/app-error';
import { texts } from '../../common/i18n/catalogue';
import { isUuid } from '../../common/ids';
import type { AuthUser } from '../../identity/auth/auth-user';
import { CurrentUser } from '../../identity/auth/auth.decorators';
import { CorrectionDto } from '../../remarks/remarks.dto';
import { RemarksService } from '../../remarks/remarks.service';
import { check, FormState, readForm } from '../forms/form';
import { submit } from '../forms/submit';
import { FormPost, PageController } from '../page.decorators';
import { Pages, seeOther } from '../page-response';
import { CORRECTION_FIELDS, CorrectionField, correctionPage } from './council-check.pages';
import { CorrectionTargetRow, OrganizerPagesRepository } from './organizer-pages.repository';
import { OrganizerView } from './organizer.view';

/**
 * The answer correction form of the organizer's queue (the corrections the council demands, the
 * answers their authors called formal): a new public version through RemarksService.correct, as
 * POST /remarks/{id}/answer/corrections.
 */
@PageController('organizer', { roles: ['organizer'] })
export class OrganizerCorrectionsController {
  constructor(
    private readonly pages: Pages,
    private readonly view: OrganizerView,
    private readonly queries: OrganizerPagesRepository,
    private readonly remarks: RemarksService,
  ) {}

  /** An answered remark of the organizer's own plan (plan-access, as the API): 404 otherwise. */
  private async target(user: AuthUser, remarkId: string): Promise<CorrectionTargetRow> {
    const row = isUuid(remarkId) ? await this.queries.correctionTarget(remarkId) : null;
    if (!row) throw new AppError('REMARK_NOT_FOUND');
    await this.view.ownPlan(user, row.plan_id);
    return row;
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    user: AuthUser,
    remarkId: string,
    form: FormState<CorrectionField> | null,
    status = 200,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const row = await this.target(user, remarkId);
    const state = form ?? { values: { disposition: row.disposition, body: row.answer_body, reason: '' }, errors: {} };
    this.pages.send(request, reply, ctx, correctionPage(ctx, row, state), status);
  }

  @Get('remarks/:remarkId/correction')
  async form(
    @Param('remarkId') remarkId: string,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.render(request, reply, user, remarkId, null);
  }

  @FormPost('remarks/:remarkId/correction', { signIn: '/organizer/remarks/:remarkId/correction' })
  async correct(
    @Param('remarkId') remarkId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const k = texts(ctx.locale).councilCheck.organizer;
    const values = readForm(body, CORRECTION_FIELDS);
    const { value, errors } = await check(CorrectionDto, values, {
      disposition: ctx.t.chooseDisposition,
      body: ctx.t.answerEmpty,
      reason: k.reasonError,
    });
    await submit(ctx.locale, {
      form: { values, errors },
      action: () => this.remarks.correct(user, remarkId, value.body, value.disposition, value.reason),
      refusals: { NOT_ANSWERED: 'form', CORRECTION_UNCHANGED: 'body', REMARK_NOT_FOUND: 'form' },
      render: (state, status) => this.render(request, reply, user, remarkId, state, status),
      done: () => seeOther(reply, '/organizer/remarks?done=corrected#council-findings'),
    });
  }
}
