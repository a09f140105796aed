import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API } from '../../common/api';
import { ApiErrors } from '../../common/openapi';
import { OcdsPlanReleasesQuery, OcdsReleasePackageResponse, OcdsReleasesQuery } from './ocds.schemas';
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
    summary:
      "The OCDS 1.1 releases of a published plan (one per event, in date order) as a release package, up to `limit` (default and most 1000) a page; `links.next` names the next page; 404 NOT_FOUND for a draft; 400 VALIDATION_FAILED for a cursor that is not one of this plan's `links.next`",
  })
  @ApiOkResponse({ type: OcdsReleasePackageResponse })
  @ApiErrors(400, 404)
  plan(@Param('planId') planId: string, @Query() query: OcdsPlanReleasesQuery) {
    return this.ocds.planPackage(planId, query);
  }
}
