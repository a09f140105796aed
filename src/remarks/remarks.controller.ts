import { Body, Controller, Get, HttpCode, Headers, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API } from '../common/api';
import { AuthUser } from '../identity/auth/auth-user';
import { Auth, CurrentUser } from '../identity/auth/auth.decorators';
import { AnswerDto, CorrectionDto, CreateRemarkDto, ListRemarksQuery, VerdictDto } from './remarks.dto';
import { AnswerCreated, RemarkCreated, RemarksService, RemarkView } from './remarks.service';
import { VerdictRecorded, VerdictsService } from './verdicts.service';

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
  @ApiOperation({
    summary:
      'Publish a correction of the answer as a new public version (e-mailed to the author, who is asked for a verdict again); 409 NOT_ANSWERED, 422 CORRECTION_UNCHANGED when neither the text (trimmed) nor the disposition changes',
  })
  correct(@CurrentUser() user: AuthUser, @Param('id') remarkId: string, @Body() body: CorrectionDto): Promise<AnswerCreated> {
    return this.remarks.correct(user, remarkId, body.body, body.disposition, body.reason);
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
  verdict(@CurrentUser() user: AuthUser, @Param('id') remarkId: string, @Body() body: VerdictDto): Promise<VerdictRecorded> {
    return this.verdicts.record(user, remarkId, body);
  }
}
