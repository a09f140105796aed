import { Body, Controller, Get, HttpCode, Headers, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API } from '../common/api';
import { AuthUser } from '../identity/auth/auth-user';
import type { Locale } from '../common/i18n/locale';
import { Auth, CurrentUser, TextLanguage } from '../identity/auth/auth.decorators';
import { AnswerDto, AnswerTranslationsDto, CorrectionDto, CreateRemarkDto, ListRemarksQuery, VerdictDto } from './remarks.dto';
import { AnswerCreated, AnswerTranslated, RemarkCreated, remarkLanguage, RemarksService, RemarkView } from './remarks.service';
import { VerdictRecorded, VerdictsService } from './verdicts.service';
import { ApiErrors } from '../common/openapi';
import {
  AnswerCreatedResponse,
  AnswerTranslatedResponse,
  RemarkCreatedResponse,
  RemarkListResponse,
  VerdictResponse,
} from './remarks.schemas';

@ApiTags('remarks')
@Controller(API)
export class RemarksController {
  constructor(
    private readonly remarks: RemarksService,
    private readonly verdicts: VerdictsService,
  ) {}

  @Post('plans/:id/remarks')
  @Auth('citizen')
  @ApiBearerAuth()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Up to 200 characters; a retry returns the original remark' })
  @ApiHeader({ name: 'Content-Language', required: false, description: "The remark's language when the body does not give `language`" })
  @ApiOperation({
    summary:
      "Leave a remark while stage 1 or 2 is open; its language is `language`, else Content-Language, else the author's account language. 409 WINDOW_CLOSED, 403 EMAIL_NOT_VERIFIED, 422 IDEMPOTENCY_KEY_REUSED (a repeated Idempotency-Key with the same text replays the remark), " +
      '409 DUPLICATE_REMARK (the same text, compared in lower case with spacing folded, by the same author on the same plan in the same stage), 429 RATE_LIMITED with Retry-After past REMARKS_PER_HOUR (20) remarks of the author on the plan within an hour',
  })
  @ApiCreatedResponse({ type: RemarkCreatedResponse })
  @ApiErrors(404, 409, 422, 429)
  create(
    @CurrentUser() user: AuthUser,
    @Param('id') planId: string,
    @Body() body: CreateRemarkDto,
    @Headers('idempotency-key') key: string | undefined,
    @Headers('content-language') contentLanguage: string | undefined,
  ): Promise<RemarkCreated> {
    return this.remarks.create(user, planId, body.body, key, remarkLanguage(body.language, contentLanguage, user.locale));
  }

  @Get('plans/:id/remarks')
  @ApiOperation({
    summary:
      "Remarks of a plan, oldest first, with each remark's `language` and its answers and correction history (keyset pagination); answer texts in the request's language with every version under `i18n`. " +
      "A hidden remark reads `body: null, hidden: {reason, at}` for everyone but its author and moderators (its answer stays public); identity numbers, phone numbers and e-mail addresses are masked (`personalDataMasked`) for all but the author, the plan's organizer and moderators, in remarks, answers and verdict reasons alike",
  })
  @ApiOkResponse({ type: RemarkListResponse })
  @ApiErrors(404)
  list(
    @CurrentUser() user: AuthUser | undefined,
    @Param('id') planId: string,
    @Query() query: ListRemarksQuery,
  ): Promise<{ items: RemarkView[]; nextCursor: string | null }> {
    return this.remarks.list(user, planId, query);
  }

  @Post('remarks/:id/answer')
  @Auth('organizer')
  @ApiBearerAuth()
  @ApiHeader({ name: 'Content-Language', required: false, description: 'The language of a string `body` (default: your account language)' })
  @ApiOperation({
    summary:
      "Publish the official answer (e-mailed to the author); it must include the remark's language when that is kk or ru, otherwise kk or ru: 422 TRANSLATION_REQUIRED {missing}; 409 ALREADY_ANSWERED",
  })
  @ApiCreatedResponse({ type: AnswerCreatedResponse })
  @ApiErrors(404, 409, 422)
  answer(
    @CurrentUser() user: AuthUser,
    @Param('id') remarkId: string,
    @Body() body: AnswerDto,
    @TextLanguage() lang: Locale,
  ): Promise<AnswerCreated> {
    return this.remarks.answer(user, remarkId, body.body, body.disposition, lang);
  }

  @Post('remarks/:id/answer/corrections')
  @Auth('organizer')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Publish a correction of the answer as a new public version (e-mailed to the author, who is asked for a verdict again); the text and the reason follow the answer-language rule (422 TRANSLATION_REQUIRED); 409 NOT_ANSWERED, 422 CORRECTION_UNCHANGED when neither the text (every version, trimmed) nor the disposition changes. To add a missing language use PUT .../answer/translations',
  })
  @ApiHeader({ name: 'Content-Language', required: false, description: 'The language of string texts (default: your account language)' })
  @ApiCreatedResponse({ type: AnswerCreatedResponse })
  @ApiErrors(404, 409, 422)
  correct(
    @CurrentUser() user: AuthUser,
    @Param('id') remarkId: string,
    @Body() body: CorrectionDto,
    @TextLanguage() lang: Locale,
  ): Promise<AnswerCreated> {
    return this.remarks.correct(user, remarkId, body.body, body.disposition, body.reason, lang);
  }

  @Put('remarks/:id/answer/translations')
  @HttpCode(200)
  @Auth('organizer')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Add missing languages to the latest answer version (`body`, and `correctionReason` of a correction), as {kk?, ru?, en?}: not a correction, so no new version, no verdict reset, no e-mail. 409 TRANSLATION_EXISTS {languages} when a language is there with another text; the same text again changes nothing. 409 NOT_ANSWERED',
  })
  @ApiOkResponse({ type: AnswerTranslatedResponse })
  @ApiErrors(404, 409)
  translate(
    @CurrentUser() user: AuthUser,
    @Param('id') remarkId: string,
    @Body() body: AnswerTranslationsDto,
    @TextLanguage() lang: Locale,
  ): Promise<AnswerTranslated> {
    return this.remarks.translate(user, remarkId, body, lang);
  }

  @Put('remarks/:id/verdict')
  @HttpCode(200)
  @Auth()
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      "The remark author's verdict on the latest answer version: reasoned or formal (reason 10-2000 characters, required for formal). " +
      "Changeable within 10 working days of the version (organizer's time zone); a public opinion, not an appeal under the Administrative Procedural Code. " +
      '403 NOT_AUTHOR, 409 NOT_ANSWERED, 409 ANSWER_VERSION_STALE {latest}, 409 VERDICT_WINDOW_CLOSED {closesAt}',
  })
  @ApiOkResponse({ type: VerdictResponse })
  @ApiErrors(404, 409)
  verdict(@CurrentUser() user: AuthUser, @Param('id') remarkId: string, @Body() body: VerdictDto): Promise<VerdictRecorded> {
    return this.verdicts.record(user, remarkId, body);
  }
}
