import { remarkReader } from '../../remarks/remark-moderation';
import { Body, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommitmentsDto } from '../../commitments/commitments.dto';
import { CommitmentsService } from '../../commitments/commitments.service';
import { texts } from '../../common/i18n/catalogue';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { DocumentationService, NoticeView } from '../../documentation/documentation.service';
import { NOTICE_DOCUMENTS_MAX, NoticeDto, NoticeTranslationsDto } from '../../documentation/notice.dto';
import type { AuthUser } from '../../identity/auth/auth-user';
import { CurrentUser } from '../../identity/auth/auth.decorators';
import { OutcomeDto, OutcomeTranslationsDto } from '../../outcomes/outcome.dto';
import { OutcomesService } from '../../outcomes/outcomes.service';
import type { OutcomeView } from '../../outcomes/report';
import { RecommendationResponseDto } from '../../reviews/reviews.dto';
import { ReviewsService, ReviewView } from '../../reviews/reviews.service';
import type { LocalizedInput } from '../../common/i18n/localized-text';
import { LocalizedText } from '../../common/i18n/localized-text';
import { check, FormState, readForm, text, type Values } from '../forms/form';
import { localizedBlank, localizedInput, localizedNames } from '../forms/localized-fields';
import { submit } from '../forms/submit';
import { FormPost, PageController } from '../page.decorators';
import { Pages, seeOther } from '../page-response';
import { DOCUMENT_ROWS, noticePage, outcomePage, recommendationsPage, type RecommendationsData } from './organizer-steps.pages';
import { CommitmentRow, missingRows, readCommitments } from './notice-commitments';
import { OrganizerView } from './organizer.view';

const DOCUMENT_PARTS = { title: 'Title', url: 'Url', sha256: 'Sha256' } as const;

/**
 * The notice's documents typed in rows: the title in kk/ru/en side by side (doc<n>Title_kk, ...), then
 * doc<n>Url and doc<n>Sha256; empty rows do not count.
 */
function noticeForm(body: unknown): {
  values: Record<string, string>;
  rows: number[];
  documents: { title: LocalizedInput; url: string; sha256: string }[];
} {
  const values: Record<string, string> = { noticeNumber: text(body, 'noticeNumber') };
  const rows: number[] = [];
  const documents = [];
  for (let n = 1; n <= DOCUMENT_ROWS; n++) {
    for (const name of localizedNames(`doc${n}Title`)) values[name] = text(body, name);
    const title = localizedInput(body, `doc${n}Title`);
    const [url, sha256] = (['Url', 'Sha256'] as const).map((k) => (values[`doc${n}${k}`] = text(body, `doc${n}${k}`)).trim());
    if (localizedBlank(title) && !url && !sha256) continue;
    rows.push(n);
    documents.push({ title, url, sha256 });
  }
  return { values, rows, documents };
}

/** The title a commitment names for a document row: any version will do (the first typed). */
function rowTitle(values: Record<string, string>, row: string): string {
  return (
    localizedNames(`doc${row}Title`)
      .map((name) => values[name]?.trim() ?? '')
      .find((title) => title) ?? row
  );
}

/** Stage two's notice, the responses to the council's recommendations and the outcome of an own plan item. */
@PageController('organizer/plans/:id', { roles: ['organizer'] })
export class OrganizerStepsController {
  constructor(
    private readonly pages: Pages,
    private readonly view: OrganizerView,
    private readonly documentation: DocumentationService,
    private readonly reviews: ReviewsService,
    private readonly outcomes: OutcomesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly commitments: CommitmentsService,
  ) {}

  // ---- stage 2: notice and documentation ----

  @Get('notice')
  async notice(
    @Param('id') id: string,
    @Query('done') done: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.renderNotice(request, reply, user, id, done);
  }

  private async renderNotice(
    request: FastifyRequest,
    reply: FastifyReply,
    user: AuthUser,
    id: string,
    done: unknown,
    form?: FormState,
    status = 200,
    later?: FormState,
    translations?: FormState,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const d = await this.view.step(user, id, ctx.locale, done);
    const rows: CommitmentRow[] =
      d.view.protocol && !d.view.notice
        ? (await this.commitments.candidates(d.view.id)).map((c) => ({
            remarkId: c.remark_id,
            remarkBody: c.hidden_at ? null : c.remark_body,
            hidden: c.hidden_at && c.hidden_reason ? { reason: c.hidden_reason, at: new Date(c.hidden_at).toISOString() } : null,
            authorName: c.author_name,
            answer: { body: LocalizedText.fromStored(c.answer_body)!, disposition: c.disposition },
            current: null,
            pending: false,
          }))
        : [];
    const current = d.view.notice ? await this.commitments.view(d.view.id, undefined, remarkReader(user, d.view.organization.id)) : [];
    const c = texts(ctx.locale).commitments.organizer;
    const flash =
      done === 'commitments'
        ? c.laterFlash
        : done === 'commitments-unchanged'
          ? c.laterUnchanged
          : done === 'translations'
            ? texts(ctx.locale).documentation.translations.flash
            : d.flash;
    this.pages.send(
      request,
      reply,
      ctx,
      noticePage(ctx, {
        ...d,
        flash,
        notice: d.view.notice as NoticeView | null,
        procedure: this.config.procedure,
        form,
        commitments: rows,
        current,
        later,
        translations,
      }),
      status,
    );
  }

  @FormPost('notice', { signIn: '/organizer/plans/:id/notice' })
  async publishNotice(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const m = texts(ctx.locale).pages.organizer;
    const { values, rows, documents } = noticeForm(body);
    // a commitment's document is chosen by its row of the form: the title typed there
    const commitments = readCommitments(body, values, (row) => rowTitle(values, row), false);
    const rowMessages = Object.fromEntries(
      rows.flatMap((n) => [
        [`doc${n}Title`, m.docTitleError],
        [`doc${n}Url`, m.docUrlError],
        [`doc${n}Sha256`, m.docShaError],
      ]),
    );
    const { value, errors } = await check(
      NoticeDto,
      { noticeNumber: values.noticeNumber.trim(), documents },
      { noticeNumber: m.noticeNumberError, doc1Title: rows.length ? m.docTitleError : m.documentsError, ...rowMessages },
      // "documents" (none at all) is shown by the first row; "documents.2.url" by the row it came from
      (path) => {
        const match = /^documents(?:\.(\d+)\.(\w+))?$/.exec(path);
        if (!match) return path;
        return match[1] === undefined
          ? 'doc1Title'
          : `doc${rows[Number(match[1])]}${DOCUMENT_PARTS[match[2] as keyof typeof DOCUMENT_PARTS] ?? 'Title'}`;
      },
    );
    await submit(ctx.locale, {
      form: { values, errors },
      action: () => this.documentation.publish(user, id, { ...value, commitments }, ctx.locale),
      refusals: {
        PROTOCOL_NOT_PUBLISHED: 'form',
        NOTICE_EXISTS: 'form',
        DISCUSSION_CLOSED: 'form',
        DOCUMENT_TITLES_NOT_UNIQUE: 'doc1Title',
        COMMITMENT_INVALID: 'form',
        COMMITMENTS_INCOMPLETE: missingRows(ctx, values),
      },
      render: (state, status) => this.renderNotice(request, reply, user, id, null, state, status),
      done: () => seeOther(reply, `/organizer/plans/${id}/notice?done=notice`),
    });
  }

  @FormPost('commitments', { signIn: '/organizer/plans/:id/notice#commitments' })
  async publishCommitments(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const values: Record<string, string> = {};
    const commitments = readCommitments(body, values, (title) => title, true);
    const { errors } = commitments.length
      ? await check(CommitmentsDto, { commitments }, {})
      : { errors: { c1Status: texts(ctx.locale).commitments.organizer.laterUnchanged } };
    await submit(ctx.locale, {
      form: { values, errors },
      action: () => this.commitments.publish(user, id, commitments),
      refusals: {
        NOTICE_NOT_PUBLISHED: 'form',
        DISCUSSION_CLOSED: 'form',
        COMMITMENT_INVALID: 'form',
        COMMITMENTS_INCOMPLETE: missingRows(ctx, values),
      },
      render: (state, status) => this.renderNotice(request, reply, user, id, null, undefined, status, state),
      done: (result) =>
        seeOther(
          reply,
          `/organizer/plans/${id}/notice?done=${result.published.length ? 'commitments' : 'commitments-unchanged'}#commitments`,
        ),
    });
  }

  @FormPost('notice/translations', { signIn: '/organizer/plans/:id/notice#notice-translations' })
  async translateNotice(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const values: Record<string, string> = {};
    const titles: ({ title?: LocalizedInput } | null)[] = [];
    for (let n = 1; n <= NOTICE_DOCUMENTS_MAX; n++) {
      for (const name of localizedNames(`doc${n}Title`)) values[name] = text(body, name);
      const title = localizedInput(body, `doc${n}Title`);
      titles.push(localizedBlank(title) ? {} : { title });
    }
    while (titles.length > 0 && !titles[titles.length - 1]?.title) titles.pop();
    for (const name of localizedNames('correctionReason')) values[name] = text(body, name);
    const reason = localizedInput(body, 'correctionReason');
    const input = { documents: titles, ...(localizedBlank(reason) ? {} : { correctionReason: reason }) };
    const { errors } = await check(NoticeTranslationsDto, input, {}, (path) => {
      const match = /^documents\.(\d+)\.title$/.exec(path);
      return match ? `doc${Number(match[1]) + 1}Title` : path;
    });
    await submit(ctx.locale, {
      form: { values, errors },
      action: () => this.documentation.translate(user, id, input, ctx.locale),
      refusals: { NOTICE_NOT_PUBLISHED: 'form', TRANSLATION_EXISTS: 'form', DOCUMENT_TITLES_NOT_UNIQUE: 'form', VALIDATION_FAILED: 'form' },
      render: (state, status) => this.renderNotice(request, reply, user, id, null, undefined, status, undefined, state),
      done: () => seeOther(reply, `/organizer/plans/${id}/notice?done=translations#notice-translations`),
    });
  }

  // ---- responses to council recommendations ----

  @Get('recommendations')
  async recommendations(
    @Param('id') id: string,
    @Query('done') done: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.renderRecommendations(request, reply, user, id, done);
  }

  private async renderRecommendations(
    request: FastifyRequest,
    reply: FastifyReply,
    user: AuthUser,
    id: string,
    done: unknown,
    forms: Pick<RecommendationsData, 'form' | 'translation'> = {},
    status = 200,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const d = await this.view.step(user, id, ctx.locale, done);
    this.pages.send(request, reply, ctx, recommendationsPage(ctx, { ...d, review: d.view.review as ReviewView | null, ...forms }), status);
  }

  @FormPost('recommendations/:recommendationId/response', { signIn: '/organizer/plans/:id/recommendations' })
  async respond(
    @Param('id') id: string,
    @Param('recommendationId') recommendationId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const m = texts(ctx.locale).pages.organizer;
    const base = `text-${recommendationId}`;
    const values: Values = readForm(body, ['accepted', `${base}_kk`, `${base}_ru`, `${base}_en`]);
    const accepted = values.accepted === 'yes' ? true : values.accepted === 'no' ? false : values.accepted;
    // the kk and ru fields side by side; a client posting one `text` writes in the page's language
    const typed = localizedInput(body, base);
    const { value, errors } = await check(
      RecommendationResponseDto,
      { accepted, text: localizedBlank(typed) ? text(body, 'text').trim() : typed },
      { accepted: m.acceptedError, text: m.responseTextError },
      (path) => (path === 'text' ? base : path),
    );
    await submit(ctx.locale, {
      form: { values, errors },
      action: () => this.reviews.respond(user, recommendationId, value, false, ctx.locale),
      refusals: { ALREADY_RESPONDED: 'form', RECOMMENDATION_NOT_FOUND: 'form' },
      render: (state, status) => this.renderRecommendations(request, reply, user, id, null, { form: { recommendationId, state } }, status),
      done: () => seeOther(reply, `/organizer/plans/${id}/recommendations?done=response#recommendation-${recommendationId}`),
    });
  }

  /** Adds the missing language of the latest response (not a correction: no new version, no e-mail). */
  @FormPost('recommendations/:recommendationId/response/translations', { signIn: '/organizer/plans/:id/recommendations' })
  async translateResponse(
    @Param('id') id: string,
    @Param('recommendationId') recommendationId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const base = `translation-${recommendationId}`;
    const values: Values = readForm(body, [`${base}_kk`, `${base}_ru`, `${base}_en`]);
    const typed = localizedInput(body, base);
    const l = texts(ctx.locale).pages.council.languages;
    await submit(ctx.locale, {
      form: { values, errors: {} },
      action: () => this.reviews.translateResponse(user, recommendationId, { text: localizedBlank(typed) ? undefined : typed }, ctx.locale),
      refusals: {
        TRANSLATION_EXISTS: () => ({ [base]: l.translationExists }),
        NOT_RESPONDED: 'form',
        RECOMMENDATION_NOT_FOUND: 'form',
        VALIDATION_FAILED: 'form',
      },
      render: (state, status) =>
        this.renderRecommendations(request, reply, user, id, null, { translation: { recommendationId, state } }, status),
      done: () => seeOther(reply, `/organizer/plans/${id}/recommendations?done=translated#recommendation-${recommendationId}`),
    });
  }

  // ---- outcome ----

  @Get('outcome')
  async outcome(
    @Param('id') id: string,
    @Query('done') done: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.renderOutcome(request, reply, user, id, done);
  }

  private async renderOutcome(
    request: FastifyRequest,
    reply: FastifyReply,
    user: AuthUser,
    id: string,
    done: unknown,
    form?: FormState,
    status = 200,
    translations?: FormState,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const d = await this.view.step(user, id, ctx.locale, done);
    const unanswered = await this.outcomes.unansweredRemarks(d.view.id);
    const flash = done === 'translations' ? texts(ctx.locale).outcomes.translations.flash : d.flash;
    this.pages.send(
      request,
      reply,
      ctx,
      outcomePage(ctx, { ...d, flash, outcome: d.view.outcome as OutcomeView | null, form, translations, unanswered }),
      status,
    );
  }

  @FormPost('outcome/translations', { signIn: '/organizer/plans/:id/outcome#outcome-translations' })
  async translateOutcome(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const values: Record<string, string> = {};
    for (const name of [...localizedNames('summary'), ...localizedNames('correctionReason')]) values[name] = text(body, name);
    const summary = localizedInput(body, 'summary');
    const reason = localizedInput(body, 'correctionReason');
    const input = {
      ...(localizedBlank(summary) ? {} : { summary }),
      ...(localizedBlank(reason) ? {} : { correctionReason: reason }),
    };
    const { errors } = await check(OutcomeTranslationsDto, input, {});
    await submit(ctx.locale, {
      form: { values, errors },
      action: () => this.outcomes.translate(user, id, input, ctx.locale),
      refusals: { OUTCOME_NOT_PUBLISHED: 'form', TRANSLATION_EXISTS: 'form', VALIDATION_FAILED: 'form' },
      render: (state, status) => this.renderOutcome(request, reply, user, id, null, undefined, status, state),
      done: () => seeOther(reply, `/organizer/plans/${id}/outcome?done=translations#outcome-translations`),
    });
  }

  @FormPost('outcome', { signIn: '/organizer/plans/:id/outcome' })
  async publishOutcome(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const m = texts(ctx.locale).pages.organizer;
    const values: Record<string, string> = readForm(body, ['decision', ...localizedNames('summary')] as const);
    const summary = localizedInput(body, 'summary');
    const { value, errors } = await check(
      OutcomeDto,
      { decision: values.decision, summary: localizedBlank(summary) ? '' : summary },
      { decision: m.decisionError, summary: m.outcomeSummaryError },
    );
    await submit(ctx.locale, {
      form: { values, errors },
      action: () => this.outcomes.publish(user, id, value, ctx.locale),
      refusals: {
        UNANSWERED_REMARKS: 'form',
        STAGE2_NOT_CLOSED: 'form',
        OUTCOME_EXISTS: 'form',
        REVIEW_OPEN: 'form',
        FORMAL_ANSWERS_UNCORRECTED: 'form',
        APPEAL_PENDING: 'form',
        APPEAL_WINDOW_OPEN: 'form',
      },
      render: (state, status) => this.renderOutcome(request, reply, user, id, null, state, status),
      done: () => seeOther(reply, `/organizer/plans/${id}/outcome?done=outcome`),
    });
  }
}
