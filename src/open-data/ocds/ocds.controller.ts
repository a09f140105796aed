import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API } from '../../common/api';
import { ApiErrors } from '../../common/openapi';
import { OcdsReleasePackageResponse, OcdsReleasesQuery } from './ocds.schemas';
import { OcdsService } from './ocds.service';

@ApiTags('open data')
@Controller(API)
export class OcdsController {
  constructor(private readonly ocds: OcdsService) {}

  @Get('ocds/releases')
  @ApiOperation({
    summary:
      'OCDS 1.1 releases stored since `since`, oldest first, as a release package; `links.next` names the next page (a correction, verdict or moderation decision makes a new release)',
  })
  @ApiOkResponse({ type: OcdsReleasePackageResponse })
  @ApiErrors(400)
  list(@Query() query: OcdsReleasesQuery) {
    return this.ocds.releasesSince(query);
  }

  @Get('ocds/releases/:planId')
  @ApiOperation({
    summary: 'Every OCDS 1.1 release of a published plan (one per event, in date order) as a release package; 404 NOT_FOUND for a draft',
  })
  @ApiOkResponse({ type: OcdsReleasePackageResponse })
  @ApiErrors(404)
  plan(@Param('planId') planId: string) {
    return this.ocds.planPackage(planId);
  }
}
