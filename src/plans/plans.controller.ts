import { Body, Controller, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API } from '../common/api';
import { AuthUser } from '../identity/auth/auth-user';
import type { Locale } from '../common/i18n/locale';
import { Auth, CurrentUser, TextLanguage } from '../identity/auth/auth.decorators';
import { PlanView } from './plan-view';
import { CreatePlanDto, PlanTranslationsDto, UpdatePlanDto } from './plans.dto';
import { PlansService } from './plans.service';
import { ApiErrors } from '../common/openapi';
import { PlanCreatedResponse, PlanResponse } from './plans.schemas';

/** Writes of plans; the reads (GET /plans, GET /plans/{id}) are the plan record's (src/plan-record). */
@ApiTags('plans')
@Controller(`${API}/plans`)
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Post()
  @Auth('organizer')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Create a draft plan item (organizer staff); texts as a string in the Content-Language (else the account language) or {kk, ru, en}',
  })
  @ApiCreatedResponse({ type: PlanCreatedResponse })
  create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreatePlanDto,
    @TextLanguage() lang: Locale,
  ): Promise<{ id: string; status: 'draft' }> {
    return this.plans.create(user, body, lang);
  }

  @Patch(':id')
  @Auth('organizer')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change a draft (any field; a text sent replaces it in every language); 409 PLAN_NOT_DRAFT once published' })
  @ApiOkResponse({ type: PlanResponse })
  @ApiErrors(404, 409)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: UpdatePlanDto,
    @TextLanguage() lang: Locale,
  ): Promise<PlanView> {
    return this.plans.update(user, id, body, lang);
  }

  @Put(':id/translations')
  @Auth('organizer')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Add missing translations of the title, description or delivery place, also after publication: not a correction, nobody is told; 409 TRANSLATION_EXISTS for a language already there with another text',
  })
  @ApiOkResponse({ type: PlanResponse })
  @ApiErrors(404, 409)
  translations(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: PlanTranslationsDto,
    @TextLanguage() lang: Locale,
  ): Promise<PlanView> {
    return this.plans.addTranslations(user, id, body, lang);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Auth('organizer')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Publish a draft: opens stage 1 (20 days, extended to a working day); 409 PLAN_NOT_DRAFT; 422 TRANSLATION_REQUIRED (missing: ["title.kk", ...]) without the title and description in Kazakh and Russian',
  })
  @ApiOkResponse({ type: PlanResponse })
  @ApiErrors(404, 409, 422)
  publish(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<PlanView> {
    return this.plans.publish(user, id);
  }
}
