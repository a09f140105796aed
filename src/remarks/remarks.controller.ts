import { Body, Controller, Get, Headers, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API } from '../common/api';
import { AuthUser } from '../identity/auth/auth-user';
import { Auth, CurrentUser } from '../identity/auth/auth.decorators';
import { AnswerDto, CorrectionDto, CreateRemarkDto, ListRemarksQuery } from './remarks.dto';
import { AnswerCreated, RemarkCreated, RemarksService, RemarkView } from './remarks.service';

@ApiTags('remarks')
@Controller(API)
export class RemarksController {
  constructor(private readonly remarks: RemarksService) {}

  @Post('plans/:id/remarks')
  @Auth('citizen')
  @ApiBearerAuth()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Up to 200 characters; a retry returns the original remark' })
  @ApiOperation({
    summary: 'Leave a remark while stage 1 or 2 is open; 409 WINDOW_CLOSED, 403 EMAIL_NOT_VERIFIED, 422 IDEMPOTENCY_KEY_REUSED',
  })
  create(
    @CurrentUser() user: AuthUser,
    @Param('id') planId: string,
    @Body() body: CreateRemarkDto,
    @Headers('idempotency-key') key: string | undefined,
  ): Promise<RemarkCreated> {
    return this.remarks.create(user, planId, body.body, key);
  }

  @Get('plans/:id/remarks')
  @ApiOperation({ summary: 'Remarks of a plan, oldest first, with their answers and correction history (keyset pagination)' })
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
  @ApiOperation({ summary: 'Publish the official answer (e-mailed to the author); 409 ALREADY_ANSWERED' })
  answer(@CurrentUser() user: AuthUser, @Param('id') remarkId: string, @Body() body: AnswerDto): Promise<AnswerCreated> {
    return this.remarks.answer(user, remarkId, body.body, body.disposition);
  }

  @Post('remarks/:id/answer/corrections')
  @Auth('organizer')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Publish a correction of the answer as a new public version; 409 NOT_ANSWERED' })
  correct(@CurrentUser() user: AuthUser, @Param('id') remarkId: string, @Body() body: CorrectionDto): Promise<AnswerCreated> {
    return this.remarks.correct(user, remarkId, body.body, body.disposition, body.reason);
  }
}
