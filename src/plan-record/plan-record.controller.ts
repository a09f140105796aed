import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API } from '../common/api';
import { AuthUser } from '../identity/auth/auth-user';
import { CurrentUser } from '../identity/auth/auth.decorators';
import { ListPlansQuery } from '../plans/plans.dto';
import { PlanListItem, PlanRecord } from './plan-record';
import { PlanRecordService } from './plan-record.service';
import { ApiErrors } from '../common/openapi';
import { PlanListResponse, PlanRecordResponse } from './plan-record.schemas';

@ApiTags('plans')
@Controller(`${API}/plans`)
export class PlanRecordController {
  constructor(private readonly records: PlanRecordService) {}

  @Get()
  @ApiOperation({
    summary:
      'Published plans, newest first (keyset pagination); status=draft lists own drafts for organizers. Each item has the hearing, protocol, notice and outcome of its GET /plans/{id}; the council review, commitments and moderation counts are in GET /plans/{id} only',
  })
  @ApiOkResponse({ type: PlanListResponse })
  list(
    @CurrentUser() user: AuthUser | undefined,
    @Query() query: ListPlansQuery,
  ): Promise<{ items: PlanListItem[]; nextCursor: string | null }> {
    return this.records.list(user, query);
  }

  @Get(':id')
  @ApiOperation({
    summary:
      "One plan with its status, windows and counts, and every step of the procedure so far (hearing, protocol, review, notice, commitments, outcome). Published texts in the reader's language (Accept-Language, with the kk→ru→en, ru→kk→en, en→ru→kk fallback) and every version under i18n",
  })
  @ApiOkResponse({ type: PlanRecordResponse })
  @ApiErrors(404)
  get(@CurrentUser() user: AuthUser | undefined, @Param('id') id: string): Promise<PlanRecord> {
    return this.records.get(user, id);
  }
}
