import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API } from '../common/api';
import { AuthUser } from '../identity/auth/auth-user';
import { Auth, CurrentUser } from '../identity/auth/auth.decorators';
import { PlanView } from './plan-view';
import { CreatePlanDto, ListPlansQuery } from './plans.dto';
import { PlansService } from './plans.service';

@ApiTags('plans')
@Controller(`${API}/plans`)
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Post()
  @Auth('organizer')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Create a draft plan item (organizer staff)' })
  create(@CurrentUser() user: AuthUser, @Body() body: CreatePlanDto): Promise<{ id: string; status: 'draft' }> {
    return this.plans.create(user, body);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Auth('organizer')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Publish a draft: opens stage 1 (20 days, extended to a working day); 409 PLAN_NOT_DRAFT' })
  publish(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<PlanView> {
    return this.plans.publish(user, id);
  }

  @Get()
  @ApiOperation({ summary: 'Published plans, newest first (keyset pagination); status=draft lists own drafts for organizers' })
  list(
    @CurrentUser() user: AuthUser | undefined,
    @Query() query: ListPlansQuery,
  ): Promise<{ items: PlanView[]; nextCursor: string | null }> {
    return this.plans.list(user, query);
  }
}
