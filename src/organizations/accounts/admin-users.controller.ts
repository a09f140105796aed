import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API } from '../../common/api';
import { Auth } from '../../identity/auth/auth.decorators';
import { CreateUserDto } from './admin-users.dto';
import { AdminUsersService } from './admin-users.service';
import { ApiErrors, CreatedResponse } from '../../common/openapi';

@ApiTags('admin')
@ApiBearerAuth()
@Auth('admin')
@Controller(`${API}/admin/users`)
export class AdminUsersController {
  constructor(private readonly users: AdminUsersService) {}

  @Post()
  @ApiOperation({
    summary:
      'Create an organizer (needs organizationId), council member (needs councilId; isChair for the one chair) or administrator. ' +
      'The e-mail counts as verified. ROLE_MISMATCH, EMAIL_TAKEN, CHAIR_EXISTS, WEAK_PASSWORD, ORGANIZATION_NOT_FOUND, COUNCIL_NOT_FOUND.',
  })
  @ApiCreatedResponse({ type: CreatedResponse })
  @ApiErrors(404, 409)
  create(@Body() body: CreateUserDto): Promise<{ id: string }> {
    return this.users.create(body);
  }
}
