import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthGuard } from './auth/auth.guard';
import { TokenService } from './auth/token.service';
import { User } from './user.entity';
import { UserToken } from './user-token.entity';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([User, UserToken])],
  providers: [TokenService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenService, TypeOrmModule],
})
export class IdentityModule {}
