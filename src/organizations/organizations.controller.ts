import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API } from '../common/api';
import type { Locale } from '../common/i18n/locale';
import { Auth, TextLanguage } from '../identity/auth/auth.decorators';
import {
  CouncilTranslationsDto,
  CouncilView,
  CreateCouncilDto,
  CreateOrganizationDto,
  OrganizationTranslationsDto,
  OrganizationView,
} from './organizations.dto';
import { OrganizationsService } from './organizations.service';
import { ApiErrors, CreatedResponse } from '../common/openapi';
import { CouncilResponse, OrganizationResponse } from './organizations.schemas';

@ApiTags('admin')
@ApiBearerAuth()
@Auth('admin')
@Controller(`${API}/admin`)
export class AdminOrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Post('councils')
  @ApiOperation({
    summary: 'Create a public council; the name as a string in the Content-Language (else the account language) or {kk, ru, en}',
  })
  @ApiCreatedResponse({ type: CreatedResponse })
  createCouncil(@Body() body: CreateCouncilDto, @TextLanguage() lang: Locale): Promise<{ id: string }> {
    return this.organizations.createCouncil(body.name, lang);
  }

  @Put('councils/:id/translations')
  @ApiOperation({
    summary: "Add missing translations of a council's name; 409 TRANSLATION_EXISTS for a language already there with another text",
  })
  @ApiOkResponse({ type: CouncilResponse })
  @ApiErrors(404, 409)
  councilTranslations(@Param('id') id: string, @Body() body: CouncilTranslationsDto, @TextLanguage() lang: Locale): Promise<CouncilView> {
    return this.organizations.addCouncilTranslations(id, body, lang);
  }

  @Get('councils')
  @ApiOperation({ summary: 'All public councils' })
  @ApiOkResponse({ type: [CouncilResponse] })
  listCouncils(): Promise<CouncilView[]> {
    return this.organizations.listCouncils();
  }

  @Post('organizations')
  @ApiOperation({ summary: 'Create an organizer (INVALID_BIN, BIN_TAKEN, INVALID_TIME_ZONE, COUNCIL_NOT_FOUND)' })
  @ApiCreatedResponse({ type: CreatedResponse })
  @ApiErrors(404, 409)
  createOrganization(@Body() body: CreateOrganizationDto, @TextLanguage() lang: Locale): Promise<{ id: string }> {
    return this.organizations.createOrganization(body, lang);
  }

  @Put('organizations/:id/translations')
  @ApiOperation({
    summary:
      "Add missing translations of an organization's name or address; 409 TRANSLATION_EXISTS for a language already there with another text",
  })
  @ApiOkResponse({ type: OrganizationResponse })
  @ApiErrors(404, 409)
  organizationTranslations(
    @Param('id') id: string,
    @Body() body: OrganizationTranslationsDto,
    @TextLanguage() lang: Locale,
  ): Promise<OrganizationView> {
    return this.organizations.addOrganizationTranslations(id, body, lang);
  }

  @Get('organizations')
  @ApiOperation({ summary: 'All organizers' })
  @ApiOkResponse({ type: [OrganizationResponse] })
  listOrganizations(): Promise<OrganizationView[]> {
    return this.organizations.listOrganizations();
  }
}

@ApiTags('organizations')
@Controller(`${API}/organizations`)
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @ApiOperation({ summary: 'All organizers (public): id, name, bin, address, timeZone, councilId' })
  @ApiOkResponse({ type: [OrganizationResponse] })
  list(): Promise<OrganizationView[]> {
    return this.organizations.listOrganizations();
  }
}
