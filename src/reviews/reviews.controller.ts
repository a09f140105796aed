import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API } from '../common/api';
import { AuthUser } from '../identity/auth/auth-user';
import { Auth, CurrentUser } from '../identity/auth/auth.decorators';
import { PositionDto, RecommendationResponseCorrectionDto, RecommendationResponseDto } from './reviews.dto';
import { ReviewsService } from './reviews.service';

@ApiTags('council review')
@Controller(API)
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get('plans/:id/review')
  @ApiOperation({ summary: 'The council review: positions with their recommendations, the conclusion, responses' })
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
  position(@Param('id') id: string, @Body() body: PositionDto, @CurrentUser() user: AuthUser) {
    return this.reviews.recordPosition(user, id, body);
  }

  @Post('plans/:id/review/close')
  @HttpCode(200)
  @Auth()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The council chair closes the review and publishes the conclusion; 403 NOT_CHAIR' })
  close(@Param('id') id: string, @CurrentUser() user: AuthUser) {
    return this.reviews.closeByChair(user, id);
  }

  @Post('recommendations/:id/response')
  @Auth()
  @ApiBearerAuth()
  @ApiOperation({ summary: "The organizer's reasoned response to a recommendation; 409 ALREADY_RESPONDED" })
  respond(@Param('id') id: string, @Body() body: RecommendationResponseDto, @CurrentUser() user: AuthUser) {
    return this.reviews.respond(user, id, body, false);
  }

  @Post('recommendations/:id/response/corrections')
  @Auth()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'A public correction of the response (a new version; the history stays)' })
  correct(@Param('id') id: string, @Body() body: RecommendationResponseCorrectionDto, @CurrentUser() user: AuthUser) {
    return this.reviews.respond(user, id, body, true);
  }
}
