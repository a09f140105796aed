import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API } from '../common/api';
import { AuthUser } from '../identity/auth/auth-user';
import type { Locale } from '../common/i18n/locale';
import { Auth, CurrentUser, TextLanguage } from '../identity/auth/auth.decorators';
import { DocumentationService } from './documentation.service';
import { NoticeCorrectionDto, NoticeDto, NoticeTranslationsDto } from './notice.dto';
import { ApiErrors } from '../common/openapi';
import { NoticePublishedResponse, NoticeResponse } from './documentation.schemas';

@ApiTags('stage 2: notice and documentation')
@Controller(API)
export class DocumentationController {
  constructor(private readonly documentation: DocumentationService) {}

  @Post('plans/:id/notice')
  @HttpCode(200)
  @Auth()
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'The organizer publishes the notice and documentation, accounting for every commitment (a stage-1 answer that accepted a remark; version 1 of each is e-mailed to its author); opens stage 2 (5 working days). 409 PROTOCOL_NOT_PUBLISHED, NOTICE_EXISTS; 422 DOCUMENT_TITLES_NOT_UNIQUE, COMMITMENTS_INCOMPLETE {missing: [remarkId]}, COMMITMENT_INVALID',
  })
  @ApiOkResponse({ type: NoticePublishedResponse })
  @ApiErrors(404, 409, 422)
  publish(@Param('id') id: string, @Body() body: NoticeDto, @CurrentUser() user: AuthUser, @TextLanguage() lang: Locale) {
    return this.documentation.publish(user, id, body, lang);
  }

  @Post('plans/:id/notice/corrections')
  @HttpCode(201)
  @Auth()
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'The organizer publishes a corrected notice as a new version with a reason (participants are e-mailed; the stage 2 window stays). 409 NOTICE_NOT_PUBLISHED, DISCUSSION_CLOSED; 422 DOCUMENT_TITLES_NOT_UNIQUE',
  })
  @ApiCreatedResponse({ type: NoticeResponse })
  @ApiErrors(404, 409, 422)
  correct(@Param('id') id: string, @Body() body: NoticeCorrectionDto, @CurrentUser() user: AuthUser, @TextLanguage() lang: Locale) {
    return this.documentation.correct(user, id, body, lang);
  }

  @Put('plans/:id/notice/translations')
  @Auth()
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      "The organizer adds missing languages to the current notice's document titles (by position) and correction reason. Not a correction: no new version, no e-mail; allowed after the outcome too. 409 NOTICE_NOT_PUBLISHED, TRANSLATION_EXISTS {languages}; 422 DOCUMENT_TITLES_NOT_UNIQUE",
  })
  @ApiOkResponse({ type: NoticeResponse })
  @ApiErrors(404, 409, 422)
  translate(@Param('id') id: string, @Body() body: NoticeTranslationsDto, @CurrentUser() user: AuthUser, @TextLanguage() lang: Locale) {
    return this.documentation.translate(user, id, body, lang);
  }

  @Get('plans/:id/notice')
  @ApiOperation({ summary: 'The published notice with its documents and checksums, every earlier version, and the stage 2 window' })
  @ApiOkResponse({ type: NoticeResponse })
  @ApiErrors(404)
  get(@Param('id') id: string, @CurrentUser() user: AuthUser | undefined) {
    return this.documentation.view(user, id);
  }
}
