import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AuthGuard } from './auth/auth.guard';
import { TokenService } from './auth/token.service';
import { RateLimiter } from './rate-limiter';
import { RevokedSessionsRepository } from './revoked-sessions.repository';
import { UserTokensRepository } from './user-tokens.repository';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Global()
@Module({
  controllers: [AuthController],
  providers: [
    TokenService,
    AuthService,
    UsersService,
    UsersRepository,
    UserTokensRepository,
    RevokedSessionsRepository,
    RateLimiter,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenService, AuthService, UsersService, UsersRepository, RateLimiter],
})
export class IdentityModule {}
