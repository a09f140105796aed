import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API } from '../../common/api';
import { AuthUser } from '../../identity/auth/auth-user';
import { Auth, CurrentUser } from '../../identity/auth/auth.decorators';
import { MeService, MeView } from './me.service';
import { MeResponse } from './me.schemas';

@ApiTags('auth')
@Controller(`${API}/me`)
export class MeController {
  constructor(private readonly account: MeService) {}

  @Get()
  @Auth()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user with role, organization or council' })
  @ApiOkResponse({ type: MeResponse })
  me(@CurrentUser() user: AuthUser): Promise<MeView> {
    return this.account.me(user.id);
  }
}
