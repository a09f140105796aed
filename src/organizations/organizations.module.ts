import { Module } from '@nestjs/common';
import { AdminUsersController } from './accounts/admin-users.controller';
import { AdminUsersService } from './accounts/admin-users.service';
import { MeController } from './accounts/me.controller';
import { MeService } from './accounts/me.service';
import { CouncilsRepository } from './councils.repository';
import { AdminOrganizationsController, OrganizationsController } from './organizations.controller';
import { OrganizationsRepository } from './organizations.repository';
import { OrganizationsService } from './organizations.service';

@Module({
  controllers: [AdminOrganizationsController, OrganizationsController, AdminUsersController, MeController],
  providers: [OrganizationsService, AdminUsersService, MeService, CouncilsRepository, OrganizationsRepository],
  exports: [OrganizationsService, AdminUsersService, CouncilsRepository, OrganizationsRepository],
})
export class OrganizationsModule {}
