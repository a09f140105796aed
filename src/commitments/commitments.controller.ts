import { Body, Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API } from '../common/api';
import { AuthUser } from '../identity/auth/auth-user';
import { Auth, CurrentUser } from '../identity/auth/auth.decorators';
import { CommitmentsDto, CommitmentVerdictDto } from './commitments.dto';
import { CommitmentsService, CommitmentVerdictResult } from './commitments.service';
import { ApiErrors } from '../common/openapi';
import { CommitmentVerdictResponse, CommitmentsPublishedResponse } from './commitments.schemas';

@ApiTags('stage 2: commitments')
@Controller(API)
export class CommitmentsController {
  constructor(private readonly commitments: CommitmentsService) {}

  @Post('plans/:id/commitments')
  @HttpCode(201)
  @Auth('organizer')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'The organizer publishes a new version of commitments (a commitment a later answer made, or a change of one) until the outcome; each new version is e-mailed to the author and opens a new window to confirm or dispute. 409 NOTICE_NOT_PUBLISHED, DISCUSSION_CLOSED; 422 COMMITMENT_INVALID, COMMITMENTS_INCOMPLETE {missing}',
  })
  @ApiCreatedResponse({ type: CommitmentsPublishedResponse })
  @ApiErrors(404, 409, 422)
  publish(@Param('id') id: string, @Body() body: CommitmentsDto, @CurrentUser() user: AuthUser) {
    return this.commitments.publish(user, id, body.commitments);
  }

  @Put('remarks/:id/commitment-verdict')
  @HttpCode(200)
  @Auth()
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      "The remark's author confirms or disputes the latest version of its commitment, while stage 2 is open or within 5 working days of that version; a dispute files a stage-2 remark of the author (once per version). 403 NOT_AUTHOR; 409 NOT_A_COMMITMENT, WINDOW_CLOSED",
  })
  @ApiOkResponse({ type: CommitmentVerdictResponse })
  @ApiErrors(404, 409)
  verdict(@Param('id') id: string, @Body() body: CommitmentVerdictDto, @CurrentUser() user: AuthUser): Promise<CommitmentVerdictResult> {
    return this.commitments.verdict(user, id, body);
  }
}
