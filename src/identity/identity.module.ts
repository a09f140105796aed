import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Council } from '../organizations/council.entity';
import { Organization } from '../organizations/organization.entity';
import { AdminUsersController } from './admin/admin-users.controller';
import { AdminUsersService } from './admin/admin-users.service';
import { AuthController, MeController } from './auth.controller';
import { AuthService } from './auth.service';
import { AuthGuard } from './auth/auth.guard';
import { TokenService } from './auth/token.service';
import { RateLimiter } from './rate-limiter';
import { User } from './user.entity';
import { UserToken } from './user-token.entity';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([User, UserToken, Council, Organization])],
  controllers: [AuthController, MeController, AdminUsersController],
  providers: [TokenService, AuthService, AdminUsersService, RateLimiter, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenService, AuthService, AdminUsersService, RateLimiter, TypeOrmModule],
})
export class IdentityModule {}
