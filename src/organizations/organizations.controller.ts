import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API } from '../common/api';
import { Auth } from '../identity/auth/auth.decorators';
import { CouncilView, CreateCouncilDto, CreateOrganizationDto, OrganizationView } from './organizations.dto';
import { OrganizationsService } from './organizations.service';

@ApiTags('admin')
@ApiBearerAuth()
@Auth('admin')
@Controller(`${API}/admin`)
export class AdminOrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Post('councils')
  @ApiOperation({ summary: 'Create a public council' })
  createCouncil(@Body() body: CreateCouncilDto): Promise<{ id: string }> {
    return this.organizations.createCouncil(body.name);
  }

  @Get('councils')
  @ApiOperation({ summary: 'All public councils' })
  listCouncils(): Promise<CouncilView[]> {
    return this.organizations.listCouncils();
  }

  @Post('organizations')
  @ApiOperation({ summary: 'Create an organizer (INVALID_BIN, BIN_TAKEN, INVALID_TIME_ZONE, COUNCIL_NOT_FOUND)' })
  createOrganization(@Body() body: CreateOrganizationDto): Promise<{ id: string }> {
    return this.organizations.createOrganization(body);
  }

  @Get('organizations')
  @ApiOperation({ summary: 'All organizers' })
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
  list(): Promise<OrganizationView[]> {
    return this.organizations.listOrganizations();
  }
}
