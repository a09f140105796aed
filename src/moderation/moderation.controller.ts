import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API } from '../common/api';
import { AuthUser } from '../identity/auth/auth-user';
import { Auth, CurrentUser } from '../identity/auth/auth.decorators';
import { AppealDto, DecisionDto, QueueQuery, ReportDto } from './moderation.dto';
import { ModerationService } from './moderation.service';
import type { AppealCreated, DecisionMade, ModerationHistory, QueueItem, ReportCreated } from './moderation.types';
import { ApiErrors } from '../common/openapi';
import {
  AppealCreatedResponse,
  DecisionResponse,
  ModerationHistoryResponse,
  ModerationQueueResponse,
  ReportCreatedResponse,
} from './moderation.schemas';

@ApiTags('moderation')
@ApiBearerAuth()
@Controller(API)
export class ModerationController {
  constructor(private readonly moderation: ModerationService) {}

  @Post('remarks/:id/reports')
  @Auth()
  @ApiOperation({
    summary:
      'Report a remark to the moderators, once per user and remark, with a reason (insult, personal_data, spam, off_topic, duplicate, other). ' +
      '403 EMAIL_NOT_VERIFIED, 404 REMARK_NOT_FOUND, 409 ALREADY_REPORTED, 409 ALREADY_HIDDEN, 429 RATE_LIMITED (Retry-After) past REPORTS_PER_HOUR reports within an hour',
  })
  @ApiCreatedResponse({ type: ReportCreatedResponse })
  @ApiErrors(404, 409, 429)
  report(@CurrentUser() user: AuthUser, @Param('id') remarkId: string, @Body() body: ReportDto): Promise<ReportCreated> {
    return this.moderation.report(user, remarkId, { reason: body.reason, text: body.text ?? null });
  }

  @Get('moderation/queue')
  @Auth('moderator', 'admin')
  @ApiOperation({
    summary:
      'Moderators and administrators: remarks with open reports (each once, placed by its oldest open report) and pending appeals, oldest first, with the remark (original text) and its plan; keyset pagination. 403 FORBIDDEN',
  })
  @ApiOkResponse({ type: ModerationQueueResponse })
  queue(@CurrentUser() user: AuthUser, @Query() query: QueueQuery): Promise<{ items: QueueItem[]; nextCursor: string | null }> {
    return this.moderation.queue(user, query);
  }

  @Post('remarks/:id/moderation')
  @HttpCode(200)
  @Auth('moderator', 'admin')
  @ApiOperation({
    summary:
      "Moderators and administrators: hide a remark (reason and note required; its author is e-mailed and may appeal within 5 working days) or keep it public; on a hidden remark keep restores it, due again from now; with a pending appeal this decides the appeal. Closes the remark's open reports. " +
      '409 SAME_MODERATOR (the moderator who hid it cannot decide its appeal), 409 ALREADY_HIDDEN, 404 REMARK_NOT_FOUND, 400 VALIDATION_FAILED',
  })
  @ApiOkResponse({ type: DecisionResponse })
  @ApiErrors(404, 409)
  decide(@CurrentUser() user: AuthUser, @Param('id') remarkId: string, @Body() body: DecisionDto): Promise<DecisionMade> {
    return this.moderation.decide(user, remarkId, { action: body.action, reason: body.reason ?? null, note: body.note ?? null });
  }

  @Post('remarks/:id/appeal')
  @Auth()
  @ApiOperation({
    summary:
      "The author of a hidden remark appeals the decision to hide it, once, within 5 working days (organizer time zone); another moderator or an administrator decides, and the plan's outcome waits meanwhile. " +
      '403 NOT_AUTHOR, 409 NOT_HIDDEN, 409 ALREADY_APPEALED, 409 APPEAL_WINDOW_CLOSED {closesAt}, 404 REMARK_NOT_FOUND',
  })
  @ApiCreatedResponse({ type: AppealCreatedResponse })
  @ApiErrors(404, 409)
  appeal(@CurrentUser() user: AuthUser, @Param('id') remarkId: string, @Body() body: AppealDto): Promise<AppealCreated> {
    return this.moderation.appeal(user, remarkId, body.text);
  }

  @Get('remarks/:id/moderation')
  @Auth()
  @ApiOperation({
    summary:
      "A remark's moderation history: its decisions (who and when; the author sees no moderator names), reports (moderators only) and appeals, whether its author may appeal and until when, and whether this moderator may decide. Moderators, administrators and the remark's author; 403 FORBIDDEN, 404 REMARK_NOT_FOUND",
  })
  @ApiOkResponse({ type: ModerationHistoryResponse })
  @ApiErrors(403, 404)
  history(@CurrentUser() user: AuthUser, @Param('id') remarkId: string): Promise<ModerationHistory> {
    return this.moderation.history(user, remarkId);
  }
}
