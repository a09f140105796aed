import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API } from '../common/api';
import { AuthUser } from '../identity/auth/auth-user';
import type { Locale } from '../common/i18n/locale';
import { Auth, CurrentUser, TextLanguage } from '../identity/auth/auth.decorators';
import {
  PositionDto,
  PositionTranslationsDto,
  RecommendationResponseCorrectionDto,
  RecommendationResponseDto,
  ResponseTranslationsDto,
} from './reviews.dto';
import { ReviewsService } from './reviews.service';
import { ApiErrors } from '../common/openapi';
import {
  PositionResponse,
  PositionTranslatedResponse,
  RecommendationResponseResponse,
  ResponseTranslatedResponse,
  ReviewClosedResponse,
  ReviewResponse,
} from './reviews.schemas';

@ApiTags('council review')
@Controller(API)
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get('plans/:id/review')
  @ApiOperation({ summary: 'The council review: positions with their recommendations, the conclusion, responses' })
  @ApiOkResponse({ type: ReviewResponse })
  @ApiErrors(404)
  get(@Param('id') id: string, @CurrentUser() user: AuthUser | undefined) {
    return this.reviews.view(user, id);
  }

  @Post('plans/:id/review/positions')
  @Auth()
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'A member of the overseeing council records a position (once), optionally naming formal answers; 409 POSITION_EXISTS, PROTOCOL_NOT_PUBLISHED, REVIEW_CLOSED; 422 FORMAL_ANSWERS_INVALID',
  })
  @ApiCreatedResponse({ type: PositionResponse })
  @ApiErrors(404, 409, 422)
  position(@Param('id') id: string, @Body() body: PositionDto, @CurrentUser() user: AuthUser, @TextLanguage() lang: Locale) {
    return this.reviews.recordPosition(user, id, body, lang);
  }

  @Put('plans/:id/review/positions/mine/translations')
  @Auth()
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'A council member adds missing languages to their own position and its recommendations (by index): not a new position, no e-mail, allowed after the review closed; 409 TRANSLATION_EXISTS; 404 when the member has no position',
  })
  @ApiOkResponse({ type: PositionTranslatedResponse })
  @ApiErrors(404, 409)
  translatePosition(
    @Param('id') id: string,
    @Body() body: PositionTranslationsDto,
    @CurrentUser() user: AuthUser,
    @TextLanguage() lang: Locale,
  ) {
    return this.reviews.translatePosition(user, id, body, lang);
  }

  @Post('plans/:id/review/close')
  @HttpCode(200)
  @Auth()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The council chair closes the review and publishes the conclusion; 403 NOT_CHAIR' })
  @ApiOkResponse({ type: ReviewClosedResponse })
  @ApiErrors(404, 409)
  close(@Param('id') id: string, @CurrentUser() user: AuthUser) {
    return this.reviews.closeByChair(user, id);
  }

  @Post('recommendations/:id/response')
  @Auth()
  @ApiBearerAuth()
  @ApiOperation({ summary: "The organizer's reasoned response to a recommendation; 409 ALREADY_RESPONDED" })
  @ApiCreatedResponse({ type: RecommendationResponseResponse })
  @ApiErrors(404, 409, 422)
  respond(@Param('id') id: string, @Body() body: RecommendationResponseDto, @CurrentUser() user: AuthUser, @TextLanguage() lang: Locale) {
    return this.reviews.respond(user, id, body, false, lang);
  }

  @Put('recommendations/:id/response/translations')
  @Auth()
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'The organizer adds missing languages to the latest response version (text, correctionReason) in place: not a correction, no e-mail; 409 TRANSLATION_EXISTS, NOT_RESPONDED',
  })
  @ApiOkResponse({ type: ResponseTranslatedResponse })
  @ApiErrors(404, 409)
  translateResponse(
    @Param('id') id: string,
    @Body() body: ResponseTranslationsDto,
    @CurrentUser() user: AuthUser,
    @TextLanguage() lang: Locale,
  ) {
    return this.reviews.translateResponse(user, id, body, lang);
  }

  @Post('recommendations/:id/response/corrections')
  @Auth()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'A public correction of the response (a new version; the history stays)' })
  @ApiCreatedResponse({ type: RecommendationResponseResponse })
  @ApiErrors(404, 409, 422)
  correct(
    @Param('id') id: string,
    @Body() body: RecommendationResponseCorrectionDto,
    @CurrentUser() user: AuthUser,
    @TextLanguage() lang: Locale,
  ) {
    return this.reviews.respond(user, id, body, true, lang);
  }
}
