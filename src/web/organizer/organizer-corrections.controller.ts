import { Body, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../common/errors/app-error';
import { texts } from '../../common/i18n/catalogue';
import { isUuid } from '../../common/ids';
import type { AuthUser } from '../../identity/auth/auth-user';
import { CurrentUser } from '../../identity/auth/auth.decorators';
import { AnswerTranslationsDto, CorrectionDto } from '../../remarks/remarks.dto';
import { RemarksService } from '../../remarks/remarks.service';
import { translationErrors } from '../answer-fields';
import { check, FormState, readForm, Values } from '../forms/form';
import { localizedBlank, localizedInput } from '../forms/localized-fields';
import { submit } from '../forms/submit';
import { FormPost, PageController } from '../page.decorators';
import { Pages, seeOther } from '../page-response';
import {
  CORRECTION_FIELDS,
  CorrectionField,
  correctionPage,
  correctionStart,
  TRANSLATION_FIELDS,
  TranslationField,
  translationPage,
  translationStart,
} from './answer-correction.pages';
import { CorrectionTargetRow, OrganizerPagesRepository } from './organizer-pages.repository';
import { OrganizerView } from './organizer.view';

/**
 * The answer correction form of the organizer's queue (the corrections the council demands, the
 * answers their authors called formal): a new public version through RemarksService.correct, as
 * POST /remarks/{id}/answer/corrections; and the translation form of a published answer, as
 * PUT /remarks/{id}/answer/translations (no new version).
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
    this.pages.send(request, reply, ctx, correctionPage(ctx, row, form ?? correctionStart(row)), status);
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
    const values: Values = readForm(body, CORRECTION_FIELDS);
    const input = { disposition: values.disposition, body: localizedInput(body, 'body'), reason: localizedInput(body, 'reason') };
    const checked = await check(CorrectionDto, input, {
      disposition: ctx.t.chooseDisposition,
      body: ctx.t.answerEmpty,
      reason: k.reasonError,
    });
    const errors = { disposition: checked.errors.disposition, body: checked.errors.body, reason: checked.errors.reason };
    await submit(ctx.locale, {
      form: { values, errors },
      action: () => this.remarks.correct(user, remarkId, checked.value.body, checked.value.disposition, checked.value.reason, ctx.locale),
      refusals: {
        NOT_ANSWERED: 'form',
        CORRECTION_UNCHANGED: 'body',
        REMARK_NOT_FOUND: 'form',
        TRANSLATION_REQUIRED: (error, message) => translationErrors(error, message, ctx.locale, { body: 'body', reason: 'reason' }),
      },
      render: (state, status) => this.render(request, reply, user, remarkId, state, status),
      done: () => seeOther(reply, '/organizer/remarks?done=corrected#council-findings'),
    });
  }

  private async renderTranslation(
    request: FastifyRequest,
    reply: FastifyReply,
    user: AuthUser,
    remarkId: string,
    form: FormState<TranslationField> | null,
    done: boolean,
    status = 200,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const row = await this.target(user, remarkId);
    this.pages.send(request, reply, ctx, translationPage(ctx, row, form ?? translationStart(row), done), status);
  }

  /** The translation form of a published answer (PUT /remarks/{id}/answer/translations): languages it lacks, no new version. */
  @Get('remarks/:remarkId/translation')
  async translationForm(
    @Param('remarkId') remarkId: string,
    @Query('done') done: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.renderTranslation(request, reply, user, remarkId, null, done === 'translated');
  }

  @FormPost('remarks/:remarkId/translation', { signIn: '/organizer/remarks/:remarkId/translation' })
  async translate(
    @Param('remarkId') remarkId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const l = texts(ctx.locale).remarks.languages;
    const values: Values = readForm(body, TRANSLATION_FIELDS);
    const text = localizedInput(body, 'body');
    const reason = localizedInput(body, 'reason');
    const input = { body: localizedBlank(text) ? undefined : text, correctionReason: localizedBlank(reason) ? undefined : reason };
    const checked = await check(AnswerTranslationsDto, input, { body: ctx.t.answerEmpty, correctionReason: l.translationEmpty });
    const errors = { body: checked.errors.body, reason: checked.errors.correctionReason };
    await submit(ctx.locale, {
      form: { values, errors },
      action: () => this.remarks.translate(user, remarkId, checked.value),
      refusals: {
        NOT_ANSWERED: 'form',
        REMARK_NOT_FOUND: 'form',
        VALIDATION_FAILED: () => ({ body: l.translationEmpty }),
        TRANSLATION_EXISTS: (error, message) => translationErrors(error, message, ctx.locale, { body: 'body' }),
      },
      render: (state, status) => this.renderTranslation(request, reply, user, remarkId, state, false, status),
      done: () => seeOther(reply, `/organizer/remarks/${remarkId}/translation?done=translated`),
    });
  }
}
